"""The comparison's Word redline (issue 7, `brackets compare -o OUT.docx`): time to write it.

1. The COP21 pair (texts, 107 KB -> 61 KB): `render(comparison, "docx")` generates the document.
2. The synthetic pair of bench_compare.py (--size characters, 2% of the words edited, 5
   paragraphs moved), written as two Word documents (a paragraph a line), read back, compared,
   and the redline written as an edited copy of NEW (the same, on Word drafts).

Each figure is the best of --repeat runs, beside the time of `brackets.compare` itself.

    python tests/benchmarks/bench_compare_docx.py [--size BYTES] [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_compare import COP21_NEW, COP21_OLD, synthetic_pair

import brackets
from brackets.docx.ooxml.body import BodyBuilder
from brackets.report import comparison_docx_bytes


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def as_word(text: str, path: Path) -> brackets.Draft:
    builder = BodyBuilder()
    for line in text.split("\n"):
        builder.paragraph()
        if line:
            builder.text(line)
    path.write_bytes(builder.to_package().to_bytes())
    return brackets.read(path, lenient=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    old, new = COP21_OLD.read_text(encoding="utf-8"), COP21_NEW.read_text(encoding="utf-8")
    comparison = brackets.compare(old, new)
    compared = best(lambda: brackets.compare(old, new), args.repeat)
    written = best(lambda: comparison_docx_bytes(comparison), args.repeat)
    size = len(comparison_docx_bytes(comparison))
    print(f"COP21 pair (text): compare {compared * 1000:.0f} ms, .docx {written * 1000:.0f} ms "
          f"({size:,} bytes, {len(comparison.script):,} operations)")

    old, new = synthetic_pair(args.size)
    with tempfile.TemporaryDirectory() as folder:
        old_draft = as_word(old, Path(folder) / "old.docx")
        new_draft = as_word(new, Path(folder) / "new.docx")
        comparison = brackets.compare(old_draft, new_draft)
        compared = best(lambda: brackets.compare(old_draft, new_draft), args.repeat)
        written = best(lambda: comparison_docx_bytes(comparison), args.repeat)
        size = len(comparison_docx_bytes(comparison))
    print(f"synthetic {len(old) / 1e6:.1f} MB Word pair (copy of NEW): compare "
          f"{compared:.2f} s, .docx {written:.2f} s ({size:,} bytes, "
          f"{len(comparison.script):,} operations)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
