"""Positions typed a way the notation does not read: a pass after parsing (issue 20 §4).

The grammar reads `(+IRAN)`, `(-CHN, -IND)`, `(AZER tcb)`; anything else in parentheses is
text. A delegate who types `[x] (+Iran)`, `(+chn)`, `(CHN: tcb)` or `(+CHN; -IND)` meant a
position, and reading it as text silently drops it. This pass looks at the one parenthesis
that may stand where a group attaches (after a bracket's `]` and its groups, or after a
paragraph's group, past glue) and warns when every entry in it reads as a position: a sign
then a name, or a name then `tcb`, or `tcb` alone, with at least one sign or `tcb`, and
names the registry knows in any case or spelling. The warning gives the group as the notation
writes it (`did you mean (+IRAN)?`). Ordinary parentheses, `(RMT)`, `(a)`, `(Article 2/XX)`,
`(MC/2023/CHAIR/1/Rev.1)`, have no sign and no `tcb`: they stay silent.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .errors import Diagnostic
from .model import Draft

if TYPE_CHECKING:
    from .delegations import Registry

__all__ = ["near_misses", "with_near_misses"]

#: The longest parenthesis looked at: a position group is short; prose is not.
_LONGEST = 120
#: Glue, then the parenthesis where a group would attach.
_GLUE_THEN_PARENTHESIS = re.compile(r"[ \t.,;:]*\(")
#: Separators a delegate may type between entries: the notation's comma and others.
_SEPARATORS = re.compile(r"\s*(?:[,;/&]|\band\b|\bet\b|\by\b)\s*|\s+(?=[+\-\u2212\u2013])")
_SIGNED = re.compile(r"([+\-\u2212\u2013])\s*(.+)\Z", re.S)
_TCB = re.compile(r"(?:(.+?)\s*[:\-\u2013]?\s*)??(t\.?c\.?b\.?)\Z", re.I | re.S)
#: A name as a delegate types it: letters first, then letters, digits, spaces, ".", "-", "'".
_NAME = re.compile(r"[^\W\d_][\w .'\-\u2019]*\Z")


def with_near_misses(draft: Draft, registry: Registry) -> Draft:
    """The draft with a warning for each near-miss group (none: the same draft)."""
    found = list(near_misses(draft, registry))
    if not found:
        return draft
    diagnostics = tuple(sorted((*draft.diagnostics, *found), key=lambda d: (d.line, d.column)))
    return dataclasses.replace(draft, diagnostics=diagnostics)


def near_misses(draft: Draft, registry: Registry) -> Iterator[Diagnostic]:
    """A warning for each parenthesis where a group attaches that reads as positions the
    notation does not read, with the group it means. Linear in the draft: one look per bracket
    and per paragraph group, each bounded by `_LONGEST`."""
    source = draft.source
    ends = [bracket.tail_end for bracket in draft.brackets]
    ends.extend(group.end for p in draft.paragraphs for group in p.groups)
    seen: set[int] = set()
    opening = _GLUE_THEN_PARENTHESIS.match
    for end in ends:
        found = opening(source, end)
        if found is None:
            continue
        start = found.end() - 1
        if start in seen:
            continue
        seen.add(start)
        close = source.find(")", start + 1, start + _LONGEST)
        if close < 0:
            continue
        inner = source[start + 1 : close]
        if any(ch in inner for ch in "()[]\r\n"):
            continue
        fix = _meant(inner, registry)
        if fix is None:
            continue
        line, column = draft.locate(start)
        written = source[start : close + 1]
        yield Diagnostic(
            "warning",
            f"{written} is read as text, not as a position; did you mean {fix}?",
            line,
            column,
            draft.path,
            "near-miss-group",
            start,
            subject=fix,
        )


def _meant(inner: str, registry: Registry) -> str | None:
    """The group the text inside a parenthesis means, or None when it is not positions."""
    whole = _entry(inner.strip(), registry)  # "(+Trinidad and Tobago)" is one entry
    entries = [part for part in _SEPARATORS.split(inner.strip()) if part]
    if whole is not None:
        entries = [inner.strip()]
    if not entries or len(entries) > 12:
        return None
    written = []
    for entry in entries:
        meant = _entry(entry.strip(), registry)
        if meant is None:
            return None
        written.append(meant)
    fix = "(" + ", ".join(written) + ")"
    return None if fix == f"({inner})" else fix


def _entry(entry: str, registry: Registry) -> str | None:
    """One entry as the notation writes it: "+CODE", "-CODE", "CODE tcb", "tcb"; or None."""
    signed = _SIGNED.match(entry)
    if signed is not None:
        sign, name = signed.groups()
        code = _code(name, registry)
        return None if code is None else f"{'+' if sign == '+' else '-'}{code}"
    reserved = _TCB.match(entry)
    if reserved is None:
        return None
    name = reserved.group(1)
    if name is None:
        return "tcb"
    code = _code(name, registry)
    return None if code is None else f"{code} tcb"


def _code(name: str, registry: Registry) -> str | None:
    """The code a typed name means: the registry's, in any case; a single unknown word in
    upper case (an unknown code is reported by the code pass once written as a code)."""
    name = name.strip()
    if not _NAME.match(name):
        return None
    for form in (name, name.upper(), name.title()):
        known = registry.canonical(form)
        if known is not None:
            upper = name.upper()  # "chn" -> CHN, "us" -> US; a name -> its code
            return upper if upper in registry.names or upper == known else known
    if " " in name or len(name) > 12:
        return None
    return re.sub(r"[^\w]", "", name.upper()) or None
