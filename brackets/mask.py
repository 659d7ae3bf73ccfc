"""A resolution as a deletion mask over the source: which characters go (1) and which stay
(0). Writers apply the same deletions to other representations (a Word document's runs)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Group
from .notation import group_with_spaces

_NOT_BREAKS = re.compile(r"[^\r\n]+")


class Mask:
    """Which source characters are deleted (1) or kept (0)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.bits = bytearray(len(source))

    def delete(self, start: int, end: int) -> None:
        if end > start:
            self.bits[start:end] = b"\x01" * (end - start)

    def delete_keeping_breaks(self, start: int, end: int) -> None:
        """Delete [start, end) but its line breaks ("\n", "\r\n", "\r")."""
        source = self.source
        if source.find("\n", start, end) < 0 and source.find("\r", start, end) < 0:
            self.delete(start, end)
            return
        for match in _NOT_BREAKS.finditer(source, start, end):
            self.delete(match.start(), match.end())

    def delete_group(self, group: Group) -> None:
        """A group goes with the spaces before it (NOTATION 5.1)."""
        self.delete_span(group.start, group.end)

    def delete_span(self, start: int, end: int) -> None:
        """Delete [start, end) with the spaces before it."""
        self.delete(*group_with_spaces(self.source, start, end))

    def runs(self, value: bytes = b"\x01") -> Iterator[tuple[int, int]]:
        """The [start, end) stretches of `value` (deleted: 1, kept: 0), found with `find`."""
        bits = self.bits
        other = b"\x00" if value == b"\x01" else b"\x01"
        size = len(bits)
        start = bits.find(value)
        while start >= 0:
            end = bits.find(other, start)
            if end < 0:
                yield start, size
                return
            yield start, end
            start = bits.find(value, end)

    def kept_count(self, start: int, end: int) -> int:
        return (end - start) - self.bits.count(b"\x01", start, end)
