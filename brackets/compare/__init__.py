"""Comparing two versions of a draft: a word-level redline and what changed in the negotiation.

>>> import brackets
>>> c = brackets.compare("Adopt [this] (-CHN) text;", "Adopt this text;")
>>> c.to_criticmarkup()
'Adopt {--[--}this{--] (-CHN)--} text;'
>>> [(b.old, b.outcome) for b in c.summary().brackets]
[('b1', 'agreed')]
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property

from ..codes import parse
from ..model import Draft
from .diff import equal_runs
from .script import Op, apply_criticmarkup, build_script, to_criticmarkup
from .summary import (
    AgreedTextEdit,
    BracketChange,
    DelegationChanges,
    Move,
    ParagraphChange,
    Position,
    Summary,
)
from .summary import summarize as _summarize

__all__ = [
    "COMPARE_EXTENSIONS",
    "OUTPUTS",
    "AgreedTextEdit",
    "BracketChange",
    "Comparison",
    "DelegationChanges",
    "Move",
    "Op",
    "ParagraphChange",
    "Position",
    "Summary",
    "apply_criticmarkup",
    "compare",
]

#: Output formats by file extension (`brackets.report.render(comparison, "md")`, ...).
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
    """OLD and NEW with the edit script between them, and the summary (plain data).

    `brackets.report.render(comparison, FORMAT)` writes it as "md" (CriticMarkup), "html",
    "json" or "docx", as `brackets compare -o OUT.FORMAT` does.

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


def compare(
    old: Draft | str | os.PathLike[str], new: Draft | str | os.PathLike[str]
) -> Comparison:
    """Compare two versions of a draft: Drafts, texts (parsed leniently when needed) or
    files (`pathlib.Path` or any `os.PathLike`: read leniently as `brackets.read` reads
    them, a `.docx` as Word).

    A `str` is always the text of a version, never a file name: `compare("a.txt", "b.txt")`
    compares those two words; `compare(Path("a.txt"), Path("b.txt"))` the two files.
    """
    old, new = _version(old), _version(new)
    old_text, new_text = _text(old), _text(new)
    script = build_script(old_text, new_text, equal_runs(old_text, new_text))
    return Comparison(old, new, script)


def _version(version: Draft | str | os.PathLike[str]) -> Draft | str:
    """A Draft or a text as given; a path read as a draft. Anything else: a TypeError that
    says what is accepted."""
    if isinstance(version, Draft | str):
        return version
    if isinstance(version, os.PathLike):
        from ..inputs import read

        return read(version, lenient=True)
    raise TypeError(
        f"compare takes Drafts, texts (str) or paths (os.PathLike), not {type(version).__name__}"
    )


def _text(version: Draft | str) -> str:
    return version.source if isinstance(version, Draft) else version


def _draft(version: Draft | str) -> Draft:
    return version if isinstance(version, Draft) else parse(version, lenient=True)
