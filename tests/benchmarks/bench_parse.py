"""Parse benchmark (issues 2 and 19): bracket-dense synthetic drafts of about 1 MB.

For the benchmark's dense draft and for held-out dense drafts of other shapes (deep nesting,
many groups, long runs, alternatives), prints the parse time, MB/s, peak memory, and the
time of one compiled-regex tokenization of the same text (the floor), with the ratio
parse/regex; and the reference parser (Lark's LALR parser over the grammar,
tests/lark_reference.py: the parser before issue 19, parsing twice when a bracket is
unmatched) on the same text. Runs are interleaved, the minimum of `--repeat` kept.
Targets (issue 19): ratio <= 10 (moonshot 5), peak memory <= 10x the input size.

    python tests/benchmarks/bench_parse.py [--size BYTES] [--repeat N] [--no-reference]
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from lark import Lark

import brackets
from brackets.notation import group_pattern

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the reference
from lark_reference import reference_parse

#: Issue 19's targets: parse / regex floor, and peak memory / input size.
RATIO_TARGET, RATIO_MOONSHOT, MEMORY_TARGET = 10.0, 5.0, 10.0

CODES = ["CHN", "IND", "IRAN", "AZER", "TUR", "KAZ", "RUS", "SEC"]
WORDS = [
    "promote",
    "volunteerism",
    "cooperation",
    "among",
    "Member",
    "States",
    "sustainable",
    "development",
    "regional",
    "confidence",
    "building",
    "measures",
    "dialogue",
    "youth",
    "exchange",
    "programmes",
    "implementation",
]
#: The reference tokenizer: brackets, parentheses, and runs of other text, in one findall.
TOKENS = re.compile(r"\[|\]|\([^()\[\]]*\)|[^\[\]()]+|[()]")


def _group(rng: random.Random) -> str:
    entries = []
    for _ in range(rng.choice([1, 1, 1, 2])):
        kind = rng.random()
        code = rng.choice(CODES)
        entries.append(f"+{code}" if kind < 0.45 else f"-{code}" if kind < 0.85 else f"{code} tcb")
    return "(" + ", ".join(entries) + ")"


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _bracket(rng: random.Random, depth: int) -> str:
    inner = _words(rng, 1, 4)
    if depth < 6 and rng.random() < 0.45:
        inner += " " + _bracket(rng, depth + 1) + " " + _words(rng, 0, 2)
    text = f"[{inner.strip()}]"
    if rng.random() < 0.15:  # alternatives
        text += f"[{_words(rng, 1, 3)}]"
    if rng.random() < 0.85:  # attributions on most
        text += " " + " ".join(_group(rng) for _ in range(rng.choice([1, 1, 2])))
    return text


def synthetic_draft(size: int = 1_000_000, seed: int = 7) -> str:
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    number = 0
    while total < size:
        number += 1
        parts = [f"{number}. {_words(rng, 2, 6)}"]
        for _ in range(rng.randint(1, 3)):
            parts.append(_bracket(rng, 1))
            parts.append(_words(rng, 1, 5))
        paragraph = " ".join(parts) + ";"
        paragraphs.append(paragraph)
        total += len(paragraph.encode()) + 1
    return "\n".join(paragraphs) + "\n"


def deep_draft(size: int = 1_000_000, seed: int = 11) -> str:
    """Held out: brackets nested up to 40 deep, few words between, an unmatched one a page."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        depth = rng.randint(5, 40)
        opening = " ".join(f"[{_words(rng, 0, 2)}" for _ in range(depth))
        closing = "".join(f"] {_group(rng)}" if rng.random() < 0.3 else "]" for _ in range(depth))
        stray = " ]" if rng.random() < 0.02 else ""
        paragraph = f"{len(paragraphs) + 1}. {opening} {_words(rng, 1, 3)} {closing}{stray}."
        paragraphs.append(paragraph)
        total += len(paragraph) + 1
    return "\n".join(paragraphs) + "\n[never closed\n"


def grouped_draft(size: int = 1_000_000, seed: int = 12) -> str:
    """Held out: short brackets each followed by two to five groups, paragraph positions."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        parts = [f"({rng.choice('abcdefgh')}) {_words(rng, 1, 3)}"]
        for _ in range(rng.randint(3, 8)):
            groups = " ".join(_group(rng) for _ in range(rng.randint(2, 5)))
            parts.append(f"[{_words(rng, 1, 2)}]{rng.choice(['', ',', ' .', ';'])} {groups}")
        paragraph = " ".join(parts) + f". {_group(rng)}"
        paragraphs.append(paragraph)
        total += len(paragraph) + 1
    return "\n".join(paragraphs) + "\n"


def long_run_draft(size: int = 1_000_000, seed: int = 13) -> str:
    """Held out: long runs of text (hundreds of words, parentheses that are no group) with
    a few brackets, some across lines."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        run = _words(rng, 80, 300).replace(" youth ", " youth (see Article 4) ")
        bracket = f"[{_words(rng, 3, 20)}]" if rng.random() < 0.8 else f"[{_words(rng, 3, 9)}\n"
        closing = "" if bracket.endswith("]") else f"{_words(rng, 2, 5)}] {_group(rng)}"
        paragraph = f"Article {len(paragraphs) + 1}. {run} {bracket} {_group(rng)} {closing}"
        paragraphs.append(paragraph.rstrip())
        total += len(paragraph) + 1
    return "\n".join(paragraphs) + "\n"


def alternatives_draft(size: int = 1_000_000, seed: int = 14) -> str:
    """Held out: touching sets of alternatives, labelled sets ("[Alt. 1 ...] [Alt. 2 ...]"),
    placeholders, options opening paragraphs."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        kind = rng.random()
        if kind < 0.4:
            body = "".join(f"[{_words(rng, 1, 4)}]" for _ in range(rng.randint(2, 5)))
        elif kind < 0.7:
            count = rng.randint(2, 4)
            body = " ".join(f"[Alt. {k} {_words(rng, 2, 6)}]" for k in range(1, count + 1))
        elif kind < 0.85:
            body = f"[{rng.choice(['XX', '20XX', 'date', 'name of the venue to be added'])}]"
        else:
            body = f"Option {rng.randint(1, 3)}: [{_words(rng, 2, 8)}]"
        paragraph = (
            f"{len(paragraphs) + 1}. {_words(rng, 1, 5)} {body} {_group(rng)} {_words(rng, 1, 4)}"
        )
        paragraphs.append(paragraph)
        total += len(paragraph) + 1
    return "\n".join(paragraphs) + "\n"


#: The benchmark's dense draft, then the held-out ones (issue 19: differently shaped).
DRAFTS: dict[str, Callable[[int], str]] = {
    "dense": synthetic_draft,
    "deep (held out)": deep_draft,
    "groups (held out)": grouped_draft,
    "long runs (held out)": long_run_draft,
    "alternatives (held out)": alternatives_draft,
}


def interleaved(repeat: int, runs: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The minimum time of each run over `repeat` rounds, the runs taking turns in a round."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for name, run in runs.items():
            gc.collect()
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def peak_memory(text: str) -> int:
    """The peak memory of one parse of `text`, in bytes."""
    gc.collect()
    tracemalloc.start()
    brackets.parse(text, lenient=True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def best_of(repeat: int, run: Callable[..., object], *args: object) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def naive_lark_parser() -> Lark:
    """For reference: a plain Lark LALR parse building a tree, one token per text or group."""
    group = group_pattern()
    grammar = (
        "start: _item*\n"
        'bracket: "[" _item* "]"\n'
        "_item: TEXT | GROUP | bracket\n"
        f"GROUP.2: /{group}/\n"
        'TEXT: /[^\\[\\]()]+/ | "(" | ")"\n'
    )
    return Lark(grammar, parser="lalr", lexer="basic")


def measure(name: str, text: str, repeat: int, reference: bool) -> tuple[float, float]:
    """Print one draft's figures against the targets; its ratio and memory per input byte."""
    size = len(text.encode())
    draft = brackets.parse(text, lenient=True)
    depth = max((b.depth for b in draft.brackets), default=0)
    runs: dict[str, Callable[[], object]] = {
        "parse": lambda: brackets.parse(text, lenient=True),
        "regex": lambda: TOKENS.findall(text),
    }
    if reference:
        runs["reference"] = lambda: reference_parse(text, lenient=True)
    best = interleaved(repeat, runs)
    ratio = best["parse"] / best["regex"]
    memory = peak_memory(text) / size
    unmatched = sum(1 for d in draft.diagnostics if d.code in ("unclosed", "unopened"))
    print(
        f"{name}: {size / 1e6:.2f} MB, {len(draft.brackets)} brackets, nesting up to {depth}, "
        f"{unmatched} unmatched"
    )
    print(
        f"  parse            {best['parse'] * 1000:.0f} ms  ({size / 1e6 / best['parse']:.2f} MB/s)"
    )
    print(f"  regex tokenize   {best['regex'] * 1000:.0f} ms")
    print(
        f"  ratio            {ratio:.1f}  (target <= {RATIO_TARGET:g}, moonshot "
        f"{RATIO_MOONSHOT:g}: {'met' if ratio <= RATIO_TARGET else 'MISSED'})"
    )
    print(
        f"  peak memory      {memory * size / 1e6:.1f} MB  ({memory:.1f}x input; target <= "
        f"{MEMORY_TARGET:g}x: {'met' if memory <= MEMORY_TARGET else 'MISSED'})"
    )
    if reference:
        print(
            f"  reference (Lark) {best['reference'] * 1000:.0f} ms  (ratio "
            f"{best['reference'] / best['regex']:.1f}; {best['reference'] / best['parse']:.1f}x "
            "the parse)"
        )
    return ratio, memory


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--size", type=int, default=1_000_000)
    options.add_argument("--repeat", type=int, default=7)
    options.add_argument(
        "--no-naive",
        dest="naive",
        action="store_false",
        help="skip the reference plain Lark tree parse",
    )
    options.add_argument(
        "--no-reference",
        dest="reference",
        action="store_false",
        help="skip the reference parser (Lark's LALR parser, tests/lark_reference.py)",
    )
    args = options.parse_args()

    for name, make in DRAFTS.items():
        measure(name, make(args.size), args.repeat, args.reference)

    text = synthetic_draft(args.size)
    draft = brackets.parse(text)
    resolve_time = best_of(args.repeat, brackets.resolve, draft, "silence")
    naive_time = (
        best_of(min(args.repeat, 3), naive_lark_parser().parse, text) if args.naive else 0.0
    )
    regex_time = best_of(args.repeat, TOKENS.findall, text)
    print(f"resolve silence  {resolve_time * 1000:.0f} ms  (dense draft)")
    if naive_time:
        print(
            f"plain Lark tree  {naive_time * 1000:.0f} ms  (ratio {naive_time / regex_time:.1f}; "
            "for reference)"
        )


if __name__ == "__main__":
    main()
