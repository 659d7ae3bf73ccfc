"""`*italic*` and `**bold**` in text drafts: the markers the Word writers render as formatting.

A text draft has no formatting of its own; extracted drafts carry emphasis as Markdown-like
markers that hug the text they wrap. The writers of generated documents turn them into
italic and bold runs (the markers themselves are not written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Draft
from .ooxml.body import BodyBuilder, RunStyle

EMPHASIS = re.compile(
    r"\*\*(?=[^\s*])(?P<bold>[^\n]*?[^\s*])\*\*"
    r"|(?<![*\w])\*(?=[^\s*])(?P<italic>[^*\n]*?[^\s*])\*(?![*\w])"
)
BOLD = RunStyle(bold=True)
ITALIC = RunStyle(italic=True)


def strip_emphasis(text: str) -> str:
    """`text` without the `*`/`**` markers that the Word output renders as italic/bold."""
    return EMPHASIS.sub(lambda m: m.group("bold") or m.group("italic"), text)


def write_emphasised(builder: BodyBuilder, line: str) -> None:
    """One line into the current paragraph, its emphasised parts in italic or bold."""
    position = 0
    for match in EMPHASIS.finditer(line):
        if match.start() > position:
            builder.text(line[position : match.start()])
        bold = match.group("bold")
        builder.text(
            bold if bold is not None else match.group("italic"),
            BOLD if bold is not None else ITALIC,
        )
        position = match.end()
    if position < len(line):
        builder.text(line[position:])


@dataclass(frozen=True, slots=True)
class Span:
    """Emphasised source characters [start, end) and their style."""

    start: int
    end: int
    style: RunStyle


def emphasis_spans(draft: Draft) -> tuple[list[Span], list[tuple[int, int]]]:
    """Emphasised contents and the marker ranges around them, line by line."""
    spans: list[Span] = []
    markers: list[tuple[int, int]] = []
    for match in EMPHASIS.finditer(draft.source):
        name = "bold" if match.group("bold") is not None else "italic"
        start, end = match.span(name)
        spans.append(Span(start, end, BOLD if name == "bold" else ITALIC))
        markers.append((match.start(), start))
        markers.append((end, match.end()))
    return spans, markers
