"""Placeholders in reports (issue 17, NOTATION 3a): a placeholder is a value to fill in, not
disputed text. The positions report marks it in every format, and the HTML page counts the
disputed brackets apart from the placeholders, with the figures `stats` gives."""

from __future__ import annotations

import csv
import io
import json
import re

import brackets
from brackets.report import render, render_html
from brackets.stats import draft_stats

TEXT = (
    "1. Reduce emissions by [x] per cent [by 2030] (-CHN) from [20XX] levels;\n"
    "2. [Take note of] (+IND) the report {Placeholder for the symbol} [of the panel];\n"
    "3. Recalling [document symbol to be added] (+EU), decides;\n"
)


def _draft() -> brackets.Draft:
    return brackets.parse(TEXT)


def test_placeholders_are_marked_in_json_and_csv() -> None:
    report = brackets.positions(_draft())
    rows = json.loads(render(report, "json"))["brackets"]
    marked = {row["text"]: row["placeholder"] for row in rows}
    assert marked == {
        "x": True, "by 2030": False, "20XX": True, "Take note of": False,
        "of the panel": False, "document symbol to be added": True,
    }
    kinds = [(r["id"], r["kind"]) for r in csv.DictReader(io.StringIO(render(report, "csv")))]
    assert kinds == [
        ("b1", "placeholder"), ("b2", "bracket"), ("b3", "placeholder"), ("b4", "bracket"),
        ("b5", "bracket"), ("b6", "placeholder"),
    ]


def test_the_table_names_a_placeholder_beside_its_positions() -> None:
    table = render(brackets.positions(_draft()), "table")
    rows = {line.split()[0]: line for line in table.splitlines() if line[:1] == "b"}
    assert "placeholder" in rows["b1"] and "placeholder" in rows["b3"]
    assert "placeholder, +EU" in rows["b6"]
    assert "placeholder" not in rows["b2"] + rows["b4"] + rows["b5"]


def test_the_page_counts_disputed_brackets_and_placeholders_apart() -> None:
    draft = _draft()
    counts = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", render_html(draft)))
    figures = draft_stats(draft)
    assert (figures.brackets, figures.placeholders) == (3, 4)  # by hand: 3 disputed, 3 + 1 brace
    assert counts["brackets"] == "3" and counts["placeholders"] == "4"
    # the states the page colours add up to the disputed brackets
    states = ("objected", "reserved", "supported", "unattributed")
    shown = {label: int(value) for label, value in counts.items()}
    assert sum(v for k, v in shown.items() if any(k.startswith(s) for s in states)) == 3
