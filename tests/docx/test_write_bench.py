"""The Word writing benchmark runs (tiny) and its figures make sense."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_docx_write import measure


def test_benchmark_runs_on_a_small_draft() -> None:
    figures = measure(20_000, 1)
    assert figures["bytes"] >= 20_000 and figures["brackets"] > 0
    for name in ("redline", "visible", "clean", "python_docx"):
        assert figures[name] > 0
    assert figures["ratio"] > 0 and figures["docx_bytes"] > 0
