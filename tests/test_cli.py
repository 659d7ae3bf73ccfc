"""The command line: output formats, exit codes, and no traceback on bad input."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from drafts import CICA, SAMPLE, UNFCCC_DEC9

import brackets
from brackets.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_check_reports_every_unbalanced_bracket(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", str(UNFCCC_DEC9))
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert status == 1
    assert errors == [
        f"{UNFCCC_DEC9}:109:273: error: ']' closes no open bracket",
        f"{UNFCCC_DEC9}:177:140: error: ']' closes no open bracket",
        f"{UNFCCC_DEC9}:228:366: error: bracket opened here is never closed",
    ]


def test_check_lenient_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "check", str(UNFCCC_DEC9), str(CICA), "--lenient", "--format", "json"
    )
    assert status == 0
    found = json.loads(out)
    assert {"path", "line", "column", "severity", "message"} <= set(found[0])
    assert {d["severity"] for d in found} == {"warning"}
    assert run(capsys, "check", str(CICA), str(SAMPLE))[:2] == (0, "")


def test_objections_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "objections", str(CICA), "--format", "json")
    report = json.loads(out)
    assert status == 0
    b1 = report["brackets"][0]
    assert b1 == {
        "id": "b1",
        "line": 196,
        "column": 260,
        "depth": 1,
        "label": "1.10",
        "text": ", which should be not less than two and not more than four years",
        "supporters": [],
        "objectors": ["IND"],
        "reservations": [],
        "placeholder": False,  # issue 17: a placeholder bracket says so
    }
    assert len(report["brackets"]) == 14
    assert report["delegations"]["CHN"] == {
        "canonical": "CHN",  # issue 20 §3: the registry's code beside the draft's own
        "supports": ["b8"],
        "objects": ["b5", "b7"],
        "reserves": ["b13"],
    }
    objecting = sorted(code for code, held in report["delegations"].items() if held["objects"])
    assert objecting == ["CHN", "IND", "IRAN"]
    reserving = brackets.positions(brackets.read(CICA)).reserving
    assert reserving == ("AZER", "CHN", "SEC")


def test_objections_paragraph_positions_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    report = json.loads(run(capsys, "objections", str(SAMPLE), "--format", "json")[1])
    (own,) = [p for p in report["paragraphs"] if p["reservations"]]
    assert (own["id"], own["label"], own["reservations"]) == ("p28", "6.", ["*"])
    assert report["delegations"]["*"]["reserves"] == ["p28"]
    rows = list(
        csv.DictReader(io.StringIO(run(capsys, "objections", str(SAMPLE), "--format", "csv")[1]))
    )
    assert rows[0]["id"] == "b1" and rows[0]["objectors"] == "CHN"
    assert rows[-1]["id"] == "p28"


def test_objections_table_fits_80_columns(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "objections", str(CICA))
    assert status == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "Delegations objecting: CHN, IND, IRAN" in out


def test_resolve_prints_exactly_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "resolve", str(SAMPLE), "--policy", "silence")
    assert status == 0
    assert out.endswith(
        "5. Support capacity-building programmes for water professionals, "
        "especially in landlocked developing countries;"
    )
    assert "alternatives b8, b9, b10 left open: all survive under 'silence'" in err


def test_resolve_what_if_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    status, stdout, _ = run(
        capsys,
        "resolve",
        str(SAMPLE),
        "--policy",
        "silence",
        "--withdraw",
        "China",
        "--accept",
        "B8",
        "--reject",
        "b14",
        "-o",
        str(out),
    )
    assert (status, stdout) == (0, "")
    text = out.read_text(encoding="utf-8")
    assert "3. Invite the Secretariat" in text
    assert "4. Establish an expert working group" in text
    assert "landlocked" not in text
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_resolve_refuses_to_overwrite_its_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("a [b] (-CHN) c", encoding="utf-8")
    status, _, err = run(capsys, "resolve", str(draft), "-o", str(draft))
    assert status == 1 and "refusing to overwrite the input" in err
    assert draft.read_text(encoding="utf-8") == "a [b] (-CHN) c"


def test_resolve_keeps_the_input_encoding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes("\ufeffСтатья [1] (-CHN)\r\nДа\r\n".encode())
    out = tmp_path / "out.txt"
    assert run(capsys, "resolve", str(draft), "-o", str(out))[0] == 0
    assert out.read_bytes() == "\ufeffСтатья\r\nДа\r\n".encode()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["resolve", "missing.txt"], "missing.txt: error: no such file"),
        (
            ["resolve", "{sample}", "--accept", "b99"],
            "no bracket or paragraph position named 'b99'",
        ),
        (["objections", "{bad}"], "{bad}:1:3: error: attribution group (+CHN) follows no bracket"),
        (["check", "{latin1}"], "{latin1}:1:3: error: not UTF-8 text (byte 0xE9)"),
    ],
)
def test_errors_are_one_clear_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("a (+CHN) b", encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("ab\xe9".encode("latin-1"))
    names = {"sample": str(SAMPLE), "bad": str(bad), "latin1": str(latin1)}
    status, out, err = run(capsys, *[a.format(**names) for a in args])
    assert status == 1
    assert message.format(**names) in out + err
    assert "Traceback" not in out + err


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text("1. Text [never closed\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "brackets.cli", "check", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == f"{broken}:1:9: error: bracket opened here is never closed\n"
    assert done.stderr == ""


def test_outputs_get_ordinary_permissions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "clean.txt"
    old = os.umask(0o022)
    try:
        assert run(capsys, "resolve", str(SAMPLE), "-o", str(out))[0] == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


# -- outputs and inputs (issue 9: outputs are never destructive) ---------------------------


def cli(
    *args: str, stdin: bytes = b"", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """The installed command as a user runs it (real stdin, stdout and stderr)."""
    return subprocess.run(
        [sys.executable, "-m", "brackets.cli", *args],
        input=stdin,
        capture_output=True,
        check=False,
        cwd=cwd,
    )


def test_devices_are_written_to_never_replaced(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "resolve", str(SAMPLE), "-o", "/dev/full")
    assert status == 1
    assert err.splitlines()[-1] == "/dev/full: error: cannot write: No space left on device"
    assert run(capsys, "resolve", str(SAMPLE), "-o", "/dev/null")[0] == 0
    assert run(capsys, "redline", str(SAMPLE), "-o", "/dev/null")[0] == 0
    assert os.path.exists("/dev/null") and os.stat("/dev/null").st_rdev == os.makedev(1, 3)
    assert os.stat("/dev/full").st_rdev == os.makedev(1, 7)


def test_a_fifo_output_receives_the_redline(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    done = cli("redline", str(SAMPLE), "-o", str(fifo))
    data, _ = reader.communicate(timeout=30)
    assert done.returncode == 0 and data.startswith(b"PK\x03\x04")
    assert os.path.exists(fifo) and not fifo.is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["redline", "{sample}", "-o", "x.txt"], "'.txt' in x.txt): this output must end in .docx"),
        (["resolve", "{sample}", "-o", "out.pdf"], "must end in .txt, .md or .docx"),
        (
            ["convert", "{docx}", "-o", "y.docx"],
            "'.docx' in y.docx): this output must end in .txt or .md",
        ),
        (["objections", "{sample}", "--format", "json", "-o", "x.csv"], "must end in .json"),
        (["check", "{sample}", "-o", "x.json"], "must end in .txt"),
    ],
)
def test_the_output_extension_must_match_what_is_written(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    names = {"sample": str(SAMPLE), "docx": str(SAMPLE.with_name("volunteerism-draft.docx"))}
    status, out, err = run(capsys, *[a.format(**names) for a in args])
    assert (status, out) == (1, "")
    assert err.startswith(f"{args[-1]}: error: wrong output extension (")
    assert err.endswith(f"{message}\n") and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_reports_can_be_written_to_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    table = tmp_path / "positions.csv"
    status = main(["objections", str(SAMPLE), "--format", "csv", "-o", str(table)])
    assert (status, capsys.readouterr().out) == (0, "")
    assert table.read_text(encoding="utf-8").startswith("id,line,column,depth,label,")
    found = tmp_path / "found.json"
    status = main(["check", str(UNFCCC_DEC9), "--format", "json", "-o", str(found)])
    assert (status, capsys.readouterr().out) == (1, "")
    diagnostics = json.loads(found.read_text(encoding="utf-8"))
    assert [d["line"] for d in diagnostics if d["severity"] == "error"] == [109, 177, 228]


@pytest.mark.parametrize("how", ["same", "symlink", "hard link"])
def test_the_delegation_file_is_never_the_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, how: str
) -> None:
    deleg = tmp_path / "deleg.txt"
    deleg.write_text("DEL: Delegation of Delta\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    if how == "symlink":
        out.symlink_to(deleg.name)
    elif how == "hard link":
        os.link(deleg, out)
    else:
        out = deleg
    args = ["resolve", str(SAMPLE), "--delegations", str(deleg), "-o", str(out)]
    status, _, err = run(capsys, *args)
    assert status == 1
    assert (
        err
        == f"{out}: error: refusing to overwrite the input file {deleg}; choose another output\n"
    )
    assert deleg.read_text(encoding="utf-8") == "DEL: Delegation of Delta\n"


def test_a_read_only_output_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "clean.docx"
    out.write_bytes(b"old")
    out.chmod(0o444)
    status, _, err = run(capsys, "resolve", str(SAMPLE), "-o", str(out))
    assert (status, err) == (1, f"{out}: error: cannot write: file is read-only\n")
    assert out.read_bytes() == b"old"


def test_dash_output_is_standard_output(tmp_path: Path) -> None:
    done = cli("resolve", str(SAMPLE), "-o", "-", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout == cli("resolve", str(SAMPLE)).stdout != b""
    redline = cli("redline", str(SAMPLE), "-o", "-", cwd=tmp_path)
    assert redline.returncode == 0 and redline.stdout.startswith(b"PK\x03\x04")
    assert list(tmp_path.iterdir()) == []  # no file named '-'


def test_a_word_document_is_not_written_to_a_terminal(tmp_path: Path) -> None:
    import pty

    controller, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "brackets.cli", "redline", str(SAMPLE), "-o", "-"],
            stdout=terminal,
            stderr=subprocess.PIPE,
            check=False,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert done.returncode == 1
    assert done.stderr.decode().startswith(
        "<stdout>: error: refusing to write a Word document to a terminal"
    )


def test_dash_input_is_standard_input(tmp_path: Path) -> None:
    text = SAMPLE.read_bytes()
    assert cli("resolve", "-", stdin=text).stdout == cli("resolve", str(SAMPLE)).stdout
    broken = cli("check", "-", stdin=b"1. Text [never closed\n")
    assert broken.stdout == b"<stdin>:1:9: error: bracket opened here is never closed\n"
    word = cli("redline", str(SAMPLE), "-o", "-").stdout
    converted = cli("convert", "-", stdin=word)
    assert converted.returncode == 0
    assert b"Chairmanship of Kazakhstan" in converted.stdout
    clean = tmp_path / "clean.docx"
    assert cli("resolve", "-", "-o", str(clean), stdin=word).returncode == 0
    assert zipfile.is_zipfile(clean)
    damaged = cli("convert", "-", stdin=b"PK\x03\x04 not really a zip")
    assert damaged.returncode == 1
    assert damaged.stderr.decode().startswith("<stdin>: error: not a Word document")


def test_standard_input_redirected_from_the_output_is_refused(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(b"a [b] (-CHN) c\n")
    with draft.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "brackets.cli", "resolve", "-", "-o", str(draft)],
            stdin=stdin,
            capture_output=True,
            check=False,
        )
    assert done.returncode == 1
    assert b"refusing to overwrite the input file <stdin>" in done.stderr
    assert draft.read_bytes() == b"a [b] (-CHN) c\n"


def test_dev_stdout_writes_through_the_stream_so_appends_stay_appends(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_bytes(b"earlier output\n")
    with log.open("ab") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "brackets.cli", "resolve", str(SAMPLE), "-o", "/dev/stdout"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert done.returncode == 0
    assert log.read_bytes() == b"earlier output\n" + cli("resolve", str(SAMPLE)).stdout
    piped = cli("resolve", str(SAMPLE), "-o", "/dev/stdout")
    assert piped.returncode == 0 and piped.stdout == cli("resolve", str(SAMPLE)).stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.txt"]


# -- decisions and options fail loudly and helpfully (issue 9) ------------------------------


def test_a_withdrawal_typo_is_an_error_with_a_suggestion(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "clean.txt"
    status, stdout, err = run(capsys, "resolve", str(CICA), "--withdraw", "AZR", "-o", str(out))
    assert (status, stdout) == (1, "")
    assert err == (
        f"{CICA}: error: withdraw AZR: no delegation named AZR takes a position in this draft;"
        " did you mean AZER?\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("decision", "message"),
    [
        (["--withdraw", "KAZ"], "withdraw KAZ: KAZ takes no position in this draft"),
        (["--withdraw", "*"], "withdraw *: this draft has no anonymous reservation (tcb)"),
        (["--accept", "8"], "accept 8: no bracket or paragraph position named '8'; did you mean"),
        (["--reject", "b15"], "(this draft has b1 to b14)"),
        (["--withdraw", ""], "withdraw: empty value; name a delegation"),
        (["--withdraw", "IRAN,"], "withdraw: empty value in 'IRAN,'"),
        (["--accept", " "], "accept: empty value; name a bracket (bN)"),
    ],
)
def test_decisions_that_name_nothing_are_errors(
    capsys: pytest.CaptureFixture[str], decision: list[str], message: str
) -> None:
    status, stdout, err = run(capsys, "resolve", str(CICA), *decision)
    assert (status, stdout) == (1, "")
    assert err.startswith(f"{CICA}: error: ") and message in err
    assert len(err.splitlines()) == 1


def test_withdraw_takes_lists_names_and_aliases(capsys: pytest.CaptureFixture[str]) -> None:
    both = run(capsys, "resolve", str(CICA), "--policy", "silence", "--withdraw", "IRAN,CHN")
    apart = run(
        capsys,
        "resolve",
        str(CICA),
        "--policy",
        "silence",
        "--withdraw",
        "IRAN",
        "--withdraw",
        "CHN",
    )
    named = run(
        capsys,
        "resolve",
        str(CICA),
        "--policy",
        "silence",
        "--withdraw",
        "Islamic Republic of Iran, Delegation of China",
    )
    only_iran = run(capsys, "resolve", str(CICA), "--policy", "silence", "--withdraw", "IRAN")
    assert both[0] == 0 and both == apart == named
    assert both[1] != only_iran[1]


def test_delegation_file_errors_name_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    latin1 = tmp_path / "codes.txt"
    latin1.write_bytes("EU: European Union\nFR: R\xe9publique fran\xe7aise\n".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    for command in ("check", "resolve"):
        status, out, err = run(capsys, command, str(SAMPLE), "--delegations", str(latin1))
        assert (status, out) == (1, "")
        assert err == (
            f"{latin1}:2:6: error: not UTF-8 text (byte 0xE9); save the delegation list as UTF-8\n"
        )
        status, out, err = run(capsys, command, str(SAMPLE), "--delegations", str(missing))
        assert (status, out, err) == (1, "", f"{missing}: error: no such delegation list\n")


@pytest.mark.parametrize("command", ["objections", "resolve", "redline"])
def test_strict_failure_suggests_lenient(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text("1. Text [never closed\n", encoding="utf-8")
    out = ["-o", str(tmp_path / "out.docx")] if command == "redline" else []
    status, _, err = run(capsys, command, str(broken), *out)
    lines = err.splitlines()
    assert status == 1
    assert lines[0] == f"{broken}:1:9: error: bracket opened here is never closed"
    assert lines[-1].startswith("brackets: hint:") and "--lenient" in lines[-1]
    status, _, err = run(capsys, command, str(broken), "--lenient", *out)
    assert status == 0 and "hint" not in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"brackets {brackets.__version__}\n"
    assert brackets.__version__ == "0.1.0"


def test_the_command_table_names_the_choices_of_the_library() -> None:
    # Literals in cli.py, so that `brackets --version` loads no grammar (issue 19).
    from brackets import cli
    from brackets.compare import COMPARE_EXTENSIONS
    from brackets.compare.summary import Summary
    from brackets.report import formats
    from brackets.resolve import POLICIES
    from brackets.stats import StatsRun
    from brackets.timeline import History

    assert formats(brackets.CheckReport) == cli.CHECK_FORMATS
    assert formats(brackets.Positions) == cli.POSITIONS_FORMATS
    assert formats(Summary) == cli.SUMMARY_FORMATS
    assert formats(History)[: len(cli.HISTORY_FORMATS)] == cli.HISTORY_FORMATS
    assert {e.lstrip('.') for e in cli.OUTPUT_EXTENSIONS['history']} - {'htm'} <= set(
        formats(History)
    )
    assert formats(StatsRun) == cli.STATS_FORMATS
    assert cli.POLICIES == POLICIES
    assert cli.COMPARE_EXTENSIONS == COMPARE_EXTENSIONS
    assert cli.NEUTRAL_AUTHOR == brackets.docx.NEUTRAL_AUTHOR


def test_the_version_is_the_one_in_pyproject() -> None:
    # A literal in brackets/_version.py, read without package metadata (issue 19).
    import tomllib

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    assert brackets.__version__ == project["version"]


def test_every_help_explains_choices_and_shows_defaults() -> None:
    from brackets.cli import build_parser

    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(commands.choices) >= {"check", "objections", "resolve", "convert", "redline"}
    for name, sub in commands.choices.items():
        text = " ".join(sub.format_help().split())
        for action in sub._actions:
            if action.help is argparse.SUPPRESS or not action.option_strings:
                continue
            assert action.help, f"{name} {action.option_strings[0]} has no help"
            for choice in action.choices or ():
                assert f"{choice}: " in text, f"{name}: choice '{choice}' is not explained"
            if action.default not in (None, False, [], argparse.SUPPRESS):
                assert f"(default: {action.default})" in text, f"{name}: no default shown"
    resolve_help = " ".join(commands.choices["resolve"].format_help().split())
    assert "silence: brackets with no objection or reservation left" in resolve_help
    assert "(default: agreed)" in resolve_help
    redline_help = " ".join(commands.choices["redline"].format_help().split())
    assert "(default: Unattributed)" in redline_help and "(default: now)" in redline_help


@pytest.mark.parametrize(
    ("date", "problem"),
    [
        ("2026-02-30", "February 2026 has 28 days, not 30"),
        ("2026-13-01", "there is no month 13 (months are 01 to 12)"),
        ("2026-11-23T25:00", "there is no hour 25 (hours are 00 to 23)"),
        ("2026-11-23T10:61", "there is no minute 61"),
        ("23/11/2026", "not an ISO date or time; write YYYY-MM-DD or YYYY-MM-DDTHH:MM"),
        ("2026-11-23T10:00+25:00", "the time zone must be Z or +HH:MM"),
    ],
)
def test_date_errors_say_what_is_wrong(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, date: str, problem: str
) -> None:
    out = tmp_path / "redline.docx"
    status, _, err = run(capsys, "redline", str(SAMPLE), "-o", str(out), "--date", date)
    assert status == 1
    assert err.startswith(f"brackets: error: --date {date}: {problem}") and err.count("\n") == 1
    assert not out.exists()
    for good in ("2026-11-23", "2026-11-23T10:00", "2026-11-23Z", "2026-11-23 10:00:05+0100"):
        assert run(capsys, "redline", str(SAMPLE), "-o", str(out), "--date", good)[0] == 0
