"""The writers' plans: plain data in source-map coordinates, computed before any XML is
touched, and naming exactly the characters the draft was read from."""

from __future__ import annotations

import dataclasses
import itertools
import zipfile
from pathlib import Path

from lxml import etree
from readkit import SAMPLES

import brackets
from brackets.docx import SourceMap, read_docx
from brackets.docx.clean import clean_plan
from brackets.docx.ooxml.package import Package
from brackets.docx.ooxml.walk import iter_paragraphs, leaf_text, text_nodes
from brackets.docx.redline import redline_plan, visible_plan
from brackets.docx.sourcemap import NodeSpan, Place, Point

VOLUNTEERISM = SAMPLES / "volunteerism-draft.docx"
TRACKED = SAMPLES / "tracked-changes.docx"


def _node_texts(path: Path, mode: str) -> dict[tuple[int, int], str]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return {
        (index, node): leaf_text(leaf)
        for index, p in enumerate(iter_paragraphs(root))
        for node, leaf in enumerate(text_nodes(p, mode))
    }


def _origin(draft: brackets.Draft) -> SourceMap:
    assert isinstance(draft.origin, SourceMap)
    return draft.origin


def test_a_clean_plan_names_each_deleted_character_of_the_document() -> None:
    draft = read_docx(VOLUNTEERISM)
    origin = _origin(draft)
    resolution = brackets.resolve(draft, "agreed")
    plan = clean_plan(resolution, origin)
    texts = _node_texts(VOLUNTEERISM, plan.track_changes)
    # "4altern." survives as "4." and takes the removed auto-numbered 4.'s place: the plan
    # also deletes the typed "4" and ". " there (the list draws the number)
    ((promoted, removed),) = plan.promotions
    assert texts[promoted.paragraph, 0].startswith("4altern. Consider")
    assert removed.paragraph == promoted.paragraph - 1
    named = "".join(
        texts[span.paragraph, span.node][span.start : span.end]
        for span in plan.deletions
        if span.paragraph != promoted.paragraph
    )
    from_runs = "".join(
        draft.source[offset]
        for start, end in resolution.deletions
        for offset in range(start, end)
        if origin.locate(offset).kind == "run" and origin.locate(offset).place != promoted
    )
    assert named == from_runs and named
    typed = {
        (span.start, span.end) for span in plan.deletions if span.paragraph == promoted.paragraph
    }
    assert {(0, 9), (1, 7)} <= typed  # "4altern. " and the resolution's "altern"
    assert plan.parts == frozenset({"document"})
    assert all(isinstance(place, Place) and place.part == "document" for place in plan.joins)


def test_a_redline_plan_covers_every_node_it_touches_and_anchors_at_edges() -> None:
    draft = read_docx(TRACKED, track_changes="brackets")
    plan = redline_plan(draft, _origin(draft), date=None)
    texts = _node_texts(TRACKED, "brackets")
    by_node: dict[tuple[int, int], list[NodeSpan]] = {}
    for segment in plan.segments:
        span = segment.span
        by_node.setdefault((span.paragraph, span.node), []).append(span)
    for key, spans in by_node.items():
        assert spans[0].start == 0 and spans[-1].end == len(texts[key])
        assert all(a.end == b.start for a, b in itertools.pairwise(spans))
    edges = {
        Point(s.span.part, s.span.paragraph, s.span.node, offset)
        for s in plan.segments
        for offset in (s.span.start, s.span.end)
    }
    assert plan.comments
    assert all(c.start in edges and c.end in edges for c in plan.comments)
    assert {s.action for s in plan.segments} >= {"keep", "ins"}


def test_plans_are_plain_data() -> None:
    """Nothing of lxml inside: a plan can be compared, printed and kept after the XML is gone."""
    draft = read_docx(TRACKED, track_changes="brackets")
    plans = (
        clean_plan(brackets.resolve(draft, "silence"), _origin(draft)),
        redline_plan(draft, _origin(draft)),
        visible_plan(draft, _origin(draft)),
    )
    for plan in plans:
        stack: list[object] = [plan]
        while stack:
            item = stack.pop()
            if dataclasses.is_dataclass(item):
                stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
            elif isinstance(item, tuple | frozenset):
                stack.extend(item)
            else:
                assert item is None or isinstance(item, str | int), type(item)


def _plans_naming(place: Place) -> list[tuple[str, object]]:
    """One plan per applier, each naming `place` with the item the applier groups first."""
    from brackets.docx.plan import (
        Addition,
        CleanPlan,
        ComparisonPlan,
        Deletion,
        Mark,
        RedlinePlan,
        VisiblePlan,
    )

    parts = frozenset({"document"})
    none: frozenset[Place] = frozenset()
    mark = Mark(place, "ins", "IRAN")
    return [
        ("clean", CleanPlan("accept", parts, (), none, frozenset({place}))),
        ("redline", RedlinePlan("accept", parts, "2026-01-01T00:00:00Z", (), (mark,), none, ())),
        ("visible", VisiblePlan("accept", parts, (), (Addition(place, None, "x", None),))),
        ("comparison", ComparisonPlan(
            "accept", parts, "2026-01-01T00:00:00Z", (), (Deletion(place, None, "x", "A"),), ()
        )),
    ]


def _parts(package: Package) -> dict[str, bytes]:
    """Every XML part of a package as it stands (zip timestamps left aside)."""
    return {name: etree.tostring(package.xml(name)) for name in package.xml_parts()}


def test_every_applier_refuses_a_place_the_document_does_not_have(tmp_path: Path) -> None:
    """The appliers share one collector: a plan naming a paragraph past the end gives the same
    clear DocxError whichever writer made it, before the copy is touched (its tracked changes
    would be settled first otherwise)."""
    from brackets.docx.ooxml import edit
    from brackets.docx.ooxml.package import open_package
    from brackets.errors import DocxError

    appliers = {
        "clean": edit.apply_clean,
        "redline": edit.apply_redline,
        "visible": edit.apply_visible,
        "comparison": edit.apply_comparison,
    }
    with open_package(TRACKED) as package:
        count = len(iter_paragraphs(package.xml(package.main)))
    messages = set()
    for name, plan in _plans_naming(Place("document", count + 5)):
        with open_package(TRACKED) as package:
            before = _parts(package)
            try:
                appliers[name](package, plan)  # type: ignore[operator]
            except DocxError as error:
                messages.add(str(error.diagnostic))
            else:
                raise AssertionError(f"{name}: no error for a paragraph past the end")
            assert _parts(package) == before, name
    assert len(messages) == 1
    (message,) = messages
    assert f"names paragraph {count + 5} of document, which has {count}" in message
    assert message.startswith(f"{TRACKED}: error: the source map names paragraph")
