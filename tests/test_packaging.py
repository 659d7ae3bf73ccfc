"""The wheel ships every package of the source tree (pyproject lists them by name)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_of_the_tree_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"
    ])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "brackets").rglob("__init__.py")
    }
    assert found <= listed, f"not shipped in the wheel: {sorted(found - listed)}"
