"""Comparing two versions of a draft: a word-level redline and what changed in the negotiation.

>>> import brackets
>>> c = brackets.compare("Adopt [this] (-CHN) text;", "Adopt this text;")
>>> c.to_criticmarkup()
'Adopt {--[--}this{--] (-CHN)--} text;'
>>> [(b.old, b.outcome) for b in c.summary().brackets]
[('b1', 'agreed')]
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from ..codes import parse
from ..docx.sourcemap import SourceMap, source_map
from ..files import write_output
from ..model import Draft
from .diff import equal_runs
from .docx import comparison_docx
from .html import to_html
from .script import CriticMarkupError, Op, apply_criticmarkup, build_script, to_criticmarkup
from .summary import BracketChange, DelegationChanges, Move, ParagraphChange, Position, Summary
from .summary import summarize as _summarize

__all__ = [
    "COMPARE_EXTENSIONS",
    "OUTPUTS",
    "BracketChange",
    "Comparison",
    "CriticMarkupError",
    "DelegationChanges",
    "Move",
    "Op",
    "ParagraphChange",
    "Position",
    "Summary",
    "apply_criticmarkup",
    "compare",
]

#: Output formats by file extension.
OUTPUTS = {
    ".md": "CriticMarkup",
    ".html": "HTML page",
    ".json": "edit script and summary",
    ".docx": "Word redline: tracked insertions and deletions",
}
#: What `brackets compare -o OUT` may end in.
COMPARE_EXTENSIONS = tuple(OUTPUTS)


@dataclass(frozen=True, eq=False)
class Comparison:
    """OLD and NEW with the edit script between them; writers and the summary hang off it.

    The redline needs only the two texts. A version given as text is parsed (leniently)
    the first time `old`/`new` is read, which the summary does: a caller who wants only
    the redline does not pay for parsing.
    """

    old_input: Draft | str = field(repr=False)
    new_input: Draft | str = field(repr=False)
    script: tuple[Op, ...]

    @cached_property
    def old(self) -> Draft:
        """OLD as a draft."""
        return _draft(self.old_input)

    @cached_property
    def new(self) -> Draft:
        """NEW as a draft."""
        return _draft(self.new_input)

    @property
    def old_text(self) -> str:
        return _text(self.old_input)

    @property
    def new_text(self) -> str:
        return _text(self.new_input)

    @property
    def marked(self) -> int:
        """Characters marked as changed: deleted plus inserted."""
        return sum(len(op.text) for op in self.script if op.kind != "equal")

    def to_criticmarkup(self) -> str:
        """CriticMarkup; `apply_criticmarkup(m)` gives NEW, `apply_criticmarkup(m, False)` OLD."""
        return to_criticmarkup(self.script)

    @cached_property
    def _summary(self) -> Summary:
        return _summarize(self.old, self.new, self.script)

    def summary(self) -> Summary:
        """What changed in the negotiation: brackets, positions, paragraphs."""
        return self._summary

    def to_html(
        self, title: str | None = None, author: str | None = None, date: datetime | None = None
    ) -> str:
        """One self-contained HTML page: the summary, then the redline."""
        byline = ", ".join(x for x in (author, date.isoformat() if date else None) if x)
        return to_html(self.script, self.summary(), title or self._title(), byline)

    def as_json(self, author: str | None = None, date: datetime | None = None) -> dict[str, object]:
        """The edit script (`{op, text, old: [start, end], new: [start, end]}`) and the summary."""
        return {
            "old": self.old.path,
            "new": self.new.path,
            "author": author,
            "date": date.isoformat() if date else None,
            "script": [op.as_json() for op in self.script],
            "summary": self.summary().as_json(),
        }

    def to_docx(
        self, author: str | None = None, date: datetime | None = None, name: str = ""
    ) -> bytes:
        """The Word redline as .docx bytes: Accept All gives NEW, Reject All OLD.

        Changes are by `author` (default: NEW's file name) dated `date` (default: now). When
        NEW was read from Word, the redline is an edited copy of it (styles, numbering,
        tables and notes stay); otherwise a document is generated.
        """
        new_origin = _origin(self.new_input)
        return comparison_docx(
            self.script,
            author or self._author(),
            date,
            new_origin=new_origin,
            old_origin=_origin(self.old_input) if new_origin is not None else None,
            name=name or "comparison.docx",
        )

    def write_docx(
        self, out: str | os.PathLike[str], author: str | None = None, date: datetime | None = None
    ) -> None:
        """Write the Word redline to `out`, safely: never over OLD or NEW (see `to_docx`)."""
        inputs = [p for p in (_path(self.old_input), _path(self.new_input)) if p]
        for version in (self.old_input, self.new_input):
            origin = _origin(version)
            if origin is not None:
                inputs.append(origin.path)
        write_output(out, self.to_docx(author, date, os.fspath(out)), inputs=inputs)

    def render(self, path: str, author: str | None = None, date: datetime | None = None) -> bytes:
        """The output file for `path`, chosen by its extension (see OUTPUTS): UTF-8 text, or
        the bytes of a .docx.

        CriticMarkup is exactly `to_criticmarkup()`: line endings are the drafts' own.
        """
        suffix = os.path.splitext(path)[1].lower()
        if suffix == ".docx":
            return self.to_docx(author, date, path)
        if suffix == ".md":
            text = self.to_criticmarkup()
        elif suffix == ".html":
            text = self.to_html(author=author, date=date)
        elif suffix == ".json":
            data = self.as_json(author=author, date=date)
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        else:
            known = ", ".join(f"{ext} ({what})" for ext, what in OUTPUTS.items())
            raise ValueError(
                f"cannot write a comparison as {suffix or 'a file without extension'}; use {known}"
            )
        return text.encode("utf-8")

    def _author(self) -> str:
        path = _path(self.new_input)
        return os.path.basename(path) if path else "brackets compare"

    def _title(self) -> str:
        old = os.path.basename(self.old.path) if self.old.path else "old"
        new = os.path.basename(self.new.path) if self.new.path else "new"
        return f"Comparison of {old} and {new}"


def compare(old: Draft | str, new: Draft | str) -> Comparison:
    """Compare two versions of a draft: Drafts, or texts (parsed leniently when needed)."""
    old_text, new_text = _text(old), _text(new)
    script = build_script(old_text, new_text, equal_runs(old_text, new_text))
    return Comparison(old, new, script)


def _text(version: Draft | str) -> str:
    return version.source if isinstance(version, Draft) else version


def _origin(version: Draft | str) -> SourceMap | None:
    return source_map(version) if isinstance(version, Draft) else None


def _path(version: Draft | str) -> str | None:
    return version.path if isinstance(version, Draft) else None


def _draft(version: Draft | str) -> Draft:
    return version if isinstance(version, Draft) else parse(version, lenient=True)
