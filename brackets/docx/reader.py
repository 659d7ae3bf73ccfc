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

Every character of the text is covered by a `TextPiece` saying where it came from, so that a
writer can edit a copy of the document without losing its formatting.
"""

from __future__ import annotations

import bisect
import dataclasses
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from lxml import etree

from ..model import Diagnostic, Draft, LineIndex, fast_constructor
from ..parse import parse
from ._numbering import Numbering
from ._package import W_NS, DocxError, Package, open_package
from ._walk import TRACK_CHANGES, Leaf, Revision, iter_paragraphs, leaf_text, leaves, paragraph_mark

if TYPE_CHECKING:
    from ..delegations import Registry

_Element = etree._Element

PieceKind = Literal["run", "label", "synthetic", "break"]
_REVISION_TAGS = tuple(f"{{{W_NS}}}{tag}" for tag in ("ins", "del", "moveTo", "moveFrom"))
_T = f"{{{W_NS}}}t"
_STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_NOTE_PARTS = (("footnotes", "word/footnotes.xml"), ("endnotes", "word/endnotes.xml"))

__all__ = ["AuthorCodes", "DocxError", "DocxSource", "TextPiece", "extract_text", "read_docx"]


class AuthorCodes(Protocol):
    """What the reader needs of a registry: a delegation code for a Word author name."""

    def code_for(self, name: str) -> str | None: ...


@dataclass(frozen=True, slots=True)
class TextPiece:
    """Where the characters [start, end) of the extracted text come from.

    - "run": characters of text node `node` of paragraph `paragraph` (indices into
      `iter_paragraphs` and `text_nodes` under the same track_changes mode), from `offset`;
    - "label": an auto-number rendered from numbering.xml, with its one-space suffix;
    - "synthetic": characters the reader invented: `[` and `] (+CODE)` for tracked changes in
      "brackets" mode, and the "\n" of the blank line between the body and the notes;
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


_piece = fast_constructor(TextPiece)


@dataclass(frozen=True, slots=True)
class DocxSource:
    """The source map of a Draft read from Word: pieces sorted by start, covering every char."""

    path: str
    track_changes: str
    pieces: tuple[TextPiece, ...]
    _starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [piece.start for piece in self.pieces])

    def locate(self, offset: int) -> TextPiece:
        """The piece holding character `offset` (the last piece for the end of the text)."""
        if not self.pieces:
            raise LookupError(f"{self.path}: the document has no text")
        index = bisect.bisect_right(self._starts, offset) - 1
        return self.pieces[min(max(index, 0), len(self.pieces) - 1)]


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

    def code(self, author: str, builder: _Builder) -> str:
        known = self.codes.get(author)
        if known is not None:
            return known
        code = self.registry.code_for(author) if self.registry is not None else None
        if code is None:
            code = sanitise_code(author)
            builder.warnings.append(
                (
                    builder.pos,
                    f"tracked change by {author!r}, not a known delegation: attributed to {code}",
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
    for revision in reversed(current[common:]):
        sign = "+" if revision.kind == "ins" else "-"
        code = authors.code(revision.author, builder)
        builder.add(f"] ({sign}{code})" if code else "]", "synthetic", part, index)
    if len(wanted) > common:
        builder.add("[" * (len(wanted) - common), "synthetic", part, index)
    return wanted


def _texts(found: list[Leaf]) -> list[str]:
    """leaf_text of each leaf, with the common w:t case inlined."""
    texts: list[str] = []
    append = texts.append
    for leaf in found:
        element = leaf.element
        if element.tag == _T:
            text = element.text or ""
            append(leaf_text(element) if "\n" in text or "\r" in text else text)
        else:
            append(leaf_text(element))
    return texts


def _emit_part(
    builder: _Builder,
    part: str,
    root: _Element,
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
    tracked = next(root.iter(*_REVISION_TAGS), None) is not None
    if not tracked:
        authors = None
    gone = {"accept": "del", "reject": "ins"}.get(track_changes) if tracked else None
    group: list[tuple[int, _Element, list[Leaf], list[str]]] = []
    wrote = not first
    last = len(paragraphs) - 1
    for index, p in enumerate(paragraphs):
        found = leaves(p, track_changes)
        group.append((index, p, found, _texts(found)))
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
        for item_index, _, item_found, texts in group:
            _emit_paragraph(builder, part, item_index, item_found, texts, authors)
        group = []
    return wrote


def _extract(
    path: str,
    track_changes: str,
    notes: bool,
    registry: AuthorCodes | None,
    max_bytes: int | None,
) -> tuple[str, DocxSource, list[tuple[int, str]]]:
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
        main = package.xml(package.main)
        _check_root(path, package.main, main)
        numbering = _numbering(package)
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
    text = "".join(builder.chunks)
    return text, DocxSource(path, track_changes, tuple(builder.pieces)), builder.warnings


def _check_root(path: str, part: str, root: _Element) -> None:
    tag = etree.QName(root)
    if tag.namespace == _STRICT_NS:
        raise DocxError(
            path,
            "a Strict Open XML document: save it in Word as a Word Document (.docx), "
            "not as Strict Open XML",
        )
    if tag.namespace != W_NS or tag.localname != "document":
        raise DocxError(path, f"{part} is not a Word document body (its root is {tag.localname})")


def _numbering(package: Package) -> Numbering:
    numbering = package.related("numbering", "word/numbering.xml")
    styles = package.related("styles", "word/styles.xml")
    return Numbering.from_xml(
        package.xml(numbering) if numbering else None, package.xml(styles) if styles else None
    )


def extract_text(
    path: str | os.PathLike[str],
    *,
    track_changes: str = "accept",
    notes: bool = False,
    registry: AuthorCodes | None = None,
    max_bytes: int | None = None,
) -> tuple[str, DocxSource, list[str]]:
    """The text Word shows, its source map and warnings ("line:column: message")."""
    name = os.fspath(path)
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
    """Read a Word draft: its text parsed as a draft, with `origin` set to its `DocxSource`.

    Line numbers in diagnostics are paragraph numbers of the text as extracted. Raises
    `DocxError` for a file that is not a readable Word document and `DraftSyntaxError` (strict
    mode) for a draft whose brackets do not parse.
    """
    name = os.fspath(path)
    text, source, warnings = _extract(name, track_changes, notes, registry, max_bytes)
    draft = parse(text, lenient=lenient, path=name, registry=registry)
    extra = tuple(
        Diagnostic("warning", message, *draft.locate(offset), name, "docx-author")
        for offset, message in warnings
    )
    diagnostics = draft.diagnostics
    if extra:
        diagnostics = tuple(sorted(diagnostics + extra, key=lambda d: (d.line, d.column)))
    return dataclasses.replace(draft, origin=source, diagnostics=diagnostics)
