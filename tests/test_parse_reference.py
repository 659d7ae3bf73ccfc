"""The bracket stack of `brackets.parse` agrees with Lark's parser over the grammar (issue 19).

`tests/lark_reference.py` drives Lark's LALR parser over `grammars/brackets.lark`, the
specification; `parse_syntax` decides which brackets match with a stack instead. Both must
give the same draft, node for node (offsets, texts, groups, numbers, depths, sets, tails,
paragraphs, options, diagnostics in order), strict and lenient, with unmatched brackets or
without, on the corpus, the samples and generated drafts.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

import pytest
from drafts import CORPUS, SAMPLES, corpus_text
from hypothesis import example, given
from hypothesis import strategies as st
from lark_reference import reference_parse

from brackets.delegations import Registry
from brackets.model import Draft, LineIndex, Text
from brackets.parse import parse_syntax
from brackets.testing import drafts

#: Fields holding the nodes that are no text, compared through the nodes read when asked.
STORED = {"_nodes", "_children", "_tail"}


def dump(value: Any) -> Any:
    """`value` as nested tuples of plain values, every dataclass field by name, iteratively
    (nesting may be deep)."""
    out: list[Any] = []
    stack: list[tuple[Any, list[Any]]] = [(value, out)]
    while stack:
        item, into = stack.pop()
        if isinstance(item, Text):
            into.append(("Text", item.start, item.end, item.text))
        elif isinstance(item, LineIndex):
            into.append(("LineIndex", tuple(item.starts)))
        elif is_dataclass(item) and not isinstance(item, type):
            row: list[Any] = [type(item).__name__]
            into.append(row)
            # the stored fields, and the nodes read when asked (texts are not stored)
            names = [f.name for f in fields(item) if f.name not in STORED]
            names += [name for name in ("nodes", "children", "tail") if hasattr(item, name)]
            for name in reversed(names):
                stack.append((getattr(item, name), row))
        elif isinstance(item, tuple | list):
            row = ["seq"]
            into.append(row)
            for element in reversed(item):
                stack.append((element, row))
        else:
            into.append(item)
    return out


def assert_agree(text: str, *, lenient: bool, canonical: Any = None) -> Draft:
    """Parse `text` both ways and fail on the first difference, naming it."""
    draft = parse_syntax(text, lenient=lenient, canonical=canonical)
    reference = reference_parse(text, lenient=lenient, canonical=canonical)
    assert [d.code for d in draft.diagnostics] == [d.code for d in reference.diagnostics]
    assert [b.start for b in draft.brackets] == [b.start for b in reference.brackets]
    assert dump(draft) == dump(reference), "the bracket stack and Lark's parser disagree"
    return draft


SOURCES = sorted([*CORPUS.glob("*.txt"), *CORPUS.glob("*.md"), *SAMPLES.glob("*.txt")])


@pytest.mark.parametrize("lenient", [False, True])
@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_corpus_and_samples_parse_as_lark_parses_them(path: Any, lenient: bool) -> None:
    assert_agree(corpus_text(path), lenient=lenient, canonical=Registry.default().canonical)


def test_the_corpus_has_unmatched_brackets_so_the_recovery_is_compared() -> None:
    unmatched = {"unclosed", "unopened"}
    found = set()
    for path in SOURCES:
        draft = assert_agree(corpus_text(path), lenient=True)
        found |= {d.code for d in draft.diagnostics} & unmatched
    assert found, "no corpus draft has an unmatched bracket: the comparison misses recovery"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "]",
        "[",
        "][",
        "[[]",
        "[]]",
        "a ] b [c] (+CHN) [d [e] (-IND) ] ] [f",
        "1. [x] [y] (+RUS)\n2. [open\n3. ] stray (+CHN)\n",
        "[Alt. 1 a] [Alt. 2 b] (+CHN) ] [Option A: c]  [Option B: d]",
        "[a\n[b] (+IND)\nc] (-CHN) [",
        "[" * 300 + "deep" + "]" * 299,
        "]" * 50 + "[x]" + "[" * 50,
    ],
)
@pytest.mark.parametrize("lenient", [False, True])
def test_unmatched_brackets_are_found_as_lark_finds_them(text: str, lenient: bool) -> None:
    assert_agree(text, lenient=lenient)


@given(drafts(), st.booleans())
def test_generated_drafts_parse_as_lark_parses_them(text: str, lenient: bool) -> None:
    assert_agree(text, lenient=lenient)


@st.composite
def _broken_drafts(draw: st.DrawFn) -> str:
    """A generated draft with brackets taken out and stray ones put in: unmatched ones."""
    text = draw(drafts(max_depth=3))
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:position] + draw(st.sampled_from(["[", "]", "] (+CHN)"])) + text[position:]
        else:
            at = [i for i, c in enumerate(text) if c in "[]"]
            if at:
                i = draw(st.sampled_from(at))
                text = text[:i] + text[i + 1 :]
    return text


@given(_broken_drafts(), st.booleans())
@example("[a] ] [b", True)
def test_drafts_with_unmatched_brackets_parse_as_lark_parses_them(text: str, lenient: bool) -> None:
    assert_agree(text, lenient=lenient)


@given(st.text(alphabet="[]() +-IND,tcb.:\n\rAlt1", max_size=80), st.booleans())
def test_bracket_soup_parses_as_lark_parses_it(text: str, lenient: bool) -> None:
    assert_agree(text, lenient=lenient)


def test_canonical_codes_are_given_the_same_way() -> None:
    text = "1. [promote] (+US, -CHN) [x] (US tcb) ] [y"
    assert_agree(text, lenient=True, canonical=lambda code: {"US": "USA"}.get(code))


def test_unmatched_brackets_are_found_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """A draft with unmatched brackets is built once: the depth scan finds them first."""
    import sys

    module = sys.modules["brackets.parse"]
    calls: list[int] = []
    reduce = module._reduce

    def counted(ctx: Any, skip: frozenset[int]) -> Any:
        calls.append(len(skip))
        return reduce(ctx, skip)

    monkeypatch.setattr(module, "_reduce", counted)
    draft = parse_syntax("a ] b [c] (+CHN) [d [e] ] [f\n[g] (-IND)", lenient=True)
    assert calls == [2]
    assert [d.code for d in draft.diagnostics] == ["unopened", "unclosed"]
    assert [b.number for b in draft.brackets] == [1, 2, 3, 4]
    assert draft.to_text() == "a ] b [c] (+CHN) [d [e] ] [f\n[g] (-IND)"


def test_a_parse_leaves_nothing_for_the_collector_to_walk() -> None:
    """What a parse built is moved to the collector's oldest generation, and nothing of the
    program's stays frozen."""
    import gc

    text = "1. [a [b] (+CHN) c] (-IND) d\n" * 2_000
    gc.collect()
    draft = parse_syntax(text)
    oldest = gc.get_objects(generation=2)
    assert any(o is draft for o in oldest)
    assert any(o is draft.brackets[-1] for o in oldest)
    assert gc.get_freeze_count() == 0
