"""Benchmark: "did you mean" for 20,000 distinct unknown delegation codes, beside difflib.

    python tests/benchmarks/bench_suggest.py [--count N] [--repeat R]

The parser asks `Registry.suggest` once per distinct unknown code. A draft full of invented
codes (or a Word file whose authors are all unknown) can hold tens of thousands. Reports, in
the same run, the best of R timings of

- brackets: `Registry.default().suggest(code)` for every code (one-edit tables built once);
- difflib: `difflib.get_close_matches(code, codes, n=1, cutoff=0.6)` over the default
  registry's codes, the previous implementation, for reference.

Target: brackets under 1 s for 20,000 codes (a few seconds at most, issue 8).
"""

from __future__ import annotations

import argparse
import difflib
import random
import string
import time
from collections.abc import Callable

from brackets import Registry


def unknown_codes(count: int, seed: int = 8) -> list[str]:
    """`count` distinct upper-case codes of 2 to 8 letters that are not delegations."""
    registry = Registry.default()
    rng = random.Random(seed)
    codes: set[str] = set()
    while len(codes) < count:
        code = "".join(rng.choices(string.ascii_uppercase, k=rng.randint(2, 8)))
        if registry.canonical(code) is None:
            codes.add(code)
    return sorted(codes)


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--count", type=int, default=20_000)
    options.add_argument("--repeat", type=int, default=3)
    args = options.parse_args()

    registry = Registry.default()
    codes = unknown_codes(args.count)
    known = list(registry.names)
    hints = [registry.suggest(code) for code in codes]

    ours = best_of(args.repeat, lambda: [registry.suggest(code) for code in codes])
    theirs = best_of(
        1, lambda: [difflib.get_close_matches(c, known, n=1, cutoff=0.6) for c in codes]
    )
    print(
        f"codes     {len(codes)} distinct unknown codes, {len(known)} delegations, "
        f"{sum(h is not None for h in hints)} with a suggestion"
    )
    print(
        f"brackets  {ours * 1000:.0f} ms  ({ours / len(codes) * 1e6:.1f} us a code; target < 1 s)"
    )
    print(f"difflib   {theirs * 1000:.0f} ms  (previous implementation, for reference)")


if __name__ == "__main__":
    main()
