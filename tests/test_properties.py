"""The laws (STYLE.md): round trip, strict parsing, clean and idempotent resolution."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark

import brackets
from brackets.notation import group_pattern

GRAMMARS = Path(__file__).resolve().parents[1] / "grammars"
GENERATE = Lark(
    (Path(__file__).parent / "generate.lark").read_text(encoding="utf-8"),
    parser="lalr",
    lexer="basic",
    import_paths=[str(GRAMMARS)],
)
CODES = st.sampled_from(["CHN", "IND", "IRAN", "AZER", "TUR", "SEC"])
ENTRY = st.one_of(
    st.builds(lambda s, c: f"{s}{c}", st.sampled_from(["+", "-", "\u2212", "\u2013"]), CODES),
    st.builds(lambda c: f"{c} tcb", CODES),
    st.just("tcb"),
)
GROUP = st.lists(ENTRY, min_size=1, max_size=3).map(lambda e: "(" + ", ".join(e) + ")")
WORDS = st.text(
    alphabet=st.characters(blacklist_characters="[]()", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=12,
)
TEXT = st.one_of(
    WORDS, st.sampled_from([" ", "\n", "\r\n", " the ", "; ", "11altern. ", "Привет "])
)
DRAFTS = from_lark(GENERATE, explicit={"GROUP": GROUP, "TEXT": TEXT})
GROUP_RE = re.compile(group_pattern())


@given(st.text())
def test_lenient_parse_round_trips_any_string(text: str) -> None:
    assert brackets.parse(text, lenient=True).to_text() == text


@given(st.text(alphabet="[]() +-IND,tcb.\n\r", max_size=60))
def test_lenient_parse_round_trips_bracket_soup(text: str) -> None:
    assert brackets.parse(text, lenient=True).to_text() == text


@given(DRAFTS)
def test_generated_drafts_parse_strictly_and_round_trip(text: str) -> None:
    draft = brackets.parse(text)
    assert draft.to_text() == text
    assert len(draft.brackets) == text.count("[")


@given(DRAFTS)
def test_agreed_leaves_no_brackets_or_groups(text: str) -> None:
    clean = brackets.resolve(brackets.parse(text), "agreed").text
    assert "[" not in clean and "]" not in clean
    assert GROUP_RE.search(clean) is None


@given(DRAFTS, st.sampled_from(["agreed", "silence", "all"]))
def test_resolution_is_idempotent(text: str, policy: str) -> None:
    once = brackets.resolve(brackets.parse(text), policy).text
    twice = brackets.resolve(brackets.parse(once, lenient=True), policy).text
    assert twice == once


@given(DRAFTS, st.sampled_from(["agreed", "silence", "all"]))
def test_resolution_only_deletes(text: str, policy: str) -> None:
    resolution = brackets.resolve(brackets.parse(text), policy)
    kept = iter(text)
    assert all(char in kept for char in resolution.text)  # a subsequence of the source


@given(
    st.text(alphabet="[]() +-INDCHtcb.,;\n\r\t11altern", max_size=80),
    st.sampled_from(["agreed", "silence", "all"]),
)
def test_any_text_resolves_leniently(text: str, policy: str) -> None:
    draft = brackets.parse(text, lenient=True)
    resolution = brackets.resolve(draft, policy)
    rebuilt, position = [], 0
    for start, end in resolution.deletions:
        rebuilt.append(text[position:start])
        position = end
    rebuilt.append(text[position:])
    assert "".join(rebuilt) == resolution.text
