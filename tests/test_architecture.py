"""The floors of the package (issue 14): errors and safe output writing on the ground floor,
importing nothing above them; every error in one module."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import brackets
from brackets.errors import BracketsError

PACKAGE = Path(brackets.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def brackets_imports(path: Path) -> set[str]:
    """The `brackets` modules a file imports (relative imports resolved), at any depth of the
    file (function bodies and TYPE_CHECKING blocks included)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.add(name)
    return {name for name in found if name == "brackets" or name.startswith("brackets.")}


def test_brackets_imports_resolves_relative_imports() -> None:
    assert brackets_imports(PACKAGE / "docx" / "ooxml" / "walk.py") >= {
        "brackets.errors",
        "brackets.docx.ooxml.names",
    }
    assert "brackets.errors" in brackets_imports(PACKAGE / "__init__.py")


def test_the_error_module_imports_nothing_from_brackets() -> None:
    assert brackets_imports(PACKAGE / "errors.py") == set()


def test_safe_output_writing_is_on_the_ground_floor() -> None:
    assert brackets_imports(PACKAGE / "output.py") == {"brackets.errors"}


def test_settings_are_on_the_ground_floor() -> None:
    assert brackets_imports(PACKAGE / "settings.py") == set()


def test_the_word_package_layer_imports_only_the_floor_below_it() -> None:
    """The package reads and returns bytes; only the command line writes files."""
    imported = brackets_imports(PACKAGE / "docx" / "ooxml" / "package.py")
    assert {name for name in imported if not name.startswith("brackets.docx.ooxml.")} == {
        "brackets.errors",
        "brackets.settings",
    }


def _subclasses(cls: type) -> list[type]:
    found, stack = [], [cls]
    while stack:
        for sub in stack.pop().__subclasses__():
            found.append(sub)
            stack.append(sub)
    return found


def test_every_brackets_error_is_defined_in_the_error_module() -> None:
    for info in pkgutil.walk_packages([str(PACKAGE)], "brackets."):
        importlib.import_module(info.name)
    defined = {
        node.name
        for path in PACKAGE.rglob("*.py")
        if path.name != "errors.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and any("Error" in ast.unparse(b) for b in node.bases)
    }
    assert defined == set(), f"error classes outside brackets.errors: {sorted(defined)}"
    errors = _subclasses(BracketsError)
    assert len(errors) >= 7  # syntax, input, output, Word, delegations, decisions, markup
    assert {cls.__module__ for cls in errors} == {"brackets.errors"}
    public = {name for name in brackets.__all__ if name.endswith("Error")}
    assert public <= {cls.__name__ for cls in [BracketsError, *errors]}
