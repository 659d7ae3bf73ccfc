"""`*italic*` and `**bold**` in text drafts: the markers the Word writers render as formatting.

A text draft has no formatting of its own; extracted drafts carry emphasis as Markdown-like
markers that hug the text they wrap. The writers of generated documents turn them into
italic and bold runs (the markers themselves are not written).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..model import Draft
from .ooxml.body import PLAIN, BodyBuilder, RunStyle

#: `**bold**` or `*italic*` (an italic `*` neither follows a word nor another `*`). The
#: pattern opens with its literal `*`, so that a search skips to the next one (50x faster on
#: a draft with none than the lookbehind first).
EMPHASIS = re.compile(
    r"\*(?:\*(?=[^\s*])(?P<bold>[^\n]*?[^\s*])\*\*"
    r"|(?<![*\w]\*)(?=[^\s*])(?P<italic>[^*\n]*?[^\s*])\*(?![*\w]))"
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


class Emphasis:
    """The emphasis of one text, to write any range of it as styled pieces: the generated
    Word outputs (clean copy, redline, comparison) all render `*`/`**` one way, markers
    left out (issue 20 §5)."""

    __slots__ = ("_pieces", "_starts")

    def __init__(self, text: str) -> None:
        pieces: list[tuple[int, int, RunStyle | None]] = []  # None: a marker, not written
        for match in EMPHASIS.finditer(text):
            name = "bold" if match.group("bold") is not None else "italic"
            start, end = match.span(name)
            pieces.append((match.start(), start, None))
            pieces.append((start, end, BOLD if name == "bold" else ITALIC))
            pieces.append((end, match.end(), None))
        self._pieces = pieces
        self._starts = [start for start, _, _ in pieces]

    def styled(self, text: str, start: int) -> list[tuple[str, RunStyle]]:
        """`text`, which stands at `start` in the whole text, as (piece, style) in order."""
        end = start + len(text)
        out: list[tuple[str, RunStyle]] = []
        position = start
        index = max(0, bisect.bisect_right(self._starts, start) - 1)
        while index < len(self._pieces) and self._pieces[index][0] < end:
            piece_start, piece_end, style = self._pieces[index]
            index += 1
            if piece_end <= position:
                continue
            if piece_start > position:
                out.append((text[position - start : piece_start - start], PLAIN))
            cut = min(piece_end, end)
            if style is not None:
                out.append((text[max(piece_start, position) - start : cut - start], style))
            position = cut
        if position < end:
            out.append((text[position - start :], PLAIN))
        return [(piece, style) for piece, style in out if piece]
