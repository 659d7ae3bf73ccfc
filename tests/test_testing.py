"""brackets.testing, used as a user's CI would use it: strategies, decisions, mutations, laws."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from drafts import CICA, ROOT, corpus_text
from hypothesis import find, given, settings
from hypothesis import strategies as st

import brackets
from brackets.positions import Positions
from brackets.testing import (
    Decisions,
    assert_agreed_is_clean,
    assert_idempotent,
    assert_lossless,
    assert_positions_consistent,
    assert_resolution_only_deletes,
    decisions,
    drafts,
    generation_grammar,
    mutations,
    parsed_drafts,
)

FEW = settings(max_examples=30, deadline=None)


def _depth(text: str) -> int:
    return max((b.depth for b in brackets.parse(text).brackets), default=0)


@given(drafts(max_depth=2, max_paragraphs=3, multiline=False, codes=["CHN", "IND"]))
def test_drafts_respect_their_bounds(text: str) -> None:
    draft = brackets.parse(text)
    assert _depth(text) <= 2
    assert sum(1 for p in draft.paragraphs if draft.source[p.start : p.end].strip()) <= 3
    assert set(brackets.positions(draft).delegations) <= {"CHN", "IND", "*"}
    assert not [w for w in draft.warnings if "unknown" in w.message]


def test_drafts_reach_what_real_drafts_hold() -> None:
    """Each feature of the notation is generated (find() fails if it never is)."""

    def parsed(predicate):  # type: ignore[no-untyped-def]
        return lambda text: predicate(brackets.parse(text))

    deep = find(drafts(max_depth=4), lambda t: _depth(t) == 4)
    assert _depth(deep) == 4
    find(drafts(), parsed(lambda d: any(b.alternative for b in d.brackets)))
    find(drafts(), parsed(lambda d: any(p.groups for p in d.paragraphs)))
    find(drafts(), parsed(lambda d: any(p.label == "11altern." for p in d.paragraphs)))
    find(drafts(), parsed(lambda d: any(b.reservations for b in d.brackets)))
    find(drafts(), lambda t: "\u2212" in t or "\u2013" in t)  # minus signs as Word writes them
    find(drafts(), parsed(lambda d: any("across" in w.message for w in d.warnings)))
    # A whole bracketed paragraph with its label inside: "[11altern. Promote ...] (+IRAN)".
    find(drafts(), lambda t: any(t.startswith("[" + label) for label in ("11altern.", "13.")))


def test_generation_grammar_imports_the_shipped_terminals() -> None:
    grammar = generation_grammar(max_depth=1, max_paragraphs=1, alternatives=False)
    assert "%import brackets (LSQB, RSQB, GROUP)" in grammar
    assert "bracket_1" not in grammar and "NEWLINE" not in grammar
    with pytest.raises(ValueError):
        generation_grammar(max_items=0)


@FEW
@given(st.from_type(brackets.Draft))
def test_from_type_draft_gives_parsed_drafts(draft: brackets.Draft) -> None:
    assert brackets.parse(draft.source) == draft
    assert draft.to_text() == draft.source


def test_the_hypothesis_entry_point_is_installed() -> None:
    hooks = [e.value for e in entry_points(group="hypothesis")]
    assert "brackets._hypothesis_plugin:setup" in hooks


@pytest.mark.parametrize(
    "script",
    [
        "import brackets.testing",
        "import hypothesis, brackets.testing",
        "from brackets.testing import drafts, assert_lossless",
        "import brackets; from hypothesis import strategies as st; import brackets.testing as t;"
        " st.from_type(brackets.Draft).example()",
    ],
)
def test_brackets_testing_imports_first_thing_in_a_fresh_interpreter(script: str) -> None:
    """A user's script may import brackets.testing before anything else (issue 18 §6)."""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr


@FEW
@given(st.data())
def test_decisions_are_valid_for_their_draft(data: st.DataObject) -> None:
    draft = data.draw(parsed_drafts())
    chosen = data.draw(decisions(draft, policies=["silence"]))
    assert chosen.policy == "silence"
    assert not set(chosen.accept) & set(chosen.reject)
    assert set(chosen.withdraw) <= set(brackets.positions(draft).delegations)
    assert_resolution_only_deletes(draft, chosen.resolve(draft))  # never a ResolutionError


def test_decisions_on_the_cica_draft() -> None:
    cica = brackets.parse(corpus_text(CICA))
    chosen = find(decisions(cica), lambda d: "AZER" in d.withdraw and d.policy == "silence")
    assert isinstance(chosen, Decisions)
    assert "11. Promote tolerance" in Decisions("silence", ("AZER",)).resolve(cica).text


@FEW
@given(st.data())
def test_mutations_revise_the_draft(data: st.DataObject) -> None:
    draft = data.draw(parsed_drafts(max_paragraphs=3))
    revised = data.draw(mutations(draft))
    assert isinstance(revised, brackets.Draft) and revised.source != draft.source
    assert brackets.parse(revised.source) == revised


@pytest.mark.filterwarnings("ignore:Generating overly large repr")  # find() shows a Draft
def test_mutations_add_drop_and_accept_brackets() -> None:
    cica = brackets.parse(corpus_text(CICA))
    count = len(cica.brackets)
    find(mutations(cica), lambda d: len(d.brackets) == count + 1)
    find(mutations(cica), lambda d: len(d.brackets) < count)
    more = find(mutations(cica), lambda d: len(brackets.positions(d).objecting) > 3)
    assert set(brackets.positions(more).objecting) > {"CHN", "IND", "IRAN"}


def test_laws_hold_on_the_corpus() -> None:
    text = corpus_text(CICA)
    cica = brackets.parse(text)
    assert_lossless(text)
    assert_agreed_is_clean(cica)
    assert_positions_consistent(cica)
    for policy in ("agreed", "silence", "all"):
        assert_idempotent(cica, policy)
        assert_resolution_only_deletes(cica, brackets.resolve(cica, policy))


def test_laws_fail_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    draft = brackets.parse("Promote [tolerance] (-CHN) and [dialogue] (+IND);")
    resolution = brackets.resolve(draft, "silence")
    tampered = dataclasses.replace(resolution, text=resolution.text + " and more")
    with pytest.raises(AssertionError, match="only deletes: the text is not the source minus"):
        assert_resolution_only_deletes(draft, tampered)
    shifted = dataclasses.replace(resolution, deletions=((5, 3),))
    with pytest.raises(AssertionError, match="not sorted, disjoint"):
        assert_resolution_only_deletes(draft, shifted)

    def forgetful(d: brackets.Draft) -> Positions:
        report = brackets.positions(d)
        return dataclasses.replace(report, delegations={})

    monkeypatch.setattr("brackets.testing.positions", forgetful)
    with pytest.raises(AssertionError, match="positions: report"):
        assert_positions_consistent(draft)


def test_the_readme_ci_example_runs() -> None:
    """The README's ten-line CI test, as a user would paste it, runs and passes."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if "drafts(" in b)
    assert len(block.strip().splitlines()) <= 13  # ten lines of test, imports aside
    namespace: dict[str, object] = {}
    exec(block, namespace)
    tests = [v for k, v in namespace.items() if k.startswith("test_") and callable(v)]
    assert len(tests) == 1
    tests[0]()
