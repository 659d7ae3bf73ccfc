"""Synthetic text inserted into extracted text (the brackets and groups that comments give),
the source map's pieces split and moved along: every other character keeps its place."""

from __future__ import annotations

import bisect

from .sourcemap import TextBuilder, TextPiece
from .sourcemap import piece as _piece

__all__ = ["insert_synthetic"]


def _shifted(piece: TextPiece, shift: int) -> TextPiece:
    """The same piece, `shift` characters further on in the text."""
    return _piece(
        piece.start + shift,
        piece.end + shift,
        piece.kind,
        piece.part,
        piece.paragraph,
        piece.node,
        piece.offset,
    )


def _split(piece: TextPiece, at: int) -> tuple[TextPiece, TextPiece]:
    """A piece cut at text offset `at` (start < at < end): a run's halves keep their place in
    their node; a synthetic or other piece's both halves say the same."""
    inside = at - piece.start if piece.kind == "run" else 0
    head = _piece(
        piece.start, at, piece.kind, piece.part, piece.paragraph, piece.node, piece.offset
    )
    tail = _piece(
        at, piece.end, piece.kind, piece.part, piece.paragraph, piece.node, piece.offset + inside
    )
    return head, tail


def insert_synthetic(
    builder: TextBuilder,
    source: str,
    starts: list[int],
    inserts: list[tuple[int, tuple[int, int, int], str]],
    offsets: list[int | None],
) -> list[int | None]:
    """Insert synthetic texts (offset, order, text), sorted, splitting a piece an offset falls
    inside; later pieces, warnings and `offsets` (returned) move along."""
    old = list(builder.pieces)
    index = bisect.bisect_right(starts, inserts[0][0]) - 1
    while index >= 0 and old[index].end > inserts[0][0]:
        index -= 1
    index += 1
    pieces: list[TextPiece] = old[:index]  # before the first insertion: unmoved
    chunks = []
    shift = 0
    last = 0
    for offset, _, inserted in inserts:
        while index < len(old) and old[index].end <= offset:
            pieces.append(_shifted(old[index], shift))
            index += 1
        if index < len(old) and old[index].start < offset:
            head, old[index] = _split(old[index], offset)
            pieces.append(_shifted(head, shift))
        opening = inserted == "["
        near = old[index] if (opening or not pieces) and index < len(old) else pieces[-1]
        start = offset + shift
        pieces.append(
            _piece(start, start + len(inserted), "synthetic", near.part, near.paragraph, -1, 0)
        )
        chunks.append(source[last:offset])
        chunks.append(inserted)
        last = offset
        shift += len(inserted)
    pieces.extend(_shifted(piece, shift) for piece in old[index:])
    chunks.append(source[last:])
    starts = [offset for offset, _, _ in inserts]
    totals = [0]
    for _, _, inserted in inserts:
        totals.append(totals[-1] + len(inserted))

    def moved(offset: int) -> int:
        return offset + totals[bisect.bisect_right(starts, offset)]

    builder.warnings = [(moved(offset), message) for offset, message in builder.warnings]
    builder.pieces = pieces
    builder.chunks = chunks
    builder.pos = len(source) + shift
    return [None if offset is None else moved(offset) for offset in offsets]
