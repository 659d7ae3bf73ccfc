"""Precision and recall of the statement reader on the gold set, and its speed.

Scores per (comment, delegation, stance) on DEV (tests/comments_gold.py, what the rules were
tuned on) and HELD-OUT (tests/comments_gold_heldout.py, written first and only scored), and
the time per 1,000 comments. Run: PYTHONPATH=. python tests/benchmarks/bench_comments.py
[--errors]
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from comments_gold import DEV
from comments_gold_heldout import HELD_OUT
from statements_score import score

from brackets.delegations import Registry
from brackets.statements import read_statements


def main(argv: list[str]) -> int:
    registry = Registry.default()
    for name, cases in (("DEV", DEV), ("HELD-OUT", HELD_OUT)):
        found = score(cases, registry)
        print(
            f"{name:9} {len(cases):4} comments  precision {found.precision:.3f}  "
            f"recall {found.recall:.3f}  (found {found.found}, wrong {found.wrong}, "
            f"missed {found.missed}; scope wrong in {len(found.scope_wrong)})"
        )
        if "--errors" in argv:
            for text, expected, got in found.errors:
                print(f"    {text!r}: expected {sorted(expected)}, read {sorted(got)}")
            for line in found.scope_wrong:
                print(f"    scope {line}")
    texts = [case.text for case in (*DEV, *HELD_OUT)]
    runs = []
    for _ in range(3):
        began = time.perf_counter()
        for _ in range(10):
            for text in texts:
                read_statements(text, registry)
        runs.append((time.perf_counter() - began) / (10 * len(texts)) * 1000)
    print(f"time per 1,000 comments: {min(runs) * 1000:.1f} ms (best of 3)")
    return _growth(registry)


#: Comment texts built by repeating one of these units: shapes that a backtracking pattern or a
#: rescan per statement would make quadratic.
HOSTILE = (
    "replace ", "not “a but ", "US: delete / ", "“unclosed ", "'a ", "rather than ",
    "G77 and ", "17 Nov ", "US, EU, China, ", "not not not ", "para para 1 ", ". A",
)  # fmt: skip
SCALES = (1, 4, 16)
TARGET = 1.15


def _growth(registry: Registry) -> int:
    """CPU time of reading one comment of each hostile shape at 1x, 4x and 16x (5,000
    characters at 1x), and the least-squares growth exponent (1 linear, 2 quadratic)."""
    over = 0
    print(f"{'hostile comment of':24} {'t(1x) ms':>9} {'t(16x) ms':>10} {'exponent':>9}")
    for unit in HOSTILE:
        times = []
        for scale in SCALES:
            text = unit * (5_000 * scale // len(unit))
            best = float("inf")
            for _ in range(3):
                began = time.process_time()
                read_statements(text, registry)
                best = min(best, time.process_time() - began)
            times.append(max(best, 1e-6))
        xs = [math.log(k) for k in SCALES]
        ys = [math.log(t) for t in times]
        mean_x, mean_y = sum(xs) / 3, sum(ys) / 3
        slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mean_x) ** 2 for x in xs
        )
        flag = "" if slope <= TARGET else "  OVER"
        over += bool(flag)
        print(f"{unit!r:24} {times[0] * 1000:9.1f} {times[2] * 1000:10.1f} {slope:9.2f}{flag}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
