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
    assert one_error_line(done) == (
        f"<stdin>: error: the input is larger than the limit of 100000 bytes (raise ${MAX_TEXT_ENV})"
    )


def test_dev_zero_is_refused_at_the_limit() -> None:
    done = brackets_cli("check", "/dev/zero", env={MAX_TEXT_ENV: "100000"})
    assert one_error_line(done) == (
        f"/dev/zero: error: the input is larger than the limit of 100000 bytes (raise ${MAX_TEXT_ENV})"
    )


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
