"""The clean Word copy of a resolution: what the resolution keeps, and nothing else.

From a Word input, `write_clean` plans the deletions (the resolution's deleted ranges, mapped
through the source map onto text nodes, paragraph breaks and labels), the auto-numbers the
clean text shows and the `Naltern.` paragraphs promoted in place of a removed `N.`, and
`ooxml.edit` applies them to a copy of the source, so that styles, tables, notes and section
settings stay as they were and the numbers are those of the clean text. From a text input it
generates a sober A4 document.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from ..errors import Diagnostic
from ..model import Draft, Paragraph
from ..resolve import Resolution
from .emphasis import write_emphasised
from .ooxml.body import UNWRITABLE, BodyBuilder
from .ooxml.write import docx_bytes
from .plan import CleanPlan
from .sourcemap import NodeSpan, Place, SourceMap, source_map

__all__ = ["clean_plan", "unwritable_warnings", "write_clean"]

#: Positions named one by one in the warnings about unwritable characters; the rest are counted.
_NAMED = 10


def write_clean(draft: Draft, resolution: Resolution, *, name: str = "clean.docx") -> bytes:
    """The text `resolution` keeps as the bytes of a Word document.

    A draft read from a .docx (its `origin` is the reader's source map) is written as an edited
    copy of that document; a text draft as a generated one. `name` is what the output is
    called in messages. The characters of a text draft that Word XML cannot hold (NUL and
    other C0 controls) are left out: `unwritable_warnings(draft, resolution.deletions)` names
    them.
    """
    if resolution.draft.source != draft.source:
        raise ValueError("the resolution was computed for another draft")

    def generate() -> BodyBuilder:
        builder = BodyBuilder()
        for line in _lines(resolution.text):
            builder.paragraph()
            write_emphasised(builder, line)
        return builder

    return docx_bytes(
        source_map(draft),
        lambda _, source: clean_plan(resolution, source),
        generate,
        name=name,
        doing="writing the document",
    )


def unwritable_warnings(
    draft: Draft, deletions: Sequence[tuple[int, int]] = ()
) -> tuple[Diagnostic, ...]:
    """A warning for each character of a text draft, outside the sorted `deletions`, that
    Word XML cannot hold (C0 controls but tab and line breaks, lone surrogates): a generated
    document drops it. The first few are named by line and column, the others counted in one
    more warning. A Word draft is written as a copy of its source, which has none: no warning.
    """
    if draft.origin is not None:
        return ()
    ends = [end for _, end in deletions]
    found: list[int] = []
    for match in UNWRITABLE.finditer(draft.source):
        offset = match.start()
        index = bisect.bisect_right(ends, offset)
        if index < len(deletions) and deletions[index][0] <= offset:
            continue
        found.append(offset)
    warnings = []
    for offset in found[:_NAMED]:
        line, column = draft.locate(offset)
        code = f"U+{ord(draft.source[offset]):04X}"
        warnings.append(Diagnostic(
            "warning", f"character {code} cannot be written to Word (XML cannot hold it): "
            "dropped", line, column, draft.path, "docx-unwritable",
        ))
    if len(found) > _NAMED:
        line, column = draft.locate(found[_NAMED])
        warnings.append(Diagnostic(
            "warning", f"{len(found) - _NAMED} more characters that Word XML cannot hold "
            "dropped from here on", line, column, draft.path, "docx-unwritable",
        ))
    return tuple(warnings)


def clean_plan(resolution: Resolution, source: SourceMap) -> CleanPlan:
    """The resolution's deletions as node spans, paragraph joins and touched paragraphs."""
    deletions: list[NodeSpan] = []
    joins: set[Place] = set()
    touched: set[Place] = set()
    ends = [end for _, end in resolution.deletions]
    labels: list[tuple[Place, str | None]] = []
    text = resolution.draft.source
    for piece in source.pieces:
        if piece.kind == "label" and piece.part == "document":
            index = bisect.bisect_right(ends, piece.start)
            gone = index < len(ends) and resolution.deletions[index][0] <= piece.start
            labels.append((piece.place, None if gone else text[piece.start : piece.end]))
    promotions: list[tuple[Place, Place]] = []
    for paragraph, removed in _promoted(resolution, source, labels):
        # the typed "N." and the spaces after it go: the list draws the number now
        start = paragraph.start
        match = _TYPED_NUMBER.match(text, start, paragraph.end)
        if match is None:
            continue
        first = source.run_at(match.start(1))
        if first is None:
            continue
        promotions.append((first.place, removed))
        for piece in source.overlapping(match.start(1), match.end()):
            if piece.kind == "run":
                deletions.append(piece.span(match.start(1), match.end()))
    for start, end in resolution.deletions:
        for piece in source.overlapping(start, end):
            if piece.kind == "run":
                deletions.append(piece.span(start, end))
            elif piece.paragraph < 0:
                continue  # the break between the body and its notes: nothing to join
            elif piece.kind == "break":
                joins.add(piece.place)
            else:
                touched.add(piece.place)  # a label or a synthetic group went
    return CleanPlan(
        source.track_changes,
        source.parts,
        tuple(deletions),
        frozenset(joins),
        frozenset(touched),
        tuple(labels),
        tuple(promotions),
        source.editors,
    )


#: The start of a promoted altern paragraph: brackets, then the typed number, "altern", "."
_TYPED_NUMBER = re.compile(r"[\[ \t]*(\d+(?:\.\d+)*)[ \t]?altern\.[ \t]*")
_NUMBER_LABEL = re.compile(r"(\d+(?:\.\d+)*)\. \Z")


def _promoted(
    resolution: Resolution, source: SourceMap, labels: list[tuple[Place, str | None]]
) -> Iterator[tuple[Paragraph, Place]]:
    """Paragraphs `Naltern.` that the resolution shows as `N.` (it cut "altern"), each with
    the auto-numbered paragraph `N.` it removed (the nearest one before)."""
    draft = resolution.draft
    text = draft.source
    deletions = resolution.deletions
    ends = [end for _, end in deletions]

    def deleted(offset: int) -> bool:
        index = bisect.bisect_right(ends, offset)
        return index < len(deletions) and deletions[index][0] <= offset

    def starts_a_line(offset: int) -> bool:
        """Whether the last kept character before `offset` ends a line (or there is none)."""
        index = bisect.bisect_right(ends, offset - 1)
        if index < len(deletions) and deletions[index][0] <= offset - 1:
            offset = deletions[index][0]
        return offset == 0 or text[offset - 1] in "\r\n"

    removed: dict[str, Place] = {}  # number -> the latest auto-numbered paragraph removed
    label_pieces = iter(p for p in source.pieces if p.kind == "label" and p.part == "document")
    gone = iter(labels)
    pending = next(label_pieces, None)
    for paragraph in draft.paragraphs:
        while pending is not None and pending.start < paragraph.end:
            place, kept = next(gone)
            number = _NUMBER_LABEL.match(text, pending.start, pending.end)
            if number is not None and kept is None:
                removed[number.group(1)] = place
            pending = next(label_pieces, None)
        if not paragraph.label or not paragraph.label.endswith("altern."):
            continue
        if not starts_a_line(paragraph.start):
            continue  # joined to the line before: its number is not a label any more
        match = _TYPED_NUMBER.match(text, paragraph.start, paragraph.end)
        if match is None or deleted(match.start(1)):
            continue
        if not all(deleted(offset) for offset in range(paragraph.start, match.start(1))):
            continue  # a "[" kept before it: the number is not where Word draws one
        cut = text.find("altern", match.end(1), match.end())
        if cut < 0 or not deleted(cut):
            continue
        if match.group(1) in removed:
            yield paragraph, removed.pop(match.group(1))


def _lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines
