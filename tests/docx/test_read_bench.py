"""The Word reading benchmark runs (tiny) and its figures make sense."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_docx_read import main, measure


def test_benchmark_runs_on_a_small_draft(capsys: object) -> None:
    figures = measure(size=20_000, runs=1, pandoc=False)
    assert figures["chars"] >= 20_000
    assert figures["floor"] > 0 and figures["brackets"] > 0
    assert "pandoc" not in figures
    assert main(["--size", "5000", "--runs", "1", "--no-pandoc"]) == 0


def test_benchmark_with_comments_reads_them() -> None:
    figures = measure(size=20_000, runs=1, pandoc=False, comments=10)
    assert figures["comments"] > 0 and figures["brackets"] > 0
