"""The floors of the package: the model and positions know no Word, parsing knows no registry."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import brackets

PACKAGE = Path(brackets.__file__).parent


def _imported(module: Path) -> set[str]:
    """Every module `module` imports, anywhere in it (TYPE_CHECKING blocks and functions
    included), as absolute names."""
    package = ["brackets", *module.relative_to(PACKAGE).parent.parts]
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            name = ".".join(part for part in (base, node.module or "") if part)
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("name", ["model.py", "positions.py", "parse.py", "notation.py"])
def test_the_model_and_positions_do_not_import_word(name: str) -> None:
    imported = _imported(PACKAGE / name)
    assert not [m for m in imported if m == "brackets.docx" or m.startswith("brackets.docx.")]
    assert not [m for m in imported if m.startswith(("docx", "lxml"))]


def test_the_ast_walk_sees_a_word_import() -> None:
    assert "brackets.docx.sourcemap" in _imported(PACKAGE / "docx" / "clean.py")
    assert "brackets.delegations" in _imported(PACKAGE / "codes.py")


def test_importing_the_parser_does_not_load_the_delegation_registry() -> None:
    code = (
        "import sys\n"
        "from brackets.parse import parse_syntax\n"
        "assert 'brackets.delegations' not in sys.modules\n"
        "draft = parse_syntax('Promote [dialogue] (+US).')\n"
        "assert 'brackets.delegations' not in sys.modules\n"
        "print(draft.brackets[0].supporters)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "('US',)"  # as written: canonical codes are the next pass


def test_the_code_pass_gives_canonical_codes_and_warns_on_unknown_ones() -> None:
    draft = brackets.parse("Promote [dialogue] (+US, -XYZQ).", lenient=True)
    assert draft.brackets[0].supporters == ("USA",)
    assert [(d.code, d.subject, d.line, d.column) for d in draft.warnings] == [
        ("unknown-delegation", "XYZQ", 1, 20)
    ]


def test_an_entry_keeps_the_code_as_the_draft_writes_it() -> None:
    draft = brackets.parse("Promote [dialogue] (+US, -CHN).")
    us, chn = draft.brackets[0].attributions
    assert (us.delegation, us.code_as_written) == ("USA", "US")
    assert (chn.delegation, chn.code_as_written) == ("CHN", "CHN")
