"""The fast string builder for generated Word bodies, and the one definition of our runs.

A generated document (from a text draft) is written once, front to back: building its XML as
text is several times faster than building elements one by one (5.5x, measured), so
`BodyBuilder` writes strings. `run_xml`, `comment_xml` and `reference_run_xml` are the only
definitions of the runs and comments we write; `edit.py` parses the same strings when it adds
them to an existing document. The blank document around a generated body is data:
`templates/` holds its parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import TypeAlias

from .names import CT_COMMENTS, REL_COMMENTS, RUN_PROPERTIES, w
from .package import Package

_SPECIAL = re.compile(r"[\t\v\n\u2011]")
#: Characters XML 1.0 cannot hold (control characters, surrogates): dropped from our text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: The characters of a draft that a Word output loses: `_NOT_XML` but "\v", which `run_xml`
#: writes as a line break. Writers warn about each (`clean.unwritable_warnings`).
UNWRITABLE = re.compile("[\x00-\x08\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: What `escape` changes: markup characters and `_NOT_XML`; most text has none.
_TO_ESCAPE = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: What makes a run more than one plain w:t: `_SPECIAL` and `_TO_ESCAPE` in one search.
_NOT_PLAIN = re.compile(
    "[\t\v\n\u2011&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
)
_PARAGRAPHS = "<!--paragraphs-->"
_COMMENTS = "<!--comments-->"
_TEMPLATE_PARTS = (
    "[Content_Types].xml",
    "_rels/.rels",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/styles.xml",
    "word/settings.xml",
)


@cache
def template(name: str) -> str:
    """A part of the blank document (`templates/NAME`), as text."""
    return resources.files(__package__).joinpath("templates", name).read_text("utf-8")


# -- ids and dates ----------------------------------------------------------------------------


class IdAllocator:
    """Hands out `w:id` values above every id already used in any part of the package.

    Revisions, comments and bookmarks share this space in our output, so every id is unique
    across all of them.
    """

    def __init__(self, package: Package | None = None) -> None:
        highest = -1
        if package is not None:
            key = w("id")
            for name in package.xml_parts():
                for element in package.peek(name).iter():
                    value = element.get(key)
                    if value is not None and value.lstrip("-").isdigit():
                        highest = max(highest, int(value))
        self._next = highest + 1

    def __call__(self) -> str:
        value = self._next
        self._next += 1
        return str(value)


def format_date(date: datetime) -> str:
    """Revision date in the form Word writes: UTC, seconds, `Z` (naive dates are taken as UTC)."""
    if date.tzinfo is not None:
        date = date.astimezone(UTC)
    return date.strftime("%Y-%m-%dT%H:%M:%SZ")


# -- runs and comments as text ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunStyle:
    """Character formatting we write: bold, italic, a font colour (hex RRGGBB) and a highlight."""

    bold: bool = False
    italic: bool = False
    color: str | None = None
    highlight: str | None = None


PLAIN = RunStyle()

#: What a generated body writes of a piece of source text (`BodyBuilder.pieces`): nothing,
#: a tracked insertion, a tracked deletion, or the text as it is.
SKIP, INSERTED, DELETED, KEPT = 0, 1, 2, 3
#: A piece of source text to write: (start, end, kind, author, style).
Piece: TypeAlias = tuple[int, int, int, str, RunStyle]
#: The closing tag of a revision of each kind, and the openings and end of a plain run in it.
_CLOSING = {INSERTED: "</w:ins>", DELETED: "</w:del>"}
_PLAIN_RUNS = {
    kind: (f"<w:r><w:{tag}>", f'<w:r><w:{tag} xml:space="preserve">', f"</w:{tag}></w:r>")
    for kind, tag in ((KEPT, "t"), (INSERTED, "t"), (DELETED, "delText"))
}
#: A line break of a source: "\n", "\r\n" or a lone "\r" (pieces cut "\r\n" in two).
_BREAKS = ("\n", "\r", "\r\n")


def escape(text: str) -> str:
    """Text for XML content; characters XML cannot hold are dropped."""
    if _TO_ESCAPE.search(text) is None:
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


def attribute(text: str) -> str:
    return escape(text).replace('"', "&quot;")


@cache
def _author_attribute(author: str) -> str:
    """`attribute(author)`: a document names few authors, on many revisions and comments."""
    return attribute(author)


def needs_preserve(text: str) -> bool:
    """Whether a w:t needs xml:space="preserve" (edge spaces, or runs of spaces)."""
    return text[:1].isspace() or text[-1:].isspace() or "  " in text


@cache
def _style_xml(style: RunStyle) -> str:
    """w:rPr of a style, its children in the schema order `RUN_PROPERTIES` declares (a
    document uses a handful of styles: each is written once)."""
    if style is PLAIN or not (style.bold or style.italic or style.color or style.highlight):
        return ""
    children = {}
    if style.bold:
        children["b"] = "<w:b/>"
    if style.italic:
        children["i"] = "<w:i/>"
    if style.color:
        children["color"] = f'<w:color w:val="{attribute(style.color)}"/>'
    if style.highlight:
        children["highlight"] = f'<w:highlight w:val="{attribute(style.highlight)}"/>'
    ordered = RUN_PROPERTIES.sorted(list(children))
    return "<w:rPr>" + "".join(children[name] for name in ordered) + "</w:rPr>"


def _leaf_xml(text: str, tag: str) -> str:
    space = ' xml:space="preserve"' if needs_preserve(text) else ""
    return f"<w:{tag}{space}>{escape(text)}</w:{tag}>"


def run_xml(text: str, style: RunStyle = PLAIN, *, deleted: bool = False) -> str:
    """A w:r (prefix `w`) holding `text`: tabs become w:tab, "\\v" and "\\n" w:br, U+2011
    w:noBreakHyphen; `deleted` writes w:delText for a w:del."""
    tag = "delText" if deleted else "t"
    properties = "" if style is PLAIN else _style_xml(style)
    if _NOT_PLAIN.search(text) is None:  # one w:t, nothing to escape: most runs
        preserve = text[:1].isspace() or text[-1:].isspace() or "  " in text  # needs_preserve
        space = ' xml:space="preserve"' if preserve else ""
        return f"<w:r>{properties}<w:{tag}{space}>{text}</w:{tag}></w:r>"
    if _SPECIAL.search(text) is None:
        space = ' xml:space="preserve"' if needs_preserve(text) else ""
        return f"<w:r>{properties}<w:{tag}{space}>{escape(text)}</w:{tag}></w:r>"
    parts = ["<w:r>", properties]
    position = 0
    for match in _SPECIAL.finditer(text):
        if match.start() > position:
            parts.append(_leaf_xml(text[position : match.start()], tag))
        char = match.group()
        parts.append(
            "<w:tab/>" if char == "\t" else "<w:noBreakHyphen/>" if char == "\u2011" else "<w:br/>"
        )
        position = match.end()
    if position < len(text):
        parts.append(_leaf_xml(text[position:], tag))
    parts.append("</w:r>")
    return "".join(parts)


def reference_run_xml(comment_id: str | None = None) -> str:
    """The run that shows a comment's mark: its w:commentReference in the body, or (no id)
    the w:annotationRef that opens the comment's own text."""
    mark = (
        "<w:annotationRef/>"
        if comment_id is None
        else f'<w:commentReference w:id="{comment_id}"/>'
    )
    return f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>{mark}</w:r>'


def comment_xml(comment_id: str, author: str, date: str, text: str) -> str:
    """A w:comment: the author, initials and date, and one paragraph of text (`comment_id`
    comes from an `IdAllocator`, `date` from `format_date`: neither needs escaping)."""
    return (
        f'<w:comment w:id="{comment_id}" w:author="{_author_attribute(author)}" '
        f'w:date="{date}" w:initials="{_initials(author)}"><w:p>'
        f"{reference_run_xml()}{run_xml(text)}</w:p></w:comment>"
    )


@cache
def _initials(author: str) -> str:
    """A comment's initials, as an attribute value: the first letters of the author's words."""
    return attribute("".join(part[:1] for part in author.split())[:8] or author[:1])


def comment_end_xml(comment_id: str) -> str:
    """Where a comment's range ends, followed by the run with its reference mark."""
    return f'<w:commentRangeEnd w:id="{comment_id}"/>{reference_run_xml(comment_id)}'


#: Where a comment's range ends (side 0) or starts (1), to `format` with its id.
_RANGE_MARKS = (comment_end_xml("{0}"), '<w:commentRangeStart w:id="{0}"/>')


def revision_xml(kind: str, author: str, date: str, revision_id: str) -> str:
    """The opening tag of a w:ins or w:del (empty when `kind` ends with "/"); `date` is a
    `format_date` string and `revision_id` an `IdAllocator` one (neither needs escaping)."""
    name = kind.rstrip("/")
    if name not in ("ins", "del"):
        raise ValueError(f"unknown revision kind {kind!r}")
    close = "/" if kind.endswith("/") else ""
    author = _author_attribute(author)
    return f'<w:{name} w:id="{revision_id}" w:author="{author}" w:date="{date}"{close}>'



# -- generated documents ----------------------------------------------------------------------


class BodyBuilder:
    """Writes a generated document paragraph by paragraph: plain, inserted or deleted text,
    tracked paragraph marks and comment ranges; callers never see XML."""

    def __init__(self, date: datetime | None = None) -> None:
        self.ids = IdAllocator()
        self.date = format_date(date or datetime.now(UTC))
        self._body: list[str] = []
        self._content: list[str] | None = None
        self._mark = ""
        self._open: tuple[str, str] | None = None  # the revision wrapper left open
        self._comments: list[str] = []
        self._comment_tails: dict[tuple[str, str], str] = {}
        self._revision_tails: dict[tuple[str, str], str] = {}

    def _close_wrapper(self) -> None:
        if self._open is not None and self._content is not None:
            self._content.append(f"</w:{self._open[0]}>")
        self._open = None

    def _flush(self) -> None:
        if self._content is None:
            return
        self._close_wrapper()
        mark = f"<w:pPr><w:rPr>{self._mark}</w:rPr></w:pPr>" if self._mark else ""
        self._body.append(f"<w:p>{mark}{''.join(self._content)}</w:p>")
        self._content = None
        self._mark = ""

    def paragraph(self) -> None:
        """Start a new paragraph."""
        self._flush()
        self._content = []

    def _current(self) -> list[str]:
        if self._content is None:
            self.paragraph()
        assert self._content is not None
        return self._content

    def text(
        self, text: str, style: RunStyle = PLAIN, change: tuple[str, str] | None = None
    ) -> None:
        """Append `text`; `change` is ("ins" | "del", author) for a tracked revision.

        Consecutive text of the same revision and author shares one w:ins / w:del.
        """
        content = self._content if self._content is not None else self._current()
        if change is None:
            if self._open is not None:
                self._close_wrapper()
            content.append(run_xml(text, style))
            return
        kind, author = change
        if kind not in ("ins", "del"):
            raise ValueError(f"unknown revision kind {kind!r}")
        if self._open != change:
            self._close_wrapper()
            content.append(revision_xml(kind, author, self.date, self.ids()))
            self._open = change
        content.append(run_xml(text, style, deleted=kind == "del"))

    def mark(self, kind: str, author: str) -> None:
        """Track the current paragraph's mark as inserted or deleted."""
        self._current()
        self._mark = revision_xml(kind + "/", author, self.date, self.ids())

    def comments(self, notes: Sequence[tuple[str, str]]) -> list[str]:
        """New comments, (author, text) each; their ids in order, for `pieces` marks.

        A redline writes thousands of comments with a few authors and texts ("objects"):
        each pair's XML after the id is made once."""
        written, tails, ids = self._comments, self._comment_tails, self.ids
        found: list[str] = []
        for note in notes:
            comment_id = ids()
            tail = tails.get(note)
            if tail is None:
                author, text = note
                tail = comment_xml("", author, self.date, text).removeprefix('<w:comment w:id=""')
                tails[note] = tail
            written.append(f'<w:comment w:id="{comment_id}"{tail}')
            found.append(comment_id)
        return found

    def comment(self, author: str, text: str) -> str:
        """A new comment; returns its id, for `comment_start` and `comment_end`."""
        return self.comments([(author, text)])[0]

    def comment_start(self, comment_id: str) -> None:
        content = self._current()
        self._close_wrapper()
        content.append(f'<w:commentRangeStart w:id="{comment_id}"/>')

    def comment_end(self, comment_id: str) -> None:
        content = self._current()
        self._close_wrapper()
        content.append(comment_end_xml(comment_id))

    def pieces(
        self, source: str, pieces: Iterable[Piece], marks: Sequence[tuple[int, int, str]] = ()
    ) -> None:
        """Write `source` as whole paragraphs from its `pieces`, in order: (start, end, kind,
        author, style) with kind SKIP (not written), INSERTED, DELETED or KEPT, every line
        break a piece of its own (a tracked one tracks its paragraph's mark; the final one
        opens no paragraph). `marks`, sorted: comment range ends (0) and starts (1) as
        (offset, 0 | 1, id), each written before the first piece at or after its offset.

        Adjacent text of one kind, author and style is one run: the redline of a dense draft
        writes tens of thousands of pieces, in one loop with no call for most of them."""
        self._flush()
        out = self._body
        size = len(source)
        queue = [*marks, (size + 1, 0, "")]  # the last one: after every piece
        at = 0
        next_mark = queue[0][0]
        opening = len(out)  # where the current paragraph's <w:p> stands
        out.append("<w:p>")
        texts: list[str] = []  # the run being gathered
        run_kind, run_author, run_style = SKIP, "", PLAIN
        wrapper: tuple[int, str] | None = None  # the w:ins / w:del left open
        for start, end, kind, author, style in pieces:
            if next_mark <= start:
                if texts:
                    wrapper = self._run(out, texts, run_kind, run_author, run_style, wrapper)
                if wrapper is not None:
                    out.append(_CLOSING[wrapper[0]])
                    wrapper = None
                while queue[at][0] <= start:
                    _, side, comment_id = queue[at]
                    out.append(_RANGE_MARKS[side].format(comment_id))
                    at += 1
                next_mark = queue[at][0]
            if kind == SKIP:
                continue
            text = source[start:end]
            if text in _BREAKS:
                if (text == "\r" and source.startswith("\n", end)) or end == size:
                    continue  # "\r\n": the "\n" ends the paragraph; the final break: none
                if texts:
                    wrapper = self._run(out, texts, run_kind, run_author, run_style, wrapper)
                if wrapper is not None:
                    out.append(_CLOSING[wrapper[0]])
                    wrapper = None
                if kind != KEPT:
                    mark = self._revision(kind, author, "/>")
                    out[opening] = f"<w:p><w:pPr><w:rPr>{mark}</w:rPr></w:pPr>"
                out.append("</w:p>")
                opening = len(out)
                out.append("<w:p>")
                continue
            if "\r" in text:
                text = text.replace("\r", "")
                if not text:
                    continue
            if texts and kind == run_kind and author == run_author and style is run_style:
                texts.append(text)
                continue
            if texts:
                wrapper = self._run(out, texts, run_kind, run_author, run_style, wrapper)
            texts.append(text)
            run_kind, run_author, run_style = kind, author, style
        if texts:
            wrapper = self._run(out, texts, run_kind, run_author, run_style, wrapper)
        if wrapper is not None:
            out.append(_CLOSING[wrapper[0]])
        out.extend(comment_end_xml(i) for _, side, i in queue[at:-1] if side == 0)
        out.append("</w:p>")

    def _run(
        self,
        out: list[str],
        texts: list[str],
        kind: int,
        author: str,
        style: RunStyle,
        wrapper: tuple[int, str] | None,
    ) -> tuple[int, str] | None:
        """One run of the `texts` gathered (emptied), in a w:ins / w:del when `kind` says:
        the one left open (`wrapper`, returned as it is left) when of the same kind and
        author. `run_xml`'s plain case is written here: most runs."""
        text = texts[0] if len(texts) == 1 else "".join(texts)
        texts.clear()
        if kind == KEPT:
            if wrapper is not None:
                out.append(_CLOSING[wrapper[0]])
                wrapper = None
        elif wrapper is None or wrapper[0] != kind or wrapper[1] != author:
            if wrapper is not None:
                out.append(_CLOSING[wrapper[0]])
            wrapper = (kind, author)
            out.append(self._revision(kind, author, ">"))
        if style is PLAIN and _NOT_PLAIN.search(text) is None:
            plain, preserved, closing = _PLAIN_RUNS[kind]
            preserve = text[:1].isspace() or text[-1:].isspace() or "  " in text
            out.append(f"{preserved if preserve else plain}{text}{closing}")
        else:
            out.append(run_xml(text, style, deleted=kind == DELETED))
        return wrapper

    def _revision(self, kind: int, author: str, end: str) -> str:
        """The opening tag of a w:ins (`kind` INSERTED) or w:del, `end` "/>" for an empty one,
        with a new id: its author and date written once per author."""
        tail = self._revision_tails.get((author, end))
        if tail is None:
            tail = revision_xml("ins", author, self.date, "").removeprefix('<w:ins w:id=""')
            tail = tail.removesuffix(">") + end
            self._revision_tails[author, end] = tail
        name = "ins" if kind == INSERTED else "del"
        return f'<w:{name} w:id="{self.ids()}"{tail}'

    def to_package(self) -> Package:
        """The blank document of `templates/` around the body written so far."""
        self._flush()
        parts = {name: template(name).encode("utf-8") for name in _TEMPLATE_PARTS}
        parts["word/document.xml"] = template("word/document.xml").replace(
            _PARAGRAPHS, "".join(self._body), 1
        ).encode("utf-8")
        package = Package.generated(parts)
        if self._comments:
            comments = template("word/comments.xml").replace(
                _COMMENTS, "".join(self._comments), 1
            )
            package.add_part("word/comments.xml", comments.encode("utf-8"), CT_COMMENTS)
            package.relate("word/document.xml", REL_COMMENTS, "word/comments.xml")
        return package
