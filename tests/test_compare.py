"""Comparing two versions: the redline's laws, the real pairs, and the negotiation summary."""

from __future__ import annotations

import re

import pytest
from drafts import CICA, SAMPLES, UNFCCC_DEC4, UNFCCC_DEC9, corpus_text
from hypothesis import given
from hypothesis import strategies as st

import brackets
from brackets.compare import apply_criticmarkup
from brackets.compare.tokens import token_pattern, tokenize
from brackets.errors import CriticMarkupError
from brackets.report import comparison_html, summary_text

CICA_REV1 = SAMPLES / "cica-swg-739-2023-rev1.txt"
#: Characters the `redlines` package marks on the COP21 pair (its output_markdown spans).
REDLINES_MARKED_COP21 = 88_465


def assert_script_rebuilds(comparison: brackets.Comparison) -> None:
    """The edit script gives OLD (equal + delete) and NEW (equal + insert), offsets included."""
    old, new = comparison.old_text, comparison.new_text
    assert "".join(op.text for op in comparison.script if op.kind != "insert") == old
    assert "".join(op.text for op in comparison.script if op.kind != "delete") == new
    for op in comparison.script:
        if op.kind != "insert":
            assert old[op.old_start : op.old_end] == op.text
        if op.kind != "delete":
            assert new[op.new_start : op.new_end] == op.text


def assert_markup_round_trips(comparison: brackets.Comparison) -> None:
    markup = comparison.to_criticmarkup()
    assert apply_criticmarkup(markup, forwards=True) == comparison.new_text
    assert apply_criticmarkup(markup, forwards=False) == comparison.old_text


def boundaries(text: str) -> set[int]:
    ends, at = {0}, 0
    for token in tokenize(text):
        at += len(token)
        ends.add(at)
    return ends


# -- generated pairs ---------------------------------------------------------------------------

WORDS = ["the", "Parties", "shall", "should", "volunteers’", "Привет", "2030", "𝔘nicode", "é"]
TRICKY = ["{++", "++}", "{--", "--}", "{~~", "~~}", "~>", "{\\++", "\\", "~", "{", "}"]
GROUPS = ["(+IRAN)", "(-CHN, -IND)", "(AZER tcb)", "(tcb)", "(RMT)"]
ITEM = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(TRICKY),
    st.sampled_from(GROUPS),
    st.sampled_from(["[", "]", ",", ";", ".", " ", "  ", "\t", "11altern.", "12."]),
)
PARAGRAPH = st.lists(ITEM, min_size=1, max_size=12)


@st.composite
def draft_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """A draft and a revision of it: words and groups edited, brackets added or removed,
    paragraphs moved; line endings `\\n` or `\\r\\n`."""
    paragraphs = draw(st.lists(PARAGRAPH, min_size=1, max_size=6))
    revised = [list(p) for p in paragraphs]
    for _ in range(draw(st.integers(0, 6))):
        target = revised[draw(st.integers(0, len(revised) - 1))]
        kind = draw(st.sampled_from(["insert", "delete", "replace", "bracket", "move"]))
        at = draw(st.integers(0, len(target)))
        if kind == "insert":
            target.insert(at, draw(ITEM))
        elif kind == "delete" and target:
            del target[min(at, len(target) - 1)]
        elif kind == "replace" and target:
            target[min(at, len(target) - 1)] = draw(ITEM)
        elif kind == "bracket":
            end = draw(st.integers(at, len(target)))
            target[at:end] = ["[", *target[at:end], "] ", draw(st.sampled_from(GROUPS))]
        elif kind == "move" and len(revised) > 1:
            moved = revised.pop(draw(st.integers(0, len(revised) - 1)))
            revised.insert(draw(st.integers(0, len(revised))), moved)
    newline = draw(st.sampled_from(["\n", "\r\n", "\n\n"]))
    join = lambda ps: newline.join(" ".join(p) for p in ps)  # noqa: E731
    return join(paragraphs), join(revised)


@given(draft_pairs())
def test_criticmarkup_applied_forwards_gives_new_and_backwards_old(pair: tuple[str, str]) -> None:
    comparison = brackets.compare(*pair)
    assert_script_rebuilds(comparison)
    assert_markup_round_trips(comparison)


@given(draft_pairs())
def test_a_change_never_splits_a_word_or_a_group(pair: tuple[str, str]) -> None:
    comparison = brackets.compare(*pair)
    old_cuts, new_cuts = boundaries(pair[0]), boundaries(pair[1])
    for op in comparison.script:
        assert {op.old_start, op.old_end} <= old_cuts
        assert {op.new_start, op.new_end} <= new_cuts


@given(draft_pairs())
def test_summary_follows_every_bracket_once(pair: tuple[str, str]) -> None:
    comparison = brackets.compare(*pair)
    summary = comparison.summary()
    olds = [b.old for b in summary.brackets if b.old]
    news = [b.new for b in summary.brackets if b.new]
    assert sorted(olds) == sorted(b.id for b in comparison.old.brackets)
    assert sorted(news) == sorted(b.id for b in comparison.new.brackets)
    for change in summary.brackets:
        # Issue 15: `reopened` and `split` rows are brackets of NEW only, `merged` of OLD only.
        assert (change.old is None) == (change.outcome in ("new", "reopened", "split"))
        assert (change.new is None) == (change.outcome in ("agreed", "dropped", "merged"))
    if pair[0] == pair[1]:
        assert {b.outcome for b in summary.brackets} <= {"open"}
        assert not summary.paragraphs and not summary.delegations


@given(st.text(), st.text())
def test_any_two_texts_round_trip(old: str, new: str) -> None:
    comparison = brackets.compare(old, new)
    assert_script_rebuilds(comparison)
    assert_markup_round_trips(comparison)


def test_criticmarkup_delimiters_in_the_drafts_are_escaped() -> None:
    old = "Keep {++this++} and a~>b, {\\++x} here."
    new = "Keep {++that++} and a~>b, {\\++y} here."
    markup = brackets.compare(old, new).to_criticmarkup()
    assert "{\\++" in markup and "{\\\\++" in markup
    assert apply_criticmarkup(markup) == new
    assert apply_criticmarkup(markup, forwards=False) == old


def test_plain_drafts_give_plain_criticmarkup() -> None:
    comparison = brackets.compare("Adopt [this] (-CHN) text;\n", "Adopt the text;\r\n")
    assert comparison.to_criticmarkup() == "Adopt {~~[this] (-CHN)~>the~~} text;{~~\n~>\r\n~~}"


def test_an_unclosed_change_is_an_error_with_its_place() -> None:
    with pytest.raises(CriticMarkupError, match="2:3: CriticMarkup change opened here"):
        apply_criticmarkup("line\nab{++never closed")


def test_tokens_keep_groups_brackets_and_surrogate_pairs_whole() -> None:
    assert token_pattern().groups == 0
    assert tokenize("[a] (+IRAN, -CHN)  x\r\ny") == [
        "[", "a", "]", " ", "(+IRAN, -CHN)", "  ", "x", "\r\n", "y"
    ]  # fmt: skip
    assert tokenize("a\ud83d\ude00b") == ["a", "\ud83d\ude00", "b"]
    assert tokenize("a😀b") == ["a", "😀", "b"]
    assert tokenize("e\u0301t\u00e9, l’été") == ["e\u0301t\u00e9", ",", " ", "l", "’", "été"]


def test_short_unchanged_words_between_changes_are_absorbed() -> None:
    assert (
        brackets.compare("the big cat sat", "a big dog sat").to_criticmarkup()
        == "{~~the big cat~>a big dog~~} sat"
    )
    comparison = brackets.compare(
        "Parties shall promote the exchange of views on adaptation.",
        "Parties should encourage the sharing of views on adaptation.",
    )
    assert comparison.to_criticmarkup() == (
        "Parties {~~shall promote the exchange~>should encourage the sharing~~} "
        "of views on adaptation."
    )


def test_a_moved_paragraph_leaves_its_neighbours_alone() -> None:
    paragraphs = [f"{n}. Paragraph number {n} talks about topic {n * 7}." for n in range(1, 9)]
    moved = paragraphs[:2] + paragraphs[3:6] + [paragraphs[2]] + paragraphs[6:]
    comparison = brackets.compare("\n".join(paragraphs), "\n".join(moved))
    changes = [op for op in comparison.script if op.kind != "equal"]
    assert [op.kind for op in changes] == ["delete", "insert"]
    assert changes[0].text.strip() == paragraphs[2] == changes[1].text.strip()


# -- the real pairs ----------------------------------------------------------------------------


def test_cop21_pair_round_trips_and_marks_less_than_redlines() -> None:
    old = brackets.parse(corpus_text(UNFCCC_DEC4), lenient=True)
    new = brackets.parse(corpus_text(UNFCCC_DEC9), lenient=True)
    comparison = brackets.compare(old, new)
    assert_script_rebuilds(comparison)
    assert_markup_round_trips(comparison)
    assert comparison.marked <= REDLINES_MARKED_COP21
    summary = comparison.summary()
    assert sum(1 for b in summary.brackets if b.old) == len(old.brackets)
    assert sum(1 for b in summary.brackets if b.new) == len(new.brackets)
    assert summary.count("agreed") > 0 and summary.count("dropped") > 0


@pytest.fixture(scope="module")
def cica_comparison() -> brackets.Comparison:
    corpus_text(CICA)
    return brackets.compare(brackets.read(CICA), brackets.read(CICA_REV1))


def test_cica_revision_round_trips(cica_comparison: brackets.Comparison) -> None:
    assert_markup_round_trips(cica_comparison)
    markup = cica_comparison.to_criticmarkup()
    assert "tenure{-- [--}, which should be" in markup
    assert "{~~14~>13~~}. Promote training" in markup


def test_cica_revision_bracket_outcomes_match_the_hand_count(
    cica_comparison: brackets.Comparison,
) -> None:
    # samples/cica-swg-739-2023-rev1.txt: b1 agreed (IND lifts its objection); IRAN lifts its
    # objection to b3 and TUR joins b2; 11. (b9) dropped; 11altern. (b10) promoted with its
    # [and intercivilizational] (b12) agreed and [tolerance and] (b11) still open; 12.
    # removed, 13.-15. renumbered; CHN turns its tcb on b13 into an objection; SEC lifts its
    # tcb on b14; a new bracket (+KAZ) in 13. (old 14.).
    summary = cica_comparison.summary()
    outcomes = {(b.old, b.new): b.outcome for b in summary.brackets}
    assert [pair for pair, outcome in outcomes.items() if outcome == "agreed"] == [
        ("b1", None), ("b10", None), ("b12", None)
    ]  # fmt: skip
    assert [pair for pair, outcome in outcomes.items() if outcome == "dropped"] == [("b9", None)]
    assert [pair for pair, outcome in outcomes.items() if outcome == "new"] == [(None, "b10")]
    assert summary.count("open") == 10
    assert outcomes[("b3", "b2")] == outcomes[("b13", "b9")] == "open"
    new_bracket = next(b for b in summary.brackets if b.outcome == "new")
    assert (new_bracket.text, new_bracket.new_line, new_bracket.label) == (
        ", including digital skills",
        295,
        "13.",
    )


def test_cica_revision_positions_match_the_hand_count(
    cica_comparison: brackets.Comparison,
) -> None:
    delegations = cica_comparison.summary().as_json()["delegations"]
    assert isinstance(delegations, dict)
    moves = {
        code: {
            verb: [(m["old"] or m["new"], m["position"], m["outcome"]) for m in changes[verb]]
            for verb in ("withdrew", "added")
        }
        for code, changes in delegations.items()
    }
    assert moves == {
        "AZER": {"withdrew": [], "added": []},
        "CHN": {"withdrew": [("b13", "reserves", "open")], "added": [("b13", "objects", "open")]},
        "IND": {"withdrew": [], "added": []},
        "IRAN": {"withdrew": [("b3", "objects", "open")], "added": []},
        "KAZ": {"withdrew": [], "added": [("b10", "supports", "new")]},
        "SEC": {"withdrew": [("b14", "reserves", "open")], "added": []},
        "TUR": {"withdrew": [], "added": [("b2", "supports", "open")]},
    }  # fmt: skip
    # Issue 15: on a bracket agreed or dropped nobody withdrew anything; the positions held
    # there are `settled`, and the outcome says whose prevailed.
    settled = {
        code: [(m["old"], m["position"], m["outcome"]) for m in changes["settled"]]
        for code, changes in delegations.items()
        if changes["settled"]
    }
    assert settled == {
        "AZER": [("b9", "supports", "dropped"), ("b10", "reserves", "agreed")],
        "IND": [("b1", "objects", "agreed")],
        "IRAN": [("b9", "objects", "dropped"), ("b10", "supports", "agreed")],
        "TUR": [("b12", "supports", "agreed")],
    }


def test_cica_revision_paragraphs(cica_comparison: brackets.Comparison) -> None:
    paragraphs = [
        (p.change, p.old_label, p.new_label, p.old_line, p.new_line)
        for p in cica_comparison.summary().paragraphs
    ]
    assert paragraphs == [
        ("removed", "11.", None, 291, None),
        ("promoted", "11altern.", "11.", 293, 291),
        ("removed", "12.", None, 295, None),
        ("renumbered", "13.", "12.", 297, 293),
        ("renumbered", "14.", "13.", 299, 295),
        ("renumbered", "15.", "14.", 301, 297),
    ]


def test_cica_summary_reads_as_sentences(cica_comparison: brackets.Comparison) -> None:
    text = summary_text(cica_comparison.summary())
    assert text.startswith("Brackets: 3 agreed, 1 dropped, 1 new, 10 still open.\n")
    for sentence in (
        "IRAN withdrew its objection to b3 (now b2) (line 270, para -)",
        'b1 agreed: ", which should be not less th…and not more than four years"'
        " (line 196, para 1.10)",
        "IND's objection to b1 gave way (line 196, para 1.10; b1 was agreed)",
        "b9 dropped: \"11. Promote volunteers’ parti…e and intercultural dialogue;\" "
        "(line 291, para 11.): removed with its passage; IRAN's objection prevailed; "
        "AZER had supported it",
        'Agreed text edited (line 275 → 275, para 2.): "the" → ""',
        "CHN added its objection to b13 (now b9) (line 293, para 12.)",
        "KAZ added its support for new b10 (line 295, para 13.)",
        "para 11altern. promoted to 11. (line 293 → 291)",
        "para 13. renumbered 12. (line 297 → 293)",
    ):
        assert sentence in text


def test_summary_json_has_the_documented_shape(cica_comparison: brackets.Comparison) -> None:
    data = cica_comparison.summary().as_json()
    assert set(data) == {"agreed_text_edits", "brackets", "paragraphs", "delegations"}
    assert isinstance(data["brackets"], list)
    b3 = next(b for b in data["brackets"] if b["old"] == "b3")
    assert b3 == {
        "old": "b3",
        "new": "b2",
        "outcome": "open",
        "text": b3["text"],
        "old_line": 270,
        "new_line": 270,
        "label": "-",
        "added": [],
        "withdrawn": [{"delegation": "IRAN", "position": "objects"}],
        "detail": "",
    }
    assert b3["text"].startswith("[cultural [and religious] (-CHN)] (+IND) diversity")


def test_html_page_is_self_contained(cica_comparison: brackets.Comparison) -> None:
    page = comparison_html(cica_comparison)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?:|src=|<link|<script|@import|url\(", page)
    summary_at = page.index("What changed in the negotiation")
    assert summary_at < page.index('<div class="redline">')
    assert "<del>(CHN tcb)</del><ins>(-CHN)</ins>" in page
    assert "IRAN withdrew its objection to b3 (now b2) (line 270, para -)" in page
    # Issue 15: edits to agreed text come first, before the brackets.
    assert page.index("<summary>Agreed text edited (") < page.index("<summary>Brackets (")


def test_compare_package_doctest() -> None:
    import doctest
    import sys

    result = doctest.testmod(sys.modules["brackets.compare"])
    assert result.attempted >= 2 and result.failed == 0


def test_positions_on_whole_paragraphs_are_followed() -> None:
    old = "1. Adopt the plan. (tcb)\n2. Review it. (-CHN)\n3. Keep this.\n4. Drop this. (+IRAN)\n"
    new = "1. Adopt the plan.\n2. Review it. (-CHN, +IND)\n3. Keep this. (AZER tcb)\n"
    text = summary_text(brackets.compare(old, new).summary())
    assert text.splitlines()[3:7] == [
        "An unnamed delegation withdrew its reservation on p1 (line 1, para 1.)",
        "AZER added its reservation on p3 (line 3, para 3.)",
        "IND added its support for p2 (line 2, para 2.)",
        "IRAN's support for p4 gave way (line 4, para 4.; p4 was dropped)",
    ]


def test_a_set_of_alternatives_settled_on_one() -> None:
    comparison = brackets.compare(
        "Parties [[shall] (+IRAN)[should] (-CHN)] report.", "Parties should report."
    )
    summary = comparison.summary()
    assert [(b.old, b.outcome) for b in summary.brackets] == [
        ("b1", "agreed"), ("b2", "dropped"), ("b3", "agreed")
    ]  # fmt: skip
    assert comparison.to_criticmarkup() == (
        "Parties {--[[shall] (+IRAN)[--}should{--] (-CHN)]--} report."
    )
    text = summary_text(summary)
    # Issue 15: the outcome answers the positions; nobody withdrew them.
    assert "CHN's objection to b3 gave way (line 1; b3 was agreed)" in text
    assert "IRAN's support for b2 gave way (line 1; b2 was dropped)" in text
    assert "b2 dropped: \"shall\" (line 1): another alternative of its set was kept: b3" in text


def test_the_accelerator_and_the_pure_port_give_the_same_redline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from brackets.compare import diff

    if not diff.USE_ACCELERATOR:
        pytest.skip("fast-diff-match-patch is not installed (pip install 'brackets[fast]')")
    old, new = corpus_text(UNFCCC_DEC4), corpus_text(UNFCCC_DEC9)
    accelerated = brackets.compare(old, new).script
    monkeypatch.setattr(diff, "USE_ACCELERATOR", False)
    assert brackets.compare(old, new).script == accelerated


def test_a_bracket_in_a_moved_paragraph_stays_open() -> None:
    paragraphs = [f"{n}. Paragraph {n} on topic {n * 7}." for n in range(1, 7)]
    paragraphs[1] = "2. Promote [regional] (-CHN) cooperation among the Member States."
    moved = [paragraphs[0], *paragraphs[2:5], paragraphs[1], paragraphs[5]]
    summary = brackets.compare("\n".join(paragraphs), "\n".join(moved)).summary()
    assert [(b.old, b.new, b.outcome) for b in summary.brackets] == [("b1", "b1", "open")]
    assert [(p.change, p.old_line, p.new_line) for p in summary.paragraphs] == [("moved", 2, 5)]
    assert "para 2. (line 2) moved to line 5" in summary_text(summary)


@given(st.lists(st.sampled_from(["a", "b", "c", " ", ",", "\n"]), max_size=400), st.data())
def test_long_gaps_diffed_window_by_window_stay_exact(
    tokens: list[str], data: st.DataObject
) -> None:
    """A gap longer than the window is diffed in windows (linear time): still exact."""
    from brackets.compare import diff

    other = data.draw(st.lists(st.sampled_from(["a", "b", "c", " ", ",", "\n"]), max_size=400))
    window = data.draw(st.integers(min_value=4, max_value=64))
    saved = diff.WINDOW
    diff.WINDOW = window
    try:
        comparison = brackets.compare("".join(tokens), "".join(other))
    finally:
        diff.WINDOW = saved
    assert_script_rebuilds(comparison)
    assert_markup_round_trips(comparison)


def test_a_window_by_window_diff_still_finds_what_is_common(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from brackets.compare import diff

    monkeypatch.setattr(diff, "WINDOW", 16)
    old = " ".join(["a b"] * 200)
    new = " ".join(["a b c"] * 200)  # every "a b" kept, a "c" inserted after each
    comparison = brackets.compare(old, new)
    assert_script_rebuilds(comparison)
    unchanged = sum(len(op.text) for op in comparison.script if op.kind == "equal")
    assert unchanged >= 0.9 * len(old)


def test_more_distinct_words_than_characters_do_not_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tokens are mapped to characters; when a comparison has more distinct tokens than
    Unicode has characters (1.1 million words), the table starts again instead of failing."""
    from brackets.compare import diff

    monkeypatch.setattr(diff, "_MAX_CODES", 40)
    old = " ".join(f"w{i % 97}" for i in range(600))
    new = " ".join(f"w{(i * 7) % 89}" for i in range(600))
    comparison = brackets.compare(old, new)
    assert_script_rebuilds(comparison)
    assert_markup_round_trips(comparison)
