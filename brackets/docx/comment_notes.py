"""The comments of a Word draft as its notes: each comment's statements as read, the places
its positions went (as line and column), or the reason it gave none; one warning counts the
comments that state no position."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import LineIndex, Note, NoteStatement
from .comment_placement import CommentRecord
from .sourcemap import TextBuilder

if TYPE_CHECKING:
    from ..statements import Statement

__all__ = ["list_notes"]


def list_notes(builder: TextBuilder, records: list[CommentRecord]) -> tuple[Note, ...]:
    """The comments as `objections --format json` lists them, in document order, and one
    warning counting those that state no position (at the first of them; our redline's
    "alternative 2 of 3" notes aside)."""
    lines = LineIndex("".join(builder.chunks))
    listed = []
    silent: list[int] = []
    for record in sorted(records, key=lambda r: (r.offset is None, r.offset or 0, r.note.order)):
        note, offset = record.note, record.offset
        line = 0 if offset is None else lines.locate(offset)[0]
        places = tuple(
            (at, 0) if kind == "paragraph" else lines.locate(at) for kind, at in record.places
        )
        listed.append(
            Note(
                line,
                note.author,
                note.text,
                tuple(record.given),
                note.id,
                note.date,
                note.reply_to,
                tuple(_noted(note.text, s) for s in record.statements),
                places,
                None if record.given else record.reason,
            )
        )
        if not record.given and record.reason != "alternative":
            silent.append(0 if offset is None else offset)
    if silent:
        builder.warnings.append(
            (
                min(silent),
                f"comments that state no position: {len(silent)} (a position is delegations "
                "then a position word, such as 'US: delete'); listed by: brackets objections "
                "--format json",
            )
        )
    return tuple(listed)


def _noted(text: str, statement: Statement) -> NoteStatement:
    """A statement as the draft's notes record it."""
    return NoteStatement(
        text[statement.start : statement.end],
        statement.delegations,
        statement.stance,
        statement.scope,
        statement.quotes,
        statement.paragraphs,
        statement.replacement,
        statement.agrees_with,
        statement.date,
        bool(statement.superseded),
        statement.reason,
    )
