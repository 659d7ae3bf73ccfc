"""Every error the library raises, and the diagnostic each one carries (as `lark/exceptions.py`).

This module imports nothing from `brackets`, so that every floor (the output writer, the Word
package, the model, the parser, the readers) can raise its error without importing another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

Severity: TypeAlias = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """An error or warning with the place it points at: path, 1-based line and column, and the
    character offset in the text read (None where no single character is meant: a whole file,
    a decision). Line 0 means the whole file."""

    severity: Severity
    message: str
    line: int
    column: int
    path: str | None = None
    code: str = ""
    offset: int | None = None
    #: What the diagnostic is about, as a short stable identifier (the unknown code of an
    #: "unknown-delegation" warning), so that callers filter on it, never on the message.
    subject: str = ""

    def __str__(self) -> str:
        if self.line == 0:
            return f"{self.path or '<text>'}: {self.severity}: {self.message}"
        where = f"{self.path or '<text>'}:{self.line}:{self.column}"
        return f"{where}: {self.severity}: {self.message}"

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }

    def context(self, text: str, span: int = 40) -> str:
        """The offending line of `text` around the column, and a caret under the column (as
        Lark's `UnexpectedInput.get_context`); empty for a whole-file diagnostic.

        >>> print(Diagnostic("error", "never closed", 1, 9, None).context("Promote [dialogue"))
        Promote [dialogue
                ^
        """
        if self.line < 1:
            return ""
        lines = text.splitlines()
        if self.line > len(lines):
            return ""
        line = lines[self.line - 1]
        start = max(0, self.column - 1 - span)
        shown = line[start : self.column - 1 + span].expandtabs(1)
        caret = " " * (self.column - 1 - start) + "^"
        return f"{shown}\n{caret}"


class BracketsError(ValueError):
    """Every error the library raises for bad input: a draft that does not parse, a file that
    cannot be read or written, a broken Word document, a delegation list, decisions that name
    nothing in the draft. `.diagnostics` says where (path, line, column, offset), so a caller
    catches the whole family in one `except brackets.BracketsError` and prints each one."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...], message: str | None = None) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__(str(self.diagnostics[0]) if message is None else message)

    @property
    def diagnostic(self) -> Diagnostic:
        """The first error (the one the message names)."""
        errors = [d for d in self.diagnostics if d.severity == "error"]
        return errors[0] if errors else self.diagnostics[0]


class DraftSyntaxError(BracketsError):
    """Raised by strict parsing; carries every diagnostic found, errors and warnings, and the
    text parsed (`source`, for `Diagnostic.context`)."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...], source: str | None = None) -> None:
        errors = [d for d in diagnostics if d.severity == "error"]
        first = errors[0] if errors else diagnostics[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(diagnostics, f"{first}{more}")
        self.source = source

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")



class InputError(BracketsError):
    """An input that cannot be read as a draft at all (missing, not text, not UTF-8)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__((diagnostic,))


class OutputError(InputError):
    """An output refused before writing (an input, read-only, wrong extension) or that failed.

    A subclass of `InputError` so that callers catching that (the command line, the Word
    writers' callers) report it the same way: one line naming the output.
    """


class DocxError(BracketsError):
    """A Word document that cannot be read or written: `.path` and a one-line `.message`.

    `str(error)` is the message alone (the command line prefixes it with "PATH: error: ");
    `str(error.diagnostic)` gives both as one line.
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__((Diagnostic("error", message, 0, 0, path, "docx"),), message)


class DelegationFileError(BracketsError):
    """A delegation file that cannot be read; carries the diagnostic with its line."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__((diagnostic,))


class ResolutionError(BracketsError):
    """Decisions that cannot be applied: a delegation or id the draft does not have, an empty
    value, an id both accepted and rejected. `.diagnostic` names the draft."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__((Diagnostic("error", message, 0, 0, path, "decision"),), message)


class CriticMarkupError(BracketsError):
    """CriticMarkup that cannot be applied: an opened change is never closed."""
