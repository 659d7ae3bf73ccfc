"""The README's Python examples run and print what their comments say; so does the doctest."""

from __future__ import annotations

import contextlib
import doctest
import io
import os
import re
from pathlib import Path

from drafts import ROOT, SAMPLES

import brackets


def test_readme_python_examples(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert len(blocks) >= 2
    cwd = os.getcwd()
    os.chdir(tmp_path)  # the examples write their outputs here
    try:
        for block in blocks:
            code = block.replace('"samples/', f'"{SAMPLES.as_posix()}/')
            expected = [c.strip() for c in re.findall(r"# (\(.*|\[.*)$", code, re.M)]
            output = io.StringIO()
            with contextlib.redirect_stdout(output):
                exec(code, {})
            printed = output.getvalue().splitlines()
            for value in expected:
                assert value in printed
    finally:
        os.chdir(cwd)
    for written in ("clean.docx", "redline.docx", "working.docx"):
        assert brackets.read(tmp_path / written).source


def test_package_doctest() -> None:
    result = doctest.testmod(brackets)
    assert result.attempted >= 3 and result.failed == 0
