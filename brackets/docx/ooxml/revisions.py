"""Tracked revisions in a copy of a Word source: new w:ins / w:del wrappers and paragraph
marks, settling the source's own revisions the way the draft text saw them, and the authors
of those revisions (the names a redline of the source writes back)."""

from __future__ import annotations

from copy import deepcopy

from lxml import etree

from ..authors import normalise_author
from .body import IdAllocator, revision_xml
from .names import MARK_PROPERTIES, PARAGRAPH_PROPERTIES, local, w
from .package import Package
from .runs import REVISIONS, fragment, merge_paragraphs, paragraph_properties, remove

_Element = etree._Element

#: The parts besides the body whose paragraphs the reader enumerates.
NOTE_PARTS = ("footnotes", "endnotes")


def revision(kind: str, author: str, date: str, ids: IdAllocator) -> _Element:
    """An empty w:ins or w:del wrapper to put runs in."""
    return fragment(revision_xml(kind + "/", author, date, ids()))[0]


def mark_paragraph(p: _Element, kind: str, author: str, date: str, ids: IdAllocator) -> None:
    """Track the paragraph mark of `p` as inserted or deleted (w:pPr/w:rPr/w:ins|w:del)."""
    rpr = PARAGRAPH_PROPERTIES.get_or_add(paragraph_properties(p), "rPr")
    MARK_PROPERTIES.insert(rpr, revision(kind, author, date, ids))


#: What a w:pPrChange's former properties leave out (CT_PPrBase: no mark, section, record).
_NOT_BASE = frozenset(w(tag) for tag in ("rPr", "sectPr", "pPrChange"))


def track_properties(
    p: _Element, former: _Element, author: str, date: str, ids: IdAllocator
) -> None:
    """Record that `p`'s properties were `former`'s (w:pPrChange): Reject All gives `p`
    them back. The properties of a paragraph Reject All removes, so that what is left of it
    is numbered and styled as the paragraph it joins, whichever of the two a reader keeps."""
    ppr = paragraph_properties(p)
    for old in ppr.findall(w("pPrChange")):
        ppr.remove(old)
    change = etree.Element(
        w("pPrChange"), {w("id"): str(ids()), w("author"): author, w("date"): date}
    )
    base = etree.SubElement(change, w("pPr"))
    for child in former_properties(former):
        base.append(deepcopy(child))
    PARAGRAPH_PROPERTIES.insert(ppr, change)


def former_properties(p: _Element) -> list[_Element]:
    """The properties `p` has under Reject All: those its w:pPrChange records, else its own
    (without its mark's run properties, a section or a change record)."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        return []
    change = ppr.find(w("pPrChange"))
    if change is not None:
        base = change.find(w("pPr"))
        return [] if base is None else list(base)
    return [child for child in ppr if child.tag not in _NOT_BASE]


def settle_revisions(root: _Element, mode: str, editors: frozenset[str] = frozenset()) -> None:
    """Make the tracked changes of a part final, the way the draft text saw them.

    `accept`: insertions stay as plain text, deletions go; `reject`: the reverse; `brackets`:
    both stay as plain text (the draft showed both, and the resolution already removed what
    had to go), except the deletions of `editors` (names as `normalise_author` gives them),
    which go as the reader dropped them: an editor's change is accepted. Formatting and
    paragraph-property change records are dropped.
    """
    gone: tuple[str, ...] = ()
    if mode == "accept":
        gone = ("del", "moveFrom")
    elif mode == "reject":
        gone = ("ins", "moveTo")
    for tag in REVISIONS:
        for element in list(root.iter(w(tag))):
            parent = element.getparent()
            if parent is None:
                continue
            if local(parent) == "rPr":  # a paragraph mark or run-property revision record
                grand = parent.getparent()
                if tag in gone and grand is not None and local(grand) == "pPr":
                    p = grand.getparent()
                    following = p.getnext() if p is not None else None
                    if p is not None and following is not None and local(following) == "p":
                        parent.remove(element)
                        merge_paragraphs(p, following)
                        continue
                parent.remove(element)
            elif tag in gone or (
                editors
                and tag in ("del", "moveFrom")
                and normalise_author(element.get(w("author")) or "") in editors
            ):
                parent.remove(element)
            else:
                for child in element:
                    if tag in ("del", "moveFrom"):
                        for leaf in child.iter(w("delText")):
                            leaf.tag = w("t")
                index = parent.index(element)
                for offset, child in enumerate(list(element)):
                    parent.insert(index + offset, child)
                parent.remove(element)
    for tag in (
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
        "numberingChange",
    ):
        for element in list(root.iter(w(tag))):
            remove(element)


_AUTHORED = tuple(w(tag) for tag in (*REVISIONS, "comment"))


def source_authors(package: Package) -> list[str]:
    """The authors of the revisions and comments of the body, the notes and the comments part,
    in order of first appearance: the names a redline of the source writes back."""
    names = [package.main]
    for kind in (*NOTE_PARTS, "comments"):
        name = package.related(kind)
        if name is not None:
            names.append(name)
    key = w("author")
    seen: dict[str, None] = {}
    for name in names:
        for element in package.xml(name).iter(*_AUTHORED):
            author = element.get(key)
            if author:
                seen.setdefault(author, None)
    return list(seen)
