"""Reports and checks stay linear in the draft's size on adversarial shapes (issue 9).

Timings live in tests/benchmarks/bench_growth.py; these tests pin the sizes and counts that
made the old code quadratic, so that a regression shows as a slow or huge result here too.
"""

from __future__ import annotations

import json

import brackets
from brackets.positions import EXCERPT
from brackets.report import positions_csv, positions_table


def test_the_positions_report_quotes_bounded_excerpts_at_any_depth() -> None:
    depth = 40_000
    draft = brackets.parse("[" * depth + "core" + "] (-IND)" * depth)
    report = brackets.positions(draft)
    size = len(json.dumps(report.as_json()))
    assert size < 400 * depth  # was 1.6 GB: each row held the text of every bracket inside it
    outer = report.brackets[0]
    assert len(outer.text) == EXCERPT and outer.text.endswith("…")
    assert draft.source[outer.start : outer.end] == draft.source[1 : -len("] (-IND)")]
    assert report.brackets[-1].text == "core"
    assert len(positions_csv(report)) < 400 * depth
    assert len(positions_table(report)) < 400 * depth


def test_a_short_bracket_is_quoted_whole() -> None:
    report = brackets.positions(brackets.parse("a [b " + "x" * (EXCERPT - 2) + "] (-CHN)"))
    assert report.brackets[0].text == "b " + "x" * (EXCERPT - 2)


def test_distinct_unknown_codes_are_checked_in_one_pass() -> None:
    # 20,000 groups, each naming its own unknown code: every group was matched against every
    # bracket before (82 s); the suggestions are looked up once per code.
    codes = [f"Q{i:05d}X" for i in range(20_000)]
    draft = brackets.parse("".join(f"{i}. [text] (-{code})\n" for i, code in enumerate(codes)))
    unknown = [d for d in draft.diagnostics if d.code == "unknown-delegation"]
    assert len(unknown) == len(codes)
    assert unknown[0].message == "unknown delegation code Q00000X"
    assert (unknown[-1].line, unknown[-1].column) == (20_000, len("19999. [text] ") + 1)


def test_a_line_of_stray_groups_is_one_text_node_when_lenient() -> None:
    # 96,000 stray groups on one line: the text node was concatenated again at each (5.4 s).
    count = 96_000
    text = "word (+CHN) " * count + "end\n"
    draft = brackets.parse(text, lenient=True)
    (node,) = draft.nodes
    assert node.text == text
    assert len(draft.warnings) == count


def test_the_summary_and_history_of_deep_nesting_stay_linear() -> None:
    """Issue 18 §2: 40,000 brackets nested in one another gave a MemoryError (the summary
    copied the inner text of every bracket); brackets are now keyed by offsets, and JSON
    shortens long texts beyond a budget linear in the versions."""
    from brackets.report import summary_json, summary_text

    depth = 10_000  # 40,000 in tests/benchmarks/bench_growth.py
    old = "[" * depth + "core" + "] (-IND)" * depth + "\n"
    new = "[" * depth + "kern" + "] (-IND)" * depth + "\n"
    summary = brackets.compare(old, new).summary()
    assert [b.outcome for b in summary.brackets].count("open") == depth - 1
    assert summary.brackets[-1].outcome == "reworded"
    assert len(summary_text(summary)) < 1_000
    assert len(summary_json(summary)) < 1_000 * depth
    data = json.loads(summary_json(summary))
    assert data["brackets"][-1]["text"] == "kern"  # short texts stay whole
    history = brackets.history([old, new])
    assert len(json.dumps(history.as_json())) < 1_000 * depth
