"""An independent check of a summary: where each bracket's text actually is in NEW.

A row's text is looked up, words only, in NEW: found outside every bracket, found inside a
bracket, or not found. A row can be checked when the text is long enough to be unique and
occurs once in OLD; it contradicts the summary when it says `agreed` but the text is only
inside brackets, `dropped` but the text is there, or `open` but the text stands outside
every bracket and inside none.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import brackets
from brackets.compare.identity import IGNORED, OUTSIDE, segments

_WORD = re.compile(r"\S+")
LONG_ENOUGH = 40


class Words:
    """A text's words joined by one space, with each word's offset in the source."""

    def __init__(self, source: str) -> None:
        found = list(_WORD.finditer(source))
        self.offsets: list[int] = []
        parts: list[str] = []
        at = 0
        for match in found:
            self.offsets.append(at)
            parts.append(match.group())
            at += len(match.group()) + 1
        self.starts = [match.start() for match in found]
        self.text = " ".join(parts)

    def source_offsets(self, needle: str) -> list[int]:
        """Source offsets of every occurrence of `needle` (words joined by one space)."""
        hits: list[int] = []
        at = self.text.find(needle)
        while at >= 0:
            k = bisect_right(self.offsets, at) - 1
            hits.append(self.starts[k] + (at - self.offsets[k]))
            at = self.text.find(needle, at + 1)
        return hits


def leaf_text(draft: brackets.Draft, bracket: brackets.Bracket) -> str | None:
    """The words of a bracket that holds no bracket, or None."""
    if (
        bracket.number < len(draft.brackets)
        and draft.brackets[bracket.number].parent_number == bracket.number
    ):
        return None
    return " ".join(draft.source[bracket.inner_start : bracket.inner_end].split())


def where(
    draft: brackets.Draft, seg_starts: list[int], places: list[int], start: int, size: int
) -> str:
    """ "outside" when every character of the span is outside every bracket, else "inside"."""
    k = bisect_right(seg_starts, start) - 1
    end = start + size
    while k < len(seg_starts) and seg_starts[k] < end:
        if places[k] not in (OUTSIDE, IGNORED):
            return "inside"
        k += 1
    return "outside"


def contradictions(comparison: brackets.Comparison) -> tuple[int, list[str]]:
    """(rows checked, rows contradicting where their text is)."""
    old, new = comparison.old, comparison.new
    old_words, new_words = Words(old.source), Words(new.source)
    seg = segments(new)
    by_id = {b.id: b for b in old.brackets}
    checked, wrong = 0, []
    for row in comparison.summary().brackets:
        if row.old is None or row.outcome not in ("agreed", "dropped", "open", "reworded"):
            continue
        text = leaf_text(old, by_id[row.old])
        if text is None or len(text) < LONG_ENOUGH or len(old_words.source_offsets(text)) != 1:
            continue
        found = {
            where(new, seg.starts, seg.places, at, len(text))
            for at in new_words.source_offsets(text)
        }
        if len(found) > 1:
            continue
        checked += 1
        if row.outcome == "agreed" and found == {"inside"}:
            wrong.append(f"{row.old} agreed but still bracketed")
        elif row.outcome == "dropped" and found:
            wrong.append(f"{row.old} dropped but its text is {found.pop()} brackets in NEW")
        elif row.outcome in ("open", "reworded") and found == {"outside"}:
            wrong.append(f"{row.old} open but its text is outside every bracket")
    return checked, wrong
