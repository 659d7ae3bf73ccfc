"""The negotiation's history: a revision series written by hand, the real pairs, the law.

The series below is made from CICA's wording; each version does what a revision does
(agree, drop, reword, split, merge, reopen, move a paragraph, reorder alternatives), and
the expected history is written by hand from what each version does, not from the code.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from pathlib import Path

import pytest
from drafts import CICA, SAMPLES, UNFCCC_DEC4, UNFCCC_DEC9, corpus_text
from hypothesis import given, settings
from hypothesis import strategies as st
from test_report_html import browse
from truth import contradictions

import brackets
from brackets.cli import main
from brackets.compare.identity import is_container
from brackets.report import render
from brackets.stats import draft_stats

P1 = (
    "1. Promote [regional] (-CHN) cooperation among the Member States in the field of volunteerism;"
)
P1_AGREED = P1.replace("[regional] (-CHN)", "regional")
P2 = (
    "2. [Encourage recognition of the volunteers’ efforts both at the national and "
    "international levels;] (+IRAN{tur}) (-IND)"
)
MODERN = "modern electronic systems and databases for volunteers"
NETWORK = "a network of volunteer centres, involving organizations and student groups"
NETWORK_REWORDED = (
    "a network of volunteer centres, involving organizations, student and youth groups"
)
P3 = "3. Support the development of [{a}][{b}] in the CICA Member States;"
P4 = "4. Promote training and courses to develop technical skills{c} for volunteers."
P5 = (
    "5. Encourage the Member States to consider integrating volunteerism for sustainable "
    "development into the CICA agenda."
)
P6 = "6. Request the Secretary General to {e}"
E1 = (
    "[examine the possibility of establishing a section on the CICA website for that purpose "
    "and report to the Member States] (+IRAN) (SEC tcb)."
)
E4 = (
    "[examine the possibility of establishing a section on the CICA website] (+IRAN) for that "
    "purpose and [report to the Member States] (SEC tcb)."
)
E5 = (
    "[examine the possibility of establishing a section on the CICA website and report to the "
    "Member States] (+IRAN)."
)
COMPETENCIES = " [and relevant competencies] (-SEC)"
#: V1; V2 agrees [regional], TUR joins para 2, the alternatives of 3. swap places, SEC
#: brackets agreed text in 4.; V3: IRAN leaves para 2, the network alternative is reworded,
#: 4. and 5. swap places; V4: the bracket of 6. is split in two; V5: para 2 removed, 3.
#: settled on the modern alternative, the two brackets of 6. merged.
V1 = [
    P1,
    P2.format(tur=""),
    P3.format(a=MODERN, b=NETWORK),
    P4.format(c=" and relevant competencies"),
    P5,
    P6.format(e=E1),
]
V2 = [
    P1_AGREED,
    P2.format(tur=", +TUR"),
    P3.format(a=NETWORK, b=MODERN),
    P4.format(c=COMPETENCIES),
    P5,
    P6.format(e=E1),
]
V3 = [
    P1_AGREED,
    P2.format(tur=", +TUR").replace("+IRAN, ", ""),
    P3.format(a=NETWORK_REWORDED, b=MODERN),
    P5.replace("5.", "4."),
    P4.format(c=COMPETENCIES).replace("4.", "5."),
    P6.format(e=E1),
]
V4 = [*V3[:5], P6.format(e=E4)]
V5 = [P1_AGREED, f"3. Support the development of {MODERN} in the CICA Member States;",
      V3[3], V3[4], P6.format(e=E5)]  # fmt: skip
SERIES = ["\n\n".join(version) + "\n" for version in (V1, V2, V3, V4, V5)]


@pytest.fixture(scope="module")
def series() -> brackets.History:
    return brackets.history(SERIES)


def test_each_bracket_of_the_series_has_the_life_written_by_hand(
    series: brackets.History,
) -> None:
    rows = [(row.ids, row.outcome) for row in series.brackets]
    assert rows == [
        (("b1", None, None, None, None), "agreed"),  # [regional]
        (("b2", "b1", "b1", "b1", None), "dropped"),  # para 2
        (("b3", "b3", "b3", "b3", None), "agreed"),  # modern: moved second, then kept
        (("b4", "b2", "b2", "b2", None), "dropped"),  # network: moved first, reworded, dropped
        (("b5", "b5", "b5", "b5", "b2"), "open"),  # 6.: split in V4, merged back in V5
        ((None, "b4", "b4", "b4", "b1"), "open"),  # reopened by SEC, followed after the move
        ((None, None, None, "b6", None), "merged"),  # the part split off in V4
    ]


def test_the_events_of_the_series(series: brackets.History) -> None:
    events = {
        row.id: [(e.version, e.event, e.delegation, e.position) for e in row.events]
        for row in series.brackets
    }
    assert events["h1"] == [(1, "held", "CHN", "objects"), (2, "agreed", None, None)]
    assert events["h2"] == [
        (1, "held", "IRAN", "supports"),
        (1, "held", "IND", "objects"),
        (2, "added", "TUR", "supports"),
        (3, "withdrew", "IRAN", "supports"),
        (5, "dropped", None, None),
    ]
    assert [e[:2] for e in events["h4"]] == [(3, "reworded"), (5, "dropped")]
    assert events["h5"][-2:] == [(4, "withdrew", "SEC", "reserves"), (5, "merged", None, None)]
    assert events["h6"] == [(2, "reopened", None, None), (2, "opened", "SEC", "objects")]
    assert [e[:2] for e in events["h7"]] == [(4, "split"), (4, "opened"), (5, "merged")]
    details = {(row.id, e.event): e.detail for row in series.brackets for e in row.events}
    assert details[("h4", "dropped")] == "another alternative of its set was kept: b3"
    assert details[("h2", "dropped")] == "removed with its passage"
    assert details[("h7", "split")] == "split from b5"


def test_the_delegations_trajectories(series: brackets.History) -> None:
    steps = {
        code: [(s.version, s.bracket, s.event) for s in trajectory]
        for code, trajectory in series.delegations.items()
    }
    assert steps["IND"] == [(1, "h2", "held"), (5, "h2", "prevailed")]  # its objection won
    assert steps["CHN"] == [(1, "h1", "held"), (2, "h1", "gave way")]
    assert steps["TUR"] == [(2, "h2", "added"), (5, "h2", "gave way")]
    assert (3, "h2", "withdrew") in steps["IRAN"]


def test_every_bracket_of_every_version_is_in_one_row(series: brackets.History) -> None:
    for k, text in enumerate(SERIES):
        ids = [row.ids[k] for row in series.brackets if row.ids[k] is not None]
        assert sorted(ids) == sorted(b.id for b in brackets.parse(text, lenient=True).brackets)


def test_the_figures_are_those_of_stats(series: brackets.History) -> None:
    for version, text in zip(series.versions, SERIES, strict=True):
        stats = draft_stats(brackets.parse(text, lenient=True))
        assert (version.brackets, version.alternative_sets, version.words,
                version.words_in_brackets) == (stats.brackets, stats.alternative_sets,
                                               stats.words, stats.words_in_brackets)  # fmt: skip


def test_the_summary_of_a_pair_in_the_series() -> None:
    summary = brackets.compare(SERIES[0], SERIES[1]).summary()
    outcomes = [(b.old, b.new, b.outcome) for b in summary.brackets]
    assert ("b3", "b3", "open") in outcomes and ("b4", "b2", "open") in outcomes
    assert (None, "b4", "reopened") in outcomes and ("b1", None, "agreed") in outcomes
    moved = brackets.compare(SERIES[1], SERIES[2]).summary()
    assert not moved.agreed_text_edits  # a paragraph moved is no edit of agreed text
    assert [(p.change, p.old_label, p.new_label) for p in moved.paragraphs] == [
        ("moved", "5.", "4."), ("renumbered", "4.", "5.")
    ]  # fmt: skip


def test_history_json_has_the_documented_shape(series: brackets.History) -> None:
    data = json.loads(render(series, "json"))
    assert set(data) == {"versions", "brackets", "delegations"}
    assert set(data["versions"][0]) == {
        "index", "path", "brackets", "alternative_sets", "words", "words_in_brackets"
    }  # fmt: skip
    row = data["brackets"][0]
    assert set(row) == {"id", "text", "ids", "outcome", "events"}
    assert row["events"][0] == {
        "version": 1, "event": "held", "delegation": "CHN", "position": "objects"
    }  # fmt: skip
    assert set(data["delegations"]["IND"][0]) == {"version", "bracket", "event", "position"}


# -- the real versions ---------------------------------------------------------------------


def test_cop21_summary_rows_agree_with_where_their_text_is() -> None:
    """Each row whose text can be found is checked against where it is in NEW (truth.py):
    fewer than 1 % may contradict."""
    old = brackets.parse(corpus_text(UNFCCC_DEC4), lenient=True)
    new = brackets.parse(corpus_text(UNFCCC_DEC9), lenient=True)
    checked, wrong = contradictions(brackets.compare(old, new))
    assert checked >= 100
    assert len(wrong) < 0.01 * checked, wrong


def test_a_rewrapped_version_changes_nothing_in_the_negotiation() -> None:
    """Text extracted the way people get it is line-wrapped: a rewrapping is no rewording
    and no edit of agreed text."""
    text = corpus_text(UNFCCC_DEC4)
    wrapped = "\n".join(
        textwrap.fill(line, 79, break_long_words=False) if line.strip() else line
        for line in text.splitlines()
    )
    summary = brackets.compare(text, wrapped).summary()
    assert {b.outcome for b in summary.brackets} == {"open"}
    assert not summary.agreed_text_edits
    assert len(summary.brackets) == len(brackets.parse(text, lenient=True).brackets)


def test_cica_revision_reports_the_agreed_text_edit_first() -> None:
    corpus_text(CICA)
    summary = brackets.compare(
        brackets.read(CICA), brackets.read(SAMPLES / "cica-swg-739-2023-rev1.txt")
    ).summary()
    first = summary.agreed_text_edits[0]
    assert (first.old, first.new, first.old_line, first.label) == ("the ", "", 275, "2.")
    text = render(summary, "text")
    assert isinstance(text, str)
    assert text.index("Agreed text edited (line 275") < text.index("b1 agreed")


def test_history_of_the_cica_revision_and_its_cop21_pair_matches_the_summaries() -> None:
    old, new = corpus_text(UNFCCC_DEC4), corpus_text(UNFCCC_DEC9)
    result = brackets.history([old, new])
    summary = brackets.compare(old, new).summary()
    ends = {b.old: b.outcome for b in summary.brackets if b.old and b.new is None}
    for row in result.brackets:
        if row.ids[0] is not None and row.ids[1] is None:
            assert row.outcome == ends[row.ids[0]]


def test_cli_history_writes_json_and_html(tmp_path: Path) -> None:
    rev1 = SAMPLES / "cica-swg-739-2023-rev1.txt"
    out = tmp_path / "h.json"
    assert main(["history", str(CICA), str(rev1), "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [v["path"] for v in data["versions"]] == [str(CICA), str(rev1)]
    page = tmp_path / "h.html"
    assert main(["history", str(CICA), str(rev1), "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "<svg" in html and not re.search(r"https?:|src=|<link|@import|url\(", html)


def test_cli_history_refuses_a_wrong_output_before_any_work(tmp_path: Path) -> None:
    assert main(["history", str(CICA), "-o", str(tmp_path / "h.docx")]) == 1


def test_browser_filters_the_swimlane_by_delegation(
    series: brackets.History, tmp_path: Path
) -> None:
    page = tmp_path / "history.html"
    html = render(series, "html")
    assert isinstance(html, str)
    page.write_text(html, encoding="utf-8")
    dom = browse(page, tmp_path / "profile", "--dump-dom", fragment="#delegation=SEC")
    shown = re.findall(r'<tr id="(h\d+)" data-delegations="[^"]*">', dom)
    hidden = re.findall(r'<tr id="(h\d+)" data-delegations="[^"]*" hidden="">', dom)
    assert shown == ["h5", "h6", "h7"] and len(hidden) == 4
    assert dom.count("<polyline") == 2
    shot = tmp_path / "history.png"
    browse(page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,1200")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


# -- the law ----------------------------------------------------------------------------------

CODES = ["CHN", "IND", "IRAN", "TUR", "KAZ"]


@st.composite
def revision_series(draw: st.DrawFn) -> list[str]:
    """A draft of unique words with nested brackets, then versions made by edits: brackets
    kept, agreed (marks and groups removed, an outermost bracket with words of its own) or
    dropped with their text."""
    counter = iter(range(1, 10**6))

    def words(n: int) -> list[object]:
        return [f"w{next(counter)}" for _ in range(n)]

    def tree(depth: int) -> list[object]:
        items: list[object] = words(draw(st.integers(1, 3)))
        for _ in range(draw(st.integers(0, 2 if depth < 3 else 0))):
            inner = tree(depth + 1)
            group = draw(st.sampled_from(["", " (-CHN)", " (+IRAN, -IND)", " (TUR tcb)"]))
            items.insert(draw(st.integers(0, len(items))), [inner, group])
            items.extend(words(draw(st.integers(1, 2))))
        return items

    paragraphs = [tree(1) for _ in range(draw(st.integers(1, 4)))]
    versions = [_text(paragraphs)]
    for _ in range(draw(st.integers(1, 3))):
        for paragraph in paragraphs:
            _edit(draw, paragraph, top=True)
        versions.append(_text(paragraphs))
    return versions


def _edit(draw: st.DrawFn, items: list[object], top: bool) -> None:
    """Keep, agree (outermost brackets only: their words then stand outside) or drop each
    bracket of `items`, recursively into the kept ones."""
    k = 0
    while k < len(items):
        item = items[k]
        if isinstance(item, list):
            inner = item[0]
            action = draw(st.sampled_from(["keep", "keep", "agree", "drop"]))
            if action == "agree" and top:
                items[k : k + 1] = inner
                k += len(inner)
                continue
            if action == "drop":
                del items[k]
                continue
            _edit(draw, inner, top=False)
        k += 1


def _text(paragraphs: list[list[object]]) -> str:
    def render_items(items: list[object]) -> str:
        parts = []
        for item in items:
            if isinstance(item, list):
                parts.append(f"[{render_items(item[0])}]{item[1]}")
            else:
                parts.append(str(item))
        return " ".join(parts)

    return "\n".join(render_items(p) for p in paragraphs) + "\n"


def _first_own_word(draft: brackets.Draft, bracket: brackets.Bracket) -> str:
    for child in bracket.children:
        if isinstance(child, brackets.Text):
            found = re.search(r"w\d+", child.text)
            if found:
                return found.group()
    return ""


@settings(
    max_examples=int(os.environ.get("HISTORY_LAW_EXAMPLES", 60)), deadline=None, database=None
)
@given(revision_series())
def test_law_every_bracket_once_and_agreed_exactly_when_left_outside(versions: list[str]) -> None:
    result = brackets.history(versions)
    for k, text in enumerate(versions):
        ids = [row.ids[k] for row in result.brackets if row.ids[k] is not None]
        assert sorted(ids) == sorted(b.id for b in brackets.parse(text, lenient=True).brackets)
    for k in range(1, len(versions)):
        old = brackets.parse(versions[k - 1], lenient=True)
        summary = brackets.compare(versions[k - 1], versions[k]).summary()
        agreed = {b.old for b in summary.brackets if b.outcome == "agreed"}
        expected = {
            b.id for b in old.brackets if not is_container(b) and _left_outside(b, old, versions[k])
        }
        assert agreed == expected


def _left_outside(bracket: brackets.Bracket, old: brackets.Draft, new_text: str) -> bool:
    """Whether the bracket's own first word stands outside every bracket in NEW."""
    word = _first_own_word(old, bracket)
    new = brackets.parse(new_text, lenient=True)
    found = re.search(rf"\b{word}\b", new_text)
    if not word or found is None:
        return False
    return not any(b.start < found.start() < b.end for b in new.brackets)


def test_history_of_text_and_word_versions_mixed_has_the_figures_of_stats() -> None:
    from brackets.stats import collect

    paths = [
        SAMPLES / "water-cooperation-draft.txt",
        SAMPLES / "water-cooperation-rev1.docx",
        SAMPLES / "water-cooperation-rev2.docx",
    ]
    result = brackets.history(paths)
    run = collect(paths, jobs=1)
    for version, stats in zip(result.versions, run.files, strict=True):
        assert (version.path, version.brackets, version.alternative_sets, version.words,
                version.words_in_brackets) == (stats.path, stats.brackets, stats.alternative_sets,
                                               stats.words, stats.words_in_brackets)  # fmt: skip
    for k, path in enumerate(paths):
        ids = [row.ids[k] for row in result.brackets if row.ids[k] is not None]
        assert len(ids) == len(brackets.read(path, lenient=True).brackets) == len(set(ids))


def test_a_version_named_by_a_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(brackets.InputError, match="no such file"):
        brackets.history([str(tmp_path / "missing.txt")])
    assert brackets.history(["Adopt [this] (-CHN) text;"]).brackets[0].ids == ("b1",)
