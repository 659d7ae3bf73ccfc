"""The README's Python example runs and prints what its comments say; so does the doctest."""

from __future__ import annotations

import contextlib
import doctest
import io
import os
import re

from drafts import ROOT

import brackets


def test_readme_python_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme, re.S)
    assert code is not None
    expected = [c.strip() for c in re.findall(r"# (\(.*|\[.*)$", code.group(1), re.M)]
    output = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(output):
            exec(code.group(1), {})
    finally:
        os.chdir(cwd)
    printed = output.getvalue().splitlines()
    for value in expected:
        assert value in printed


def test_package_doctest() -> None:
    result = doctest.testmod(brackets)
    assert result.attempted >= 3 and result.failed == 0
