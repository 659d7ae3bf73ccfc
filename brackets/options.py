"""Sets of options (NOTATION 3a), read while the paragraphs of a draft are built.

A paragraph that opens with `Option 1:` (maybe bold, after its paragraph label, inside a
bracket) starts an option; the options that follow one another under the same parent form a
set. An option runs until the next option of its set, or the next paragraph whose label is at
the level of the paragraph holding the set or above it. The parser feeds `OptionSets` one
paragraph at a time, in order; a paragraph costs one anchored look for `Option` and, only
while a set is open, a look at its label's level.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .model import Option, OptionSet
from .notation import OptionOpening, level, option_opening

#: What a paragraph holding only its label and bracket marks holds besides its label.
_SPACES_AND_MARKS = re.compile(r"[\s\[\]]+")


@functools.cache
def _more_than(count: int) -> re.Pattern[str]:
    """Matches a text holding more than `count` characters that are no space or mark,
    reading no further than the character after them."""
    return re.compile(r"(?:[\s\[\]]*[^\s\[\]]){" + str(count + 1) + "}")


#: A level above every level: a set with no parent ends only at a heading or a shallower label.
_TOP = (-1, -100)


def _key(option: str) -> tuple[str, bool]:
    """The kind of an option's key (digits, letters and Roman numerals, or parenthesised) and
    whether it is a first key ("1", "I", "A", "(a)", "1.1"), which starts a set of its own."""
    key = option.lstrip("*")[len("Option") :].lstrip(" \t").split("[")[0].rstrip(":* \t")
    kind = "digit" if key[:1].isdigit() else "paren" if key[:1] == "(" else "alpha"
    return kind, key.strip("()").split(".")[-1] in ("1", "I", "A", "a", "i")


def _indent(text: str) -> int:
    """The width of the spaces and tabs opening `text` (a tab counts 4)."""
    return len(text[: len(text) - len(text.lstrip(" \t"))].expandtabs(4))


def _bare(source: str, start: int, end: int, label: str) -> bool:
    """Whether a paragraph (`source[start:end]`) holds its label and bracket marks only (`1. [`,
    the bracket's text on the lines below): a resolution removes the marks and then the
    paragraph, left with only its label (NOTATION 5, rule 3), so it is no parent and ends no
    set, or a second reading of the resolved text would join options that the first reading
    kept apart."""
    if source.find("[", start, end) < 0 and source.find("]", start, end) < 0:
        return False
    wanted = "".join(label.split())
    if _more_than(len(wanted)).match(source, start, end) is not None:  # more: stop early
        return False
    return _SPACES_AND_MARKS.sub("", source[start:end]) == wanted


def _ends(paragraph: tuple[int, int], holder: tuple[int, int]) -> bool:
    """Whether a paragraph at level `paragraph` ends a set held at level `holder`."""
    return paragraph[0] < holder[0] or (paragraph[0] == holder[0] and paragraph[1] <= holder[1])


@dataclass(slots=True)
class _Open:
    """A set still open: its indentation (None until an option without a paragraph label
    sets it, for a set opened after one: `2. Option 1:`), the indentation of the paragraph
    it opened on, its key kind, its parent's level and label, and its options so far."""

    indent: int | None
    base: int
    kind: str
    holder: tuple[int, int]
    label: str | None
    options: list[list[int | str]] = field(default_factory=list)
    # each option: [line, start, label_start, label_end, last_line, end, label]

    def takes(self, indent: int) -> bool:
        """Whether an option at `indent` stands where this set's options stand."""
        return indent == self.indent if self.indent is not None else indent >= self.base


@dataclass(slots=True)
class OptionSets:
    """Builds the draft's option sets from its paragraphs, fed in order."""

    source: str
    #: where labelled alternatives' texts start (`[Option A: …] [Option B: …]`): no options
    alternatives: frozenset[int] = frozenset()
    sets: list[OptionSet] = field(default_factory=list)
    _stack: list[_Open] = field(default_factory=list)
    #: the last labelled paragraph or heading that opens no option: a parent for a set
    _holder: tuple[int, int, str | None] | None = None
    _blank: bool = False  # the paragraph before was blank

    def add(self, line: int, start: int, end: int, label: str | None) -> None:
        """Read one paragraph (`source[start:end]`, its label)."""
        source = self.source
        opening = option_opening(source, start, end)
        if opening is not None and opening.label_start in self.alternatives:
            opening = None
        if opening is None:
            if label is not None and _bare(source, start, end, label):
                label = None  # removed by every resolution that removes its marks
            if label is not None or source.startswith("#", start, end):
                self._holder = (start, end, label)
            if self._stack:
                self._continue(line, start, end, label)
            return
        self._option(line, start, end, opening)
        self._blank = False

    def _continue(self, line: int, start: int, end: int, label: str | None) -> None:
        """A paragraph opening no option: it ends the sets it is at the level of (or, after
        a blank line, is indented less than), and the options still open run through it."""
        source = self.source
        text = source[start:end]
        if not text.strip():
            self._blank = True
            return
        found = level(source, start, end, label)
        if found is not None:
            while self._stack and _ends(found, self._stack[-1].holder):
                self._close()
        if self._blank:
            indent = _indent(text)
            while self._stack and indent < (self._stack[-1].indent or self._stack[-1].base):
                self._close()
        self._blank = False
        for open_set in self._stack:
            option = open_set.options[-1]
            option[4], option[5] = line, end

    def _option(self, line: int, start: int, end: int, opening: OptionOpening) -> None:
        source = self.source
        indent = _indent(source[start : opening.start])
        kind, first = _key(opening.text)
        own = level(source, start, end, opening.label) if opening.label is not None else None
        if own is not None:
            while self._stack and _ends(own, self._stack[-1].holder):
                self._close()
        while (
            self._stack
            and not self._stack[-1].takes(indent)
            and (indent < (self._stack[-1].indent or self._stack[-1].base + 1))
        ):
            self._close()
        top = self._stack[-1] if self._stack else None
        target: _Open | None = None
        if top is not None and opening.label is None:
            # A nested set opens with a first key: "Option 2" indented a little more than
            # "Option 1" is still the next option (Markdown forgives an indent of 3 or 4).
            deeper = top.indent is not None and indent > top.indent
            if not first and (top.takes(indent) or deeper):
                target = top
            elif first and top.takes(indent) and kind == top.kind:
                self._close()  # "Option 1" again: a new set beside this one
        if target is None:
            target = self._open(indent, kind, own, opening)
        elif target.indent is None:
            target.indent = indent
        for open_set in self._stack:
            if open_set is not target and open_set.options:
                previous = open_set.options[-1]
                previous[4], previous[5] = line, end
        target.options.append(
            [line, opening.start, opening.label_start, opening.label_end, line, end, opening.text]
        )

    def _open(
        self, indent: int, kind: str, own: tuple[int, int] | None, opening: OptionOpening
    ) -> _Open:
        """A new set, held by the paragraph it opens on (`Pp12 Option 1:`), else by the option
        it stands in, else by the last labelled paragraph or heading above it."""
        source = self.source
        label: str | None
        if own is not None:
            holder, label = own, opening.label
        elif self._stack:
            holder, label = (indent, -100), self._stack[-1].label
        elif self._holder is not None:
            h_start, h_end, label = self._holder
            holder = level(source, h_start, h_end, label) or _TOP
        else:
            holder, label = _TOP, None
        opened = _Open(None if own is not None else indent, indent, kind, holder, label)
        self._stack.append(opened)
        return opened

    def _close(self) -> None:
        open_set = self._stack.pop()
        set_line = int(open_set.options[0][0])
        options = tuple(
            Option(
                set_line,
                number,
                int(o[0]),
                int(o[4]),
                int(o[1]),
                int(o[2]),
                int(o[3]),
                int(o[5]),
                str(o[6]),
            )
            for number, o in enumerate(open_set.options, 1)
        )
        self.sets.append(OptionSet(set_line, options, open_set.label))

    def finish(self) -> tuple[OptionSet, ...]:
        """The sets, in the order they open, once every paragraph was read."""
        while self._stack:
            self._close()
        return tuple(sorted(self.sets, key=lambda s: s.line))
