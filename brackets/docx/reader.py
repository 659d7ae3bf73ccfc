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

In "brackets" mode, Word comments that state a position are read too (other comments are
ignored; in "accept" and "reject" modes all are). A comment's text, after an optional "CODE:"
prefix naming the delegation (else its author does), is one of `POSITION_WORDS`: "objects",
"delete", "-"... (objection), "tcb", "to come back", "reserve"... (reservation), "supports",
"retain", "+"... (support). A comment on a bracket made from a tracked change (its range that
bracket or inside it; the innermost such bracket) adds a group after that bracket's groups:
`[text] (+CHN) (-IRAN)`. One covering a whole paragraph adds a paragraph-level group at the end
of the line: `6. Review. (tcb)`. Any other one (on plain text, across paragraphs, on a paragraph
that ends with a bracket) is a warning. The neutral author stands for no delegation: a bare
`tcb`, and its supports and objections are skipped. An entry the bracket or paragraph already
holds is not repeated (our redline writes a paragraph's first supporter both ways).

Every character of the text is covered by a `TextPiece` of the `SourceMap` (sourcemap.py)
saying where it came from, so that a writer can edit a copy of the document without losing its
formatting. This module never touches XML: the paragraphs `ooxml.walk` enumerates go back to
`ooxml.walk` for their text leaves and comment marks and to `ooxml.numbering` for labels.
"""

from __future__ import annotations

import bisect
import dataclasses
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ..model import Diagnostic, Draft, LineIndex
from ..parse import parse
from .ooxml.numbering import Numbering
from .ooxml.package import DocxError, Package, memory_guard, open_package
from .ooxml.walk import (
    TRACK_CHANGES,
    CommentMark,
    Element,
    Leaf,
    Revision,
    comment_anchors,
    comment_marks,
    comment_texts,
    has_revisions,
    iter_paragraphs,
    leaf_texts,
    leaves,
    main_root,
    paragraph_mark,
)
from .sourcemap import DocxSource, PieceKind, SourceMap, TextPiece
from .sourcemap import piece as _piece

if TYPE_CHECKING:
    from ..delegations import Registry

_NOTE_PARTS = (("footnotes", "word/footnotes.xml"), ("endnotes", "word/endnotes.xml"))

__all__ = [
    "AuthorCodes",
    "DocxError",
    "DocxSource",
    "SourceMap",
    "TextPiece",
    "extract_text",
    "read_docx",
]


class AuthorCodes(Protocol):
    """What the reader needs of a registry: a delegation code for a Word author name."""

    def code_for(self, name: str) -> str | None: ...


@dataclass(slots=True)
class _Builder:
    """Accumulates text and pieces; warnings are (offset, message)."""

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
        self.pieces.append(_piece(self.pos, end, kind, part, paragraph, node, offset))
        self.chunks.append(text)
        self.pos = end


#: The author our redline gives to brackets nobody supports; read back as no attribution.
NEUTRAL_AUTHOR = "Unattributed"


@dataclass(slots=True)
class _Authors:
    """Word author names -> delegation codes, with one warning per unknown author.

    The neutral author maps to "" (a bracket with no attribution group)."""

    registry: AuthorCodes | None
    codes: dict[str, str] = field(default_factory=lambda: {NEUTRAL_AUTHOR: ""})
    #: Set when the document has comments that state positions: records brackets and anchors.
    comments: _Comments | None = None

    def code(
        self, author: str, builder: _Builder, what: str = "tracked change", at: int | None = None
    ) -> str:
        """The code of `author`; an unknown one is sanitised, with one warning (at `at`)."""
        known = self.codes.get(author)
        if known is not None:
            return known
        code = self.registry.code_for(author) if self.registry is not None else None
        if code is None:
            code = sanitise_code(author)
            builder.warnings.append(
                (
                    builder.pos if at is None else at,
                    f"{what} by {author!r}, not a known delegation: attributed to {code}",
                )
            )
        self.codes[author] = code
        return code


def sanitise_code(author: str) -> str:
    """An upper-case code ([A-Z0-9], starting with a letter) for an unknown Word author."""
    ascii_name = unicodedata.normalize("NFKD", author).encode("ascii", "ignore").decode()
    code = re.sub(r"[^A-Z0-9]", "", ascii_name.upper())
    if not code:
        return "UNKNOWN"
    return code if code[0].isalpha() else "X" + code


def _emit_paragraph(
    builder: _Builder,
    part: str,
    index: int,
    found: list[Leaf],
    texts: list[str],
    authors: _Authors | None,
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
            current = _switch(builder, part, index, current, current[:common], authors)
            if len(wanted) > common:
                body = text.lstrip(" ")
                if not body and k + 1 < len(visible) and found[visible[k + 1]].revisions == wanted:
                    builder.add(text, "run", part, index, node)  # leading spaces of a change
                    continue  # its bracket opens at the next node
                if body and len(body) < len(text):
                    offset = len(text) - len(body)
                    builder.add(text[:offset], "run", part, index, node)
            current = _switch(builder, part, index, current, wanted, authors)
        following = found[visible[k + 1]].revisions if k + 1 < len(visible) else ()
        common = _common(current, following)
        body = text[offset:]
        if len(current) > common:
            stripped = body.rstrip(" ")
            # A change that is only spaces keeps them; otherwise trailing spaces go outside.
            just_opened = builder.pieces[-1].kind == "synthetic" and builder.chunks[-1][-1] == "["
            if len(stripped) < len(body) and (stripped or not just_opened):
                builder.add(stripped, "run", part, index, node, offset)
                current = _switch(builder, part, index, current, current[:common], authors)
                builder.add(body[len(stripped) :], "run", part, index, node, offset + len(stripped))
                continue
        builder.add(body, "run", part, index, node, offset)
    _switch(builder, part, index, current, (), authors)


def _common(first: tuple[Revision, ...], second: tuple[Revision, ...]) -> int:
    common = 0
    while common < min(len(first), len(second)) and first[common] == second[common]:
        common += 1
    return common


def _switch(
    builder: _Builder,
    part: str,
    index: int,
    current: tuple[Revision, ...],
    wanted: tuple[Revision, ...],
    authors: _Authors,
) -> tuple[Revision, ...]:
    common = _common(current, wanted)
    comments = authors.comments
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
    builder: _Builder,
    part: str,
    root: Element,
    track_changes: str,
    numbering: Numbering,
    authors: _Authors | None,
    first: bool,
) -> bool:
    """Append the lines of one part; returns whether any line was written.

    A paragraph whose mark is deleted (accept) or inserted (reject) joins the next one, as in
    Word; the joined line takes the label of its first paragraph that shows any text.
    """
    paragraphs = iter_paragraphs(root)
    comments = authors.comments if authors is not None else None
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
    for index, p in enumerate(paragraphs):
        found = leaves(p, track_changes)
        group.append((index, p, found, leaf_texts(found)))
        if gone is not None and index < last and paragraph_mark(p) == gone:
            continue
        if wrote:
            builder.add("\n", "break", part, group[0][0] - 1)
        wrote = True
        labelled = group[-1]
        if len(group) > 1:
            labelled = next((item for item in group if any(item[3])), labelled)
        label = numbering.label(labelled[1])
        if label:
            builder.add(label, "label", part, labelled[0])
        for item_index, item, item_found, texts in group:
            first_piece, start = len(builder.pieces), builder.pos
            _emit_paragraph(builder, part, item_index, item_found, texts, authors)
            if comments is not None and (item_index in holding or item_index in stray):
                marks = stray.get(item_index, [])
                if item_index in holding:
                    marks = marks + comment_marks(item, item_found)
                comments.place(marks, builder.pieces, first_piece, start, builder.pos)
        group = []
    return wrote


def _extract(
    path: str,
    track_changes: str,
    notes: bool,
    registry: AuthorCodes | None,
    max_bytes: int | None,
) -> tuple[str, SourceMap, list[tuple[int, str]]]:
    if track_changes not in TRACK_CHANGES:
        raise ValueError(
            f"track_changes must be one of {', '.join(TRACK_CHANGES)}, not {track_changes!r}"
        )
    authors: _Authors | None = None
    if track_changes == "brackets":
        if registry is None:
            from ..delegations import Registry

            registry = Registry.default()
        authors = _Authors(registry)
    builder = _Builder()
    with open_package(path, max_bytes=max_bytes) as package:
        main = main_root(package)
        numbering = Numbering.of(package)
        if authors is not None:
            positions = _position_comments(package)
            if positions:
                authors.comments = _Comments(positions)
        wrote = _emit_part(builder, "document", main, track_changes, numbering, authors, True)
        if notes:
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
                    _emit_part(builder, part, root, track_changes, numbering, authors, not wrote)
                    or wrote
                )
    if authors is not None and authors.comments is not None:
        _attach_comments(builder, authors.comments, authors)
    text = "".join(builder.chunks)
    source = SourceMap(path, track_changes, tuple(builder.pieces), max_bytes)
    return text, source, builder.warnings


# -- comments that state positions ("brackets" mode) ------------------------------------------

#: Comment texts that state a position (after an optional "CODE:" prefix, case-folded, spaces
#: collapsed, a final full stop dropped): "+" support, "-" objection, "tcb" reservation.
POSITION_WORDS: dict[str, str] = {
    **dict.fromkeys(("object", "objects", "delete", "oppose", "-"), "-"),
    **dict.fromkeys(("tcb", "to come back", "reserve", "reservation", "come back"), "tcb"),
    **dict.fromkeys(("support", "supports", "retain", "keep", "+"), "+"),
}
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})


def comment_position(text: str) -> tuple[str, str | None] | None:
    """The position a comment states, as (kind, delegation named by a "CODE:" prefix or None),
    kind being "+", "-" or "tcb"; None for any other text ("alternative 2 of 3", prose).

    >>> comment_position("AZER: tcb"), comment_position(" Delete. "), comment_position("why?")
    (('tcb', 'AZER'), ('-', None), None)
    """
    kind = POSITION_WORDS.get(_position_word(text))
    if kind is not None:
        return kind, None
    prefix, colon, rest = text.partition(":")
    if colon and prefix.strip():
        kind = POSITION_WORDS.get(_position_word(rest))
        if kind is not None:
            return kind, " ".join(prefix.split())
    return None


def _position_word(text: str) -> str:
    word = " ".join(text.split()).casefold().translate(_MINUS)
    return word[:-1].rstrip() if word.endswith(".") else word


@dataclass(frozen=True, slots=True)
class _Position:
    """A comment that states a position: its rank in comments.xml, author and kind."""

    order: int
    author: str
    kind: str  # "+", "-" or "tcb"
    named: str | None  # the delegation a "CODE:" prefix names


@dataclass(slots=True)
class _Span:
    """A bracket the reader made from a tracked change: `[` at `open`, `]` at `close`, its
    group (if any) ending at `group_end`, where further groups go; `entries` it holds."""

    open: int
    close: int
    group_end: int
    entries: list[str]


@dataclass(slots=True)
class _Anchor:
    """Where a comment's range starts and ends and its reference mark is, as text offsets."""

    start: int | None = None
    end: int | None = None
    reference: int | None = None


@dataclass(slots=True)
class _Comments:
    """The position comments of a document, and what reading the body records for them."""

    positions: dict[str, _Position]
    anchors: dict[str, _Anchor] = field(default_factory=dict)
    spans: list[_Span] = field(default_factory=list)
    _opened: list[int] = field(default_factory=list)

    def open(self, at: int, count: int) -> None:
        """`count` brackets open at offsets at, at + 1, …"""
        self._opened.extend(range(at, at + count))

    def close(self, at: int, group_end: int, entry: str) -> None:
        """The innermost open bracket closes at `at`, its group ending at `group_end`."""
        self.spans.append(_Span(self._opened.pop(), at, group_end, [entry] if entry else []))

    def place(
        self, marks: list[CommentMark], pieces: list[TextPiece], first: int, start: int, end: int
    ) -> None:
        """Record the offsets of one paragraph's marks; its pieces are pieces[first:], its text
        [start, end). A range starts at the first character after its mark and ends after the
        last one before its end mark."""
        runs = [
            (piece.node, piece.start, piece.end) for piece in pieces[first:] if piece.kind == "run"
        ]
        for mark in marks:
            if mark.id not in self.positions:
                continue
            anchor = self.anchors.get(mark.id)
            if anchor is None:
                anchor = self.anchors[mark.id] = _Anchor()
            if mark.kind == "start":
                if anchor.start is None:
                    anchor.start = next((s for node, s, _ in runs if node >= mark.leaf), end)
                continue
            offset = start
            for node, _, e in runs:
                if node >= mark.leaf:
                    break
                offset = e
            if mark.kind == "end":
                anchor.end = offset
            else:
                anchor.reference = offset


def _position_comments(package: Package) -> dict[str, _Position]:
    """The comments of the main document that state a position, by w:id (none: no part)."""
    name = package.related("comments", "word/comments.xml")
    if name is None:
        return {}
    found: dict[str, _Position] = {}
    for order, (comment_id, author, text) in enumerate(comment_texts(package.xml(name))):
        position = comment_position(text)
        if position is not None:
            found.setdefault(comment_id, _Position(order, author, *position))
    return found


class _Text:
    """The extracted text and its pieces, for finding what a comment's range covers."""

    def __init__(self, text: str, pieces: list[TextPiece]) -> None:
        self.text = text
        self.pieces = pieces
        self.map = SourceMap("", "", tuple(pieces))
        self.starts = [p.start for p in pieces]

    def _space(self, offset: int) -> bool:
        return self.text[offset].isspace()

    def first(self, start: int, end: int) -> int | None:
        """The first non-space character of the document's own text in [start, end)."""
        return self.map.first_char(start, end, self._space)

    def last(self, start: int, end: int) -> int | None:
        """The last non-space character of the document's own text in [start, end)."""
        return self.map.last_char(start, end, self._space)


_TAIL_GROUP: re.Pattern[str] | None = None


def _ends_with_bracket(line: str) -> bool:
    """Whether a group appended to `line` would attach to a bracket, not to the paragraph."""
    global _TAIL_GROUP
    if _TAIL_GROUP is None:
        from ..parse import group_pattern

        _TAIL_GROUP = re.compile(rf"(?:{group_pattern()})\Z")
    rest = line.rstrip(" \t.,;:")
    while (match := _TAIL_GROUP.search(rest)) is not None:
        rest = rest[: match.start()].rstrip(" \t.,;:")
    return rest.endswith("]")


def _attach_comments(builder: _Builder, comments: _Comments, authors: _Authors) -> None:
    """Add the positions of `comments` to the text as synthetic attribution groups.

    A comment whose range lies on a bracket made from a tracked change (innermost one first)
    adds a group after that bracket's groups; one covering a whole paragraph that is no such
    bracket adds a paragraph-level group at the end of its line; any other one is a warning.
    An entry the bracket or paragraph already has is not repeated.
    """
    text = _Text("".join(builder.chunks), builder.pieces)
    spans = sorted(comments.spans, key=lambda span: span.open)
    opens = [span.open for span in spans]
    line_starts = LineIndex(text.text).starts
    placed: list[tuple[int, int, _Position, int, int | None]] = []
    for comment_id, anchor in comments.anchors.items():
        end = anchor.end if anchor.end is not None else anchor.reference
        start = anchor.start if anchor.start is not None else end
        if start is None:
            continue
        end = start if end is None or end < start else end
        low = text.first(start, end)
        high = text.last(start, end) if low is not None else None
        position = comments.positions[comment_id]
        if low is None or high is None:
            placed.append((start, position.order, position, start, None))
        else:
            placed.append((low, position.order, position, low, high + 1))
    placed.sort(key=lambda item: (item[0], item[1]))
    inserts: list[tuple[int, int, str]] = []  # (offset, rank, group text)
    paragraph_entries: dict[int, list[str]] = {}
    for rank, (_, _, position, low, high) in enumerate(placed):
        who = position.named if position.named is not None else position.author
        if authors.codes.get(who) == "" and position.kind != "tcb":
            continue  # a support or objection by nobody says nothing
        span = _covering(spans, opens, line_starts, low, high)
        line = bisect.bisect_right(line_starts, low)
        if span is not None:
            entries, offset = span.entries, span.group_end
        elif high is not None and _whole_line(text, line_starts, line, low, high):
            line_end = line_starts[line] - 1 if line < len(line_starts) else len(text.text)
            if _ends_with_bracket(text.text[line_starts[line - 1] : line_end]):
                builder.warnings.append(
                    (low, f"comment by {who} on a paragraph that ends with a bracket: ignored")
                )
                continue
            entries, offset = paragraph_entries.setdefault(line, []), line_end
        else:
            builder.warnings.append(
                (low, f"comment by {who} on text that is not a bracket: ignored")
            )
            continue
        code = authors.code(who, builder, "comment", low)
        entry = (
            f"{position.kind}{code}"
            if position.kind != "tcb"
            else (f"{code} tcb" if code else "tcb")
        )
        if entry in entries:
            continue
        entries.append(entry)
        inserts.append((offset, rank, f" ({entry})"))
    if inserts:
        _insert(builder, text, sorted(inserts))


def _covering(
    spans: list[_Span], opens: list[int], line_starts: list[int], low: int, high: int | None
) -> _Span | None:
    """The innermost bracket made from a tracked change whose content holds [low, high) (a
    point `low` when `high` is None); brackets never cross lines, so the search stays on one."""
    line_start = line_starts[bisect.bisect_right(line_starts, low) - 1]
    index = bisect.bisect_left(opens, low) - 1
    while index >= 0 and spans[index].open >= line_start:
        span = spans[index]
        index -= 1
        if span.close >= (low if high is None else high):
            return span
    return None


def _whole_line(text: _Text, line_starts: list[int], line: int, low: int, high: int) -> bool:
    """Whether [low, high) holds every non-space character of the document's text on `line`."""
    start = line_starts[line - 1]
    end = line_starts[line] - 1 if line < len(line_starts) else len(text.text)
    if high > end:
        return False
    first = text.first(start, end)
    last = text.last(start, end)
    return first is not None and last is not None and low <= first and last < high


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


def _insert(builder: _Builder, text: _Text, inserts: list[tuple[int, int, str]]) -> None:
    """Insert synthetic groups (offset, rank, text), offsets at piece boundaries, in order;
    later pieces and warnings move along."""
    old = text.pieces
    source = text.text
    first = bisect.bisect_left(text.starts, inserts[0][0])
    pieces = old[:first]
    chunks = []
    offsets = [offset for offset, _, _ in inserts]
    shift = 0
    last = 0
    index = first
    for offset, _, group in inserts:
        while index < len(old) and old[index].start < offset:
            piece = old[index]
            pieces.append(_shifted(piece, shift))
            index += 1
        before = pieces[-1]  # the piece ending at `offset` names the paragraph
        start = offset + shift
        pieces.append(
            _piece(start, start + len(group), "synthetic", before.part, before.paragraph, -1, 0)
        )
        chunks.append(source[last:offset])
        chunks.append(group)
        last = offset
        shift += len(group)
    pieces.extend(_shifted(piece, shift) for piece in old[index:])
    chunks.append(source[last:])
    totals = [0]
    for _, _, group in inserts:
        totals.append(totals[-1] + len(group))
    builder.warnings = [
        (offset + totals[bisect.bisect_right(offsets, offset)], message)
        for offset, message in builder.warnings
    ]
    builder.pieces = pieces
    builder.chunks = chunks
    builder.pos = len(source) + shift


def extract_text(
    path: str | os.PathLike[str],
    *,
    track_changes: str = "accept",
    notes: bool = False,
    registry: AuthorCodes | None = None,
    max_bytes: int | None = None,
) -> tuple[str, SourceMap, list[str]]:
    """The text Word shows, its source map and warnings ("line:column: message")."""
    name = os.fspath(path)
    with memory_guard(name, "reading the document", max_bytes):
        text, source, warnings = _extract(name, track_changes, notes, registry, max_bytes)
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
) -> Draft:
    """Read a Word draft: its text parsed as a draft, with `origin` set to its `SourceMap`.

    Line numbers in diagnostics are paragraph numbers of the text as extracted. Raises
    `DocxError` for a file that is not a readable Word document and `DraftSyntaxError` (strict
    mode) for a draft whose brackets do not parse.
    """
    name = os.fspath(path)
    with memory_guard(name, "reading the document", max_bytes):
        text, source, warnings = _extract(name, track_changes, notes, registry, max_bytes)
        draft = parse(text, lenient=lenient, path=name, registry=registry)
    extra = tuple(
        Diagnostic(
            "warning",
            message,
            *draft.locate(offset),
            name,
            "docx-comment" if message.startswith("comment by") else "docx-author",
        )
        for offset, message in warnings
    )
    diagnostics = draft.diagnostics
    if extra:
        diagnostics = tuple(sorted(diagnostics + extra, key=lambda d: (d.line, d.column)))
    return dataclasses.replace(draft, origin=source, diagnostics=diagnostics)
