"""Precision and recall of the statement reader on the gold set, and its speed.

Scores per (comment, delegation, stance) on DEV (tests/comments_gold.py, what the rules were
tuned on) and HELD-OUT (tests/comments_gold_heldout.py, written first and only scored), and
the time per 1,000 comments. Run: PYTHONPATH=. python tests/benchmarks/bench_comments.py
[--errors]
"""

from __future__ import annotations

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
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
