"""The comparison as a Word document: tracked insertions and deletions by one author.

Accept All gives NEW's text, Reject All OLD's. When NEW was read from Word (its `origin` is a
source map), the redline is an edited copy of NEW, so its styles, numbering, tables and notes
stay: `comparison_plan` maps the edit script onto NEW's text nodes (inserted characters,
inserted paragraph marks, deleted text with the place it goes) and `ooxml.edit` applies it.
Otherwise the document is generated paragraph by paragraph, as `resolve -o x.docx` does.

What Word draws itself cannot be tracked: an auto-number (a label of the text) or a bracket
the reader wrote for a tracked change. On a copy of NEW, OLD's own labels and such brackets
are left out of the deleted text, so Reject All shows OLD's words with NEW's numbering.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime

from ..docx.emphasis import Emphasis
from ..docx.ooxml.body import BodyBuilder, format_date
from ..docx.ooxml.write import docx_bytes
from ..docx.plan import ComparisonPlan, Deletion, Mark, Segment
from ..docx.sourcemap import Place, Point, SourceMap, TextPiece
from .script import Op

__all__ = ["comparison_docx", "comparison_plan", "readable_order"]


def comparison_docx(
    script: Sequence[Op],
    author: str,
    date: datetime | None = None,
    *,
    new_origin: SourceMap | None = None,
    old_origin: SourceMap | None = None,
    name: str = "comparison.docx",
) -> bytes:
    """The redline of `script` as the bytes of a .docx: a copy of NEW when `new_origin` is
    given (NEW was read from Word), else a generated document. `name` is for messages."""
    when = date or datetime.now(UTC)
    script = readable_order(script)
    if new_origin is not None and not any(_in_a_paragraph(p) for p in new_origin.pieces):
        new_origin = None  # NEW's body holds no text (only <w:sectPr/>): nothing to keep

    def generate() -> BodyBuilder:
        builder = BodyBuilder(when)
        _generate(script, author, builder)
        return builder

    return docx_bytes(
        new_origin,
        lambda _, new: comparison_plan(script, new, author, when, old_origin=old_origin),
        generate,
        name=name,
        doing="writing the comparison",
    )


def readable_order(script: Sequence[Op]) -> list[Op]:
    """The script with a replacement written insertion first where that joins paragraphs
    more cleanly; both orders give the same texts.

    When a replacement's deleted text holds a paragraph break (or its inserted text does),
    Accept All (Reject All) joins two paragraphs, and some readers (pandoc) put a space at
    the join. The other half of the replacement goes on the side of the join where no word
    is glued to it: after the break when the line before is empty or ends with a space,
    before it otherwise.
    """
    ordered = list(script)
    for index in range(len(ordered) - 1):
        first, second = ordered[index], ordered[index + 1]
        if first.kind != "delete" or second.kind != "insert":
            continue
        if "\n" in first.text and "\n" not in second.text:
            other, view = second, "insert"  # Accept All joins at the deleted break
        elif "\n" in second.text and "\n" not in first.text:
            other, view = first, "delete"  # Reject All joins at the inserted break
        else:
            continue
        before = _visible(ordered, index - 1, view).rpartition("\n")[2]
        after = _visible(ordered, index + 2, view).partition("\n")[0]
        other_first = other is first  # the current order puts `other` before the break
        current = _clean_join(before + other.text if other_first else before,
                              after if other_first else other.text + after)
        swapped = _clean_join(before if other_first else before + other.text,
                              other.text + after if other_first else after)
        if current or not swapped:
            continue
        at = second.new_end
        ordered[index] = Op("insert", second.text, first.old_start, first.old_start,
                            second.new_start, second.new_end)
        ordered[index + 1] = Op("delete", first.text, first.old_start, first.old_end, at, at)
    return ordered


def _visible(script: Sequence[Op], index: int, view: str) -> str:
    """The text of op `index` in the view where `view` ops are kept ("" out of range)."""
    if 0 <= index < len(script) and script[index].kind in ("equal", view):
        return script[index].text.replace("\r", "")
    return ""


def _clean_join(left: str, right: str) -> bool:
    return not left or not right or left[-1].isspace() or right[0].isspace()


def _generate(script: Sequence[Op], author: str, builder: BodyBuilder) -> None:
    """A paragraph per line; a changed line break is a tracked paragraph mark. `*italic*`
    and `**bold**` of either version are rendered, as every generated Word output does.

    When both versions end with a line break, the last one closes the last paragraph (no
    empty paragraph after it).
    """
    old = Emphasis("".join(op.text for op in script if op.kind != "insert"))
    new = Emphasis("".join(op.text for op in script if op.kind != "delete"))
    final = len(script) - 1
    builder.paragraph()
    for index, op in enumerate(script):
        text = op.text
        if index == final and op.kind == "equal" and text.endswith("\n"):
            text = text[:-1]
        change = None if op.kind == "equal" else ("ins" if op.kind == "insert" else "del")
        pieces = (old.styled(text, op.old_start) if op.kind == "delete"
                  else new.styled(text, op.new_start))
        for piece, style in pieces:
            for number, line in enumerate(piece.split("\n")):
                if number:
                    if change is not None:
                        builder.mark(change, author)
                    builder.paragraph()
                line = line.replace("\r", "")
                if line:
                    builder.text(line, style, None if change is None else (change, author))


# -- a copy of NEW ------------------------------------------------------------------------------


def comparison_plan(
    script: Sequence[Op],
    new: SourceMap,
    author: str,
    date: datetime,
    *,
    old_origin: SourceMap | None = None,
) -> ComparisonPlan:
    """The edit script as edits of NEW's Word source, in its source-map coordinates."""
    starts = [piece.start for piece in new.pieces]
    insertions: list[Segment] = []
    deletions: list[Deletion] = []
    marks: list[Mark] = []
    for kind, start, end, text in _word_edits(script, new, old_origin):
        if kind == "insert":
            for piece in new.overlapping(start, end):
                if piece.kind == "run":
                    insertions.append(Segment(piece.span(start, end), "ins", author))
                elif piece.kind == "break" and piece.paragraph >= 0:
                    marks.append(Mark(piece.place, "ins", author))
        else:
            place, at = _anchor(new, starts, start)
            deletions.append(Deletion(place, at, text, author))
    return ComparisonPlan(
        new.track_changes,
        new.parts,
        format_date(date),
        tuple(insertions),
        tuple(deletions),
        tuple(marks),
    )


def _word_edits(
    script: Sequence[Op], new: SourceMap, old: SourceMap | None
) -> Iterator[tuple[str, int, int, str]]:
    """The edits a Word copy of NEW can carry: ("insert", start, end, "") for NEW's characters
    [start, end), ("delete", at, at, text) for OLD's text deleted at NEW's offset `at`.

    Only characters that are in the documents count: an auto-number label or a bracket the
    reader wrote is drawn by Word, not written. So a character that is real in one version
    and drawn in the other (a label's space against a typed one) is an edit, and a change to
    drawn characters alone is none.
    """
    for op in script:
        if op.kind == "insert":
            for low, high, real in _real(new, op.new_start, op.new_end):
                if real:
                    yield "insert", low, high, ""
            continue
        if op.kind == "delete":
            text = "".join(
                op.text[low - op.old_start : high - op.old_start]
                for low, high, real in _real(old, op.old_start, op.old_end)
                if real
            )
            if text:
                yield "delete", op.new_start, op.new_start, text
            continue
        shift = op.old_start - op.new_start
        cuts = {op.new_start, op.new_end}
        new_ranges = _real(new, op.new_start, op.new_end)
        old_ranges = _real(old, op.old_start, op.old_end)
        if len(new_ranges) == 1 and len(old_ranges) == 1 and new_ranges[0][2] == old_ranges[0][2]:
            continue  # the usual case: real (or drawn) alike in both
        cuts.update(low for low, _, _ in new_ranges)
        cuts.update(low - shift for low, _, _ in old_ranges)
        bounds = sorted(cuts)
        new_real = _lookup(new_ranges)
        old_real = _lookup(old_ranges)
        for low, high in itertools.pairwise(bounds):
            in_new, in_old = new_real(low), old_real(low + shift)
            if in_new and not in_old:
                yield "insert", low, high, ""
            elif in_old and not in_new:
                yield "delete", low, low, op.text[low - op.new_start : high - op.new_start]


def _real(source: SourceMap | None, start: int, end: int) -> list[tuple[int, int, bool]]:
    """[start, end) cut into ranges of characters the document holds (runs, paragraph breaks,
    the break between body and notes) or not (labels, reader-made brackets); all real for a
    text version."""
    if source is None or start >= end:
        return [(start, end, True)]
    ranges: list[tuple[int, int, bool]] = []
    for piece in source.overlapping(start, end):
        low, high = max(piece.start, start), min(piece.end, end)
        # the blank line the reader puts between the body and the notes stands for a break
        real = piece.kind in ("run", "break") or piece.paragraph < 0
        if ranges and ranges[-1][2] == real and ranges[-1][1] == low:
            ranges[-1] = (ranges[-1][0], high, real)
        else:
            ranges.append((low, high, real))
    return ranges or [(start, end, True)]


def _lookup(ranges: list[tuple[int, int, bool]]) -> Callable[[int], bool]:
    lows = [low for low, _, _ in ranges]

    def real(offset: int) -> bool:
        return ranges[max(bisect.bisect_right(lows, offset) - 1, 0)][2]

    return real


def _anchor(new: SourceMap, starts: list[int], offset: int) -> tuple[Place, Point | None]:
    """Where text deleted at `offset` of NEW goes: before the first character of a text node
    at or after it in its paragraph, else at the end of that paragraph."""
    pieces = new.pieces
    index = max(bisect.bisect_right(starts, offset) - 1, 0)
    while index < len(pieces):
        piece = pieces[index]
        index += 1
        if piece.end <= offset or piece.paragraph < 0:
            continue
        if piece.kind == "run":
            return piece.place, piece.point(max(offset, piece.start))
        if piece.kind == "break":
            return piece.place, None
    last = _last_paragraph(pieces)
    return last, None


def _in_a_paragraph(piece: TextPiece) -> bool:
    return piece.paragraph >= 0 and piece.kind != "synthetic"


def _last_paragraph(pieces: Sequence[TextPiece]) -> Place:
    """The paragraph of the last line: after a final line break, the paragraph that follows
    it (an empty last paragraph has no piece of its own)."""
    for piece in reversed(pieces):
        if _in_a_paragraph(piece):
            if piece.kind == "break":
                return Place(piece.part, piece.paragraph + 1)
            return piece.place
    return Place("document", 0)
