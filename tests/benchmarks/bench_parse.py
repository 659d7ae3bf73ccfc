"""Parse benchmark (issue 2): a bracket-dense synthetic draft of about 1 MB.

Prints the parse time, MB/s, peak memory, and the time of one compiled-regex tokenization of
the same text in the same process, with the ratio parse/regex. Targets: ratio <= 20, peak
memory <= 20x the input size.

    python tests/benchmarks/bench_parse.py [--size BYTES] [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import time
import tracemalloc
from collections.abc import Callable

from lark import Lark

import brackets
from brackets.notation import group_pattern

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
    args = options.parse_args()

    text = synthetic_draft(args.size)
    megabytes = len(text.encode()) / 1e6
    draft = brackets.parse(text)
    depth = max(b.depth for b in draft.brackets)
    attributed = sum(1 for b in draft.brackets if b.groups)

    parse_time = best_of(args.repeat, brackets.parse, text)
    regex_time = best_of(args.repeat, TOKENS.findall, text)
    resolve_time = best_of(args.repeat, brackets.resolve, draft, "silence")

    naive_time = (
        best_of(min(args.repeat, 3), naive_lark_parser().parse, text) if args.naive else 0.0
    )

    gc.collect()
    tracemalloc.start()
    brackets.parse(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(
        f"input            {megabytes:.2f} MB, {text.count('[')} brackets "
        f"({attributed} attributed), nesting up to {depth}"
    )
    print(f"parse            {parse_time * 1000:.0f} ms  ({megabytes / parse_time:.2f} MB/s)")
    print(f"regex tokenize   {regex_time * 1000:.0f} ms")
    print(f"ratio            {parse_time / regex_time:.1f}  (target <= 20)")
    print(
        f"peak memory      {peak / 1e6:.1f} MB  "
        f"({peak / len(text.encode()):.1f}x input; target <= 20x)"
    )
    print(f"resolve silence  {resolve_time * 1000:.0f} ms")
    if naive_time:
        print(
            f"plain Lark tree  {naive_time * 1000:.0f} ms  (ratio {naive_time / regex_time:.1f}; "
            "for reference)"
        )


if __name__ == "__main__":
    main()
