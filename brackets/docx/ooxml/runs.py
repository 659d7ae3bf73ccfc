"""Run and paragraph surgery on a copy of a Word source, written once for every writer.

Modelled on python-docx's element classes (`CT_R.split_at`): functions over a w:r and its
text leaves (w:t, w:delText) that split a run at character offsets, put a leaf alone in its
run, delete character spans, set text with the right xml:space, and drop runs and wrappers
left empty; and the few paragraph operations the writers share (merge, emptiness).
"""

from __future__ import annotations

import itertools

from lxml import etree

from .body import PLAIN, RunStyle, needs_preserve, run_xml
from .names import PARAGRAPH, W_NS, XML_SPACE, local, w
from .walk import leaf_text

_Element = etree._Element

_ROOT_NS = f'xmlns:w="{W_NS}"'
#: The tracked-change wrappers of runs.
REVISIONS = ("ins", "del", "moveTo", "moveFrom")


def fragment(xml: str) -> list[_Element]:
    """Elements from XML text written with the `w:` prefix (as `body` writes it)."""
    return list(etree.fromstring(f"<w:wrap {_ROOT_NS}>{xml}</w:wrap>"))



def set_text(leaf: _Element, text: str) -> None:
    """Set a w:t / w:delText text, with xml:space="preserve" when it has edge spaces."""
    leaf.text = text
    if needs_preserve(text):
        leaf.set(XML_SPACE, "preserve")
    elif XML_SPACE in leaf.attrib:
        del leaf.attrib[XML_SPACE]


def run(
    text: str, style: RunStyle = PLAIN, *, deleted: bool = False, rpr: _Element | None = None
) -> _Element:
    """A w:r holding `text`, as `body.run_xml` writes it; `rpr` (copied) replaces `style`."""
    element = fragment(run_xml(text, style, deleted=deleted))[0]
    if rpr is not None:
        current = element.find(w("rPr"))
        if current is not None:
            element.remove(current)
        element.insert(0, copy(rpr))
    return element



def paragraph_properties(p: _Element) -> _Element:
    return PARAGRAPH.get_or_add(p, "pPr")



def copy(element: _Element) -> _Element:
    """A deep copy of `element`, detached from its tree."""
    return etree.fromstring(etree.tostring(element))


def enclosing_run(leaf: _Element) -> _Element | None:
    parent = leaf.getparent()
    while parent is not None and local(parent) != "r":
        parent = parent.getparent()
    return parent


def split_run(r: _Element, leaf: _Element, offset: int) -> _Element:
    """Split run `r` before character `offset` of its child `leaf`; returns the new right run.

    Both halves keep a copy of the run properties (w:rPr); text leaves are cut in two.
    """
    right = etree.Element(w("r"))
    for key, value in r.attrib.items():
        right.set(key, value)
    rpr = r.find(w("rPr"))
    if rpr is not None:
        right.append(copy(rpr))
    children = [c for c in r if local(c) != "rPr"]
    index = children.index(leaf)
    moving = children[index + 1 :]
    text = leaf_text(leaf)
    if 0 < offset < len(text) and local(leaf) in ("t", "delText"):
        tail = etree.SubElement(right, leaf.tag)
        set_text(tail, text[offset:])
        set_text(leaf, text[:offset])
    elif offset <= 0:
        moving = children[index:]
    for child in moving:
        right.append(child)
    r.addnext(right)
    return right


def isolate(r: _Element, leaf: _Element) -> _Element:
    """Split run `r` so that `leaf` stands alone in a run of its own, which is returned (the
    children before and after it go to runs with the same properties)."""
    content = [c for c in r if local(c) != "rPr"]
    if content and content[0] is not leaf:
        r = split_run(r, leaf, 0)
    content = [c for c in r if local(c) != "rPr"]
    position = content.index(leaf)
    if position + 1 < len(content):
        split_run(r, content[position + 1], 0)
    return r


def split_at(r: _Element, leaf: _Element, cuts: list[int]) -> list[_Element]:
    """Split run `r`, which holds the text leaf `leaf` alone, before each of the increasing
    offsets `cuts` (inside the text); returns the runs in order, `r` first. Each new run has
    `r`'s attributes and a copy of its properties. Linear in the text, whatever the cuts."""
    if not cuts or local(leaf) not in ("t", "delText"):
        return [r]
    text = leaf_text(leaf)
    bounds = [*cuts, len(text)]
    set_text(leaf, text[: cuts[0]])
    rpr = r.find(w("rPr"))
    runs = [r]
    after = r
    for start, end in itertools.pairwise(bounds):
        piece = etree.Element(w("r"))
        for key, value in r.attrib.items():
            piece.set(key, value)
        if rpr is not None:
            piece.append(copy(rpr))
        set_text(etree.SubElement(piece, leaf.tag), text[start:end])
        after.addnext(piece)
        after = piece
        runs.append(piece)
    return runs


def delete_characters(leaf: _Element, start: int, end: int) -> None:
    """Remove characters [start, end) of a text leaf; a leaf left empty is removed."""
    text = leaf_text(leaf)
    if start <= 0 and end >= len(text):
        remove(leaf)
        return
    if local(leaf) in ("t", "delText", "instrText"):
        set_text(leaf, text[:start] + text[end:])


def delete_spans(leaf: _Element, spans: list[tuple[int, int]]) -> None:
    """Remove the sorted, disjoint character spans of a text leaf in one pass (linear in its
    text, whatever the number of spans); a leaf left empty is removed."""
    if len(spans) == 1:
        delete_characters(leaf, *spans[0])
        return
    text = leaf_text(leaf)
    kept: list[str] = []
    position = 0
    for start, end in spans:
        kept.append(text[position:start])
        position = max(position, end)
    kept.append(text[position:])
    rest = "".join(kept)
    if not rest:
        remove(leaf)
    elif local(leaf) in ("t", "delText", "instrText"):
        set_text(leaf, rest)


def has_content(r: _Element) -> bool:
    """Whether a run still holds something visible (text, a drawing, a field, a note mark)."""
    return any(local(c) != "rPr" for c in r)


def drop_empty_runs(p: _Element) -> None:
    for r in list(p.iter(w("r"))):
        if not has_content(r):
            remove(r)
    for wrapper in list(p.iter(*(w(k) for k in REVISIONS), w("hyperlink"), w("smartTag"))):
        if len(wrapper) == 0:
            remove(wrapper)
_OBJECTS = frozenset(
    {"drawing", "pict", "object", "footnoteReference", "endnoteReference"}
)


def has_objects(p: _Element) -> bool:
    """A drawing, an embedded object or a note reference, outside tracked deletions: content
    a reader sees that is not text."""
    return any(
        local(e) in _OBJECTS
        for child in p
        if local(child) != "pPr"
        for e in child.iter()
        if not _inside_deletion(e)
    )


def _inside_deletion(element: _Element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if local(parent) in ("del", "moveFrom") and parent.tag == w(local(parent)):
            return True
        parent = parent.getparent()
    return False


def has_section_break(p: _Element) -> bool:
    ppr = p.find(w("pPr"))
    return ppr is not None and ppr.find(w("sectPr")) is not None


def merge_paragraphs(first: _Element, second: _Element) -> None:
    """Move the content of `second` to the end of `first` and remove `second` (the paragraph
    break between them was deleted); `first` keeps its properties."""
    for child in list(second):
        if local(child) != "pPr":
            first.append(child)
    remove(second)


def remove(element: _Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)

