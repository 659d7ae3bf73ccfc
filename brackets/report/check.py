"""The `check` command as a library call: every problem of some drafts, and how to print it.

`check(paths)` reads each draft and collects its diagnostics, turning a draft that cannot be
read at all (missing, not UTF-8, a broken Word file) into one error diagnostic instead of an
exception. `diagnostics_text` and `diagnostics_json` give what `brackets check` prints.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..files import read
from ..model import BracketsError, Diagnostic

if TYPE_CHECKING:
    from ..delegations import Registry

#: What the library raises for bad input: one family, each error carrying its diagnostics.
INPUT_ERRORS: tuple[type[BracketsError], ...] = (BracketsError,)


def diagnostics_of(error: BracketsError) -> tuple[Diagnostic, ...]:
    """The diagnostics an input error carries, with their places."""
    return error.diagnostics


def diagnostic_line(diagnostic: Diagnostic) -> str:
    """`PATH:LINE:COLUMN: severity: message`, or `PATH: severity: message` for a whole file."""
    if diagnostic.line == 0:
        return f"{diagnostic.path or '<text>'}: {diagnostic.severity}: {diagnostic.message}"
    return str(diagnostic)


def diagnostics_text(diagnostics: Iterable[Diagnostic]) -> str:
    """One line per diagnostic, as a compiler prints them."""
    return "".join(diagnostic_line(d) + "\n" for d in diagnostics)


def diagnostics_json(diagnostics: Iterable[Diagnostic]) -> str:
    """A JSON list of `{path, line, column, severity, message}`, ending with a line break."""
    return json.dumps([d.as_json() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


#: `brackets check --format NAME` uses CHECK_FORMATS[NAME] on `CheckReport.diagnostics`.
CHECK_FORMATS: Mapping[str, Callable[[Iterable[Diagnostic]], str]] = {
    "text": diagnostics_text,
    "json": diagnostics_json,
}


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The outcome of checking drafts: every diagnostic, in the order of the paths."""

    paths: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "warning")

    @property
    def exit_code(self) -> int:
        """0 when no draft has an error (warnings are allowed), 1 otherwise."""
        return 1 if self.errors else 0


def check(
    paths: Iterable[str | os.PathLike[str]],
    *,
    lenient: bool = False,
    registry: Registry | None = None,
    track_changes: str = "accept",
    notes: bool = False,
) -> CheckReport:
    """Read every draft and collect its errors and warnings; never raises for bad input."""
    names = tuple(os.fspath(path) for path in paths)
    found: list[Diagnostic] = []
    for name in names:
        try:
            draft = read(
                name, lenient=lenient, registry=registry, track_changes=track_changes, notes=notes
            )
        except INPUT_ERRORS as error:
            found.extend(diagnostics_of(error))
        else:
            found.extend(draft.diagnostics)
    return CheckReport(names, tuple(found))
