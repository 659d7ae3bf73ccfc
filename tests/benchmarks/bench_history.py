"""History benchmark (issue 15): `brackets.history` over real-sized versions.

Builds a revision series from the corpus (the COP21 draft of 4 December, repeated to about
250 KB): each version agrees some outermost brackets (marks and groups removed), drops some
with their text, and changes a word of agreed text, as a revision does. Times, in this
process's CPU time (best of --repeat), the history over 4 versions and over 10.

Targets: 4 versions of 250 KB in under 3 s; 10 versions at most 3x the CPU of 4 (linear in
the number of versions). Exits 1 when a target is missed.

    python tests/benchmarks/bench_history.py [--size BYTES] [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import sys
import time
from pathlib import Path

import brackets

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
DEC4 = CORPUS / "unfccc-cop21-draft-agreement-2015-12-04.md"


def revisions(text: str, count: int, seed: int = 15) -> list[str]:
    """`count` versions of `text`, each made from the one before by a revision's edits."""
    pick = random.Random(seed)
    versions = [text]
    for _ in range(count - 1):
        draft = brackets.parse(versions[-1], lenient=True)
        cuts: list[tuple[int, int, str]] = []
        for bracket in draft.brackets:
            if bracket.depth != 1:
                continue
            roll = pick.random()
            end = bracket.tail_end
            if roll < 0.08:  # agreed: the marks and groups go, the words stay
                inner = draft.source[bracket.inner_start : bracket.inner_end]
                cuts.append((bracket.start, end, inner.replace("[", "").replace("]", "")))
            elif roll < 0.12:  # dropped with its text
                cuts.append((bracket.start, end, ""))
        out, at = [], 0
        for start, end, replacement in cuts:
            out += [draft.source[at:start], replacement]
            at = end
        out.append(draft.source[at:])
        revised = "".join(out).replace(" shall ", " should ", 3)
        versions.append(revised)
    return versions


def base_text(size: int) -> str:
    """The COP21 draft repeated to about `size` characters."""
    text = DEC4.read_text(encoding="utf-8")
    return (text * (size // len(text) + 1))[:size].rsplit("\n", 1)[0] + "\n"


def cpu(versions: list[str], repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        brackets.history(versions)
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=250_000, help="characters per version")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    series = revisions(base_text(args.size), 10)
    brackets.history(series[:2])  # warm up (the grammar's compilation)
    four, ten = cpu(series[:4], args.repeat), cpu(series, args.repeat)
    ratio = ten / four
    print(f"versions of {len(series[0]):,} characters")
    print(f"history of  4 versions: {four:6.2f} s CPU   (target < 3 s)")
    print(f"history of 10 versions: {ten:6.2f} s CPU   ({ratio:.2f}x of 4; target <= 3x)")
    ok = four < 3.0 and ratio <= 3.0
    print("targets: " + ("met" if ok else "MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
