"""The edit script and its CriticMarkup form.

An edit script is a list of operations that turns OLD into NEW. Each one carries its text
and its place in both versions, so a writer (CriticMarkup, HTML, Word) needs nothing else.

CriticMarkup: `{++ins++}`, `{--del--}`, `{~~old~>new~~}`. The drafts themselves may hold
those delimiters (`{++`, `++}`, `{--`, `--}`, `{~~`, `~~}`, `~>`). So that such a text never
breaks the markup, a backslash is added inside each delimiter-like sequence of the text
(`{++` is written `{\\++`, `++}` is written `++\\}`, `~>` is written `~\\>`), and a sequence
already written with backslashes there gets one more (`{\\++` becomes `{\\\\++`). Reading
removes exactly one. A text without such sequences is written as it is, so ordinary drafts
give plain CriticMarkup; `apply_criticmarkup` reverses ours exactly, in both directions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

from ..errors import CriticMarkupError, Diagnostic
from .diff import Run

Kind: TypeAlias = Literal["equal", "insert", "delete"]


@dataclass(frozen=True, slots=True)
class Op:
    """One step of the edit script, with its offsets in OLD and in NEW.

    `equal`: old[old_start:old_end] == new[new_start:new_end] == text. `delete`: text is
    old[old_start:old_end] and new_start == new_end is where it was. `insert`: text is
    new[new_start:new_end] and old_start == old_end is where it goes. In a replacement the
    deletion comes first.
    """

    kind: Kind
    text: str
    old_start: int
    old_end: int
    new_start: int
    new_end: int

    def as_json(self) -> dict[str, object]:
        return {
            "op": self.kind,
            "text": self.text,
            "old": [self.old_start, self.old_end],
            "new": [self.new_start, self.new_end],
        }


def build_script(old: str, new: str, runs: Iterable[Run]) -> tuple[Op, ...]:
    """The edit script from the unchanged stretches: what lies between them is changed."""
    ops: list[Op] = []
    o = n = 0

    def change(o_end: int, n_end: int) -> None:
        if o_end > o:
            ops.append(Op("delete", old[o:o_end], o, o_end, n, n))
        if n_end > n:
            ops.append(Op("insert", new[n:n_end], o_end, o_end, n, n_end))

    for run_o, run_n, size in runs:
        change(run_o, run_n)
        ops.append(Op("equal", old[run_o : run_o + size], run_o, run_o + size, run_n, run_n + size))
        o, n = run_o + size, run_n + size
    change(len(old), len(new))
    return tuple(ops)


# -- CriticMarkup ---------------------------------------------------------------------------

_PAIR = r"(?:\+\+|--|~~)"
#: Where a backslash goes in text that could read as a delimiter (k >= 0 backslashes there).
_ESCAPE = re.compile(rf"\{{(?=\\*{_PAIR})|{_PAIR}\\*(?=\}})|~(?=\\*>)")
#: The same places in written text, holding at least one backslash (one is removed).
_UNESCAPE = re.compile(rf"\{{\\(?=\\*{_PAIR})|{_PAIR}\\*\\(?=\}})|~\\(?=\\*>)")
_OPEN = re.compile(r"\{(\+\+|--|~~)")


def escape(text: str) -> str:
    """Text as written inside or outside CriticMarkup: delimiter-like sequences get a `\\`."""
    if "{" not in text and "}" not in text and "~" not in text:
        return text
    # Each match ends where the backslash goes: after "{", before "}", after "~".
    return _ESCAPE.sub(lambda match: match.group() + "\\", text)


def unescape(text: str) -> str:
    """The inverse of `escape`."""
    if "\\" not in text:
        return text
    return _UNESCAPE.sub(lambda match: match.group()[:-1], text)


def to_criticmarkup(script: Sequence[Op]) -> str:
    """The edit script as CriticMarkup; a deletion followed by an insertion is `{~~ ~> ~~}`."""
    parts: list[str] = []
    index = 0
    while index < len(script):
        op = script[index]
        if op.kind == "equal":
            parts.append(escape(op.text))
        elif op.kind == "insert":
            parts.append(f"{{++{escape(op.text)}++}}")
        elif index + 1 < len(script) and script[index + 1].kind == "insert":
            parts.append(f"{{~~{escape(op.text)}~>{escape(script[index + 1].text)}~~}}")
            index += 1
        else:
            parts.append(f"{{--{escape(op.text)}--}}")
        index += 1
    return "".join(parts)


def apply_criticmarkup(markup: str, forwards: bool = True) -> str:
    """NEW (forwards: accept every change) or OLD (backwards: reject every change).

    Reads the markup `to_criticmarkup` writes, escapes included. Highlights and comments
    (`{==`, `{>>`) are not changes and are left as text.
    """
    out: list[str] = []
    position = 0
    while True:
        found = _OPEN.search(markup, position)
        if found is None:
            out.append(unescape(markup[position:]))
            return "".join(out)
        out.append(unescape(markup[position : found.start()]))
        kind = found.group(1)
        start = found.end()
        if kind == "~~":
            middle = markup.find("~>", start)
            end = markup.find("~~}", middle + 2) if middle >= 0 else -1
            if end < 0:
                raise _unclosed(markup, found.start())
            kept = markup[middle + 2 : end] if forwards else markup[start:middle]
        else:
            end = markup.find(kind + "}", start)
            if end < 0:
                raise _unclosed(markup, found.start())
            kept = markup[start:end] if (kind == "++") == forwards else ""
        out.append(unescape(kept))
        position = end + 3


def _unclosed(markup: str, offset: int) -> CriticMarkupError:
    line = markup.count("\n", 0, offset) + 1
    column = offset - (markup.rfind("\n", 0, offset) + 1) + 1
    message = "CriticMarkup change opened here is never closed"
    diagnostic = Diagnostic("error", message, line, column, None, "criticmarkup", offset)
    return CriticMarkupError((diagnostic,), f"{line}:{column}: {message}")
