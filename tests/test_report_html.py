"""The HTML positions report: built from the model, self-contained, checked in a real browser.

The browser tests load the page in headless Chromium (Debian's `chromium`; .ci/run installs
it), dump the DOM after the page's script ran, and compare the matrix cells with
`brackets.positions(draft).as_json()`. Without Chromium they skip locally and fail in CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tracemalloc
from html.parser import HTMLParser
from pathlib import Path

import pytest
from drafts import CICA, SAMPLE, UNFCCC_DEC4, corpus_text

import brackets
from brackets.cli import main
from brackets.report import render_html

Cells = dict[tuple[str, str], dict[str, list[str]]]


class MatrixReader(HTMLParser):
    """Reads a positions matrix out of a page: cells, row order and hidden rows."""

    def __init__(self, table_id: str) -> None:
        super().__init__()
        self.table_id = table_id
        self.inside = False
        self.cells: Cells = {}
        self.rows: list[str] = []
        self.hidden: set[str] = set()
        self.holder = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.inside = found.get("id") == self.table_id
        elif self.inside and tag == "tr" and "data-holder" in found:
            self.holder = found["data-holder"] or ""
            self.rows.append(self.holder)
            if "hidden" in found:
                self.hidden.add(self.holder)
        elif self.inside and tag == "td" and "data-delegation" in found:
            self.cells[(self.holder, found["data-delegation"] or "")] = {
                stance: (found.get(f"data-{stance}") or "").split()
                for stance in ("objects", "reserves", "supports")
                if found.get(f"data-{stance}")
            }

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False


def matrix(page: str, rows: str = "paragraphs") -> MatrixReader:
    reader = MatrixReader(f"matrix-{rows}")
    reader.feed(page)
    return reader


def expected_cells(draft: brackets.Draft, rows: str) -> Cells:
    """What the matrix must show, from the positions JSON the `objections` command prints."""
    report = brackets.positions(draft).as_json()
    cells: Cells = {}
    holders = [*report["brackets"], *report["paragraphs"]]  # type: ignore[misc]
    for row in holders:
        holder = row["id"] if rows == "brackets" else f"p{row['line']}"
        if rows == "brackets" and holder.startswith("p"):
            continue
        for stance, key in (("supports", "supporters"), ("objects", "objectors")):
            for code in row[key]:
                cells.setdefault((holder, code), {}).setdefault(stance, []).append(row["id"])
        for code in row["reservations"]:
            cells.setdefault((holder, code), {}).setdefault("reserves", []).append(row["id"])
    return cells


@pytest.fixture(scope="module")
def cica() -> brackets.Draft:
    corpus_text(CICA)
    return brackets.read(CICA)


# -- the page as written -------------------------------------------------------------------


def test_matrix_cells_match_the_positions_json(cica: brackets.Draft) -> None:
    page = render_html(cica)
    assert matrix(page, "paragraphs").cells == expected_cells(cica, "paragraphs")
    assert matrix(page, "brackets").cells == expected_cells(cica, "brackets")


def test_counts_and_states_of_the_cica_draft(cica: brackets.Draft) -> None:
    page = render_html(cica)
    counts = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", page))
    assert counts["brackets"] == "14"
    assert counts["delegations objecting"] == "3"  # IND, IRAN, CHN (NOTATION section 6)
    # b5 is objected by CHN inside b4 (supported by IND) inside b3 (objected by IND, IRAN).
    b3 = page.index('id="b3"')
    assert page.index('id="b4"') > b3 and page.index('id="b5"') > page.index('id="b4"')
    assert re.search(r'class="br s-objected" id="b5"[^>]*data-objectors="CHN"', page)
    assert re.search(r'class="br s-supported" id="b4"[^>]*data-supporters="IND"', page)
    assert re.search(r'class="br s-reserved" id="b10"[^>]*data-reservations="AZER"', page)
    assert 'title="b5, line 270:' in page
    assert '<b class="label">11altern.</b>' in page


def test_page_is_self_contained_and_escapes_the_draft() -> None:
    draft = brackets.parse(
        'Text <script>alert("x")</script> & [<img src=x onerror=alert(1)>] (-CHN) "quoted"\n'
    )
    page = render_html(draft, title="<b>title</b>")
    assert "<script>alert" not in page and "<img" not in page and "<b>title" not in page
    assert "&lt;script&gt;alert" in page and "&lt;img src=x" in page
    assert not re.search(r"(?i)\b(?:src|href)=[\"']?(?:https?:)?//|<link\b|@import|url\(", page)
    assert page.count("<script>") == 1  # the page's own inline script, nothing else


def test_page_size_is_linear_in_nesting_depth() -> None:
    """Deep nesting: each bracket adds a bounded tag, never a copy of its inner text."""

    def size(depth: int) -> tuple[int, int]:
        draft = brackets.parse("[a " * depth + "x" + "] (-CHN)" * depth)
        tracemalloc.start()
        try:
            page = render_html(draft)
            return len(page), tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    (small, small_peak), (large, large_peak) = size(2_500), size(10_000)
    assert large < 4.2 * small and large_peak < 4.5 * small_peak
    assert large < 600 * 10_000  # a bounded tag per bracket
    assert large_peak < 5 * large  # the page and its pieces, no copies of inner text


def test_a_huge_matrix_is_left_out_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("brackets.report.html.MAX_MATRIX_CELLS", 3)
    page = render_html(brackets.parse("[a] (-CHN) [b] (+IND) [c] (TUR tcb)"))
    assert 'id="matrix-brackets"' in page and "too large a matrix" in page


def test_cli_writes_the_report(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["report", str(SAMPLE), "-o", str(out)]) == 0
    assert matrix(out.read_text(encoding="utf-8")).cells == expected_cells(
        brackets.read(SAMPLE), "paragraphs"
    )
    assert main(["report", str(SAMPLE), "-o", str(SAMPLE)]) == 1  # never over the input


# -- in a real browser ---------------------------------------------------------------------


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        reason = "chromium is not installed (apt-get install chromium; .ci/run does it)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: {reason}")
        pytest.skip(reason)
    return path


def browse(page: Path, profile: Path, *args: str, fragment: str = "") -> str:
    """Load the page headless; return stdout (the DOM after scripts with --dump-dom)."""
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
        page.as_uri() + fragment,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_browser_shows_the_cica_matrix(cica: brackets.Draft, tmp_path: Path) -> None:
    page = tmp_path / "cica.html"
    page.write_text(render_html(cica), encoding="utf-8")
    dom = browse(page, tmp_path / "profile", "--dump-dom")
    assert matrix(dom, "paragraphs").cells == expected_cells(cica, "paragraphs")
    assert matrix(dom, "brackets").cells == expected_cells(cica, "brackets")
    shot = tmp_path / "cica.png"
    browse(page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,1600")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_browser_filters_by_delegation(cica: brackets.Draft, tmp_path: Path) -> None:
    """`#delegation=CHN&open`: only the paragraphs CHN keeps open (objects or reserves)."""
    page = tmp_path / "cica.html"
    page.write_text(render_html(cica), encoding="utf-8")
    dom = browse(page, tmp_path / "profile", "--dump-dom", fragment="#delegation=CHN&open")
    shown = [r for r in matrix(dom).rows if r not in matrix(dom).hidden]
    report = brackets.positions(cica).as_json()
    keeps_open = {
        f"p{row['line']}"
        for row in [*report["brackets"], *report["paragraphs"]]  # type: ignore[misc]
        if "CHN" in row["objectors"] or "CHN" in row["reservations"]
    }
    assert set(shown) == keeps_open and keeps_open


def test_browser_sorts_by_a_delegation(cica: brackets.Draft, tmp_path: Path) -> None:
    page = tmp_path / "cica.html"
    page.write_text(render_html(cica), encoding="utf-8")
    dom = browse(page, tmp_path / "profile", "--dump-dom", fragment="#rows=brackets&sort=IRAN")
    order = matrix(dom, "brackets").rows
    assert set(order[:2]) == {"b3", "b9"}  # IRAN's objections come first
    assert 'aria-sort="descending"' in dom


def test_browser_focuses_a_linked_bracket(tmp_path: Path) -> None:
    """`#b3` (the bracket links of the matrix) focuses the bracket and describes it."""
    page = tmp_path / "small.html"
    draft = brackets.parse("Promote [a] (+TUR) and [b [c] (-IND) d] (-CHN, +IRAN);")
    page.write_text(render_html(draft), encoding="utf-8")
    dom = browse(page, tmp_path / "profile", "--dump-dom", fragment="#b3")
    assert '<aside id="info" aria-live="polite">b3 — line 1:27 — objects: IND</aside>' in dom


def test_browser_loads_a_large_real_draft(tmp_path: Path) -> None:
    corpus_text(UNFCCC_DEC4)
    draft = brackets.read(UNFCCC_DEC4, lenient=True)
    page = tmp_path / "unfccc.html"
    page.write_text(render_html(draft), encoding="utf-8")
    dom = browse(page, tmp_path / "profile", "--dump-dom")
    assert dom.count('class="br ') == len(draft.brackets) + len(
        re.findall('class="br ', render_html(brackets.parse("")))
    )
    shot = tmp_path / "unfccc.png"
    browse(page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,1600")
    assert shot.stat().st_size > 20_000
