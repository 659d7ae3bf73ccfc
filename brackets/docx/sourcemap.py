"""Word coordinates, in one place: where each character of a Word draft's text comes from.

The reader produces a `SourceMap` (pieces of the extracted text, each naming its part,
paragraph, text node and offset); the writers consume it to turn offsets of the text into
`Point`s and `NodeSpan`s of the document, which the XML layer applies. Plain data: no XML.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..model import Draft, fast_constructor

PieceKind = Literal["run", "label", "synthetic", "break"]

__all__ = [
    "NodeSpan",
    "PieceKind",
    "Place",
    "Point",
    "SourceMap",
    "TextBuilder",
    "TextPiece",
    "source_map",
]


@dataclass(frozen=True, slots=True)
class Place:
    """A Word paragraph: its part ("document", "footnotes", "endnotes") and its index in
    `ooxml.walk.iter_paragraphs` of that part."""

    part: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Point:
    """A position in a text node: before character `offset` of node `node` (an index in
    `ooxml.walk.text_nodes` of the paragraph, under the map's track_changes mode)."""

    part: str
    paragraph: int
    node: int
    offset: int


@dataclass(frozen=True, slots=True)
class NodeSpan:
    """Characters [start, end) of one text node."""

    part: str
    paragraph: int
    node: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TextPiece:
    """Where the characters [start, end) of the extracted text come from.

    - "run": characters of text node `node` of paragraph `paragraph` (indices into
      `iter_paragraphs` and `text_nodes` under the same track_changes mode), from `offset`;
    - "label": an auto-number rendered from numbering.xml, with its one-space suffix;
    - "synthetic": characters the reader invented: `[` and `] (+CODE)` for tracked changes in
      "brackets" mode, ` (-CODE)` groups for position comments (`paragraph` is that of the
      character before them), and the "\n" of the blank line between the body and the notes;
    - "break": the "\n" ending a line; `paragraph` is the last Word paragraph of that line,
      or -1 when that line belongs to the previous part (the body before the notes).
    """

    start: int
    end: int
    kind: PieceKind
    part: str  # "document" | "footnotes" | "endnotes"
    paragraph: int  # index in iter_paragraphs(part_root)
    node: int  # index in text_nodes(p, track_changes); -1 unless kind == "run"
    offset: int  # offset of `start` inside that node's text

    @property
    def place(self) -> Place:
        return Place(self.part, self.paragraph)

    def point(self, at: int) -> Point:
        """The node position of text offset `at` (a "run" piece, start <= at <= end)."""
        return Point(self.part, self.paragraph, self.node, at - self.start + self.offset)

    def span(self, start: int, end: int) -> NodeSpan:
        """The node characters of text [start, end), clipped to this "run" piece."""
        base = self.offset - self.start
        low, high = max(start, self.start), min(end, self.end)
        return NodeSpan(self.part, self.paragraph, self.node, low + base, high + base)


piece = fast_constructor(TextPiece)


@dataclass(slots=True)
class TextBuilder:
    """The extracted text as it is built: its chunks, the pieces saying where each comes
    from, and the reader's warnings as (offset, message)."""

    chunks: list[str] = field(default_factory=list)
    pieces: list[TextPiece] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    pos: int = 0

    def add(
        self,
        text: str,
        kind: PieceKind,
        part: str,
        paragraph: int,
        node: int = -1,
        offset: int = 0,
    ) -> None:
        if not text:
            return
        end = self.pos + len(text)
        self.pieces.append(piece(self.pos, end, kind, part, paragraph, node, offset))
        self.chunks.append(text)
        self.pos = end


@dataclass(frozen=True, slots=True)
class SourceMap:
    """The source map of a Draft read from Word: pieces sorted by start, covering every char.

    `path` is the document, `track_changes` the mode it was read in (the node indices depend
    on it) and `max_bytes` the size limit it was read under (a writer reopens it with it).
    """

    path: str
    track_changes: str
    pieces: tuple[TextPiece, ...]
    max_bytes: int | None = None
    #: Word authors read as editors (names with spaces collapsed, case folded): in "brackets"
    #: mode their insertions are plain text and their deletions are gone.
    editors: frozenset[str] = frozenset()
    #: Codes the reader made for Word authors the registry does not know, and the authors'
    #: names as written ("MARIALOPEZGARCIA" -> "Maria Lopez Garcia"): what reports show.
    names: Mapping[str, str] = field(default_factory=dict, compare=False)
    _starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [p.start for p in self.pieces])

    @property
    def parts(self) -> frozenset[str]:
        """The parts the text was read from (the body always)."""
        return frozenset({"document", *(p.part for p in self.pieces if p.kind == "run")})

    def locate(self, offset: int) -> TextPiece:
        """The piece holding character `offset` (the last piece for the end of the text)."""
        if not self.pieces:
            raise LookupError(f"{self.path}: the document has no text")
        index = bisect.bisect_right(self._starts, offset) - 1
        return self.pieces[min(max(index, 0), len(self.pieces) - 1)]

    def overlapping(self, start: int, end: int) -> Iterator[TextPiece]:
        """The pieces holding some character of [start, end), in order."""
        pieces = self.pieces
        index = max(0, bisect.bisect_right(self._starts, start) - 1)
        while index < len(pieces) and pieces[index].start < end:
            found = pieces[index]
            index += 1
            if found.end > start:
                yield found

    def run_at(self, offset: int) -> TextPiece | None:
        """The "run" piece holding character `offset`, if it comes from a text node."""
        if not self.pieces:
            return None
        found = self.locate(offset)
        return found if found.kind == "run" and found.start <= offset < found.end else None

    def first_char(
        self, start: int, end: int, skip: Callable[[int], bool] | None = None
    ) -> int | None:
        """The first offset in [start, end) that comes from a text node (and is not `skip`)."""
        for found in self.overlapping(start, end):
            if found.kind != "run":
                continue
            for offset in range(max(start, found.start), min(end, found.end)):
                if skip is None or not skip(offset):
                    return offset
        return None

    def last_char(
        self, start: int, end: int, skip: Callable[[int], bool] | None = None
    ) -> int | None:
        """The last offset in [start, end) that comes from a text node (and is not `skip`)."""
        pieces = self.pieces
        index = bisect.bisect_left(self._starts, end) - 1
        while index >= 0 and pieces[index].end > start:
            found = pieces[index]
            index -= 1
            if found.kind != "run":
                continue
            for offset in range(min(end, found.end) - 1, max(start, found.start) - 1, -1):
                if skip is None or not skip(offset):
                    return offset
        return None


def source_map(draft: Draft) -> SourceMap | None:
    """The Word source map of a draft read from Word; None for a draft read from text."""
    return draft.origin if isinstance(draft.origin, SourceMap) else None
