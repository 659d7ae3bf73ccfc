"""Carrying out a writer's plan on a copy of its Word source: `apply_clean`, `apply_redline`,
`apply_visible` and `apply_comparison`.

Every applier goes through one collector, `_Source`: it groups the plan's items by the text
node or paragraph they name, checks each place against the untouched document (a plan's
coordinates name the characters the reader enumerated, found with `walk`), settles the
source's own revisions once everything is found, and only then do the appliers change the
XML, with the run surgery of `runs`, the revisions of `revisions` and the comments part.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar

from lxml import etree

from ...errors import DocxError
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
from .body import IdAllocator
from .comments_part import CommentsPart, comment_end, comment_start
from .names import RUN_PROPERTIES, local, w
from .numbering import Numbering, keep_numbers, numbers_before, set_number
from .package import Package
from .revisions import (
    NOTE_PARTS,
    mark_paragraph,
    revision,
    settle_revisions,
    track_properties,
)
from .runs import (
    REVISIONS,
    copy,
    delete_spans,
    drop_empty_runs,
    enclosing_run,
    has_objects,
    has_section_break,
    isolate,
    merge_paragraphs,
    remove,
    run,
    split_at,
)
from .walk import iter_paragraphs, leaf_text, text_nodes

__all__ = ["Plan", "apply", "apply_clean", "apply_comparison", "apply_redline", "apply_visible"]

_Element = etree._Element
_T = TypeVar("_T")
#: A text node of a paragraph, by its index among the paragraph's nodes (`walk.text_nodes`).
Node = tuple[Place, int]
_K = TypeVar("_K", Node, Place)


# -- the collector every applier shares ---------------------------------------------------------


class _Source:
    """The parts, paragraphs and text nodes of a package as the reader enumerated them, looked
    up before any edit (a plan's coordinates name the untouched document).

    `in_nodes` and `in_paragraphs` collect and check a plan's items; `settle` then makes the
    source's revisions final, after which no new place may be looked up (it would be found in
    the changed tree).
    """

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
        self._settled = False
        self.roots: dict[str, _Element] = {}
        self._paragraphs: dict[str, list[_Element]] = {}
        self._nodes: dict[Place, list[_Element]] = {}
        for part in sorted(parts):
            self._root(part)

    def in_nodes(self, items: Iterable[_T], where: Callable[[_T], Node]) -> dict[Node, list[_T]]:
        """The items by the text node they name, in plan order, each node checked first."""
        return self._group(items, where, lambda node: self.node(*node))

    def in_paragraphs(
        self, items: Iterable[_T], where: Callable[[_T], Place]
    ) -> dict[Place, list[_T]]:
        """The items by the paragraph they name, in plan order, each paragraph checked first."""
        return self._group(items, where, self.paragraph)

    def _group(
        self,
        items: Iterable[_T],
        where: Callable[[_T], _K],
        check: Callable[[_K], object],
    ) -> dict[_K, list[_T]]:
        """The one collector: a place the document does not have raises the same DocxError
        for every writer, before anything is changed."""
        if self._settled:
            raise RuntimeError("plan items are grouped before the source is settled")
        grouped: dict[_K, list[_T]] = defaultdict(list)
        for item in items:
            key = where(item)
            check(key)
            grouped[key].append(item)
        return grouped

    def settle(self) -> None:
        """Make the tracked changes of the parts final, the way the draft text saw them."""
        self._settled = True
        for root in self.roots.values():
            settle_revisions(root, self._mode, self._editors)

    def _root(self, part: str) -> _Element:
        root = self.roots.get(part)
        if root is None:
            package = self._package
            name = package.main if part == "document" else None
            if part in NOTE_PARTS:
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
            if self._settled:
                raise RuntimeError("a text node looked up after the source was settled")
            nodes = self._nodes[place] = text_nodes(self.paragraph(place), self._mode)
        if not 0 <= node < len(nodes):
            raise DocxError(
                self._package.path,
                f"the source map names text node {node} of paragraph {place.paragraph} "
                f"of {place.part}, which has {len(nodes)}",
            )
        return nodes[node]


def _in_span(span: NodeSpan) -> Node:
    return Place(span.part, span.paragraph), span.node


def _at_point(point: Point) -> Node:
    return Place(point.part, point.paragraph), point.node


def _itself(place: Place) -> Place:
    return place


def _join(source: _Source, place: Place) -> None:
    """Join the paragraph at `place` and the next one (a deleted break between them), unless
    they sit in different containers or the first ends a section."""
    first, second = source.paragraph(place), source.following(place)
    if (
        second is not None
        and first.getparent() is second.getparent()
        and not has_section_break(first)
    ):
        merge_paragraphs(first, second)


# -- the clean copy --------------------------------------------------------------------------


def apply_clean(package: Package, plan: CleanPlan) -> None:
    """Delete the plan's characters from the package's parts, then join and remove paragraphs."""
    source = _Source(package, plan.track_changes, plan.parts, plan.editors)
    cuts = source.in_nodes(plan.deletions, _in_span)
    touched = set(source.in_paragraphs({*plan.touched, *plan.joins}, _itself))
    touched.update(place for place, _ in cuts)
    body = source.paragraphs("document") if plan.labels else []
    before = numbers_before(package, body) if plan.labels else {}
    # Revisions first, so that what is left of a paragraph is what a reader sees.
    source.settle()
    for (place, node), spans in cuts.items():
        delete_spans(source.node(place, node), _union([(s.start, s.end) for s in spans]))
    mode = plan.track_changes
    emptied = {place for place in touched if _shows_nothing(source.paragraph(place), mode)}
    _join_chains(source, plan, emptied)
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
        labels = {
            place.paragraph: label for place, label in plan.labels if place.part == "document"
        }
        keep_numbers(package, source.roots["document"], body, labels, before, adopted)


def _join_chains(source: _Source, plan: CleanPlan, emptied: set[Place]) -> None:
    """Paragraphs whose breaks went are one paragraph of the clean text: joined into the first
    (its properties and number) when anything of them is left, else removed together (they
    stay in `emptied`, which loses the paragraphs that are joined)."""
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


def _shows_nothing(p: _Element, mode: str) -> bool:
    """Whether a reader sees nothing left of the paragraph: no text leaf with a character
    (hidden runs, field codes and bookmarks are not seen), no drawing, object or note mark.
    Such a paragraph goes whole, and the next one keeps its own properties and number."""
    if any(leaf_text(leaf) for leaf in text_nodes(p, mode)):
        return False
    return not has_objects(p)


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching [start, end) spans merged, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


# -- the tracked redline ------------------------------------------------------------------------


def apply_redline(package: Package, plan: RedlinePlan) -> None:
    """Turn the plan's segments into tracked changes, add its comments and paragraph marks."""
    source = _Source(package, plan.track_changes, plan.parts, plan.editors)
    ids = IdAllocator(package)
    comments = CommentsPart(package, ids)
    starts: dict[Point, list[str]] = defaultdict(list)
    ends: dict[Point, list[str]] = defaultdict(list)
    for comment in plan.comments:
        comment_id = comments.add(comment.author, comment.text, plan.date)
        starts[comment.start].append(comment_id)
        ends[comment.end].append(comment_id)
    by_node = source.in_nodes(plan.segments, lambda segment: _in_span(segment.span))
    source.in_paragraphs(plan.marks, lambda mark: mark.place)
    source.in_paragraphs(plan.joins, _itself)
    body = source.paragraphs("document") if plan.removed else []
    before = numbers_before(package, body) if plan.removed else {}
    source.settle()
    for (place, node), segments in by_node.items():
        segments.sort(key=lambda s: (s.span.start, s.span.end))
        leaf = source.node(place, node)
        _revise(leaf, segments, place, node, starts, ends, plan.date, ids)
    for mark in plan.marks:
        p = source.paragraph(mark.place)
        following = p.getnext()
        if following is None or local(following) not in ("p", "tbl"):
            continue  # the last paragraph of a cell, a note or the body keeps its mark
        mark_paragraph(p, mark.kind, mark.author, plan.date, ids)
    for place in sorted(plan.joins, key=lambda p: (p.part, p.paragraph), reverse=True):
        _join(source, place)
    if before:  # Reject All must not renumber: the agreed text keeps the numbers
        labels: dict[int, str | None] = {index: found[1] for index, found in before.items()}
        uncounted = frozenset(p.paragraph for p in plan.removed if p.part == "document")
        keep_numbers(package, source.roots["document"], body, labels, before, {}, uncounted)
    _removed_properties(package, source, plan, ids)


def _removed_properties(
    package: Package, source: _Source, plan: RedlinePlan, ids: IdAllocator
) -> None:
    """Take the number off, under Reject All, of each numbered paragraph Reject All removes
    when what follows it is not numbered: a table, nothing, or a paragraph it joins, whose
    properties Word keeps but LibreOffice gives up for the removed one's (w:pPrChange)."""
    if not plan.removed:
        return
    numbering = Numbering.of(package)
    authors = {mark.place: mark.author for mark in plan.marks if mark.kind == "ins"}
    for place in plan.removed:
        author = authors.get(place)
        p = source.paragraph(place)
        if author is None or p.getparent() is None or numbering.numbered(p) is None:
            continue
        following = p.getnext()
        if following is not None and local(following) == "p" and numbering.numbered(following):
            continue  # joined to a numbered paragraph: every reader numbers it alike
        former = etree.Element(w("p"))
        properties = p.find(w("pPr"))
        if properties is not None:
            former.append(copy(properties))
        set_number(former, "0", 0)
        track_properties(p, former, author, plan.date, ids)


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
    restyles = source.in_nodes(plan.restyles, lambda restyle: _in_span(restyle.span))
    inside = source.in_nodes(
        [(a.at, a) for a in plan.additions if a.at is not None], lambda pair: _at_point(pair[0])
    )
    at_end = source.in_paragraphs(
        [a for a in plan.additions if a.at is None], lambda addition: addition.place
    )
    source.settle()
    looks = {
        key: [(r.span.start, r.span.end, r.look) for r in items] for key, items in restyles.items()
    }
    added = {key: [(at.offset, a.text, a.look) for at, a in pairs] for key, pairs in inside.items()}
    for key in looks.keys() | added.keys():
        place, node = key
        _paint(source.node(place, node), looks.get(key, []), added.get(key, []))
    for place, additions in at_end.items():
        p = source.paragraph(place)
        for addition in additions:
            p.append(_styled_run(addition.text, addition.look, None))


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
    inserted = source.in_nodes(plan.insertions, lambda segment: _in_span(segment.span))
    before = source.in_nodes(
        [(d.at, d) for d in plan.deletions if d.at is not None],
        lambda pair: (pair[1].place, pair[0].node),
    )
    at_end = source.in_paragraphs(
        [d for d in plan.deletions if d.at is None], lambda deletion: deletion.place
    )
    source.in_paragraphs(plan.marks, lambda mark: mark.place)
    source.settle()
    for key in inserted.keys() | before.keys():
        place, node = key
        spans = [(s.span.start, s.span.end, s.author) for s in inserted.get(key, [])]
        points = [(at.offset, deletion) for at, deletion in before.get(key, [])]
        _compare_node(source.node(place, node), spans, points, plan.date, ids)
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
        if following is None or local(following) not in ("p", "tbl"):
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
            clone.append(copy(sibling) if local(sibling).endswith("Pr") else sibling)
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
        copied = copy(ppr)
        for tag in ("sectPr", "pPrChange"):
            for found in copied.findall(w(tag)):
                copied.remove(found)
        mark_rpr = copied.find(w("rPr"))
        if mark_rpr is not None:
            for tag in REVISIONS:
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


# -- one entry for the write path ----------------------------------------------------------------

#: What a writer asks of a copy of its source.
Plan = CleanPlan | RedlinePlan | VisiblePlan | ComparisonPlan


def apply(package: Package, plan: Plan) -> None:
    """Carry out `plan` on `package` with the applier for its kind."""
    if isinstance(plan, CleanPlan):
        apply_clean(package, plan)
    elif isinstance(plan, RedlinePlan):
        apply_redline(package, plan)
    elif isinstance(plan, VisiblePlan):
        apply_visible(package, plan)
    else:
        apply_comparison(package, plan)
