"""Editing a copy of a Word source: split and delete runs, tracked revisions, the comments
part, ids; and `apply_clean` / `apply_redline`, which carry out a writer's plan in one pass.

Paragraphs and text nodes are found with `walk` on the untouched document, exactly as the
reader enumerated them, so a plan's coordinates name the characters the draft was read from.
"""

from __future__ import annotations

import itertools
import posixpath
from collections import defaultdict

from lxml import etree

from ..authors import normalise_author
from ..plan import (
    CleanPlan,
    ComparisonPlan,
    Deletion,
    Look,
    RedlinePlan,
    Segment,
    VisiblePlan,
)
from ..sourcemap import NodeSpan, Place, Point
from .body import (
    PLAIN,
    IdAllocator,
    RunStyle,
    comment_end_xml,
    comment_xml,
    needs_preserve,
    revision_xml,
    run_xml,
)
from .names import (
    CT_COMMENTS,
    MARK_PROPERTIES,
    NSMAP,
    PARAGRAPH,
    PARAGRAPH_PROPERTIES,
    REL_COMMENTS,
    RUN_PROPERTIES,
    W_NS,
    XML_SPACE,
    local,
    w,
)
from .numbering import Numbering
from .package import DocxError, Package
from .walk import iter_paragraphs, leaf_text, text_nodes

_Element = etree._Element

_ROOT_NS = f'xmlns:w="{W_NS}"'
_REVISIONS = ("ins", "del", "moveTo", "moveFrom")
_NOTE_PARTS = ("footnotes", "endnotes")


def fragment(xml: str) -> list[_Element]:
    """Elements from XML text written with the `w:` prefix (as `body` writes it)."""
    return list(etree.fromstring(f"<w:wrap {_ROOT_NS}>{xml}</w:wrap>"))


# -- runs -------------------------------------------------------------------------------------


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
        element.insert(0, _copy(rpr))
    return element


def revision(kind: str, author: str, date: str, ids: IdAllocator) -> _Element:
    """An empty w:ins or w:del wrapper to put runs in."""
    return fragment(revision_xml(kind + "/", author, date, ids()))[0]


def paragraph_properties(p: _Element) -> _Element:
    return PARAGRAPH.get_or_add(p, "pPr")


def mark_paragraph(p: _Element, kind: str, author: str, date: str, ids: IdAllocator) -> None:
    """Track the paragraph mark of `p` as inserted or deleted (w:pPr/w:rPr/w:ins|w:del)."""
    rpr = PARAGRAPH_PROPERTIES.get_or_add(paragraph_properties(p), "rPr")
    MARK_PROPERTIES.insert(rpr, revision(kind, author, date, ids))


def _copy(element: _Element) -> _Element:
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
        right.append(_copy(rpr))
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
            piece.append(_copy(rpr))
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
    for wrapper in list(p.iter(*(w(k) for k in _REVISIONS), w("hyperlink"), w("smartTag"))):
        if len(wrapper) == 0:
            remove(wrapper)


_VISIBLE = frozenset(
    {
        "t", "tab", "br", "cr", "sym", "noBreakHyphen", "drawing", "pict", "object",
        "footnoteReference", "endnoteReference", "fldSimple", "fldChar",
    }
)  # fmt: skip


def paragraph_is_empty(p: _Element) -> bool:
    """No text leaf, no drawing, no object, no field left: nothing a reader would see."""
    return not any(local(e) in _VISIBLE for e in p.iter() if not _inside_deletion(e))


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
    for tag in _REVISIONS:
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


# -- comments ---------------------------------------------------------------------------------


class Comments:
    """The comments part of a package: created with its relationship and content type when the
    document has none, appended to when it has one."""

    def __init__(self, package: Package, ids: IdAllocator) -> None:
        self._package = package
        self._ids = ids
        self._root: _Element | None = None

    def _part(self) -> _Element:
        if self._root is None:
            package = self._package
            name = package.related("comments")
            if name is None:
                name = posixpath.join(posixpath.dirname(package.main), "comments.xml")
                package.add_part(name, etree.Element(w("comments"), nsmap=NSMAP), CT_COMMENTS)
                package.relate(package.main, REL_COMMENTS, name)
            self._root = package.edit(name)
        return self._root

    def add(self, author: str, text: str, date: str) -> str:
        """A new comment; returns its id, to anchor with `comment_start` / `comment_end`."""
        comment_id = self._ids()
        self._part().extend(fragment(comment_xml(comment_id, author, date, text)))
        return comment_id


def comment_start(comment_id: str) -> _Element:
    return etree.Element(w("commentRangeStart"), {w("id"): comment_id})


def comment_end(comment_id: str) -> list[_Element]:
    """The range end and the run holding the comment's reference mark, in that order."""
    return fragment(comment_end_xml(comment_id))


# -- applying a plan --------------------------------------------------------------------------


class _Source:
    """The parts, paragraphs and text nodes of a package as the reader enumerated them, looked
    up before any edit (a plan's coordinates name the untouched document)."""

    def __init__(
        self,
        package: Package,
        track_changes: str,
        parts: frozenset[str],
        editors: frozenset[str] = frozenset(),
    ) -> None:
        self._package = package
        self._mode = track_changes
        self._editors = editors
        self.roots: dict[str, _Element] = {}
        self._paragraphs: dict[str, list[_Element]] = {}
        self._nodes: dict[Place, list[_Element]] = {}
        for part in sorted(parts):
            self._root(part)

    def _root(self, part: str) -> _Element:
        root = self.roots.get(part)
        if root is None:
            package = self._package
            name = package.main if part == "document" else None
            if part in _NOTE_PARTS:
                name = package.related(part)
            if name is None:
                raise DocxError(package.path, f"the document has no {part} part")
            root = self.roots[part] = package.edit(name)
            self._paragraphs[part] = iter_paragraphs(root)
        return root

    def paragraph(self, place: Place) -> _Element:
        self._root(place.part)
        paragraphs = self._paragraphs[place.part]
        if not 0 <= place.paragraph < len(paragraphs):
            raise DocxError(
                self._package.path,
                f"the source map names paragraph {place.paragraph} of {place.part}, which has "
                f"{len(paragraphs)}: was the document changed since it was read?",
            )
        return paragraphs[place.paragraph]

    def paragraphs(self, part: str) -> list[_Element]:
        """The paragraphs of a part as the reader enumerated them (before any edit)."""
        self._root(part)
        return self._paragraphs[part]

    def following(self, place: Place) -> _Element | None:
        """The paragraph after `place` in reading order, if any."""
        paragraphs = self._paragraphs[place.part]
        index = place.paragraph + 1
        return paragraphs[index] if index < len(paragraphs) else None

    def node(self, place: Place, node: int) -> _Element:
        nodes = self._nodes.get(place)
        if nodes is None:
            nodes = self._nodes[place] = text_nodes(self.paragraph(place), self._mode)
        if not 0 <= node < len(nodes):
            raise DocxError(
                self._package.path,
                f"the source map names text node {node} of paragraph {place.paragraph} "
                f"of {place.part}, which has {len(nodes)}",
            )
        return nodes[node]

    def settle(self) -> None:
        for root in self.roots.values():
            settle_revisions(root, self._mode, self._editors)


def _join(source: _Source, place: Place) -> None:
    first, second = source.paragraph(place), source.following(place)
    if (
        second is not None
        and first.getparent() is second.getparent()
        and not has_section_break(first)
    ):
        merge_paragraphs(first, second)


def apply_clean(package: Package, plan: CleanPlan) -> None:
    """Delete the plan's characters from the package's parts, then join and remove paragraphs."""
    source = _Source(package, plan.track_changes, plan.parts, plan.editors)
    cuts: dict[tuple[Place, int], list[tuple[int, int]]] = defaultdict(list)
    touched = set(plan.touched) | set(plan.joins)
    for span in plan.deletions:
        place = Place(span.part, span.paragraph)
        source.node(place, span.node)
        cuts[place, span.node].append((span.start, span.end))
        touched.add(place)
    for place in touched:
        source.paragraph(place)
    before = _numbers(package, source) if plan.labels else {}
    # Revisions first, so that what is left of a paragraph is what a reader sees.
    source.settle()
    for (place, node), spans in cuts.items():
        delete_spans(source.node(place, node), _union(spans))
    emptied = {place for place in touched if paragraph_is_empty(source.paragraph(place))}
    # Paragraphs whose breaks went are one paragraph of the clean text: joined into the first
    # (its properties and number) when anything of them is left, else removed together.
    chains: list[list[Place]] = []
    for place in sorted(plan.joins, key=lambda p: (p.part, p.paragraph)):
        after = Place(place.part, place.paragraph + 1)
        if source.following(place) is None:
            continue
        if chains and chains[-1][-1] == place:
            chains[-1].append(after)
        else:
            chains.append([place, after])
    numbered = {place for place, label in plan.labels if label is not None}
    numbered.update(altern for altern, _ in plan.promotions)
    for chain in reversed(chains):
        # leading paragraphs with nothing left (no text, no number) go; the rest join the first
        while chain and chain[0] in emptied and chain[0] not in numbered:
            chain.pop(0)
        if len(chain) < 2 and all(place in emptied for place in chain):
            continue
        emptied.difference_update(chain)
        for place in reversed(chain[:-1]):
            _join(source, place)
    for place in emptied:
        p = source.paragraph(place)
        parent = p.getparent()
        if parent is None or has_section_break(p):
            continue
        if local(parent) != "body" and len(parent.findall(w("p"))) <= 1:
            continue  # a cell or a note keeps its last paragraph
        parent.remove(p)
    for place in touched:
        p = source.paragraph(place)
        if p.getparent() is not None:
            drop_empty_runs(p)
    if plan.labels:
        adopted = {altern.paragraph: removed.paragraph for altern, removed in plan.promotions}
        _keep_numbers(package, source, dict(plan.labels), before, adopted)


def _numbers(package: Package, source: _Source) -> dict[int, tuple[int, str, str, int]]:
    """Body paragraph index -> (counter, label, numId, level) of each auto-numbered one, as
    the document stands before any edit."""
    numbering = Numbering.of(package)
    found: dict[int, tuple[int, str, str, int]] = {}
    for index, p in enumerate(source.paragraphs("document")):
        where = numbering.numbered(p)
        value = numbering.value(p)
        if value is not None and where is not None:
            found[index] = (value, numbering.last_label or "", *where)
    return found


def _keep_numbers(
    package: Package,
    source: _Source,
    labels: dict[Place, str | None],
    before: dict[int, tuple[int, str, str, int]],
    adopted: dict[int, int],
) -> None:
    """Make the copy's auto-numbers those of the clean text: Word would renumber the list
    after a removed paragraph ("3." after "1."); a surviving paragraph keeps its number, so
    where Word's count goes astray a new list instance restarts it there (w:num with a
    w:startOverride, the same abstract list), and the paragraphs of that list that follow at
    that level or deeper use it too (Word and LibreOffice then agree). A paragraph whose label
    the resolution removed loses its number (numId 0). An `adopted` paragraph (a promoted
    `Naltern.`, by index) takes the list and number of the removed paragraph it replaces."""
    name = package.related("numbering", "word/numbering.xml")
    if name is None:
        return
    numbering = Numbering.of(package)
    root = package.edit(name)
    next_id = 1 + max((int(n) for n in numbering.instances if n.isdigit()), default=0)
    instances = {n.get(w("numId"), ""): n for n in root.iter(w("num"))}
    last = list(instances.values())[-1] if instances else None
    remap: dict[str, tuple[str, int]] = {}  # numId -> (restarted numId, from this level)
    index_of = {id(p): index for index, p in enumerate(source.paragraphs("document"))}
    body = source.roots["document"]
    for p in iter_paragraphs(body):
        index = index_of.get(id(p))
        if index is None:
            continue
        wanted = labels.get(Place("document", index), "")
        original = before.get(index)
        replaced = before.get(adopted.get(index, -1))
        if replaced is not None:
            _set_number(p, replaced[2], replaced[3])
            wanted, original = replaced[1], replaced
        found = numbering.numbered(p)
        if found is None:
            continue
        num_id, ilvl = found
        mapped = remap.get(num_id)
        if mapped is not None:
            if ilvl >= mapped[1]:
                _set_number(p, mapped[0], ilvl)
            else:
                del remap[num_id]
        if wanted is None:
            _set_number(p, "0", ilvl)
            continue
        value = numbering.value(p)
        if original is None or not wanted or original[1] != wanted or value == original[0]:
            continue
        current = (numbering.numbered(p) or found)[0]
        new_id = str(next_id)
        next_id += 1
        added = _add_restart(instances.get(current), last, new_id, ilvl, original[0])
        if added is None:
            continue
        instances[new_id] = last = added
        numbering.add_restart(current, ilvl, original[0], new_id)
        remap[num_id] = (new_id, ilvl)
        _set_number(p, new_id, ilvl)
        numbering.value(p)


def _set_number(p: _Element, num_id: str, ilvl: int) -> None:
    """Number paragraph `p` with list instance `num_id` at level `ilvl` (numId 0: none)."""
    ppr = paragraph_properties(p)
    numpr = PARAGRAPH_PROPERTIES.get_or_add(ppr, "numPr")
    for child in list(numpr):
        if local(child) in ("ilvl", "numId"):
            numpr.remove(child)
    etree.SubElement(numpr, w("ilvl"), {w("val"): str(ilvl)})
    etree.SubElement(numpr, w("numId"), {w("val"): num_id})


def _add_restart(
    original: _Element | None, last: _Element | None, new_id: str, ilvl: int, value: int
) -> _Element | None:
    """A w:num `new_id`: a copy of `original` (its abstract list, its level overrides) whose
    level `ilvl` starts at `value`; put after `last`, the last w:num, as the schema orders."""
    if original is None or last is None:
        return None
    num = _copy(original)
    num.set(w("numId"), new_id)
    for start in list(num.iter(w("startOverride"))):
        remove(start)
    override = next(
        (o for o in num.iter(w("lvlOverride")) if o.get(w("ilvl")) == str(ilvl)), None
    )
    if override is None:
        override = etree.SubElement(num, w("lvlOverride"), {w("ilvl"): str(ilvl)})
    override.insert(0, etree.Element(w("startOverride"), {w("val"): str(value)}))
    last.addnext(num)
    return num


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching [start, end) spans merged, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def apply_redline(package: Package, plan: RedlinePlan) -> None:
    """Turn the plan's segments into tracked changes, add its comments and paragraph marks."""
    source = _Source(package, plan.track_changes, plan.parts, plan.editors)
    ids = IdAllocator(package)
    comments = Comments(package, ids)
    starts: dict[Point, list[str]] = defaultdict(list)
    ends: dict[Point, list[str]] = defaultdict(list)
    for comment in plan.comments:
        comment_id = comments.add(comment.author, comment.text, plan.date)
        starts[comment.start].append(comment_id)
        ends[comment.end].append(comment_id)
    by_node: dict[tuple[Place, int], list[Segment]] = defaultdict(list)
    for segment in plan.segments:
        span = segment.span
        place = Place(span.part, span.paragraph)
        source.node(place, span.node)
        by_node[place, span.node].append(segment)
    for mark in plan.marks:
        source.paragraph(mark.place)
    for place in plan.joins:
        source.paragraph(place)
    source.settle()
    for (place, node), segments in by_node.items():
        segments.sort(key=lambda s: (s.span.start, s.span.end))
        leaf = source.node(place, node)
        _revise(leaf, segments, place, node, starts, ends, plan.date, ids)
    for mark in plan.marks:
        p = source.paragraph(mark.place)
        following = p.getnext()
        if following is None or local(following) != "p":
            continue  # the last paragraph of a cell, a note or the body keeps its mark
        mark_paragraph(p, mark.kind, mark.author, plan.date, ids)
    for place in sorted(plan.joins, key=lambda p: (p.part, p.paragraph), reverse=True):
        _join(source, place)


def _revise(
    leaf: _Element,
    segments: list[Segment],
    place: Place,
    node: int,
    starts: dict[Point, list[str]],
    ends: dict[Point, list[str]],
    date: str,
    ids: IdAllocator,
) -> None:
    """Split the leaf's run at segment edges; wrap, drop or keep each piece; anchor comments."""
    r = enclosing_run(leaf)
    if r is None:
        return

    def at(offset: int) -> Point:
        return Point(place.part, place.paragraph, node, offset)

    edges = {s.span.start for s in segments} | {s.span.end for s in segments}
    anchored = any(at(offset) in starts or at(offset) in ends for offset in edges)
    if all(s.action == "keep" for s in segments) and not anchored:
        return
    r = isolate(r, leaf)  # then one run per segment
    runs = split_at(r, leaf, [segment.span.start for segment in segments[1:]])
    for segment, piece in zip(segments, runs, strict=True):
        for comment_id in starts.get(at(segment.span.start), []):
            piece.addprevious(comment_start(comment_id))
        after = piece
        for comment_id in ends.get(at(segment.span.end), []):
            for element in comment_end(comment_id):
                after.addnext(element)
                after = element
        if segment.action == "drop":
            remove(piece)
        elif segment.action in ("ins", "del"):
            wrapper = revision(segment.action, segment.author, date, ids)
            piece.addprevious(wrapper)
            wrapper.append(piece)
            if segment.action == "del":
                for text in piece.iter(w("t")):
                    text.tag = w("delText")


# -- the visible markup of a source ------------------------------------------------------------


def apply_visible(package: Package, plan: VisiblePlan) -> None:
    """Settle the source's revisions as read, restyle the plan's characters and add its text."""
    source = _Source(package, plan.track_changes, plan.parts, plan.editors)
    looks: dict[tuple[Place, int], list[tuple[int, int, Look]]] = defaultdict(list)
    added: dict[tuple[Place, int], list[tuple[int, str, Look | None]]] = defaultdict(list)
    at_end: dict[Place, list[tuple[str, Look | None]]] = defaultdict(list)
    for restyle in plan.restyles:
        span = restyle.span
        place = Place(span.part, span.paragraph)
        source.node(place, span.node)
        looks[place, span.node].append((span.start, span.end, restyle.look))
    for addition in plan.additions:
        source.paragraph(addition.place)
        if addition.at is None:
            at_end[addition.place].append((addition.text, addition.look))
            continue
        point = addition.at
        place = Place(point.part, point.paragraph)
        source.node(place, point.node)
        added[place, point.node].append((point.offset, addition.text, addition.look))
    source.settle()
    for key in looks.keys() | added.keys():
        place, node = key
        _paint(source.node(place, node), looks.get(key, []), added.get(key, []))
    for place, texts in at_end.items():
        p = source.paragraph(place)
        for text, shown in texts:
            p.append(_styled_run(text, shown, None))


def _paint(
    leaf: _Element,
    looks: list[tuple[int, int, Look]],
    additions: list[tuple[int, str, Look | None]],
) -> None:
    """Cut the leaf's run at the edges of `looks` and at `additions`; restyle the pieces that
    `looks` cover and put the added runs (formatted like their neighbour) in their places."""
    r = enclosing_run(leaf)
    if r is None:
        return
    size = len(leaf_text(leaf))
    r = isolate(r, leaf)
    edges = {start for start, _, _ in looks} | {end for _, end, _ in looks}
    edges |= {offset for offset, _, _ in additions}
    cuts = sorted(c for c in edges if 0 < c < size)
    runs = split_at(r, leaf, cuts)
    if len(runs) != len(cuts) + 1:
        return  # not a text leaf: nothing to cut
    bounds = [0, *cuts, size]
    index_of = {offset: index for index, offset in enumerate(bounds[:-1])}
    for start, end, look in looks:
        for index in range(index_of.get(start, len(runs)), len(runs)):
            if bounds[index + 1] > end:
                break
            _restyle(runs[index], look)
    after = runs[-1]
    for offset, text, shown in additions:
        if offset >= size:
            new = _styled_run(text, shown, runs[-1].find(w("rPr")))
            after.addnext(new)
            after = new
        else:
            neighbour = runs[index_of.get(offset, 0)]
            neighbour.addprevious(_styled_run(text, shown, neighbour.find(w("rPr"))))


def _styled_run(text: str, look: Look | None, rpr: _Element | None) -> _Element:
    element = run(text, rpr=rpr)
    if look is not None:
        _restyle(element, look)
    return element


def _restyle(r: _Element, look: Look) -> None:
    """Add bold and a colour to a run's own formatting."""
    rpr = r.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        r.insert(0, rpr)
    if look.bold:
        bold = RUN_PROPERTIES.get_or_add(rpr, "b")
        if w("val") in bold.attrib:
            del bold.attrib[w("val")]
    if look.color:
        RUN_PROPERTIES.get_or_add(rpr, "color").set(w("val"), look.color)

# -- who wrote the source's revisions ----------------------------------------------------------


_AUTHORED = tuple(w(tag) for tag in (*_REVISIONS, "comment"))


def source_authors(package: Package) -> list[str]:
    """The authors of the revisions and comments of the body, the notes and the comments part,
    in order of first appearance: the names a redline of the source writes back."""
    names = [package.main]
    for kind in (*_NOTE_PARTS, "comments"):
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


# -- applying a comparison plan (brackets compare) ----------------------------------------------

#: Where a deleted paragraph break goes, until the paragraph is split there.
_SPLIT = "{urn:brackets:compare}split"


def apply_comparison(package: Package, plan: ComparisonPlan) -> None:
    """Turn a copy of the new version into the redline against the old: wrap its inserted
    characters in w:ins, put the old text back as w:del runs, track paragraph marks.

    A deleted paragraph break splits the paragraph where it goes; the first half takes a copy
    of the paragraph's properties and a deleted mark, so Accept All joins the halves again.
    """
    source = _Source(package, plan.track_changes, plan.parts)
    ids = IdAllocator(package)
    inserted: dict[tuple[Place, int], list[NodeSpan]] = defaultdict(list)
    before: dict[tuple[Place, int], list[tuple[int, Deletion]]] = defaultdict(list)
    at_end: dict[Place, list[Deletion]] = defaultdict(list)
    for segment in plan.insertions:
        span = segment.span
        place = Place(span.part, span.paragraph)
        source.node(place, span.node)
        inserted[place, span.node].append(span)
    for deletion in plan.deletions:
        source.paragraph(deletion.place)
        if deletion.at is None:
            at_end[deletion.place].append(deletion)
        else:
            source.node(deletion.place, deletion.at.node)
            before[deletion.place, deletion.at.node].append((deletion.at.offset, deletion))
    for mark in plan.marks:
        source.paragraph(mark.place)
    source.settle()
    author = {segment.span: segment.author for segment in plan.insertions}
    for key in inserted.keys() | before.keys():
        place, node = key
        spans = [(s.start, s.end, author[s]) for s in inserted.get(key, [])]
        _compare_node(source.node(place, node), spans, before.get(key, []), plan.date, ids)
    for place, deletions in at_end.items():
        p = source.paragraph(place)
        # formatted like the last run of text (not a note or comment reference mark)
        runs = [r for r in p.iter(w("r")) if r.find(w("t")) is not None]
        rpr = runs[-1].find(w("rPr")) if runs else None
        for deletion in deletions:
            p.extend(_deleted(deletion, rpr, plan.date, ids))
    for mark in plan.marks:
        p = source.paragraph(mark.place)
        following = p.getnext()
        if following is None or local(following) != "p":
            continue  # the last paragraph of a cell, a note or the body keeps its mark
        mark_paragraph(p, "ins", mark.author, plan.date, ids)
    for root in source.roots.values():
        for marker in list(root.iter(_SPLIT)):
            _split_paragraph(marker, plan.date, ids)


def _compare_node(
    leaf: _Element,
    spans: list[tuple[int, int, str]],
    deletions: list[tuple[int, Deletion]],
    date: str,
    ids: IdAllocator,
) -> None:
    """Cut the leaf's run at the edges of inserted spans and deletion points; wrap the inserted
    pieces in w:ins and put each deletion before the piece it precedes."""
    size = len(leaf_text(leaf))
    r = enclosing_run(leaf)
    if r is None:
        for _, deletion in sorted(deletions, key=lambda item: item[0]):
            for element in _deleted(deletion, None, date, ids):
                leaf.addprevious(element)
        return
    r = isolate(r, leaf)
    edges = {s for s, _, _ in spans} | {e for _, e, _ in spans} | {o for o, _ in deletions}
    cuts = sorted(c for c in edges if 0 < c < size)
    bounds = [0, *cuts, size]
    pieces = split_at(r, leaf, cuts)
    starting = {start: index for index, start in enumerate(bounds[:-1])}
    for offset, deletion in sorted(deletions, key=lambda item: item[0]):
        index = starting.get(offset, len(pieces))
        neighbour = pieces[min(index, len(pieces) - 1)]
        elements = _deleted(deletion, neighbour.find(w("rPr")), date, ids)
        if index < len(pieces):
            for element in elements:
                neighbour.addprevious(element)
        else:
            after = pieces[-1]
            for element in elements:
                after.addnext(element)
                after = element
    ordered = sorted(span for span in spans if span[0] < span[1])
    current = 0
    for index, piece in enumerate(pieces):
        start, end = bounds[index], bounds[index + 1]
        while current < len(ordered) and ordered[current][1] <= start:
            current += 1
        if current < len(ordered) and ordered[current][0] <= start and end <= ordered[current][1]:
            wrapper = revision("ins", ordered[current][2], date, ids)
            piece.addprevious(wrapper)
            wrapper.append(piece)


def _deleted(
    deletion: Deletion, rpr: _Element | None, date: str, ids: IdAllocator
) -> list[_Element]:
    """The deleted text as w:del runs (formatted like `rpr`), a split marker at each break."""
    elements: list[_Element] = []
    for index, line in enumerate(deletion.text.split("\n")):
        if index:
            elements.append(etree.Element(_SPLIT, {"author": deletion.author}))
        line = line.replace("\r", "")
        if line:
            wrapper = revision("del", deletion.author, date, ids)
            wrapper.append(run(line, deleted=True, rpr=rpr))
            elements.append(wrapper)
    return elements


def _split_paragraph(marker: _Element, date: str, ids: IdAllocator) -> None:
    """Split the paragraph holding `marker` there: what comes before goes to a new paragraph
    (a copy of the properties, its mark deleted) inserted before it; the marker goes."""
    author = marker.get("author", "")
    node = marker
    left: _Element | None = None
    parent = node.getparent()
    while parent is not None and parent.tag != w("p"):
        clone = etree.Element(parent.tag)
        for key, value in parent.attrib.items():
            clone.set(key, value)
        for sibling in _preceding(node):
            clone.append(_copy(sibling) if local(sibling).endswith("Pr") else sibling)
        if left is not None:
            clone.append(left)
        left = clone if len(clone) else None
        node, parent = parent, parent.getparent()
    if parent is None:
        remove(marker)
        return
    first = etree.Element(w("p"))
    # w:pPr comes first when present (find() would scan every child: quadratic in splits)
    ppr = next(iter(parent), None)
    if ppr is not None and ppr.tag != w("pPr"):
        ppr = None
    if ppr is not None:
        copied = _copy(ppr)
        for tag in ("sectPr", "pPrChange"):
            for found in copied.findall(w(tag)):
                copied.remove(found)
        mark_rpr = copied.find(w("rPr"))
        if mark_rpr is not None:
            for tag in _REVISIONS:
                for found in mark_rpr.findall(w(tag)):
                    mark_rpr.remove(found)
        first.append(copied)
    for sibling in _preceding(node):
        if local(sibling) != "pPr":
            first.append(sibling)
    if left is not None:
        first.append(left)
    parent.addprevious(first)
    remove(marker)
    mark_paragraph(first, "del", author, date, ids)


def _preceding(node: _Element) -> list[_Element]:
    """The siblings before `node`, in order (walked from `node`: linear in what is moved)."""
    found = list(node.itersiblings(preceding=True))
    found.reverse()
    return found
