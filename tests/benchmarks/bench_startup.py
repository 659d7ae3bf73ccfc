"""Start-up benchmark (issue 19): what `import brackets` and `brackets --version` cost.

Runs each in a fresh interpreter (this one, with this environment), best of --repeat wall
times, and prints each figure against its target:

- `import brackets`: <= 100 ms over `python -c pass`;
- `brackets --version` (`brackets.cli.main`): <= 80 ms, wall time of the whole process;
- informative: `python -c pass`, and `import brackets` then `parse` on a small draft
  (which loads the grammar), over the bare interpreter.

It then prints the modules that cost most in `import brackets` by `python -X importtime`
(cumulative microseconds). Exits 1 when a target is missed. Run it on a quiet machine: the
figures are wall times.

Modules are timed from compiled bytecode, as an installed package runs: a first run of each
command writes it to a temporary cache (PYTHONPYCACHEPREFIX), whatever
PYTHONDONTWRITEBYTECODE says, and the timed runs read it from there.

    python tests/benchmarks/bench_startup.py [--repeat N]
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time

VERSION = (
    "from brackets.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass"
)
PARSE = "import brackets\nbrackets.parse('Promote [dialogue] (-CHN) among peoples.')"


def _wall(code: str, repeat: int, env: dict[str, str]) -> float:
    """Best wall time in seconds of a fresh interpreter running `code` (after a first run)."""
    best = math.inf
    for _ in range(repeat + 1):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def _importtime(code: str, top: int, env: dict[str, str]) -> list[tuple[int, str]]:
    """The `top` modules of highest cumulative import time (microseconds) while running `code`."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    rows = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, name = line.split("|")
            rows.append((int(cumulative), name.strip()))
    return sorted(rows, reverse=True)[:top]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": cache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for code in ("pass", "import brackets", VERSION, PARSE):
            _wall(code, 0, env)  # writes the bytecode of what it imports
        bare = _wall("pass", args.repeat, env)
        imported = _wall("import brackets", args.repeat, env)
        version = _wall(VERSION, args.repeat, env)
        parsed = _wall(PARSE, args.repeat, env)
        slowest = _importtime("import brackets", 8, env)
    figures = [
        ("python -c pass", bare, None),
        ("import brackets, over python -c pass", imported - bare, 0.100),
        ("brackets --version, whole process", version, 0.080),
        ("import brackets + parse, over python -c pass", parsed - bare, None),
    ]
    missed = 0
    print(f"{'figure':48} {'ms':>8} {'target':>8}")
    for name, seconds, target in figures:
        verdict = ""
        if target is not None:
            verdict = "met" if seconds <= target else "MISSED"
            missed += verdict == "MISSED"
        shown = f"<= {target * 1000:.0f}" if target is not None else "-"
        print(f"{name:48} {seconds * 1000:8.1f} {shown:>8}  {verdict}")
    print("\nimport brackets, by -X importtime (cumulative us):")
    for cumulative, name in slowest:
        print(f"  {cumulative:8d}  {name}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
