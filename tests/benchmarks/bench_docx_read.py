"""Benchmark: a Word draft of about 1 MB of text -> clean text, beside the python-docx floor.

    python tests/benchmarks/bench_docx_read.py [--size BYTES] [--runs N]

Builds a realistic draft (the volunteerism sample repeated: auto-numbered paragraphs, split runs
inside brackets and groups, a table) and reports, in the same run, the best of N timings of

- floor: python-docx alone, `Document(path)` and `paragraph.text` of every paragraph;
- brackets: `read_docx(path)` + `resolve(draft, "agreed").text` (docx -> clean text);
- pandoc: `pandoc -t plain path`, when pandoc is installed.

With `--comments N`, a note-taker's comment ("US: Delete “volunteer”", "CAN, UK delete"...)
is added on every Nth paragraph; brackets reads them by default, in the default mode, so that
the comments become positions (issues 8 and 16).

Targets: brackets within 2x of the floor and at least 5x faster than pandoc.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _samples() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_docx_samples", ROOT / "samples" / "make_docx_samples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_docx_samples", module)
    spec.loader.exec_module(module)
    return module


def build_draft(path: Path, size: int) -> int:
    """Write a .docx holding about `size` characters of text; returns the exact count."""
    samples = _samples()
    one = samples.expected_text(samples.VOLUNTEERISM)
    copies = max(1, -(-size // (len(one) + 1)))
    sample = samples.Sample(blocks=list(samples.VOLUNTEERISM.blocks) * copies)
    samples.build(sample, path)
    return copies * (len(one) + 1) - 1


NOTES = (
    "US: Delete \u201cvolunteer\u201d",
    "CAN, UK delete",
    "China supports",
    "Please check",
    "AOSIS: tcb",
)


def add_comments(path: Path, every: int) -> int:
    """Add a note-taker's comment on the first run of every `every`th paragraph."""
    import docx

    document = docx.Document(str(path))
    count = 0
    for number, paragraph in enumerate(document.paragraphs):
        if number % every == 0 and paragraph.runs:
            text = NOTES[count % len(NOTES)]
            document.add_comment(paragraph.runs[0], text=text, author="Note Taker")
            count += 1
    document.save(str(path))
    return count


def _best(function: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def measure(
    size: int = 1 << 20, runs: int = 3, pandoc: bool = True, comments: int = 0
) -> dict[str, float]:
    """Timings in seconds: floor, brackets and (when installed) pandoc; and the text size."""
    import docx

    import brackets
    from brackets.docx.reader import read_docx

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.docx"
        chars = build_draft(path, size)
        count = add_comments(path, comments) if comments else 0
        mode = "accept"  # comments are read in every mode (issue 16)

        def floor() -> object:
            document = docx.Document(str(path))
            return [p.text for p in document.paragraphs]

        def ours() -> object:
            draft = read_docx(path, lenient=True, track_changes=mode)
            return brackets.resolve(draft, "agreed").text

        figures = {
            "chars": float(chars),
            "docx_bytes": float(path.stat().st_size),
            "comments": float(count),
            "floor": _best(floor, runs),
            "brackets": _best(ours, runs),
        }
        program = shutil.which("pandoc") if pandoc else None
        if program:
            figures["pandoc"] = _best(
                lambda: subprocess.run(
                    [program, "-f", "docx", "-t", "plain", str(path)],
                    check=True,
                    capture_output=True,
                ),
                runs,
            )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=1 << 20, help="characters of text")
    parser.add_argument("--runs", type=int, default=3, help="timings per case (best kept)")
    parser.add_argument("--no-pandoc", action="store_true")
    parser.add_argument(
        "--comments", type=int, default=0, metavar="N", help="a comment every N paragraphs"
    )
    args = parser.parse_args(argv)
    figures = measure(args.size, args.runs, not args.no_pandoc, args.comments)
    floor, ours = figures["floor"], figures["brackets"]
    size = f"{figures['chars'] / 1e6:.2f} M characters, {figures['docx_bytes'] / 1e3:.0f} kB"
    print(f"draft: {size} .docx")
    if figures["comments"]:
        print(f"with {figures['comments']:.0f} comments, read by default")
    print(f"python-docx floor (open + paragraph.text): {floor * 1e3:8.1f} ms")
    ratio = f"({ours / floor:.2f}x floor)"
    print(f"brackets docx -> clean text:               {ours * 1e3:8.1f} ms  {ratio}")
    if "pandoc" in figures:
        pandoc = figures["pandoc"]
        print(
            f"pandoc -t plain:                           {pandoc * 1e3:8.1f} ms  "
            f"(brackets {pandoc / ours:.1f}x faster)"
        )
    else:
        print("pandoc: not installed (or --no-pandoc)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
