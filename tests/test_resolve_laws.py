"""Resolution laws on any text, lenient parsing included (issue: idempotence, linear seams).

Resolution is idempotent for every input: it never turns text of its input into markup
(a stray group that would end a paragraph, a label that only looks like `Naltern.`), and a
dropped paragraph never cuts an unresolved set of alternatives in two.
"""

from __future__ import annotations

import re

import pytest
from drafts import CICA, SAMPLE, UNFCCC_DEC4, UNFCCC_DEC9, corpus_text
from hypothesis import example, given
from hypothesis import strategies as st

import brackets
from brackets.resolve import mark_pair, resolve_pair
from brackets.testing import parsed_drafts

POLICIES = ["agreed", "silence", "all"]
PIECES = st.sampled_from(
    ["[", "]", " ", "  ", "a", "b", ",", ".", ";", "(", ")", "(-X)", "(+IRAN)", "(tcb)",
     "\n", "\r", "\r\n", "\t", "11altern.", "11 altern.", "2.", "(a)", "- ", "11 bis"]
)  # fmt: skip
SOUP = st.lists(PIECES, max_size=30).map("".join)


def resolve_text(text: str, policy: str) -> str:
    return brackets.resolve(brackets.parse(text, lenient=True), policy).text


@given(SOUP, st.sampled_from(POLICIES))
@example("a (-X) [b]", "agreed")
@example("(+IRAN)[]", "agreed")
@example("(+IRAN)[]", "all")
@example("[(+IRAN)]", "silence")
@example("[(+IRAN)]", "all")
@example("11altern.11altern.", "agreed")
@example("[a  ;b\r\r\nb][(tcb)\r(-X)\n]11 bis11 bis].(tcb)", "silence")
@example("[11altern.\t[(+IRAN)b\r\n11altern.\t,[11altern.a\r\n2.(+IRAN)]", "agreed")
def test_resolution_is_idempotent_on_any_text(text: str, policy: str) -> None:
    once = resolve_text(text, policy)
    assert resolve_text(once, policy) == once


@pytest.mark.parametrize(
    ("text", "policy", "expected"),
    [
        ("a (-X) [b]", "agreed", "a"),
        ("(+IRAN)[]", "all", ""),
        ("[(+IRAN)]", "all", ""),
        ("a (-X) [b]", "all", "a (-X) b"),  # still text mid-paragraph: kept as written
    ],
)
def test_a_stray_group_never_becomes_a_position(text: str, policy: str, expected: str) -> None:
    resolution = brackets.resolve(brackets.parse(text, lenient=True), policy)
    assert resolution.text == expected
    removed = [w for w in resolution.warnings if w.code == "stray-group"]
    assert bool(removed) == (expected != "a (-X) b")
    if removed:
        assert "follows no bracket" in removed[0].message


def test_altern_is_a_label_only_when_a_space_or_the_end_follows() -> None:
    assert resolve_text("11altern.11altern. text", "all") == "11altern.11altern. text"
    assert resolve_text("11altern. text", "all") == "11. text"
    assert resolve_text("[11altern. text] (+X)\n11. other", "all") == "11altern. text\n11. other"


def test_a_bracketed_number_counts_as_the_paragraph_number() -> None:
    # "[11." (a stray "[" kept as text) still numbers its paragraph 11, on every pass.
    text = "[11altern. a\n11altern. b"
    once = resolve_text(text, "all")
    assert once == "[11. a\n11altern. b"
    assert resolve_text(once, "all") == once


def test_a_dropped_paragraph_does_not_cut_an_open_set_in_two() -> None:
    # Paragraph 3 (tcb) goes under "silence"; the open set it closes goes with it (this left
    # "[p\nq][r\nlast" behind, a set with no end).
    text = "[p\nq][r\ns] end (tcb)\nlast"
    assert resolve_text(text, "silence") == "last"


def test_seams_are_linear_in_brackets_on_one_line() -> None:
    # 200,000 brackets on one line resolve (this took minutes when seams were quadratic).
    text = "Promote " + "[a] (-X) " * 200_000 + "dialogue."
    assert brackets.resolve(brackets.parse(text), "agreed").text == "Promote dialogue."


# -- the redline's pair (issue 19 §4): both resolutions in one walk, equal to resolve's ------

_CONVENTIONS = st.lists(
    st.sampled_from(["Option 1: a", "Option 2: b", "**Option 3:** c", "Pp12 ", "[x]", "[20XX]",
                     "[Alt. 1 a] [Alt. 2 b]", "{Placeholder for d}", "[e][f] (-X)", "\n"]),
    max_size=14,
).map("".join)


@given(st.one_of(SOUP, _CONVENTIONS))
@example("Option 1: a [b]\nOption 2: [c][d]\n")
@example("1. [Option 1: a] (+X)\n[Option 2: b [x]]\n2. c (-X)\n")
def test_the_pair_walk_equals_two_resolutions(text: str) -> None:
    draft = brackets.parse(text, lenient=True)
    agreed, everything = resolve_pair(draft)
    assert agreed == brackets.resolve(draft, "agreed")
    assert everything == brackets.resolve(draft, "all")


@given(parsed_drafts())
def test_the_pair_walk_equals_two_resolutions_on_generated_drafts(draft: brackets.Draft) -> None:
    expected = (brackets.resolve(draft, "agreed"), brackets.resolve(draft, "all"))
    assert resolve_pair(draft) == expected


def test_the_pair_walk_equals_two_resolutions_on_the_corpus() -> None:
    for path in (CICA, UNFCCC_DEC4, UNFCCC_DEC9, SAMPLE):
        draft = brackets.parse(corpus_text(path), lenient=True)
        agreed, everything = resolve_pair(draft)
        assert (agreed.deletions, everything.deletions) == (
            brackets.resolve(draft, "agreed").deletions, brackets.resolve(draft, "all").deletions
        ), path.name
        assert everything.kept == brackets.resolve(draft, "all").kept


def _deleted_spans(deleted: bytes) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in re.finditer(rb"\x01+", deleted))


@given(st.one_of(SOUP, _CONVENTIONS))
@example("[a] (-X) b [c][d] (+Y)\n2. [e]\n")
def test_a_marking_is_its_resolution_without_the_text(text: str) -> None:
    draft = brackets.parse(text, lenient=True)
    for marking, policy in zip(mark_pair(draft), ("agreed", "all"), strict=True):
        resolution = brackets.resolve(draft, policy)
        assert len(marking.deleted) == len(draft.source)
        assert _deleted_spans(marking.deleted) == resolution.deletions
        assert marking.kept == resolution.kept
