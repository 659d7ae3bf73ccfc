"""The comparison benchmark runs (small) and its figures make sense."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))

from bench_compare import main, measure_synthetic, synthetic_pair


def test_synthetic_pair_edits_words_and_moves_paragraphs() -> None:
    old, new = synthetic_pair(20_000, seed=3)
    assert len(old) >= 20_000 and old != new
    assert sorted(old.split("\n\n")) != sorted(new.split("\n\n"))


def test_benchmark_runs_on_a_small_pair(capsys: object) -> None:
    figures = measure_synthetic(20_000, repeat=1)
    assert figures["seconds"] > 0 and figures["peak"] > 0 and figures["marked"] > 0
    assert main(["--size", "5000", "--repeat", "1", "--no-redlines"]) == 0
