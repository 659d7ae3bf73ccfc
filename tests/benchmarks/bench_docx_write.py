"""Word writing benchmark (issues 4, 19): the redline of a ~1 MB bracket-dense text draft,
beside python-docx writing the same paragraphs as plain text, in the same process.

Prints the time of each, the ratio redline/python-docx (issue 19's target: <= 1, no slower
than python-docx), and the clean write for reference. Times are CPU times of this process
(a shared machine's other work does not count), and the redline and python-docx runs are
interleaved (best of --repeat each), so that what load remains weighs on both alike. The
draft is parsed once beforehand (parse time printed apart).

    python tests/benchmarks/bench_docx_write.py [--size BYTES] [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import docx

import brackets
from brackets.docx import write_clean, write_redline
from brackets.output import write_output

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_parse import synthetic_draft

#: The redline's time over python-docx's on the same paragraphs (issue 19).
TARGET = 1.0


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def interleaved(
    repeat: int, first: Callable[[], object], second: Callable[[], object]
) -> tuple[float, float]:
    """The best times of `first` and `second`, run in turns."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for run, found in ((first, times[0]), (second, times[1])):
            gc.collect()
            start = time.process_time()
            run()
            found.append(time.process_time() - start)
    return min(times[0]), min(times[1])


def python_docx_plain(lines: list[str], out: Path) -> None:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(out))


def measure(size: int, repeat: int) -> dict[str, float]:
    text = synthetic_draft(size)
    start = time.process_time()
    draft = brackets.parse(text)
    parse_time = time.process_time() - start
    lines = text.rstrip("\n").split("\n")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        redline, plain = interleaved(
            repeat,
            lambda: write_output(base / "redline.docx", write_redline(draft)),
            lambda: python_docx_plain(lines, base / "plain.docx"),
        )
        visible = best_of(
            repeat, lambda: write_output(base / "v.docx", write_redline(draft, markup="visible"))
        )
        clean = best_of(
            repeat,
            lambda: write_output(
                base / "c.docx", write_clean(draft, brackets.resolve(draft, "silence"))
            ),
        )
        written = (base / "redline.docx").stat().st_size
    return {
        "bytes": float(len(text.encode())),
        "paragraphs": float(len(lines)),
        "brackets": float(len(draft.brackets)),
        "parse": parse_time,
        "redline": redline,
        "visible": visible,
        "clean": clean,
        "python_docx": plain,
        "ratio": redline / plain,
        "docx_bytes": float(written),
    }


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    options.add_argument("--size", type=int, default=1_000_000)
    options.add_argument("--repeat", type=int, default=5)
    args = options.parse_args()
    figures = measure(args.size, args.repeat)
    print(f"draft: {figures['bytes'] / 1e6:.2f} MB, {figures['paragraphs']:.0f} paragraphs, "
          f"{figures['brackets']:.0f} brackets (parse {figures['parse']:.2f} s, not counted)")
    print(f"redline (tracked):        {figures['redline']:.3f} s "
          f"-> {figures['docx_bytes'] / 1e6:.2f} MB .docx")
    print(f"redline (visible):        {figures['visible']:.3f} s")
    print(f"clean (resolve + write):  {figures['clean']:.3f} s")
    print(f"python-docx plain text:   {figures['python_docx']:.3f} s")
    verdict = "met" if figures["ratio"] <= TARGET else "MISSED"
    print(f"ratio redline/python-docx: {figures['ratio']:.2f} (target <= {TARGET:g}: {verdict})")


if __name__ == "__main__":
    main()
