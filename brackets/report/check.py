"""The `check` command as a library call: every problem of some drafts, and how to print it.

`check(paths)` reads each draft and collects its diagnostics, turning a draft that cannot be
read at all (missing, not UTF-8, a broken Word file) into one error diagnostic instead of an
exception. `render(report, "text")` and `render(report, "json")` (`diagnostics_text`,
`diagnostics_json` of its diagnostics) give what `brackets check` prints.

`grouped` keeps a run's warnings readable: the other commands print a draft's warnings on
standard error through it, so that 300 warnings of one kind are 5 lines and "… and 295 more
unknown-author warnings", never a screen of repeats. `check` lists every problem, as asked.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import BracketsError, Diagnostic
from ..inputs import read

if TYPE_CHECKING:
    from ..delegations import Registry

#: What the library raises for bad input: one family, each error carrying its diagnostics.
INPUT_ERRORS: tuple[type[BracketsError], ...] = (BracketsError,)


def diagnostics_of(error: BracketsError) -> tuple[Diagnostic, ...]:
    """The diagnostics an input error carries, with their places."""
    return error.diagnostics


#: How many warnings of one kind `grouped` shows before summing up the rest.
SHOWN_PER_KIND = 5
#: Readable names of warning kinds (`Diagnostic.code`) in the summary lines.
_KIND_NAMES = {"docx-author": "unknown-author", "docx-comment": "comment", "": "other"}


def grouped(
    diagnostics: Iterable[Diagnostic], shown: int = SHOWN_PER_KIND
) -> tuple[Diagnostic, ...]:
    """The diagnostics, with the warnings of each kind (`Diagnostic.code`) beyond the first
    `shown` summed up in one warning after them: "… and 37 more unknown-author warnings".
    Errors are always kept whole."""
    kept: list[Diagnostic] = []
    counts: dict[str, int] = {}
    hidden: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        if diagnostic.severity != "warning":
            kept.append(diagnostic)
            continue
        seen = counts[diagnostic.code] = counts.get(diagnostic.code, 0) + 1
        if seen <= shown:
            kept.append(diagnostic)
        else:
            hidden.setdefault(diagnostic.code, []).append(diagnostic)
    for code, rest in hidden.items():
        name = _KIND_NAMES.get(code, code)
        noun = "warning" if len(rest) == 1 else "warnings"
        kept.append(
            Diagnostic(
                "warning",
                f"\u2026 and {len(rest)} more {name} {noun} (brackets check lists them all)",
                0,
                0,
                rest[0].path,
                code,
            )
        )
    return tuple(kept)


def diagnostics_text(diagnostics: Iterable[Diagnostic]) -> str:
    """One line per diagnostic, as a compiler prints them: `str(diagnostic)` is the one
    formatter (`PATH:LINE:COLUMN: severity: message`, `PATH: severity: message` for a file)."""
    return "".join(f"{d}\n" for d in diagnostics)


def diagnostics_json(diagnostics: Iterable[Diagnostic]) -> str:
    """A JSON list of `{path, line, column, severity, message}`, ending with a line break."""
    return json.dumps([d.as_json() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


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
    editors: Sequence[str] = (),
    comments: bool = True,
) -> CheckReport:
    """Read every draft and collect its errors and warnings; never raises for bad input."""
    names = tuple(os.fspath(path) for path in paths)
    found: list[Diagnostic] = []
    for name in names:
        try:
            draft = read(
                name,
                lenient=lenient,
                registry=registry,
                track_changes=track_changes,
                notes=notes,
                editors=editors,
                comments=comments,
            )
        except INPUT_ERRORS as error:
            found.extend(diagnostics_of(error))
        else:
            found.extend(draft.diagnostics)
    return CheckReport(names, tuple(found))
