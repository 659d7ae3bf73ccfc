"""Start-up (issue 19): `import brackets` and `brackets --version` load neither the grammar
nor the Word layer; each public name is imported on first use and stays what it was."""

from __future__ import annotations

import subprocess
import sys

import brackets


def _modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_import_brackets_loads_no_grammar_and_no_word_layer() -> None:
    loaded = _modules_after("import brackets")
    assert not {"lark", "lxml", "importlib.metadata", "brackets.codes"} & loaded


def test_the_version_command_loads_no_grammar_and_no_word_layer() -> None:
    code = (
        "from brackets.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass"
    )
    loaded = _modules_after(code)
    assert not {"lark", "lxml", "brackets.codes", "brackets.report"} & loaded


def test_comparing_texts_loads_no_word_writer() -> None:
    loaded = _modules_after("import brackets\nbrackets.compare('a [b] (-CHN)', 'a b')")
    assert not {"lxml", "brackets.docx.ooxml.write", "brackets.docx.redline"} & loaded


def test_functions_keep_their_names_over_same_named_modules() -> None:
    # `brackets.parse`, `.resolve`, `.positions` and `.compare` are also modules; importing
    # the module first must not hide the function.
    code = (
        "import brackets.parse, brackets.resolve, brackets.positions, brackets.compare\n"
        "import brackets\n"
        "from brackets.resolve import Resolution\n"
        "print(brackets.resolve(brackets.parse('a [b] (-CHN)'), 'silence').text)\n"
        "print(callable(brackets.positions), callable(brackets.compare))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split("\n")[:2] == ["a", "True True"]


def test_every_public_name_and_submodule_is_reachable() -> None:
    for name in brackets.__all__:
        assert getattr(brackets, name) is not None
    assert brackets.docx.write_redline is brackets.docx.redline.write_redline
    assert "parse" in dir(brackets)
    try:
        brackets.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("a missing name must raise AttributeError")
