"""Reading a Word draft (.docx) into the Draft model, with a map back to the document.

The text is what Word shows: one line per Word paragraph (body paragraphs, then paragraphs
inside tables row by row and cell by cell, content controls), auto-numbering rendered as its
visible label ("11. "), tabs as "\\t", manual line breaks as "\\v". Tracked changes follow
pandoc's vocabulary: "accept" (the final text, default), "reject" (the original) or
"brackets" (each insertion becomes `[…] (+AUTHOR)`, each deletion `[…] (-AUTHOR)`, authors
mapped to delegation codes through the registry).

With `notes=True` footnotes then endnotes are appended after the body, separated from it by one
blank line; each note paragraph is a line of its own (the note's reference mark is not text).

Choices made where Word has no plain-text answer: a bullet renders as "- " (the notation's
bullet label); hidden text (w:vanish) is not read; a paragraph whose mark is a deleted change
(accept) or an inserted one (reject) joins the next line, as Word joins them; in "brackets" mode
spaces at the edges of a change stay outside its brackets (`[regional] (+CHN) cooperation`),
consecutive changes by one author form one bracket, and an author the registry does not know
becomes a sanitised code ([A-Z0-9], "José Müller" -> JOSEMULLER) with a warning.

In "brackets" mode, Word authors named as editors (`editors=`, or `editor:` lines of a
delegation file) are secretariat staff: their changes are accepted (insertions plain text,
deletions gone), not positions. An unknown author has one warning, with the count of their
changes.

Word comments are read in every mode (`comments=False` leaves them out): each comment is
statements (`brackets.statements.read_statements`: `US: Delete “authorized”`, `CAN, UK
delete`, `China supports`...) and each statement with a position becomes an entry where it
applies, as if the text had been bracketed (comment_placement.py). A statement on a bracket
made from a tracked change (brackets mode) adds a group after that bracket's groups:
`[text] (+CHN) (-IRAN)`. One on a whole paragraph, `this para`, `para 12`, a section, or a
point on a heading, adds a paragraph-level group at the end of each line it means: `6.
Review. (tcb)`. One on a quoted text (found in the commented paragraph, else its section;
`throughout`: every occurrence) or on any other passage (widened to whole words) brackets it:
`[authorized] (-USA)`; a quote found nowhere is one warning, and the paragraph. A statement
with no delegation named is the comment author's when the author is a delegation, else
states nothing. Replies (commentsExtended.xml) are on their thread's place; an agreement
(`+1 US`) takes US's stance on the same place; a later dated statement by a delegation on
the same place supersedes its earlier one. Every comment is listed as a note of the draft
(`Draft.notes`: its statements, the places its positions went, or the reason for none).

Every character of the text is covered by a `TextPiece` of the `SourceMap` (sourcemap.py)
saying where it came from, so that a writer can edit a copy of the document without losing its
formatting. This module never touches XML: the paragraphs `ooxml.walk` enumerates go back to
`ooxml.walk` for their text leaves and comment marks and to `ooxml.numbering` for labels.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..codes import parse
from ..errors import Diagnostic
from ..model import Draft, LineIndex, Note
from .authors import NEUTRAL_AUTHOR, AuthorCodes, Authors, normalise_author, sanitise_code
from .comment_notes import list_notes
from .comment_placement import DocumentComments, attach_comments, read_notes
from .ooxml.numbering import Numbering
from .ooxml.package import Package, memory_guard, open_package
from .ooxml.walk import (
    TRACK_CHANGES,
    CommentMark,
    Element,
    Leaf,
    Revision,
    comment_anchors,
    comment_marks,
    has_revisions,
    is_heading,
    iter_paragraphs,
    leaf_texts,
    leaves,
    main_root,
    paragraph_mark,
)
from .sourcemap import SourceMap, TextBuilder, TextPiece
from .sourcemap import piece as _piece

if TYPE_CHECKING:
    from ..delegations import Registry

_NOTE_PARTS = (("footnotes", "word/footnotes.xml"), ("endnotes", "word/endnotes.xml"))

__all__ = [
    "NEUTRAL_AUTHOR",
    "AuthorCodes",
    "SourceMap",
    "TextPiece",
    "extract_text",
    "read_docx",
    "sanitise_code",
]


def _emit_paragraph(
    builder: TextBuilder,
    part: str,
    index: int,
    found: list[Leaf],
    texts: list[str],
    authors: Authors | None,
    comments: DocumentComments | None,
) -> None:
    """Append one paragraph's visible leaves; in brackets mode, revisions become brackets.

    Spaces at the edges of a tracked change are kept outside its brackets, so that an insertion
    of "regional " reads `[regional] (+CHN) cooperation`, not `[regional ] (+CHN)cooperation`.
    """
    if authors is None:  # the hot path: one piece per visible node
        pos, pieces, chunks = builder.pos, builder.pieces, builder.chunks
        for node, text in enumerate(texts):
            if text:
                end = pos + len(text)
                pieces.append(_piece(pos, end, "run", part, index, node, 0))
                chunks.append(text)
                pos = end
        builder.pos = pos
        return
    visible = [node for node, text in enumerate(texts) if text]
    current: tuple[Revision, ...] = ()
    for k, node in enumerate(visible):
        text = texts[node]
        wanted = found[node].revisions
        offset = 0
        if wanted != current:
            common = _common(current, wanted)
            current = _switch(builder, part, index, current, current[:common], authors, comments)
            if len(wanted) > common:
                body = text.lstrip(" ")
                if not body and k + 1 < len(visible) and found[visible[k + 1]].revisions == wanted:
                    builder.add(text, "run", part, index, node)  # leading spaces of a change
                    continue  # its bracket opens at the next node
                if body and len(body) < len(text):
                    offset = len(text) - len(body)
                    builder.add(text[:offset], "run", part, index, node)
            current = _switch(builder, part, index, current, wanted, authors, comments)
        following = found[visible[k + 1]].revisions if k + 1 < len(visible) else ()
        common = _common(current, following)
        body = text[offset:]
        if len(current) > common:
            stripped = body.rstrip(" ")
            # A change that is only spaces keeps them; otherwise trailing spaces go outside.
            just_opened = builder.pieces[-1].kind == "synthetic" and builder.chunks[-1][-1] == "["
            if len(stripped) < len(body) and (stripped or not just_opened):
                builder.add(stripped, "run", part, index, node, offset)
                current = _switch(
                    builder, part, index, current, current[:common], authors, comments
                )
                builder.add(body[len(stripped) :], "run", part, index, node, offset + len(stripped))
                continue
        builder.add(body, "run", part, index, node, offset)
    _switch(builder, part, index, current, (), authors, comments)


def _common(first: tuple[Revision, ...], second: tuple[Revision, ...]) -> int:
    common = 0
    while common < min(len(first), len(second)) and first[common] == second[common]:
        common += 1
    return common


def _switch(
    builder: TextBuilder,
    part: str,
    index: int,
    current: tuple[Revision, ...],
    wanted: tuple[Revision, ...],
    authors: Authors,
    comments: DocumentComments | None,
) -> tuple[Revision, ...]:
    """Close the revisions of `current` that `wanted` does not continue (`] (+CODE)`) and
    open the new ones (`[`), telling `comments` where brackets open and close."""
    common = _common(current, wanted)
    for revision in reversed(current[common:]):
        sign = "+" if revision.kind == "ins" else "-"
        code = authors.code(revision.author, builder)
        closing = f"] ({sign}{code})" if code else "]"
        if comments is not None:
            comments.close(builder.pos, builder.pos + len(closing), f"{sign}{code}" if code else "")
        builder.add(closing, "synthetic", part, index)
    if len(wanted) > common:
        if comments is not None:
            comments.open(builder.pos, len(wanted) - common)
        builder.add("[" * (len(wanted) - common), "synthetic", part, index)
    return wanted


def _emit_part(
    builder: TextBuilder,
    part: str,
    root: Element,
    track_changes: str,
    numbering: Numbering,
    authors: Authors | None,
    comments: DocumentComments | None,
    first: bool,
) -> bool:
    """Append the lines of one part; returns whether any line was written.

    A paragraph whose mark is deleted (accept) or inserted (reject) joins the next one, as in
    Word; the joined line takes the label of its first paragraph that shows any text.
    """
    paragraphs = iter_paragraphs(root)
    holding: set[int] = set()
    stray: dict[int, list[CommentMark]] = {}
    if comments is not None:
        holding, stray = comment_anchors(root, paragraphs)
    tracked = has_revisions(root)
    if not tracked:
        authors = None
    gone = {"accept": "del", "reject": "ins"}.get(track_changes) if tracked else None
    group: list[tuple[int, Element, list[Leaf], list[str]]] = []
    wrote = not first
    last = len(paragraphs) - 1
    editors = authors.editors if authors is not None else frozenset()
    for index, p in enumerate(paragraphs):
        found = leaves(p, track_changes)
        texts = leaf_texts(found)
        if editors:
            _settle_editors(found, texts, editors)
        group.append((index, p, found, texts))
        if gone is not None and index < last and paragraph_mark(p) == gone:
            continue
        if wrote:
            builder.add("\n", "break", part, group[0][0] - 1)
        wrote = True
        if comments is not None and part == "document" and is_heading(group[-1][1]):
            comments.heading(builder.pos)
        labelled = group[-1]
        if len(group) > 1:
            labelled = next((item for item in group if any(item[3])), labelled)
        label = numbering.label(labelled[1])
        if label:
            builder.add(label, "label", part, labelled[0])
        for item_index, item, item_found, texts in group:
            first_piece, start = len(builder.pieces), builder.pos
            _emit_paragraph(builder, part, item_index, item_found, texts, authors, comments)
            if comments is not None and (item_index in holding or item_index in stray):
                marks = stray.get(item_index, [])
                if item_index in holding:
                    marks = marks + comment_marks(item, item_found)
                comments.place(marks, builder.pieces, first_piece, start, builder.pos)
        group = []
    return wrote


def _settle_editors(found: list[Leaf], texts: list[str], editors: frozenset[str]) -> None:
    """Accept the editors' changes in one paragraph's leaves, in place: an editor's insertion
    is plain text, an editor's deletion is gone (its leaf keeps its place, with no text, so
    that node indices stay those of `leaves`)."""
    for node, leaf in enumerate(found):
        if not leaf.revisions:
            continue
        kept = tuple(r for r in leaf.revisions if normalise_author(r.author) not in editors)
        if len(kept) < len(leaf.revisions):
            if any(
                r.kind == "del" and normalise_author(r.author) in editors for r in leaf.revisions
            ):
                texts[node] = ""
            found[node] = Leaf(leaf.element, kept)


def _extract(
    path: str,
    track_changes: str,
    notes: bool,
    registry: AuthorCodes | None,
    max_bytes: int | None,
    editors: Iterable[str] = (),
    read_comments: bool = True,
) -> tuple[str, SourceMap, list[tuple[int, str]], frozenset[str], tuple[Note, ...]]:
    """The text, its source map, warnings (offset, message), the author codes sanitised for
    unknown authors and the comments read as notes."""
    if track_changes not in TRACK_CHANGES:
        raise ValueError(
            f"track_changes must be one of {', '.join(TRACK_CHANGES)}, not {track_changes!r}"
        )
    from ..delegations import Registry

    if registry is None:
        registry = Registry.default()
    lists = registry if isinstance(registry, Registry) else Registry.default()
    named = (*editors, *(registry.editors if isinstance(registry, Registry) else ()))
    authors = Authors(registry, frozenset(normalise_author(name) for name in named))
    revisions = authors if track_changes == "brackets" else None
    comments: DocumentComments | None = None
    builder = TextBuilder()
    with open_package(path, max_bytes=max_bytes) as package:
        main = main_root(package)
        numbering = Numbering.of(package)
        notes_read = read_notes(package, lists) if read_comments else {}
        if notes_read:
            comments = DocumentComments(notes_read)
        wrote = _emit_part(
            builder, "document", main, track_changes, numbering, revisions, comments, True
        )
        if notes:
            _emit_notes(builder, package, track_changes, numbering, revisions, comments, wrote)
    listed: tuple[Note, ...] = ()
    if comments is not None:
        listed = list_notes(builder, attach_comments(builder, comments, authors))
    authors.counted(builder)
    text = "".join(builder.chunks)
    source = SourceMap(
        path,
        track_changes,
        tuple(builder.pieces),
        max_bytes,
        authors.editors if revisions is not None else frozenset(),
    )
    sanitised = frozenset(authors.codes[a] for a in authors.unknown)
    return text, source, builder.warnings, sanitised, listed


def _emit_notes(
    builder: TextBuilder,
    package: Package,
    track_changes: str,
    numbering: Numbering,
    authors: Authors | None,
    comments: DocumentComments | None,
    wrote: bool,
) -> None:
    """Append footnotes then endnotes, after one blank line."""
    separated = False
    for part, default in _NOTE_PARTS:
        name = package.related(part, default)
        if name is None:
            continue
        root = package.xml(name)
        if not separated and wrote and iter_paragraphs(root):
            builder.add("\n", "break", "document", -1)
            builder.add("\n", "synthetic", part, -1)
            separated = True
            wrote = False
        wrote = (
            _emit_part(builder, part, root, track_changes, numbering, authors, comments, not wrote)
            or wrote
        )


def extract_text(
    path: str | os.PathLike[str],
    *,
    track_changes: str = "accept",
    notes: bool = False,
    registry: AuthorCodes | None = None,
    max_bytes: int | None = None,
    editors: Iterable[str] = (),
    comments: bool = True,
) -> tuple[str, SourceMap, list[str]]:
    """The text Word shows, its source map and warnings ("line:column: message")."""
    name = os.fspath(path)
    with memory_guard(name, "reading the document", max_bytes):
        text, source, warnings, _, _ = _extract(
            name, track_changes, notes, registry, max_bytes, editors, comments
        )
    lines = LineIndex(text)
    messages = []
    for offset, message in warnings:
        line, column = lines.locate(offset)
        messages.append(f"{name}:{line}:{column}: warning: {message}")
    return text, source, messages


def read_docx(
    path: str | os.PathLike[str],
    *,
    track_changes: str = "accept",
    notes: bool = False,
    lenient: bool = False,
    registry: Registry | None = None,
    max_bytes: int | None = None,
    editors: Iterable[str] = (),
    comments: bool = True,
) -> Draft:
    """Read a Word draft: its text parsed as a draft, with `origin` set to its `SourceMap`.

    `editors` name Word authors (secretariat staff) whose tracked changes are accepted as
    editorial in "brackets" mode, beside the registry's own `editors`. Comments are read as
    positions in every mode; `comments=False` leaves them out. Line numbers in
    diagnostics are paragraph numbers of the text as extracted. Raises
    `DocxError` for a file that is not a readable Word document and `DraftSyntaxError` (strict
    mode) for a draft whose brackets do not parse.
    """
    name = os.fspath(path)
    with memory_guard(name, "reading the document", max_bytes):
        text, source, warnings, sanitised, notes_read = _extract(
            name, track_changes, notes, registry, max_bytes, editors, comments
        )
        draft = parse(text, lenient=lenient, path=name, registry=registry)
    extra = tuple(
        Diagnostic(
            "warning",
            message,
            *draft.locate(offset),
            name,
            "docx-comment" if message.startswith("comment") else "docx-author",
        )
        for offset, message in warnings
    )
    diagnostics = draft.diagnostics
    if sanitised:  # an unknown author has had its one warning, with a count
        diagnostics = tuple(
            d
            for d in diagnostics
            if not (d.code == "unknown-delegation" and d.subject in sanitised)
        )
    if extra:
        diagnostics = tuple(sorted(diagnostics + extra, key=lambda d: (d.line, d.column)))
    return dataclasses.replace(draft, origin=source, notes=notes_read, diagnostics=diagnostics)
