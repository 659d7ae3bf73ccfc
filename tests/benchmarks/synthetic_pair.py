"""A synthetic pair of large drafts for the comparison benchmark (and its smoke test).

The old version is built from the corpus drafts, paragraph by paragraph, numbered anew,
until it reaches the wanted size. The new version changes a share of its words (replaced,
deleted, or with a word inserted after them) and moves a few paragraphs elsewhere.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
_WORD = re.compile(r"\w+")
VOCABULARY = ["urgently", "inter alia", "voluntary", "[shall]", "(+IRAN)", "developed", "2030"]


def synthetic_pair(
    size: int = 1_000_000, changed: float = 0.02, moves: int = 5, seed: int = 7
) -> tuple[str, str]:
    """(old, new): about `size` characters, `changed` of the words edited, `moves` moved."""
    rng = random.Random(seed)
    sources = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md"))
    pool = [
        line
        for path in sources
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line) > 40
    ]
    paragraphs: list[str] = []
    total = 0
    while total < size:
        text = f"{len(paragraphs) + 1}. {rng.choice(pool)}"
        paragraphs.append(text)
        total += len(text) + 2
    old = "\n\n".join(paragraphs) + "\n"

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
    return old, "\n\n".join(edited) + "\n"
