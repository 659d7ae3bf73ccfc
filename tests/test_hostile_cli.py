"""Issue 18: hostile inputs and outputs through the command as a user runs it: one line of
error and exit status 1, never a traceback, never endless reading."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from brackets.inputs import DEFAULT_MAX_TEXT_BYTES, MAX_TEXT_ENV


def brackets_cli(
    *args: str, stdin: int | bytes | None = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`python -m brackets.cli ARGS`, with real standard streams."""
    return subprocess.run(
        [sys.executable, "-m", "brackets.cli", *args],
        input=stdin if isinstance(stdin, bytes) else None,
        stdin=stdin if isinstance(stdin, int) else None,
        capture_output=True,
        check=False,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def one_error_line(done: subprocess.CompletedProcess[bytes]) -> str:
    """The one line of error (`check` reports on standard output, other commands on error)."""
    err = (done.stdout + done.stderr).decode("utf-8", "replace")
    assert done.returncode == 1, err
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    return err.strip()


# -- §4: text inputs have a bound ---------------------------------------------------------


TOO_LARGE = f"the input is larger than the limit of 100000 bytes (raise ${MAX_TEXT_ENV})"


def test_the_default_text_limit_is_200_mib() -> None:
    assert DEFAULT_MAX_TEXT_BYTES == 200 * 1024 * 1024


def test_an_endless_standard_input_is_refused_at_the_limit() -> None:
    """`yes | brackets check -`: the generator process never ends; reading stops at the limit."""
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        assert yes.stdout is not None
        done = brackets_cli("check", "-", stdin=yes.stdout.fileno(), env={MAX_TEXT_ENV: "100000"})
    finally:
        yes.kill()
        yes.wait()
    assert one_error_line(done) == f"<stdin>: error: {TOO_LARGE}"


def test_dev_zero_is_refused_at_the_limit() -> None:
    done = brackets_cli("check", "/dev/zero", env={MAX_TEXT_ENV: "100000"})
    assert one_error_line(done) == f"/dev/zero: error: {TOO_LARGE}"


def test_a_file_at_the_limit_is_read_and_one_byte_more_refused(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(b"1. Text [a] b\n")
    limit = str(draft.stat().st_size)
    assert brackets_cli("check", str(draft), env={MAX_TEXT_ENV: limit}).returncode == 0
    assert (
        brackets_cli("check", "-", stdin=draft.read_bytes(), env={MAX_TEXT_ENV: limit}).returncode
        == 0
    )
    draft.write_bytes(b"1. Text [a] b\n\n")
    assert "larger than the limit" in one_error_line(
        brackets_cli("check", str(draft), env={MAX_TEXT_ENV: limit})
    )


@pytest.mark.parametrize("value", ["lots", "0", "-5"])
def test_a_wrong_limit_is_one_line(tmp_path: Path, value: str) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(b"1. Text\n")
    assert MAX_TEXT_ENV in one_error_line(
        brackets_cli("check", str(draft), env={MAX_TEXT_ENV: value})
    )


# -- §5: devices and FIFOs take each command's default format -----------------------------

SAMPLE_TXT = Path(__file__).parent.parent / "samples" / "water-cooperation-draft.txt"
COMMANDS = {
    "check": ("check", str(SAMPLE_TXT)),
    "objections": ("objections", str(SAMPLE_TXT)),
    "resolve": ("resolve", str(SAMPLE_TXT)),
    "convert": ("convert", str(SAMPLE_TXT)),
    "redline": ("redline", str(SAMPLE_TXT)),
    "report": ("report", str(SAMPLE_TXT)),
    "compare": ("compare", str(SAMPLE_TXT), str(SAMPLE_TXT)),
    "history": ("history", str(SAMPLE_TXT), str(SAMPLE_TXT)),
}
#: What each command's default format starts with (check: no problem, no line).
STARTS = {
    "check": b"",
    "objections": b"ID",
    "resolve": b"",
    "convert": b"",
    "redline": b"PK\x03\x04",
    "report": b"<!DOCTYPE html>",
    "compare": b"",
    "history": b"",
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_dev_null_takes_any_command(command: str) -> None:
    done = brackets_cli(*COMMANDS[command], "-o", "/dev/null")
    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_dev_stdout_gets_the_default_format(command: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with out.open("wb") as stream:
        done = subprocess.run(
            [sys.executable, "-m", "brackets.cli", *COMMANDS[command], "-o", "/dev/stdout"],
            stdout=stream,
            stderr=subprocess.PIPE,
            check=False,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr.decode()
    assert out.read_bytes().startswith(STARTS[command])


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_fifo_without_extension_gets_the_default_format(command: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    done = brackets_cli(*COMMANDS[command], "-o", str(fifo))
    data, _ = reader.communicate(timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert data.startswith(STARTS[command])


def test_compare_on_a_device_writes_criticmarkup(tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    new.write_text(SAMPLE_TXT.read_text(encoding="utf-8").replace("water", "rivers", 1))
    out = tmp_path / "out"
    with out.open("wb") as stream:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "brackets.cli",
                *("compare", SAMPLE_TXT, new),
                "-o",
                "/dev/stdout",
            ],
            stdout=stream,
            stderr=subprocess.PIPE,
            check=False,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr.decode()
    assert "{~~water~>rivers~~}" in out.read_text(encoding="utf-8")


def test_compare_to_a_new_file_without_extension_is_refused_before_any_work(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "missing.txt"
    done = brackets_cli("compare", str(missing), str(missing), "-o", str(tmp_path / "out"))
    assert "wrong output extension" in one_error_line(done)


# -- §8: smaller ones -----------------------------------------------------------------------

_OUT_OF_MEMORY_CHILD = """
import resource, sys
from brackets.docx.ooxml.package import parse_xml
from brackets.errors import DocxError
data = b"<r>" + b'<p a="1"><t>xx</t></p>' * 2_000_000 + b"</r>"
pages = int(open("/proc/self/statm").read().split()[0])
limit = pages * resource.getpagesize() + 100 * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))
try:
    parse_xml(data, "big.docx", "word/document.xml")
    print("parsed")
except DocxError as error:
    print(error.message)
"""


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs /proc (Linux)")
def test_running_out_of_memory_in_lxml_is_the_documented_line() -> None:
    """libxml2 out of memory says "unknown error" (XML_ERR_NO_MEMORY): not malformed XML."""
    done = subprocess.run(
        [sys.executable, "-c", _OUT_OF_MEMORY_CHILD], capture_output=True, check=False, timeout=120
    )
    out = done.stdout.decode().strip()
    assert done.returncode == 0, done.stderr.decode()
    if out == "parsed":
        pytest.skip("the parse fitted in 100 MB more on this machine")
    assert out.startswith("out of memory parsing word/document.xml: the document is too large")
    assert "malformed" not in out


# -- the sweep: every command over odd inputs ---------------------------------------------

ODD_TEXTS = {
    "empty": b"",
    "only newlines": b"\n" * 1000,
    "NUL bytes": b"1. a\0b [c\0] (+CHN)\n\0",
    "lone surrogate": b"1. a \xed\xa0\x80 b\n",
    "1 MB on one line": b"word " * 210_000 + b"[a] (+CHN)",
    "a PDF": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "UTF-16 with BOM": "1. [a] (+CHN)\n".encode("utf-16"),
    "lone carriage returns": b"1. [a\r(+CHN)\r\r]\r",
}


def _zip_bytes() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    return buffer.getvalue()


def _runs(path: Path, other: Path, out: Path) -> list[list[str]]:
    p, o = str(path), str(other)
    return [
        ["check", p],
        ["objections", p],
        ["resolve", p],
        ["resolve", p, "-o", str(out / "clean.docx")],
        ["convert", p],
        ["redline", p, "-o", str(out / "redline.docx")],
        ["report", p, "-o", str(out / "report.html")],
        ["stats", p],
        ["compare", p, o],
        ["compare", o, p, "--summary"],
        ["compare", p, o, "-o", str(out / "compare.docx")],
    ]


@pytest.mark.parametrize(
    "name", [*sorted(ODD_TEXTS), "a zip named .txt", "a zip named .docx", "a PDF named .docx"]
)
def test_every_command_over_odd_inputs_gives_a_result_or_one_error(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In process (a traceback would fail the test): status 0, or 1 with `PATH: error:` lines."""
    from brackets.cli import main

    suffix = ".docx" if name.endswith(".docx") else ".txt"
    data = ODD_TEXTS.get(name) or (ODD_TEXTS["a PDF"] if name.startswith("a PDF") else _zip_bytes())
    path = tmp_path / f"odd{suffix}"
    path.write_bytes(data)
    other = tmp_path / "other.txt"
    other.write_text("1. Text [a] (+CHN) b\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for args in _runs(path, other, out):
        status = main(args)
        captured = capsys.readouterr()
        assert status in (0, 1), (args, captured.err)
        if status == 1 and args[0] not in ("check", "stats"):
            problems = [line for line in captured.err.splitlines() if ": error: " in line]
            assert problems, (args, captured.err)


def test_an_endless_delegation_list_is_refused() -> None:
    done = brackets_cli("check", "--delegations", "/dev/zero", str(SAMPLE_TXT))
    assert one_error_line(done) == (
        "/dev/zero: error: larger than 16777216 bytes: not a delegation list"
    )
