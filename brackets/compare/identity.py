"""Where a bracket's text went: the ground under the summary and the history.

Every character of a draft has a place: inside its innermost bracket (the bracket's
number), outside every bracket (0), or in the brackets' own marks and the positions'
groups (-1, ignored: a `[` removed is not text removed). `segments(draft)` cuts a draft
into stretches of one place each, in one sweep.

`landing(src, dst, steps)` follows the characters of SRC through the edit script (as
`Step`s from SRC to DST): an unchanged character lands where it is in DST; a replaced one
lands, proportionally, in the text that replaced it (what a shorter replacement cannot
hold is gone); a deleted one is gone. For every place
of SRC it counts, per place of DST, how many characters landed there. Both sweeps go
forwards only (the edit script keeps order), so the whole is linear in the number of
stretches and steps, whatever the nesting: brackets are keyed by number and offsets, never
by copies of their text.

Identity works on brackets and sets of alternatives as the model gives them, whatever
made them (the grammar's options): nothing here reads the notation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from ..model import Alternatives, Bracket, Draft, Group
from .script import Op

#: The place of a character: a bracket's number, 0 outside every bracket, -1 ignored.
OUTSIDE = 0
IGNORED = -1

StepKind: TypeAlias = Literal["equal", "replace", "delete", "insert", "move"]


@dataclass(frozen=True, slots=True)
class Segments:
    """A draft cut into stretches of one place: stretch k is [starts[k], starts[k+1])."""

    starts: list[int]
    places: list[int]
    end: int


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the edit script seen from SRC: src[a:b] became dst[c:d]."""

    kind: StepKind
    a: int
    b: int
    c: int
    d: int


@dataclass(slots=True)
class Landing:
    """Where the characters of one place of SRC went."""

    own: int = 0
    gone: int = 0
    changed: int = 0
    places: dict[int, int] = field(default_factory=dict)
    #: Offsets of SRC changed (replaced or deleted) inside this place, as (start, end).
    edits: list[tuple[int, int]] = field(default_factory=list)
    #: Where in DST its first character landed (None while none did).
    first: int | None = None


def segments(draft: Draft) -> Segments:
    """The draft's stretches of one place each (innermost bracket, outside, ignored)."""
    events: list[tuple[int, int, int]] = []
    marks: list[tuple[int, int]] = []
    for bracket in draft.brackets:
        events.append((bracket.start, 1, bracket.number))
        events.append((bracket.end, 0, bracket.number))
        marks.append((bracket.start, bracket.start + 1))
        marks.append((bracket.end - 1, bracket.end))
        marks.extend((g.start, g.end) for g in bracket.groups)
        marks.extend((g.start, g.end) for g in bracket.items if isinstance(g, Group))
    marks.extend((g.start, g.end) for g in draft.items if isinstance(g, Group))
    for paragraph in draft.paragraphs:
        marks.extend((g.start, g.end) for g in paragraph.groups)
    events.sort()
    marks.sort()
    base: list[tuple[int, int, int]] = []
    stack: list[int] = []
    at = 0
    for offset, opens, number in events:
        if offset > at:
            base.append((at, offset, stack[-1] if stack else OUTSIDE))
            at = offset
        if opens:
            stack.append(number)
        elif stack:
            stack.pop()
    end = len(draft.source)
    if end > at:
        base.append((at, end, OUTSIDE))
    return _overlay(base, marks, end)


def _overlay(base: list[tuple[int, int, int]], marks: list[tuple[int, int]], end: int) -> Segments:
    """The base stretches with the marks cut out as IGNORED; neighbours of one place joined."""
    starts: list[int] = []
    places: list[int] = []

    def put(start: int, place: int) -> None:
        if places and places[-1] == place:
            return
        if starts and starts[-1] == start:
            places[-1] = place
            if len(places) > 1 and places[-2] == place:
                starts.pop()
                places.pop()
            return
        starts.append(start)
        places.append(place)

    m = 0
    for start, stop, place in base:
        at = start
        while at < stop:
            while m < len(marks) and marks[m][1] <= at:
                m += 1
            if m < len(marks) and marks[m][0] <= at:
                cut = min(marks[m][1], stop)
                put(at, IGNORED)
            else:
                cut = min(marks[m][0], stop) if m < len(marks) else stop
                put(at, place)
            at = cut
    if not starts:
        starts, places = [0], [OUTSIDE]
    return Segments(starts, places, end)


def steps(script: Sequence[Op], old: str, new: str, reverse: bool = False) -> list[Step]:
    """The edit script as steps from OLD to NEW, or from NEW to OLD (`reverse`).

    Words deleted in one place and inserted, the same, in another (a paragraph moved, a
    passage carried into another article) are a `move` step: that text did not go, it
    went elsewhere.
    """
    out: list[Step] = []
    k = 0
    while k < len(script):
        op = script[k]
        if op.kind == "equal":
            out.append(Step("equal", op.old_start, op.old_end, op.new_start, op.new_end))
        elif op.kind == "delete" and k + 1 < len(script) and script[k + 1].kind == "insert":
            ins = script[k + 1]
            out.append(Step("replace", op.old_start, op.old_end, ins.new_start, ins.new_end))
            k += 1
        elif op.kind == "delete":
            out.append(Step("delete", op.old_start, op.old_end, op.new_start, op.new_start))
        else:
            out.append(Step("insert", op.old_start, op.old_start, op.new_start, op.new_end))
        k += 1
    moves = _moves(old, new, out)
    if reverse:
        flip: dict[StepKind, StepKind] = {
            "equal": "equal",
            "replace": "replace",
            "delete": "insert",
            "insert": "delete",
            "move": "move",
        }
        out = [Step(flip[s.kind], s.c, s.d, s.a, s.b) for s in out]
        moves = sorted((c, d, a, b) for a, b, c, d in moves)
    return _cut(out, moves) if moves else out


_WORD = re.compile(r"\w+")
#: Words in a row that make a move: fewer are too common to say the text went there.
_GRAM = 5


def _moves(old: str, new: str, path: list[Step]) -> list[tuple[int, int, int, int]]:
    """Text deleted in one place and inserted the same elsewhere, at least `_GRAM` words:
    (old start, old end, new start, new end), in OLD's order. Runs of words seen once
    among the insertions are anchors; each is extended as far as the words agree."""
    added = _words(new, path, ("insert", "replace"), reverse=False)
    if len(added) < _GRAM:
        return []
    index: dict[tuple[str, ...], int] = {}
    for k in range(len(added) - _GRAM + 1):
        if added[k][2] == added[k + _GRAM - 1][2]:
            key = tuple(new[s:e] for s, e, _ in added[k : k + _GRAM])
            index[key] = -1 if key in index else k
    removed = _words(old, path, ("delete", "replace"), reverse=True)
    used = bytearray(len(added))
    found: list[tuple[int, int, int, int]] = []
    i = 0
    while i + _GRAM <= len(removed):
        j = -1
        if removed[i][2] == removed[i + _GRAM - 1][2]:
            j = index.get(tuple(old[s:e] for s, e, _ in removed[i : i + _GRAM]), -1)
        if j < 0 or used[j] or used[j + _GRAM - 1]:
            i += 1
            continue
        size = _GRAM
        while (
            i + size < len(removed)
            and j + size < len(added)
            and removed[i + size][2] == removed[i][2]
            and added[j + size][2] == added[j][2]
            and not used[j + size]
            and old[removed[i + size][0] : removed[i + size][1]]
            == new[added[j + size][0] : added[j + size][1]]
        ):
            size += 1
        used[j : j + size] = b"\x01" * size
        found.append((removed[i][0], removed[i + size - 1][1], added[j][0], added[j + size - 1][1]))
        i += size
    return found


def _words(
    text: str, path: list[Step], kinds: tuple[StepKind, ...], reverse: bool
) -> list[tuple[int, int, int]]:
    """The words of the changed stretches of one side: (start, end, step index)."""
    words: list[tuple[int, int, int]] = []
    for k, step in enumerate(path):
        if step.kind in kinds:
            start, end = (step.a, step.b) if reverse else (step.c, step.d)
            words.extend((m.start(), m.end(), k) for m in _WORD.finditer(text, start, end))
    return words


def _cut(path: list[Step], moves: list[tuple[int, int, int, int]]) -> list[Step]:
    """The steps with the moved stretches of SRC cut out of them as `move` steps."""
    out: list[Step] = []
    m = 0
    for step in path:
        if step.kind in ("equal", "insert"):
            out.append(step)
            continue
        at = step.a
        while m < len(moves) and moves[m][0] < step.b:
            a, b, c, d = moves[m]
            m += 1
            if a < at or b > step.b:
                continue
            if a > at:
                out.append(Step(step.kind, at, a, step.c, step.d))
            out.append(Step("move", a, b, c, d))
            at = b
        if at < step.b:
            out.append(Step(step.kind, at, step.b, step.c, step.d))
    return out


def landing(src: Segments, dst: Segments, path: Sequence[Step]) -> dict[int, Landing]:
    """For every place of SRC (brackets and OUTSIDE), where its characters went in DST."""
    result: dict[int, Landing] = {}
    i = j = 0
    src_n = len(src.starts)
    for step in path:
        if step.kind == "insert" or step.a == step.b:
            continue
        while i + 1 < src_n and src.starts[i + 1] <= step.a:
            i += 1
        k = i
        while k < src_n and src.starts[k] < step.b:
            x = max(src.starts[k], step.a)
            y = min(src.starts[k + 1] if k + 1 < src_n else src.end, step.b)
            place = src.places[k]
            k += 1
            if place == IGNORED or y <= x:
                continue
            land = result.get(place)
            if land is None:
                land = result[place] = Landing()
            land.own += y - x
            if step.kind == "delete":
                land.gone += y - x
                land.changed += y - x
                land.edits.append((x, y))
                continue
            if step.kind == "move":
                span, width = step.b - step.a, step.d - step.c
                c = step.c + (x - step.a) * width // span
                d = step.c + (y - step.a) * width // span
                if land.first is None:
                    land.first = c
                start = max(bisect_right(dst.starts, c) - 1, 0)
                _credit(dst, start, c, d, land.places)
                continue
            if step.kind == "equal":
                c, d = step.c + x - step.a, step.c + y - step.a
            else:
                span, width = step.b - step.a, step.d - step.c
                c = step.c + (x - step.a) * width // span
                d = step.c + (y - step.a) * width // span
                land.changed += y - x
                land.edits.append((x, y))
                # Replaced by shorter text: the difference is gone (a passage replaced by
                # a number did not survive in that number).
                land.gone += max(0, (y - x) - (d - c))
                if d <= c:
                    continue
            if land.first is None:
                land.first = c
            j = _credit(dst, j, c, d, land.places)
        i = max(k - 1, i)
    return result


def _credit(dst: Segments, j: int, c: int, d: int, places: dict[int, int]) -> int:
    """Add dst[c:d] to the counts of the places it covers; the stretch index to resume at."""
    n = len(dst.starts)
    while j + 1 < n and dst.starts[j + 1] <= c:
        j += 1
    k = j
    while k < n and dst.starts[k] < d:
        x = max(dst.starts[k], c)
        y = min(dst.starts[k + 1] if k + 1 < n else dst.end, d)
        place = dst.places[k]
        if place != IGNORED and y > x:
            places[place] = places.get(place, 0) + y - x
        k += 1
    return j


def is_container(bracket: Bracket) -> bool:
    """A bracket with no words of its own: it only holds brackets (a set of alternatives)."""
    holds = False
    for child in bracket.children:
        if isinstance(child, (Bracket, Alternatives)):
            holds = True
        elif not isinstance(child, Group) and child.text.strip(" \t\r\n,;.:"):
            return False
    return holds


def alternative_sets(draft: Draft) -> dict[int, tuple[int, ...]]:
    """Bracket number -> the numbers of every option of its set of alternatives."""
    sets: dict[int, tuple[int, ...]] = {}
    holders: list[Sequence[object]] = [draft.items, *(b.items for b in draft.brackets)]
    for nodes in holders:
        for node in nodes:
            if isinstance(node, Alternatives):
                numbers = tuple(option.number for option in node.options)
                for number in numbers:
                    sets[number] = numbers
    return sets
