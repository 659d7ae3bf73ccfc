"""NOTATION 3a (options, labelled alternatives, placeholders, labels) and 5.5, on the COP21
drafts of the corpus and on drafts written in each convention, with counts made by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conventions_heldout import score

import brackets
from brackets.errors import ResolutionError
from brackets.report import render
from brackets.resolve import resolve
from brackets.stats import collect, draft_stats

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
COP21 = {
    # hand counts: every paragraph opening with "Option <key>" (bold or not, after a
    # paragraph number or not); the sets read line by line from the Markdown's structure
    "unfccc-cop21-draft-agreement-2015-12-04.md": (117, 43),
    "unfccc-cop21-draft-agreement-2015-12-09.md": (28, 11),
}


def _corpus(name: str) -> brackets.Draft:
    path = CORPUS / name
    if not path.exists():
        path = Path("/work/shared/corpus") / name
    return brackets.parse(path.read_text(encoding="utf-8"), lenient=True, path=str(path))


@pytest.mark.parametrize("name", sorted(COP21))
def test_cop21_options_are_counted_and_all_keeps_the_first(name: str) -> None:
    draft = _corpus(name)
    options, sets = COP21[name]
    assert (len(draft.options), len(draft.option_sets)) == (options, sets)
    assert draft.to_text() == draft.source  # the model changes meaning, never text
    clean = resolve(draft, "all").text
    assert "Option 2" not in clean.replace("Option 2 for", "")  # no second option left
    agreed = resolve(draft, "agreed")
    assert len([u for u in agreed.unresolved if u.options[0].startswith("o")]) == sets - sum(
        1 for s in draft.option_sets if len(s.options) == 1
    )


def test_cop21_sets_end_where_the_structure_says() -> None:
    draft = _corpus("unfccc-cop21-draft-agreement-2015-12-04.md")
    by_line = {s.line: s for s in draft.option_sets}
    article2 = by_line[76]  # "**Option 1:**" under "## Article 2", paragraphs 1-2, then Option 2
    assert [(o.id, o.line, o.last_line) for o in article2.options] == [
        ("o76.1", 76, 84),
        ("o76.2", 86, 86),
    ]
    # "Option (a)" and "(b)" under Option 2 are a set of their own, inside Option 2
    assert [o.id for o in by_line[137].options] == ["o137.1", "o137.2"]
    assert by_line[129].options[1].last_line == 141
    # a set restarted at "Option 1" after "Option 5" is a new set
    assert len(by_line[212].options) == 5 and len(by_line[236].options) == 2
    # "Option 1" then "Option II", "Option III": one set
    assert [o.label for o in by_line[667].options] == [
        "**Option 1:**",
        "**Option II:**",
        "**Option III:**",
    ]


UNFCCC = (
    "Pp11 Recalling its decisions,\n"
    "Pp12 Option 1: Recognizing the urgency,\n"
    "Option 2: Recognizing [the need] (-USA) for action,\n"
    "Pp13 Noting the report on [x] per cent of emissions by [20XX],\n"
)


def test_options_resolve_like_touching_brackets() -> None:
    draft = brackets.parse(UNFCCC)
    assert [o.id for o in draft.options] == ["o2.1", "o2.2"]
    assert draft.option_sets[0].label == "Pp12"
    assert resolve(draft, "all").text == (
        "Pp11 Recalling its decisions,\n"
        "Pp12 Recognizing the urgency,\n"
        "Pp13 Noting the report on [x] per cent of emissions by [20XX],\n"
    )
    agreed = resolve(draft, "agreed")
    assert agreed.text == (
        "Pp11 Recalling its decisions,\n"
        "Pp12 Option 1: Recognizing the urgency,\n"
        "Option 2: Recognizing for action,\n"
        "Pp13 Noting the report on [x] per cent of emissions by [20XX],\n"
    )  # the set stays, labels and all; the placeholders stay under every policy
    assert [u.options for u in agreed.unresolved] == [("o2.1", "o2.2")]
    assert agreed.unresolved[0].label == "Pp12"
    accepted = resolve(draft, "silence", accept=["o2.2"])
    assert accepted.text.splitlines()[1] == "Recognizing for action,"
    assert accepted.kept >= {"o2.2"}
    rejected = resolve(draft, "agreed", reject=["o2.2"])
    assert rejected.text.splitlines()[1] == "Pp12 Recognizing the urgency,"


def test_option_decisions_name_options() -> None:
    draft = brackets.parse(UNFCCC)
    with pytest.raises(ResolutionError, match=r"o2\.1, o2\.2"):
        resolve(draft, "all", accept=["o9.1"])
    with pytest.raises(ResolutionError, match="both accepted and rejected"):
        resolve(draft, "all", accept=["o2.1"], reject=["o2.1"])


def test_option_spanning_paragraphs_and_nested_brackets() -> None:
    draft = brackets.parse(
        "## Article 2\n\n**Option 1:**\n\n1. The purpose is [to enhance] (+EU) action.\n\n"
        "2. It shall be implemented.\n\n**Option 2:** No text\n\n## Article 3\n\nText.\n"
    )
    assert [(o.line, o.last_line) for o in draft.options] == [(3, 7), (9, 9)]
    assert resolve(draft, "all").text == (
        "## Article 2\n\n1. The purpose is to enhance action.\n\n"
        "2. It shall be implemented.\n\n## Article 3\n\nText.\n"
    )
    chosen = resolve(draft, "all", accept=["o3.2"]).text
    assert chosen == "## Article 2\n\nNo text\n\n## Article 3\n\nText.\n"


@pytest.mark.parametrize(
    "text",
    [
        "1. Option 1: keep [this\nOption 2: that] (-USA) end\n2. next\n",
        "1.10 Option 1: \nOption 2: [Alt. 1 ] [Alt. 1 [][[Alt. 1 \n4.2 Promote ] [Alt. 1 ]]]",
        "1.10 Option 1:  Review implementation (tcb)\nOption 2: [Alt. 1 [[][\n4.2 ]]] [Alt. 1 ]",
        "Option 1: a\nOption 2: b [c\nd] (+CHN) e\n",
        "1. Option 1: a\nOption 2: b [c\n2. d] (+CHN) e\n",
        "1. Option 1: a [x\nOption 2: y] [z] (-IND) b\n2. c\n",
    ],
)
@pytest.mark.parametrize("policy", ["all", "agreed", "silence"])
def test_a_dropped_option_takes_no_half_bracket(text: str, policy: str) -> None:
    """A bracket opening in a dropped option and closing after it is resolved as a bracket:
    no `]` of it is left behind, and a second resolution changes nothing (found by the
    README's CI example)."""
    draft = brackets.parse(text, lenient=True)
    for accept in ([], [f"o1.{k}" for k in (1, 2) if f"o1.{k}" in {o.id for o in draft.options}]):
        for chosen in [accept[:1], accept[1:]] if accept else [[]]:
            resolved = resolve(draft, policy, accept=chosen).text
            opened = resolved.count("[")
            assert resolved.count("]") == opened, (chosen, resolved)
            again = resolve(brackets.parse(resolved, lenient=True), policy, accept=[])
            assert again.text == resolved, (chosen, resolved)


def test_a_bracket_cut_by_a_dropped_option_keeps_its_text_after_it() -> None:
    draft = brackets.parse("1. Option 1: a\nOption 2: b [c\n2. d] (+CHN) e\n", lenient=True)
    assert [(o.line, o.last_line) for o in draft.options] == [(1, 1), (2, 2)]
    assert resolve(draft, "all").text == "1. a\n2. d e\n"  # kept: its `]` goes
    assert resolve(draft, "agreed", accept=["o1.1"]).text == "1. a\ne\n"  # dropped whole
    assert resolve(draft, "all", accept=["o1.2"]).text == "b c\n2. d e\n"


def test_labelled_alternatives_form_a_set() -> None:
    draft = brackets.parse(
        "The Contractor shall apply [Alt. 1 the Standards] [Alt. 2 any future Standards] "
        "and [Alt 1 rules] [Alt 2 regulations].\n[shall] [should] stay apart.\n"
    )
    sets = [b.alternative for b in draft.brackets]
    assert sets == [(1, 2), (2, 2), (1, 2), (2, 2), None, None]
    assert resolve(draft, "all").text == (
        "The Contractor shall apply the Standards and rules.\nshall should stay apart.\n"
    )
    assert resolve(draft, "all", accept=["b2"]).text.startswith(
        "The Contractor shall apply any future Standards and rules."
    )
    silence = resolve(draft, "silence")
    assert silence.text.startswith("The Contractor shall apply [Alt. 1 the Standards] [Alt. 2")
    assert [u.options for u in silence.unresolved] == [("b1", "b2"), ("b3", "b4")]


def test_alt_paragraph_is_an_alternative_to_its_number() -> None:
    draft = brackets.parse("[8. The Council decides.] (-CHN)\n[8. Alt. The Assembly decides.]\n")
    assert resolve(draft, "silence").text == "8. The Assembly decides.\n"
    assert resolve(draft, "all").text == "8. The Council decides.\n8. Alt. The Assembly decides.\n"


@pytest.mark.parametrize(
    "text",
    [
        "x",
        "X",
        "XX",
        "20XX",
        "…",
        "...",
        "date",
        "number",
        "document symbol to be added",
        "name of the body",
        "Placeholder for support",
        "amount to be determined",
    ],
)
def test_placeholders_survive_every_policy(text: str) -> None:
    draft = brackets.parse(f"Pay [{text}] by [a date] (-CHN).")
    assert [b.placeholder for b in draft.brackets] == [True, False]
    for policy in ("agreed", "silence", "all"):
        assert resolve(draft, policy).text.startswith(f"Pay [{text}] by")


@pytest.mark.parametrize("text", ["shall", "Annex", "xylophone", "the date of entry", "x and y"])
def test_ordinary_brackets_are_no_placeholders(text: str) -> None:
    assert not brackets.parse(f"Pay [{text}].").brackets[0].placeholder


def test_labels_of_other_processes() -> None:
    draft = brackets.parse(
        "Pp12 Recalling\nOp3 Decides\n11 bis Also\n11 ter Again\nArticle 4 Mitigation\n"
        "Annex I Parties\nSection B Finance\n(a)(i) First\n"
    )
    assert [p.label for p in draft.paragraphs[:8]] == [
        "Pp12",
        "Op3",
        "11 bis",
        "11 ter",
        "Article 4",
        "Annex I",
        "Section B",
        "(a)(i)",
    ]


def test_stats_count_options_sets_and_placeholders(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(
        UNFCCC + "[Alt. 1 a] [Alt. 2 b] and [c][d] {Placeholder for annex} [shall] (-CHN)\n",
        encoding="utf-8",
    )
    figures = draft_stats(brackets.parse(path.read_text(encoding="utf-8")))
    # by hand: 2 options in 1 set; placeholders [x], [20XX] and the brace; the labelled set,
    # [c][d] and the option set are 3 sets of alternatives; 6 disputed brackets
    assert (figures.options, figures.option_sets, figures.placeholders) == (2, 1, 3)
    assert (figures.alternative_sets, figures.brackets, figures.attributed) == (3, 6, 2)
    run = collect([path], jobs=1)
    data = json.loads(render(run, "json"))["files"][0]
    assert (data["options"], data["option_sets"], data["placeholders"]) == (2, 1, 3)
    header, row = render(run, "csv").splitlines()[:2]
    assert header.endswith("options,option_sets,placeholders") and row.endswith(",2,1,3")
    assert "2 options in 1 sets, 3 placeholders" in render(run, "table")


def test_a_break_inside_a_dropped_bracket_survives() -> None:
    """NOTATION 5.5: the text before the bracket ends its paragraph, the text after starts
    the next; paragraphs the bracket empties go (rule 3)."""
    draft = brackets.parse("Heading [of the\nmiddle\nend] (-CHN) First words.\nNext.\n")
    assert resolve(draft, "agreed").text == "Heading\nFirst words.\nNext.\n"


def test_held_out_drafts() -> None:
    held, total, failed = score()
    assert (held, total) == (15, 15), failed


def test_compare_says_which_option_won(tmp_path: Path) -> None:
    from brackets.compare import compare

    old = brackets.parse(UNFCCC)
    new = brackets.parse(
        "Pp11 Recalling its decisions,\nPp12 Recognizing [the need] (-USA) for action,\n"
        "Pp13 Noting the report on [x] per cent of emissions by [20XX],\n"
    )
    summary = compare(old, new).summary()
    assert [(o.set_id, o.outcome, o.winner, o.label) for o in summary.options] == [
        ("o2", "resolved", "o2.2", "Pp12")
    ]
    assert "Options o2 (para Pp12): o2.2 kept, the others dropped." in render(summary, "text")
    still = compare(old, brackets.parse(UNFCCC.replace("urgency", "emergency"))).summary()
    assert [o.outcome for o in still.options] == ["open"]


def test_groups_ending_an_option_state_positions_on_it() -> None:
    draft = brackets.parse("Pp12 Option 1: Recognizing A,\nOption 2: Recognizing B, (-USA)\n")
    # as for any dropped last paragraph (existing rule 3 behaviour), its line break goes too
    assert resolve(draft, "silence").text == "Pp12 Recognizing A,"
    assert resolve(draft, "silence", withdraw=["USA"]).unresolved[0].options == ("o1.1", "o1.2")


def test_the_html_report_lists_option_sets_with_their_labels() -> None:
    from brackets.report.html import render_html

    page = render_html(brackets.parse(UNFCCC))
    assert "<dt>option sets</dt><dd>1</dd>" in page and "<dt>placeholders</dt><dd>2</dd>" in page
    assert '<th scope="row">o2</th><td>Pp12</td><td>2</td>' in page
    assert "o2.1 Option 1:, o2.2 Option 2:" in page


def test_the_positions_report_lists_option_sets() -> None:
    report = brackets.positions(brackets.parse(UNFCCC))
    table = render(report, "table")
    assert "o2      line 2 (para Pp12)" in table
    assert json.loads(render(report, "json"))["option_sets"][0]["options"][1]["id"] == "o2.2"
