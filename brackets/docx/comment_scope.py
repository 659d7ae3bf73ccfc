"""What a comment's statement is on, in the extracted text: the lines of a section, the line
numbered N, the occurrences of a quoted text. Found once per document (numbers, sections) or
once per (quote, region) (quotes), so that placing many comments stays linear in the text.

A section runs from a heading (a heading or title style, or an outline level: `is_heading`)
to the line before the next one; the lines before the first heading are a section too. A
paragraph is numbered N by its Word label ("12." "(b)") or by the same typed at the start of
its line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .sourcemap import TextPiece

__all__ = ["Scopes"]

_NUMBER = re.compile(r"[ \t]*[(\[]?([0-9]+[a-z]*|[a-z]{1,2}|[ivxlc]{1,6})[.)\]]?[ \t]", re.I)


def _number_key(label: str) -> str:
    return label.strip().strip("().[]").strip().casefold()


@dataclass(slots=True)
class Scopes:
    """The sections, numbered lines and quoted texts of one extracted text."""

    text: str
    line_starts: list[int]
    pieces: list[TextPiece]
    headings: list[int]  # offsets of heading lines' starts, in order
    _heading_lines: list[int] | None = None
    _numbers: dict[str, int] | None = None
    _found: dict[tuple[str, int, int], list[tuple[int, int]]] = field(default_factory=dict)

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def heading_lines(self) -> list[int]:
        """The lines (from 1) that are headings, in order."""
        if self._heading_lines is None:
            self._heading_lines = sorted({self.line(at) for at in self.headings})
        return self._heading_lines

    def is_heading(self, line: int) -> bool:
        lines = self.heading_lines()
        index = bisect.bisect_left(lines, line)
        return index < len(lines) and lines[index] == line

    def section(self, line: int) -> tuple[int, int]:
        """The first and last lines of the section holding `line` (its heading included)."""
        lines = self.heading_lines()
        index = bisect.bisect_right(lines, line)
        first = lines[index - 1] if index > 0 else 1
        last = lines[index] - 1 if index < len(lines) else len(self.line_starts)
        return first, last

    def numbered(self, number: str) -> int | None:
        """The first line numbered `number` ("12", "4bis", "b"), if any."""
        if self._numbers is None:
            numbers: dict[str, int] = {}
            for piece in self.pieces:
                if piece.kind == "label":
                    key = _number_key(self.text[piece.start : piece.end])
                    numbers.setdefault(key, self.line(piece.start))
            for line, start in enumerate(self.line_starts, 1):
                match = _NUMBER.match(self.text, start)
                if match is not None:
                    numbers.setdefault(match.group(1).casefold(), line)
            self._numbers = numbers
        return self._numbers.get(_number_key(number))

    def bounds(self, first: int, last: int) -> tuple[int, int]:
        """Where lines first..last start and end."""
        start = self.line_starts[first - 1]
        end = self.line_starts[last] - 1 if last < len(self.line_starts) else len(self.text)
        return start, end

    def occurrences(self, quote: str, first: int, last: int) -> list[tuple[int, int]]:
        """Where lines first..last hold `quote`: whole words with its case, else whole words
        in any case, else anywhere in any case; spaces match any run of spaces."""
        key = (quote, first, last)
        cached = self._found.get(key)
        if cached is not None:
            return cached
        start, stop = self.bounds(first, last)
        words = " ".join(quote.split())
        found: list[tuple[int, int]] = []
        if words:
            pattern = r"\s+".join(re.escape(word) for word in words.split(" "))
            for flags, edges in ((0, True), (re.IGNORECASE, True), (re.IGNORECASE, False)):
                body = rf"(?<!\w){pattern}(?!\w)" if edges else pattern
                found = [m.span() for m in re.compile(body, flags).finditer(self.text, start, stop)]
                if found:
                    break
        self._found[key] = found
        return found

    def nearest(self, quote: str, first: int, last: int, low: int) -> tuple[int, int] | None:
        """The occurrence of `quote` in lines first..last nearest `low` (at or after first)."""
        found = self.occurrences(quote, first, last)
        if not found:
            return None
        index = bisect.bisect_left(found, (low, -1))
        if index < len(found):
            return found[index]
        return found[-1]
