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

In "brackets" mode, Word comments are read too (in "accept" and "reject" modes they are
not): each comment is statements (comments.py: `US: Delete “authorized”`, `CAN, UK delete`,
`China supports`...) and each statement with a position becomes an entry where it applies,
as if the text had been bracketed. A statement on a bracket made from a tracked change (its
range that bracket's text, or a point inside it: the innermost such bracket) adds a group
after that bracket's groups: `[text] (+CHN) (-IRAN)`; a word selected inside it is bracketed
inside it. One on a whole paragraph, or saying "para", adds a
paragraph-level group at the end of the line: `6. Review. (tcb)` (a bracket around the
paragraph's text when the line ends with a bracket). One on a quoted text found in the
paragraph, or on any other passage (widened to whole words), brackets it: `[authorized]
(-USA)`. A statement with no delegation named is the comment author's when the author is a
delegation (the registry knows them, or a code as our redline writes), else states nothing.
The neutral author stands for no delegation: a bare `tcb`, and its supports and objections
are skipped. An entry a place already holds is not repeated (our redline writes a
paragraph's first supporter both ways). Every comment is listed as a note of the draft
(`Draft.notes`, reported by `positions`), and those that state no position are one
warning with their count.

Every character of the text is covered by a `TextPiece` of the `SourceMap` (sourcemap.py)
saying where it came from, so that a writer can edit a copy of the document without losing its
formatting. This module never touches XML: the paragraphs `ooxml.walk` enumerates go back to
`ooxml.walk` for their text leaves and comment marks and to `ooxml.numbering` for labels.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ..codes import parse
from ..model import Diagnostic, Draft, LineIndex, Note, Stance
from ..notation import format_entry, group_pattern, group_would_attach, normalize_minus
from .comments import Lists, Statement, read_comment
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
from .plan import read_alternative_comment
from .sourcemap import DocxSource, PieceKind, SourceMap, TextPiece, person
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
    #: The editors' names (`person`): their tracked changes are accepted, not positions.
    editors: frozenset[str] = frozenset()
    codes: dict[str, str] = field(default_factory=lambda: {NEUTRAL_AUTHOR: ""})
    #: Set when the document has comments: records brackets and anchors.
    comments: _Comments | None = None
    #: Unknown authors: the index of their one warning in the builder, and how often they
    #: came up (the warning gives the count at the end).
    unknown: dict[str, list[int]] = field(default_factory=dict)

    def code(
        self, author: str, builder: _Builder, what: str = "tracked change", at: int | None = None
    ) -> str:
        """The code of `author`; an unknown one is sanitised, with one warning (at `at`)."""
        known = self.codes.get(author)
        if known is not None:
            seen = self.unknown.get(author)
            if seen is not None:
                seen[1] += 1
            return known
        code = self.registry.code_for(author) if self.registry is not None else None
        if code is None:
            code = sanitise_code(author)
            self.unknown[author] = [len(builder.warnings), 1]
            builder.warnings.append(
                (
                    builder.pos if at is None else at,
                    f"{what} by {author!r}, not a known delegation: attributed to {code}",
                )
            )
        self.codes[author] = code
        return code

    def author_code(self, author: str, builder: _Builder, at: int) -> str | None:
        """The delegation a comment's author is: a known one, the neutral author (""), or a
        code as our redline writes them (FOO); None for a person (a note-taker, an editor)."""
        known = self.codes.get(author)
        if known is not None and author not in self.unknown:
            return known
        if person(author) in self.editors:
            return None
        code = self.registry.code_for(author) if self.registry is not None else None
        if code is not None:
            self.codes[author] = code
            return code
        if _CODE_AUTHOR.match(author):
            return self.code(author, builder, "comment", at)
        return None

    def counted(self, builder: _Builder) -> None:
        """Give each unknown author's one warning the number of changes and comments it had,
        and, for a person's tracked changes, the way to read them as an editor's."""
        for author, (index, count) in self.unknown.items():
            offset, message = builder.warnings[index]
            notes = [f"{count} times"] if count > 1 else []
            if message.startswith("tracked change") and not _CODE_AUTHOR.match(author):
                notes.append(f"if staff, --editor {author!r} accepts them as editorial")
            if notes:
                builder.warnings[index] = (offset, f"{message} ({'; '.join(notes)})")


_CODE_AUTHOR = re.compile(r"[A-Z][A-Z0-9]{2,11}\Z")


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


def _settle_editors(found: list[Leaf], texts: list[str], editors: frozenset[str]) -> None:
    """Accept the editors' changes in one paragraph's leaves, in place: an editor's insertion
    is plain text, an editor's deletion is gone (its leaf keeps its place, with no text, so
    that node indices stay those of `leaves`)."""
    for node, leaf in enumerate(found):
        if not leaf.revisions:
            continue
        kept = tuple(r for r in leaf.revisions if person(r.author) not in editors)
        if len(kept) < len(leaf.revisions):
            if any(r.kind == "del" and person(r.author) in editors for r in leaf.revisions):
                texts[node] = ""
            found[node] = Leaf(leaf.element, kept)


def _extract(
    path: str,
    track_changes: str,
    notes: bool,
    registry: AuthorCodes | None,
    max_bytes: int | None,
    editors: Iterable[str] = (),
) -> tuple[str, SourceMap, list[tuple[int, str]], frozenset[str], tuple[Note, ...]]:
    """The text, its source map, warnings (offset, message), the author codes sanitised for
    unknown authors and the comments read as notes ("brackets" mode)."""
    if track_changes not in TRACK_CHANGES:
        raise ValueError(
            f"track_changes must be one of {', '.join(TRACK_CHANGES)}, not {track_changes!r}"
        )
    authors: _Authors | None = None
    lists: Lists | None = None
    if track_changes == "brackets":
        from ..delegations import Registry

        if registry is None:
            registry = Registry.default()
        lists = registry if isinstance(registry, Registry) else Registry.default()
        named = (*editors, *(registry.editors if isinstance(registry, Registry) else ()))
        authors = _Authors(registry, frozenset(person(name) for name in named))
    builder = _Builder()
    with open_package(path, max_bytes=max_bytes) as package:
        main = main_root(package)
        numbering = Numbering.of(package)
        if authors is not None and lists is not None:
            notes_read = _read_notes(package, lists)
            if notes_read:
                authors.comments = _Comments(notes_read)
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
    comments: tuple[Note, ...] = ()
    if authors is not None:
        if authors.comments is not None:
            records = _attach_comments(builder, authors.comments, authors)
            comments = _listed(builder, records)
        authors.counted(builder)
    text = "".join(builder.chunks)
    source = SourceMap(
        path,
        track_changes,
        tuple(builder.pieces),
        max_bytes,
        authors.editors if authors is not None else frozenset(),
    )
    sanitised = frozenset(authors.codes[a] for a in authors.unknown) if authors else frozenset()
    return text, source, builder.warnings, sanitised, comments


def _listed(
    builder: _Builder, records: list[tuple[int | None, _Note, list[str]]]
) -> tuple[Note, ...]:
    """The comments as `objections --format json` lists them, in document order, and one
    warning counting those that state no position (at the first of them; our redline's
    "alternative 2 of 3" notes aside)."""
    lines = LineIndex("".join(builder.chunks))
    listed = []
    silent: list[int] = []
    for offset, note, given in sorted(
        records, key=lambda r: (r[0] is None, r[0] or 0, r[1].order)
    ):
        line = 0 if offset is None else lines.locate(offset)[0]
        listed.append(Note(line, note.author, note.text, tuple(given)))
        if not given and read_alternative_comment(note.text) is None:
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


# -- comments that state positions ("brackets" mode) ------------------------------------------

#: Comment texts that state a position by themselves (after an optional "CODE:" prefix,
#: case-folded, spaces collapsed, a final full stop dropped): "+" support, "-" objection,
#: "tcb" reservation. The reader reads comments more generally (comments.py); this is the
#: strict vocabulary of `comment_position`.
#: The stance each kind of comment statement states.
_STANCES: dict[str, Stance] = {"+": "support", "-": "object", "tcb": "reserve"}

POSITION_WORDS: dict[str, str] = {
    **dict.fromkeys(("object", "objects", "delete", "oppose", "-"), "-"),
    **dict.fromkeys(("tcb", "to come back", "reserve", "reservation", "come back"), "tcb"),
    **dict.fromkeys(("support", "supports", "retain", "keep", "+"), "+"),
}


def comment_position(text: str) -> tuple[str, str | None] | None:
    """The position a comment states when its whole text is a position word, as (kind,
    delegation named by a "CODE:" prefix or None), kind being "+", "-" or "tcb"; None for
    any other text. The reader itself reads comments as statements (`comments.read_comment`).

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
    word = normalize_minus(" ".join(text.split()).casefold())
    return word[:-1].rstrip() if word.endswith(".") else word


@dataclass(frozen=True, slots=True)
class _Note:
    """A comment of the document: its rank in comments.xml, author, text and statements."""

    order: int
    author: str
    text: str
    statements: tuple[Statement, ...]


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
    """The comments of a document, and what reading the body records for them."""

    notes: dict[str, _Note]
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
            if mark.id not in self.notes:
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


def _read_notes(package: Package, registry: Lists) -> dict[str, _Note]:
    """Every comment of the main document, read as statements, by w:id (none: no part)."""
    name = package.related("comments", "word/comments.xml")
    if name is None:
        return {}
    found: dict[str, _Note] = {}
    for order, (comment_id, author, text) in enumerate(comment_texts(package.xml(name))):
        if comment_id not in found:
            found[comment_id] = _Note(order, author, text, read_comment(text, registry))
    return found


class _Text:
    """The extracted text and its pieces, for finding what a comment's range covers."""

    def __init__(self, text: str, pieces: list[TextPiece]) -> None:
        self.text = text
        self.pieces = pieces
        self.map = SourceMap("", "", tuple(pieces))
        self.starts = [p.start for p in pieces]
        self.line_starts = LineIndex(text).starts

    def _space(self, offset: int) -> bool:
        return self.text[offset].isspace()

    def first(self, start: int, end: int) -> int | None:
        """The first non-space character of the document's own text in [start, end)."""
        return self.map.first_char(start, end, self._space)

    def last(self, start: int, end: int) -> int | None:
        """The last non-space character of the document's own text in [start, end)."""
        return self.map.last_char(start, end, self._space)

    def line(self, offset: int) -> int:
        """The line (from 1) of `offset`."""
        return bisect.bisect_right(self.line_starts, offset)

    def bounds(self, line: int) -> tuple[int, int]:
        """Where `line` starts and ends (its line break excluded)."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return start, end

    def trimmed(self, start: int, end: int) -> tuple[int, int] | None:
        """[start, end) without the spaces and synthetic text at its edges (None: empty)."""
        low = self.first(start, end)
        high = self.last(start, end) if low is not None else None
        return None if low is None or high is None else (low, high + 1)

    def content(self, line: int) -> tuple[int, int] | None:
        """A line's own text after its label, trimmed (None for a line without text)."""
        start, end = self.bounds(line)
        index = bisect.bisect_right(self.starts, start) - 1
        while 0 <= index < len(self.pieces) and self.pieces[index].start < end:
            if self.pieces[index].kind == "label":
                start = max(start, self.pieces[index].end)
            index += 1
        return self.trimmed(start, end)


@functools.cache
def _groups_after() -> re.Pattern[str]:
    """Groups, each maybe after spaces: those following a bracket's `]`."""
    return re.compile(rf"(?:[ \t]*(?:{group_pattern()}))+")


def _is_word(char: str) -> bool:
    return char.isalnum() or char in "-\u2011'’"


#: What a statement applies to: ("span", where the bracket made from a tracked change opens,
#: 0), ("paragraph", its line, 0) or ("passage", start, end) to bracket.
_Target = tuple[str, int, int]


@dataclass(slots=True)
class _Placer:
    """Turns statements into the groups and brackets to insert in the text."""

    text: _Text
    spans: list[_Span]
    opens: list[int]
    builder: _Builder
    #: Entries of each paragraph-level position and of each new bracket (start, end).
    paragraphs: dict[int, list[str]] = field(default_factory=dict)
    passages: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    inserts: list[tuple[int, tuple[int, int, int], str]] = field(default_factory=list)

    def targets(self, statement: Statement, low: int, high: int | None) -> list[_Target]:
        """Where a statement applies (module docstring of comments.py); warnings on failure."""
        text = self.text
        end = low if high is None else max(low, high - 1)
        first, last = text.line(low), text.line(end)
        if statement.quotes:
            found: list[_Target] = []
            for quote in statement.quotes:
                place = self._quoted(quote, first, last, low, high)
                if place is not None:
                    found.extend(self._passage(*place))
            if found:
                return found
        if statement.paragraph:
            return [("paragraph", line, 0) for line in range(first, last + 1)]
        if first == last:
            return self._passage(low, high)
        found = []
        for line in range(first, last + 1):
            start, stop = text.bounds(line)
            part = text.trimmed(max(start, low), min(stop, high if high is not None else stop))
            if part is not None:
                found.extend(self._passage(*part))
        return found

    def _quoted(
        self, quote: str, first: int, last: int, low: int, high: int | None
    ) -> tuple[int, int] | None:
        """Where the commented paragraphs hold `quote`: the occurrence nearest the range,
        whole words first, then without case."""
        start, _ = self.text.bounds(first)
        _, stop = self.text.bounds(last)
        region = self.text.text[start:stop]
        words = " ".join(quote.split())
        pattern = r"\s+".join(re.escape(word) for word in words.split(" "))
        for flags, edges in ((0, True), (re.IGNORECASE, True), (re.IGNORECASE, False)):
            body = rf"(?<!\w){pattern}(?!\w)" if edges else pattern
            matches = [
                (m.start() + start, m.end() + start) for m in re.finditer(body, region, flags)
            ]
            if matches:
                return min(matches, key=lambda m: (0 if m[0] >= low else 1, abs(m[0] - low)))
        return None

    def _passage(self, low: int, high: int | None) -> list[_Target]:
        """A range on one line, widened to whole words (a point: the word at it or just
        before it): the bracket made from a tracked change whose text it is (a point: the
        innermost one holding it), its paragraph when it covers the whole line, else that
        passage, to bracket (inside a tracked change too: `[the [authorized] (-USA)] (+CHN)`)."""
        text = self.text
        source = text.text
        if high is None:
            span = _covering(self.spans, self.opens, text.line_starts, low, None)
            if span is not None:
                return [("span", span.open, 0)]  # brackets open at distinct offsets
            if low < len(source) and _is_word(source[low]):
                high = low + 1
            elif low > 0 and _is_word(source[low - 1]):
                low, high = low - 1, low
            else:
                return []
        while low > 0 and _is_word(source[low - 1]) and _is_word(source[low]):
            low -= 1
        while high < len(source) and _is_word(source[high - 1]) and _is_word(source[high]):
            high += 1
        span = _covering(self.spans, self.opens, text.line_starts, low, high)
        if span is not None and text.trimmed(span.open + 1, span.close) == (low, high):
            return [("span", span.open, 0)]
        line = text.line(low)
        content = text.content(line)
        if content is not None and low <= content[0] and content[1] <= high:
            return [("paragraph", line, 0)]
        return [("passage", low, high)]

    def add(self, target: _Target, entries: list[str], rank: int, who: str, at: int) -> bool:
        """Record `entries` on `target` (those it does not hold yet); False when it cannot
        hold them (a warning says why)."""
        kind, first, second = target
        if kind == "span":
            span = self.spans[bisect.bisect_left(self.opens, first)]
            held, offset, key = span.entries, span.group_end, (0, rank)
        elif kind == "paragraph":
            start, end = self.text.bounds(first)
            if group_would_attach(self.text.text[start:end]):
                content = self.text.content(first)
                if content is None:
                    return False
                whole = self._passage(*content)  # a tracked change, or a passage
                if whole[0][0] == "paragraph":
                    whole = [("passage", *content)]
                return self.add(whole[0], entries, rank, who, at)
            held, offset, key = self.paragraphs.setdefault(first, []), end, (2, rank)
        else:
            place = self._bracketable(first, second)
            if place is None:
                self.builder.warnings.append(
                    (at, f"comment by {who} on text that crosses a bracket: ignored")
                )
                return False
            held = self.passages.setdefault(place, [])
            held.extend(entry for entry in entries if entry not in held)
            return True
        new = [entry for entry in entries if entry not in held]
        held.extend(new)
        self.inserts.extend(
            (offset, (*key, len(self.inserts) + n), f" ({entry})") for n, entry in enumerate(new)
        )
        return True

    def _bracketable(self, low: int, high: int) -> tuple[int, int] | None:
        """[low, high) as a passage a bracket can hold: past the groups of a bracket it ends
        with, and balanced; None when a bracket there would cross another or touch one."""
        source = self.text.text
        groups = _groups_after()
        while low > 0 and source[low - 1] == "[":
            low -= 1  # a passage from a bracket's first character holds that bracket
        while True:
            if source[high - 1] == "]":
                match = groups.match(source, high)
                if match is not None:
                    high = match.end()
            depth = source.count("[", low, high) - source.count("]", low, high)
            if depth <= 0 or source[high : high + 1] != "]":
                break
            high += 1  # a passage up to a bracket's last character holds that bracket
        depth = 0
        for char in source[low:high]:
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
                if depth < 0:
                    return None
        if depth or (low > 0 and source[low - 1] == "]") or source[high : high + 1] == "[":
            return None
        return low, high

    def alternative(self, low: int, high: int | None, quoted: str, k: int) -> bool:
        """Put a later alternative, quoted as our redline writes it (`[should] (+IND)`), right
        after the bracket made from a tracked change that the comment is on (the alternative
        shown), so that the two touch and form the set again; `k` orders those of one set.
        False when the comment is on no such bracket, or the quotation is not one bracket
        (with its groups) on one line."""
        if high is None or "\n" in quoted or "\r" in quoted or not _one_bracket(quoted):
            return False
        span = _covering(self.spans, self.opens, self.text.line_starts, low, high)
        if span is None or self.text.trimmed(span.open + 1, span.close) != (low, high):
            return False
        # After the bracket's `]`: a bracket shown first in a set has no groups of its own.
        self.inserts.append((span.close + 1, (0, -1, k), quoted))
        return True

    def bracket_inserts(self) -> None:
        """The `[` and `] (entries)` of the new brackets; one crossing another is dropped."""
        stack: list[tuple[int, int]] = []
        ordered = sorted(self.passages.items(), key=lambda item: (item[0][0], -item[0][1]))
        for (low, high), entries in ordered:
            while stack and stack[-1][1] <= low:
                stack.pop()
            if stack and high > stack[-1][1]:
                self.builder.warnings.append(
                    (low, "comment on text that crosses another comment's passage: ignored")
                )
                continue
            stack.append((low, high))
            groups = "".join(f" ({entry})" for entry in entries)
            self.inserts.append((low, (3, -high, 0), "["))
            self.inserts.append((high, (1, -low, 0), "]" + groups))


def _attach_comments(
    builder: _Builder, comments: _Comments, authors: _Authors
) -> list[tuple[int | None, _Note, list[str]]]:
    """Add the positions the comments state to the text, as synthetic groups and brackets;
    returns each comment's place (None: not anchored in the text), note and positions.

    A statement on a bracket made from a tracked change (innermost one first) adds a group
    after that bracket's groups; one on a whole paragraph adds a paragraph-level group at the
    end of its line (a bracket around the paragraph's text when the line ends with a
    bracket); one on a passage brackets the passage: `[authorized] (-USA)`. An entry the
    bracket or paragraph already has is not repeated.
    """
    text = _Text("".join(builder.chunks), builder.pieces)
    spans = sorted(comments.spans, key=lambda span: span.open)
    placer = _Placer(text, spans, [span.open for span in spans], builder)
    anchored: list[tuple[int, int, _Note, int | None]] = []
    records: list[tuple[int | None, _Note, list[str]]] = []
    for comment_id, note in comments.notes.items():
        anchor = comments.anchors.get(comment_id)
        end = None if anchor is None else anchor.end if anchor.end is not None else anchor.reference
        start = None if anchor is None else anchor.start if anchor.start is not None else end
        if start is None:
            records.append((None, note, []))
            continue
        end = start if end is None or end < start else end
        trimmed = text.trimmed(start, end)
        if trimmed is None:
            anchored.append((start, note.order, note, None))
        else:
            anchored.append((trimmed[0], note.order, note, trimmed[1]))
    anchored.sort(key=lambda item: (item[0], item[1]))
    for rank, (low, _, note, high) in enumerate(anchored):
        given: list[str] = []
        alternative = read_alternative_comment(note.text)
        if alternative is not None:  # our redline's note on a set of alternatives
            k, n, quoted = alternative
            if quoted and not placer.alternative(low, high, quoted, k):
                builder.warnings.append(
                    (low, f"comment 'alternative {k} of {n}' is on no bracket: ignored")
                )
            records.append((low, note, given))
            continue
        for statement in note.statements:
            if statement.kind is None:
                continue
            if statement.delegations:
                codes = [authors.code(c, builder, "comment", low) for c in statement.delegations]
                who = ", ".join(statement.delegations)
            else:
                code = authors.author_code(note.author, builder, low)
                if code is None or (code == "" and statement.kind != "tcb"):
                    continue  # a person who is no delegation, or nobody, states nothing
                codes, who = [code], code or note.author
            stance = _STANCES[statement.kind]
            entries = [format_entry(stance, code) for code in codes]
            targets = placer.targets(statement, low, high)
            if not targets:
                builder.warnings.append((low, f"comment by {who} on no text: ignored"))
            for target in targets:
                if placer.add(target, entries, rank, who, low):
                    given.extend(entry for entry in entries if entry not in given)
        records.append((low, note, given))
    placer.bracket_inserts()
    if placer.inserts:
        moved = _insert(builder, text, sorted(placer.inserts), [r[0] for r in records])
        records = [
            (offset, note, given)
            for offset, (_, note, given) in zip(moved, records, strict=True)
        ]
    return records


def _one_bracket(text: str) -> bool:
    """Whether `text` is one bracket, balanced, maybe followed by glue and groups."""
    if not text.startswith("["):
        return False
    depth = 0
    for index, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth < 0:
                return False
            if depth == 0:
                return "[" not in text[index:] and "]" not in text[index + 1 :]
    return False


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


def _insert(
    builder: _Builder,
    text: _Text,
    inserts: list[tuple[int, tuple[int, int, int], str]],
    offsets: list[int | None],
) -> list[int | None]:
    """Insert synthetic texts (offset, order, text), sorted, splitting a piece an offset falls
    inside; later pieces, warnings and `offsets` (returned) move along."""
    old = list(text.pieces)
    source = text.text
    index = bisect.bisect_right(text.starts, inserts[0][0]) - 1
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


def extract_text(
    path: str | os.PathLike[str],
    *,
    track_changes: str = "accept",
    notes: bool = False,
    registry: AuthorCodes | None = None,
    max_bytes: int | None = None,
    editors: Iterable[str] = (),
) -> tuple[str, SourceMap, list[str]]:
    """The text Word shows, its source map and warnings ("line:column: message")."""
    name = os.fspath(path)
    with memory_guard(name, "reading the document", max_bytes):
        text, source, warnings, _, _ = _extract(
            name, track_changes, notes, registry, max_bytes, editors
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
) -> Draft:
    """Read a Word draft: its text parsed as a draft, with `origin` set to its `SourceMap`.

    `editors` name Word authors (secretariat staff) whose tracked changes are accepted as
    editorial in "brackets" mode, beside the registry's own `editors`. Line numbers in
    diagnostics are paragraph numbers of the text as extracted. Raises
    `DocxError` for a file that is not a readable Word document and `DraftSyntaxError` (strict
    mode) for a draft whose brackets do not parse.
    """
    name = os.fspath(path)
    with memory_guard(name, "reading the document", max_bytes):
        text, source, warnings, sanitised, notes_read = _extract(
            name, track_changes, notes, registry, max_bytes, editors
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
    return dataclasses.replace(
        draft, origin=source, notes=notes_read, diagnostics=diagnostics
    )
