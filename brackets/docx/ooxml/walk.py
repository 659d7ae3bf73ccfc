"""The one enumeration of Word paragraphs and their visible text leaves.

Both the reader and the writer find elements through these functions, so a position recorded
while reading (paragraph index, text-node index, offset) names the same characters when a
writer edits a copy of the document. Comment anchors are placed among the same leaves
(`comment_anchors`, `comment_marks`), so that a comment's range maps onto the text read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from lxml import etree

from ...errors import DocxError
from .names import STRICT_W_NS, W_NS, w
from .package import Package

_Element = etree._Element
#: A Word paragraph (w:p) or part root, as handed to the reader: it only passes them back here.
Element = etree._Element

TRACK_CHANGES = ("accept", "reject", "brackets")


P = w("p")
R = w("r")
T = w("t")
DEL_TEXT = w("delText")
INS = w("ins")
DEL = w("del")
MOVE_TO = w("moveTo")
MOVE_FROM = w("moveFrom")
AUTHOR = w("author")
_PPR = w("pPr")
_RPR = w("rPr")
_VANISH = w("vanish")
_VAL = w("val")
_TYPE = w("type")
_CHAR = w("char")
_ID = w("id")

#: Leaves that stand for one character whatever their content.
LEAF_CHARS = {
    w("tab"): "\t",
    w("ptab"): "\t",
    w("br"): "\v",
    w("cr"): "\v",
    w("noBreakHyphen"): "\u2011",
    w("softHyphen"): "",
}
_LEAVES = frozenset({T, DEL_TEXT, w("sym"), *LEAF_CHARS})
#: Inline containers whose runs are part of the paragraph's text.
_INLINE = frozenset(
    {
        w("hyperlink"),
        w("smartTag"),
        w("sdt"),
        w("sdtContent"),
        w("fldSimple"),
        w("customXml"),
        w("dir"),
        w("bdo"),
    }
)
_INSERTED = frozenset({INS, MOVE_TO})
_DELETED = frozenset({DEL, MOVE_FROM})
_CONTAINERS = _INLINE | _INSERTED | _DELETED
#: Block elements that never hold body text (their w:p, if any, are not the document's flow).
_NOT_FLOW = frozenset(
    {
        w("sectPr"),
        w("tblPr"),
        w("tblGrid"),
        w("trPr"),
        w("tcPr"),
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    }
)
COMMENT_START = w("commentRangeStart")
COMMENT_END = w("commentRangeEnd")
COMMENT_REFERENCE = w("commentReference")
_MARK_KINDS = {COMMENT_START: "start", COMMENT_END: "end", COMMENT_REFERENCE: "reference"}
#: A mark's leaf for "after every leaf of its paragraph".
END_OF_PARAGRAPH = 1 << 62
_SKIPPED_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_NOTES = frozenset({w("footnote"), w("endnote")})


class Revision(NamedTuple):
    """A tracked change around a text leaf: "ins" (w:ins, w:moveTo) or "del", and its author."""

    kind: str
    author: str


class Leaf(NamedTuple):
    """A visible text leaf and the tracked changes around it, outermost first."""

    element: _Element
    revisions: tuple[Revision, ...]


class CommentMark(NamedTuple):
    """A comment anchor (w:commentRangeStart, w:commentRangeEnd, w:commentReference) placed
    among a paragraph's visible leaves: `leaf` of them come before it."""

    leaf: int
    kind: str  # "start" | "end" | "reference"
    id: str


def iter_paragraphs(part_root: _Element) -> list[_Element]:
    """Every w:p of a part in reading order: body, tables (row by row, cell by cell, nested
    tables depth-first), content controls; separator and continuation notes are skipped."""
    found: list[_Element] = []
    iterators = [iter(part_root)]
    while iterators:
        child = next(iterators[-1], None)
        if child is None:
            iterators.pop()
            continue
        tag = child.tag
        if tag == P:
            found.append(child)
        elif _is_flow(child):
            iterators.append(iter(child))
    return found


def _is_flow(element: _Element) -> bool:
    tag = element.tag
    if not isinstance(tag, str) or tag in _NOT_FLOW:
        return False
    return not (tag in _NOTES and element.get(_TYPE) in _SKIPPED_NOTES)


def leaves(p: _Element, track_changes: str) -> list[Leaf]:
    """The visible text leaves of one paragraph with their tracked changes (see `text_nodes`)."""
    keep_ins = track_changes != "reject"
    keep_del = track_changes != "accept"
    out: list[Leaf] = []
    append = out.append
    plain: tuple[Revision, ...] = ()
    for child in p:
        # The common case, a run directly in the paragraph, without the stack below.
        if child.tag == R:
            if len(child) and child[0].tag == _RPR and _hidden(child[0]):
                continue
            for leaf in child:
                tag = leaf.tag
                if tag in _LEAVES and (keep_del or tag != DEL_TEXT):
                    append(Leaf(leaf, plain))
        elif child.tag in _CONTAINERS:
            _nested(child, out, keep_ins, keep_del)
    return out


def _nested(container: _Element, out: list[Leaf], keep_ins: bool, keep_del: bool) -> None:
    """Leaves inside an inline container or a tracked change, in order, without recursion."""
    revisions: tuple[Revision, ...] = ()
    tag = container.tag
    if tag in _INSERTED or tag in _DELETED:
        if not (keep_ins if tag in _INSERTED else keep_del):
            return
        kind = "ins" if tag in _INSERTED else "del"
        revisions = (Revision(kind, container.get(AUTHOR) or ""),)
    # An explicit stack of iterators keeps document order at any depth.
    iterators: list[tuple[Iterator[_Element], tuple[Revision, ...]]] = [
        (iter(container), revisions)
    ]
    while iterators:
        children, revisions = iterators[-1]
        child = next(children, None)
        if child is None:
            iterators.pop()
            continue
        tag = child.tag
        if tag == R:
            if len(child) and child[0].tag == _RPR and _hidden(child[0]):
                continue
            for leaf in child:
                if leaf.tag in _LEAVES and (keep_del or leaf.tag != DEL_TEXT):
                    out.append(Leaf(leaf, revisions))
        elif tag in _INLINE:
            iterators.append((iter(child), revisions))
        elif tag in _INSERTED:
            if keep_ins:
                revision = Revision("ins", child.get(AUTHOR) or "")
                iterators.append((iter(child), (*revisions, revision)))
        elif tag in _DELETED and keep_del:
            revision = Revision("del", child.get(AUTHOR) or "")
            iterators.append((iter(child), (*revisions, revision)))


def _hidden(rpr: _Element) -> bool:
    """Whether run properties hide the run (w:vanish): Word does not show hidden text."""
    for prop in rpr:
        if prop.tag == _VANISH:
            return prop.get(_VAL) not in ("0", "false", "off")
    return False


def text_nodes(p: _Element, track_changes: str) -> list[_Element]:
    """The text-bearing leaves of one w:p in document order that are visible under that mode.

    Leaves: w:t, w:delText (reject and brackets modes), w:tab, w:ptab, w:br, w:cr,
    w:noBreakHyphen, w:softHyphen, w:sym; including those inside hyperlinks, smart tags,
    content controls, simple fields, w:ins/w:del/w:moveTo/w:moveFrom and complex fields'
    result runs. Runs hidden by a direct w:vanish are not visible.
    """
    return [leaf.element for leaf in leaves(p, track_changes)]


def leaf_text(leaf: _Element) -> str:
    """The characters a leaf stands for: w:t as is (a stray line break read as a space), w:tab
    "\\t", w:br/w:cr "\\v", w:noBreakHyphen U+2011, w:softHyphen nothing, w:sym its character."""
    tag = leaf.tag
    if tag in (T, DEL_TEXT):
        text = leaf.text or ""
        if "\n" in text or "\r" in text:
            text = text.replace("\r", " ").replace("\n", " ")
        return text
    char = LEAF_CHARS.get(str(tag))
    if char is not None:
        return char
    code = leaf.get(_CHAR) or ""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:  # symbol fonts map glyphs into this private range
        value -= 0xF000
    if value < 0x20 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return ""
    return chr(value)


def paragraph_mark(p: _Element) -> str | None:
    """ "ins" or "del" when the paragraph mark itself is a tracked change, else None."""
    if not len(p) or p[0].tag != _PPR:
        return None
    for prop in p[0]:
        if prop.tag == _RPR:
            for change in prop:
                if change.tag in _INSERTED:
                    return "ins"
                if change.tag in _DELETED:
                    return "del"
    return None


def _paragraph_of(element: _Element) -> _Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != P:
        parent = parent.getparent()
    return parent


def comment_anchors(
    root: _Element, paragraphs: list[_Element]
) -> tuple[set[int], dict[int, list[CommentMark]]]:
    """Where a part's comment marks are: the indices (in `paragraphs`) of the paragraphs that
    hold some, and the marks outside every paragraph (between paragraphs, in table rows),
    each placed before the first leaf of the next paragraph (after the last one's leaves at
    the end of the part). Marks inside paragraphs that are not read (text boxes) are left out.
    """
    index = {p: i for i, p in enumerate(paragraphs)}
    holding: set[int] = set()
    stray: dict[int, list[CommentMark]] = {}
    pending: list[CommentMark] = []
    for element in root.iter(P, *_MARK_KINDS):
        if element.tag == P:
            at = index.get(element)
            if at is not None and pending:
                stray[at] = pending
                pending = []
            continue
        enclosing = _paragraph_of(element)
        if enclosing is None:
            pending.append(CommentMark(0, _MARK_KINDS[element.tag], element.get(_ID) or ""))
        else:
            at = index.get(enclosing)
            if at is not None:
                holding.add(at)
    if pending and paragraphs:
        last = stray.setdefault(len(paragraphs) - 1, [])
        last.extend(mark._replace(leaf=END_OF_PARAGRAPH) for mark in pending)
    return holding, stray


def comment_marks(p: _Element, found: list[Leaf]) -> list[CommentMark]:
    """The comment marks of one paragraph in document order, placed among `found`, the
    paragraph's `leaves` (marks in nested paragraphs, such as text boxes, are left out)."""
    visible = {leaf.element for leaf in found}
    marks: list[CommentMark] = []
    count = 0
    for element in p.iter(*_LEAVES, *_MARK_KINDS):
        kind = _MARK_KINDS.get(element.tag)
        if kind is None:
            if element in visible:
                count += 1
        elif _paragraph_of(element) is p:
            marks.append(CommentMark(count, kind, element.get(_ID) or ""))
    return marks


_REVISION_TAGS = (INS, DEL, MOVE_TO, MOVE_FROM)


def has_revisions(root: _Element) -> bool:
    """Whether a part holds any tracked change (w:ins, w:del, w:moveTo, w:moveFrom)."""
    return next(root.iter(*_REVISION_TAGS), None) is not None


def leaf_texts(found: list[Leaf]) -> list[str]:
    """`leaf_text` of each leaf, with the common w:t case inlined (the reader's hot path)."""
    texts: list[str] = []
    append = texts.append
    for leaf in found:
        element = leaf.element
        if element.tag == T:
            text = element.text or ""
            append(leaf_text(element) if "\n" in text or "\r" in text else text)
        else:
            append(leaf_text(element))
    return texts


class CommentText(NamedTuple):
    """A comment of a comments part: its w:id, author, date (as written, "" when none), text
    (its paragraphs' w:t texts joined by line breaks: a note-taker writes one statement or more
    a paragraph) and the w14:paraId of its last paragraph (how commentsExtended.xml names it)."""

    id: str
    author: str
    date: str
    text: str
    para_id: str


_DATE = w("date")
_PARA_ID = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
_W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def comment_texts(root: _Element) -> list[CommentText]:
    """Each comment of a comments part, in order."""
    found = []
    for comment in root.iter(w("comment")):
        paragraphs = list(comment.iter(P))
        text = "\n".join("".join(map(str, p.itertext(T))) for p in paragraphs)
        para_id = (paragraphs[-1].get(_PARA_ID) or "") if paragraphs else ""
        found.append(
            CommentText(
                comment.get(_ID) or "",
                comment.get(AUTHOR) or "",
                comment.get(_DATE) or "",
                text,
                para_id,
            )
        )
    return found


def comment_parents(root: _Element) -> dict[str, str]:
    """The thread of each reply of a commentsExtended part: its paraId -> its parent's."""
    found = {}
    for entry in root.iter(f"{{{_W15}}}commentEx"):
        child, parent = entry.get(f"{{{_W15}}}paraId"), entry.get(f"{{{_W15}}}paraIdParent")
        if child and parent:
            found[child] = parent
    return found


def main_root(package: Package) -> _Element:
    """The root of the main document part, after checking that it is a Word document body."""
    root = package.xml(package.main)
    tag = etree.QName(root)
    if tag.namespace == STRICT_W_NS:
        raise DocxError(
            package.path,
            "a Strict Open XML document: save it in Word as a Word Document (.docx), "
            "not as Strict Open XML",
        )
    if tag.namespace != W_NS or tag.localname != "document":
        raise DocxError(
            package.path,
            f"{package.main} is not a Word document body (its root is {tag.localname})",
        )
    return root


_HEADING_STYLE = re.compile(r"heading|title|titre|t[ií]tulo|berschrift", re.IGNORECASE)


def is_heading(p: _Element) -> bool:
    """Whether a paragraph is a heading: a heading or title style, or an outline level."""
    ppr = p.find(_PPR)
    if ppr is None:
        return False
    if ppr.find(w("outlineLvl")) is not None:
        return True
    style = ppr.find(w("pStyle"))
    return style is not None and _HEADING_STYLE.search(style.get(_VAL) or "") is not None
