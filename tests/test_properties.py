"""The laws (STYLE.md): round trip, strict parsing, clean and idempotent resolution.

Drafts come from `brackets.testing.drafts()`, the strategies users get with
`brackets[testing]`, and the laws are its `assert_*` functions: the project tests them by use.
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

import brackets
from brackets.notation import group_pattern
from brackets.testing import (
    assert_agreed_is_clean,
    assert_idempotent,
    assert_lossless,
    assert_positions_consistent,
    assert_resolution_only_deletes,
    decisions,
    drafts,
    parsed_drafts,
)

DRAFTS = drafts()
POLICIES = st.sampled_from(["agreed", "silence", "all"])
GROUP_RE = re.compile(group_pattern())


@given(st.text())
def test_lenient_parse_round_trips_any_string(text: str) -> None:
    assert_lossless(text)


@given(st.text(alphabet="[]() +-IND,tcb.\n\r", max_size=60))
def test_lenient_parse_round_trips_bracket_soup(text: str) -> None:
    assert_lossless(text)


@given(DRAFTS)
def test_generated_drafts_parse_strictly_and_round_trip(text: str) -> None:
    draft = brackets.parse(text)
    assert draft.to_text() == text
    assert len(draft.brackets) == text.count("[")
    assert_lossless(text)


@given(DRAFTS)
def test_agreed_leaves_no_brackets_or_groups(text: str) -> None:
    draft = brackets.parse(text)
    assert_agreed_is_clean(draft)
    assert GROUP_RE.search(brackets.resolve(draft, "agreed").text) is None


@given(DRAFTS, POLICIES)
@example("[a][b\nc] d (-IRAN)", "silence")  # a dropped paragraph cut an open set in two
@example("11altern. [].(+IRAN)\n11altern. ", "agreed")  # issue 9: `Naltern.` renamed twice
# NOTATION 3a: markup holding no text before `Option A:` (an empty bracket, the `]` of a bracket
# cut by a paragraph break) leaves the paragraph opening with the option; `all` resolved the
# set only once the resolution had removed that markup.
@example("[]Option A:\nOption B:", "all")
@example("[a\n] Option A: x\nOption B: y", "all")
@example("Option 1:  Review implementation (+AFG)\n[][[][[\n][Option B: ] [Alt. 1 ]]]", "agreed")
@example("Option 1: x (tcb)\n[][[Alt. 1 ] [Alt. 1 [x][Alt. 1 \n] [Option B: ]]]", "agreed")
# NOTATION 3a: `[Alt. 1 ] [Option B: ]` form a set even when the first bracket touches others.
@example("Option 1: [[][b\n][Alt. 1 ] [Option B: ]] y", "all")
# A paragraph of a label and a bracket mark only (`1. [`) is gone once resolved: it ends no set.
@example("1. Option 1: \n1. [\n] Review implementation (tcb)\nOption 2: ", "all")
@example("Option 1: y\n[][a] [Option B: x] [Alt 2 y][b]", "all")  # survivor of a mixed set
# the space after a paragraph's label is no seam space: `1. [].` gave `1..`, no longer a label
@example("1. Option 1: \n1. [].(+AFG) Review implementation (+AFG)\nOption 2: ", "all")
# two lone options kept apart by a labelled paragraph that the resolution removes
@example("11altern. Option 1: \n11altern. [][Promote \n][x] Review (+AFG)\nOption 2: ", "all")
def test_resolution_is_idempotent(text: str, policy: str) -> None:
    assert_idempotent(brackets.parse(text), policy)


@given(drafts(labels=["11altern. ", "11. "]), POLICIES)
def test_resolution_is_idempotent_with_altern_labels(text: str, policy: str) -> None:
    assert_idempotent(brackets.parse(text), policy)


@given(DRAFTS, POLICIES)
def test_resolution_only_deletes(text: str, policy: str) -> None:
    draft = brackets.parse(text)
    assert_resolution_only_deletes(draft, brackets.resolve(draft, policy))


@given(st.data())
def test_decisions_only_delete_and_stay_idempotent(data: st.DataObject) -> None:
    draft = data.draw(parsed_drafts())
    chosen = data.draw(decisions(draft))
    assert_resolution_only_deletes(draft, chosen.resolve(draft))
    assert_idempotent(draft, chosen.policy, withdraw=chosen.withdraw)


@given(parsed_drafts())
def test_positions_report_what_the_draft_says(draft: brackets.Draft) -> None:
    assert_positions_consistent(draft)


@given(
    st.text(alphabet="[]() +-INDCHtcb.,;\n\r\t11altern", max_size=80),
    POLICIES,
)
def test_any_text_resolves_leniently(text: str, policy: str) -> None:
    draft = brackets.parse(text, lenient=True)
    assert_resolution_only_deletes(draft, brackets.resolve(draft, policy))
