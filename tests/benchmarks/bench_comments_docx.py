"""Precision and recall of the default command on a Word draft full of comments (issue 16).

Runs `brackets objections samples/unfccc-comments-draft.docx --format json` (no option: the
default reading) and scores its comments' positions against the hand labels of
samples/unfccc_comments.py, per (comment, delegation, stance).

    python tests/benchmarks/bench_comments_docx.py [--verbose]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAMPLE = SAMPLES / "unfccc-comments-draft.docx"


def labels() -> list[tuple[str, tuple[str, ...]]]:
    """(comment text, expected entries) of every comment of the sample, in comments.xml order."""
    spec = importlib.util.spec_from_file_location("unfccc_comments", SAMPLES / "unfccc_comments.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [(text, expected) for _, _, _, text, expected, _ in module.COMMENTS]


def read_default() -> list[dict[str, object]]:
    """The comments as the default command lists them."""
    done = subprocess.run(
        [sys.executable, "-m", "brackets.cli", "objections", str(SAMPLE), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    comments = json.loads(done.stdout)["comments"]
    assert isinstance(comments, list)
    return comments


def score(verbose: bool = False) -> tuple[float, float, int, int, int]:
    """Precision, recall, and the counts found, right, expected."""
    listed = {str(c["id"]): c for c in read_default()}
    found = right = expected_total = 0
    for number, (text, expected) in enumerate(labels()):
        got = set(listed[str(number)]["positions"])  # type: ignore[arg-type]
        want = set(expected)
        found += len(got)
        right += len(got & want)
        expected_total += len(want)
        if verbose and got != want:
            print(f"{number:3} {text!r}: read {sorted(got)}, expected {sorted(want)}")
    precision = right / found if found else 1.0
    recall = right / expected_total if expected_total else 1.0
    return precision, recall, found, right, expected_total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list the comments misread")
    args = parser.parse_args()
    precision, recall, found, right, expected = score(args.verbose)
    print(
        f"{SAMPLE.name}: {len(labels())} comments, {expected} positions by hand; "
        f"found {found}, right {right}: precision {precision:.3f}, recall {recall:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
