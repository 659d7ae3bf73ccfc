"""Comparison benchmark (issue 7): the COP21 pair against `redlines`, and a synthetic 1 MB pair.

1. The real pair `unfccc-cop21-draft-agreement-2015-12-04.md` -> `...-12-09.md` (a heavy
   rewrite, 107 KB -> 61 KB). In one process: `brackets.compare(old, new)` from the texts
   (both drafts parsed leniently, the edit script, its CriticMarkup) and
   `Redlines(old, new).output_markdown`, each the best of --repeat runs, with the ratio and
   the characters each marks (deleted + inserted; for redlines, the text of its coloured
   spans). Targets: ratio >= 10, marked <= redlines'. Timed with fast-diff-match-patch when
   installed (`pip install 'brackets[fast]'`) and with the pure-Python port alone; both give
   the same edit script. The comparison with redlines is skipped with a message when
   `redlines` is not installed (`pip install redlines`; it is not a dependency).
2. A synthetic pair of --size characters (default 1 MB), built from the corpus paragraphs,
   with 2% of the words edited and 5 paragraphs moved: time of `brackets.compare` and its
   peak memory (tracemalloc) as a multiple of the input. Targets: < 1 s, < 20x.

    python tests/benchmarks/bench_compare.py [--size BYTES] [--repeat N] [--no-redlines]
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import brackets
from brackets.compare import diff

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
COP21_OLD = CORPUS / "unfccc-cop21-draft-agreement-2015-12-04.md"
COP21_NEW = CORPUS / "unfccc-cop21-draft-agreement-2015-12-09.md"
_WORD = re.compile(r"\w+")
_SPAN = re.compile(r"<span style='[^']*'>(.*?)</span>", re.DOTALL)
VOCABULARY = ["urgently", "inter alia", "voluntary", "[shall]", "(+IRAN)", "developed", "2030"]


def synthetic_pair(
    size: int = 1_000_000, changed: float = 0.02, moves: int = 5, seed: int = 7
) -> tuple[str, str]:
    """(old, new): about `size` characters of corpus paragraphs, numbered anew; in the new
    version `changed` of the words are replaced, deleted or followed by an inserted word,
    and `moves` paragraphs are moved elsewhere."""
    rng = random.Random(seed)
    pool = [
        line
        for path in sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line) > 40
    ]
    paragraphs: list[str] = []
    total = 0
    while total < size:
        text = f"{len(paragraphs) + 1}. {rng.choice(pool)}"
        paragraphs.append(text)
        total += len(text) + 2

    def edit(match: re.Match[str]) -> str:
        if rng.random() >= changed:
            return match.group()
        kind = rng.randrange(3)
        if kind == 0:
            return rng.choice(VOCABULARY)
        if kind == 1:
            return ""
        return f"{match.group()} {rng.choice(VOCABULARY)}"

    edited = [_WORD.sub(edit, paragraph) for paragraph in paragraphs]
    for _ in range(moves):
        moved = edited.pop(rng.randrange(len(edited)))
        edited.insert(rng.randrange(len(edited)), moved)
    return "\n\n".join(paragraphs) + "\n", "\n\n".join(edited) + "\n"


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def ours(old: str, new: str) -> brackets.Comparison:
    comparison = brackets.compare(old, new)
    comparison.to_criticmarkup()
    return comparison


def measure_cop21(repeat: int, with_redlines: bool) -> dict[str, float]:
    old = COP21_OLD.read_text(encoding="utf-8")
    new = COP21_NEW.read_text(encoding="utf-8")
    accelerated = diff.USE_ACCELERATOR
    figures: dict[str, float] = {}
    try:
        diff.USE_ACCELERATOR = False
        figures["pure"], _ = best_of(repeat, lambda: ours(old, new))
    finally:
        diff.USE_ACCELERATOR = accelerated
    seconds, comparison = best_of(repeat, lambda: ours(old, new))
    assert isinstance(comparison, brackets.Comparison)
    figures.update(ours=seconds, ours_marked=comparison.marked)
    if not with_redlines:
        return figures
    try:
        from redlines import Redlines
    except ImportError:
        print("redlines is not installed (pip install redlines): comparison with it skipped")
        return figures
    seconds, markdown = best_of(repeat, lambda: Redlines(old, new).output_markdown)
    figures["redlines"] = seconds
    figures["redlines_marked"] = sum(len(span) for span in _SPAN.findall(str(markdown)))
    figures["ratio"] = figures["redlines"] / figures["ours"]
    figures["ratio_pure"] = figures["redlines"] / figures["pure"]
    return figures


def measure_synthetic(size: int, repeat: int) -> dict[str, float]:
    old, new = synthetic_pair(size)
    seconds, comparison = best_of(repeat, lambda: brackets.compare(old, new))
    assert isinstance(comparison, brackets.Comparison)
    gc.collect()
    tracemalloc.start()
    brackets.compare(old, new)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "size": len(old),
        "seconds": seconds,
        "peak": peak / len(old),
        "marked": comparison.marked,
    }


def main(argv: Sequence[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    options.add_argument("--size", type=int, default=1_000_000)
    options.add_argument("--repeat", type=int, default=3)
    options.add_argument("--no-redlines", dest="redlines", action="store_false")
    args = options.parse_args(argv)

    cop21 = measure_cop21(args.repeat, args.redlines)
    engine = "fast-diff-match-patch" if diff.USE_ACCELERATOR else "pure-Python diff-match-patch"
    print(f"COP21 pair, 2015-12-04 -> 2015-12-09 (best of {args.repeat})")
    print(f"  brackets.compare   {cop21['ours'] * 1000:8.1f} ms  marks {cop21['ours_marked']:,}"
          f"  ({engine})")  # fmt: skip
    print(f"  pure-Python only   {cop21['pure'] * 1000:8.1f} ms")
    if "redlines" in cop21:
        print(
            f"  redlines           {cop21['redlines'] * 1000:8.1f} ms  "
            f"marks {cop21['redlines_marked']:,}"
        )
        fewer = "<=" if cop21["ours_marked"] <= cop21["redlines_marked"] else ">"
        pure = cop21["ratio_pure"]
        print(f"  ratio {cop21['ratio']:.1f}x (target >= 10; pure-Python {pure:.1f}x),"
              f" marked {fewer} redlines'")  # fmt: skip
    synthetic = measure_synthetic(args.size, args.repeat)
    print(f"Synthetic pair, {synthetic['size']:,} characters, 2% of words edited, 5 moves")
    print(f"  brackets.compare   {synthetic['seconds'] * 1000:8.1f} ms (target < 1000 ms)")
    print(f"  peak memory        {synthetic['peak']:8.1f}x the input (target < 20x)")
    print(f"  marked             {synthetic['marked']:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
