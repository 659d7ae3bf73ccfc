"""Stats benchmark (issue 10): 200 drafts of 100 KB, serial against a pool of 2 processes.

Writes the drafts (bench_parse's bracket-dense synthetic draft, one seed per file) into a
temporary folder, then times `brackets stats FOLDER --jobs 1` and `--jobs 2` as the command
runs them (`brackets.stats.collect`), best of N runs each, in the same process. Prints the
times, drafts/s, MB/s and the speed-up; checks that both runs give the same figures.

    python tests/benchmarks/bench_stats.py [--drafts 200] [--size 100000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_parse import synthetic_draft

from brackets.stats import StatsRun, collect


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(folder: Path, jobs: int, repeat: int) -> tuple[float, float, StatsRun]:
    """Best wall time, the CPU time of that run, and the figures."""
    best, cpu, run = float("inf"), 0.0, None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), cpu_seconds()
        run = collect([folder], jobs=jobs)
        wall = time.perf_counter() - start
        if wall < best:
            best, cpu = wall, cpu_seconds() - start_cpu
    assert run is not None
    return best, cpu, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=200)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        total = 0
        for number in range(args.drafts):
            data = synthetic_draft(args.size, seed=number).encode("utf-8")
            (folder / f"draft-{number:03}.txt").write_bytes(data)
            total += len(data)
        megabytes = total / 1e6
        serial, serial_cpu, one = timed(folder, 1, args.repeat)
        pooled, pooled_cpu, two = timed(folder, 2, args.repeat)
        assert one == two and not one.failures, "the pool must not change the figures"
        brackets = sum(f.brackets for f in one.files)
        print(f"{args.drafts} drafts, {megabytes:.1f} MB, {brackets:,} brackets")
        for name, seconds, cpu in (
            ("--jobs 1", serial, serial_cpu),
            ("--jobs 2", pooled, pooled_cpu),
        ):
            print(
                f"{name}: {seconds:.2f} s wall, {cpu:.2f} s CPU  ({args.drafts / seconds:.0f} "
                f"drafts/s, {megabytes / seconds:.1f} MB/s)"
            )
        print(f"speed-up --jobs 2 / --jobs 1: {serial / pooled:.2f}x")
        print(f"load average during the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
