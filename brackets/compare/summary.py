"""What changed in the negotiation: brackets, positions and paragraphs between two versions.

Brackets are matched by place, then by text, never by number (`bN` shifts as brackets come
and go): a bracket whose `[` is unchanged in the edit script and lands on a `[` of NEW is
the same bracket; one left over is paired with a left-over bracket of NEW holding the same
text (the nearest one), then with one that overlaps its place at the same depth. A bracket
of OLD still unpaired is `agreed` when at least half of its own text (outside the brackets
nested in it) is unchanged in NEW, or, having no text of its own, when a bracket inside it
survived; `dropped` otherwise. One of NEW unpaired is `new`.

Positions (`supports`, `objects`, `reserves`) are compared per pair. A new bracket's
positions are all added. When a bracket goes, the positions that gave way are withdrawn:
objections and reservations when it is agreed, support and reservations when it is
dropped (the objectors of a dropped bracket and the supporters of an agreed one had their
way, and withdrew nothing).

Paragraphs are paired through the edit script (the NEW line that receives most of an OLD
line's unchanged text), then by identical text for moved ones.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Literal, TypeAlias

from ..model import Alternatives, Bracket, Draft, Paragraph, Text, fast_constructor
from .options import OptionSetChange, option_changes
from .script import Op

Outcome: TypeAlias = Literal["agreed", "dropped", "open", "new"]
Stance: TypeAlias = Literal["supports", "objects", "reserves"]
ParagraphChangeKind: TypeAlias = Literal["removed", "added", "renumbered", "promoted", "moved"]

_ALTERN = re.compile(r"(\d+(?:\.\d+)*)[ \t]?altern\.?$")


@dataclass(frozen=True, slots=True)
class Position:
    delegation: str
    position: Stance

    def as_json(self) -> dict[str, str]:
        return {"delegation": self.delegation, "position": self.position}


@dataclass(frozen=True, slots=True)
class BracketChange:
    """One bracket followed from OLD to NEW (`old`/`new` are its ids there, or None)."""

    old: str | None
    new: str | None
    outcome: Outcome
    text: str
    old_line: int | None
    new_line: int | None
    label: str | None
    added: tuple[Position, ...] = ()
    withdrawn: tuple[Position, ...] = ()
    #: The paragraph label in OLD (`label` is the one in NEW when the bracket is still there).
    old_label: str | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "old": self.old,
            "new": self.new,
            "outcome": self.outcome,
            "text": self.text,
            "old_line": self.old_line,
            "new_line": self.new_line,
            "label": self.label,
            "added": [p.as_json() for p in self.added],
            "withdrawn": [p.as_json() for p in self.withdrawn],
        }


@dataclass(frozen=True, slots=True)
class ParagraphChange:
    """A paragraph removed, added, moved, renumbered (`12.` → `11.`) or promoted (`Naltern.`)."""

    change: ParagraphChangeKind
    old_line: int | None
    new_line: int | None
    old_label: str | None
    new_label: str | None
    text: str

    def as_json(self) -> dict[str, object]:
        return {
            "change": self.change,
            "old_line": self.old_line,
            "new_line": self.new_line,
            "old_label": self.old_label,
            "new_label": self.new_label,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Move:
    """A position a delegation added or withdrew, on a bracket."""

    position: Stance
    old: str | None
    new: str | None
    outcome: Outcome
    line: int | None
    label: str | None

    def as_json(self) -> dict[str, object]:
        return {
            "position": self.position,
            "old": self.old,
            "new": self.new,
            "outcome": self.outcome,
            "line": self.line,
            "label": self.label,
        }


@dataclass(frozen=True, slots=True)
class DelegationChanges:
    withdrew: tuple[Move, ...] = ()
    added: tuple[Move, ...] = ()


@dataclass(frozen=True, slots=True)
class Summary:
    """The negotiation summary, plain data: `as_json()` for machines; `brackets.report` renders
    it as sentences (`summary_text`) or JSON text (`summary_json`)."""

    brackets: tuple[BracketChange, ...]
    paragraphs: tuple[ParagraphChange, ...]
    delegations: dict[str, DelegationChanges] = field(default_factory=dict)
    #: What became of each set of options of the old version (NOTATION 3a).
    options: tuple[OptionSetChange, ...] = ()

    def count(self, outcome: Outcome) -> int:
        return sum(1 for b in self.brackets if b.outcome == outcome)

    def as_json(self) -> dict[str, object]:
        return {
            "brackets": [b.as_json() for b in self.brackets],
            "paragraphs": [p.as_json() for p in self.paragraphs],
            "delegations": {
                code: {
                    "withdrew": [m.as_json() for m in changes.withdrew],
                    "added": [m.as_json() for m in changes.added],
                }
                for code, changes in sorted(self.delegations.items())
            },
            **({"option_sets": [o.as_json() for o in self.options]} if self.options else {}),
        }


# -- following offsets through the edit script ----------------------------------------------


class _Map:
    """Old offsets to new offsets through the unchanged stretches of an edit script."""

    def __init__(self, script: Sequence[Op]) -> None:
        equal = [op for op in script if op.kind == "equal"]
        self.starts = [op.old_start for op in script]
        self.ops = list(script)
        self.equal_starts = [op.old_start for op in equal]
        self.equal = equal
        self.equal_before = [0, *accumulate(op.old_end - op.old_start for op in equal)]

    def exact(self, offset: int) -> int | None:
        """Where an unchanged old character is in NEW; None when it was changed."""
        k = bisect_right(self.equal_starts, offset) - 1
        if k >= 0 and offset < self.equal[k].old_end:
            op = self.equal[k]
            return op.new_start + offset - op.old_start
        return None

    def near(self, offset: int) -> int:
        """Where an old offset falls in NEW: its own place, or the change that replaced it."""
        found = self.exact(offset)
        if found is not None:
            return found
        k = bisect_right(self.starts, offset) - 1
        return self.ops[k].new_start if k >= 0 else 0

    def unchanged(self, start: int, end: int) -> int:
        """How many characters of old[start:end] are unchanged."""
        return self._equal_upto(end) - self._equal_upto(start)

    def _equal_upto(self, offset: int) -> int:
        k = bisect_right(self.equal_starts, offset) - 1
        if k < 0:
            return 0
        op = self.equal[k]
        return self.equal_before[k] + min(offset, op.old_end) - op.old_start


# -- brackets ---------------------------------------------------------------------------------


def summarize(old: Draft, new: Draft, script: Sequence[Op]) -> Summary:
    """The negotiation summary of going from `old` to `new` along `script`."""
    mapping = _Map(script)
    pairs = _pair_brackets(old, new, mapping)
    changes: list[tuple[int, int, BracketChange]] = []
    paired_new = set()
    survived: set[int] = set()  # old brackets whose text is still there (open or agreed)
    for ob in reversed(old.brackets):  # inner brackets first
        nb = pairs.get(ob.number)
        if nb is not None:
            paired_new.add(nb.number)
            survived.add(ob.number)
            changes.append((nb.start, ob.start, _open(old, new, ob, nb)))
        else:
            change = _gone(old, ob, mapping, survived)
            if change.outcome == "agreed":
                survived.add(ob.number)
            changes.append((mapping.near(ob.start), ob.start, change))
    for nb in new.brackets:
        if nb.number not in paired_new:
            line = new.locate(nb.start)[0]
            change = BracketChange(
                None,
                nb.id,
                "new",
                _inner(new, nb),
                None,
                line,
                new.paragraphs[line - 1].label,
                added=_positions(nb),
            )
            changes.append((nb.start, -1, change))
    changes.sort(key=lambda item: (item[0], item[1]))
    brackets = tuple(change for _, _, change in changes)
    paragraphs, paragraph_pairs = _paragraph_changes(old, new, mapping)
    stances = [*brackets, *_paragraph_positions(old, new, paragraph_pairs)]
    options = option_changes(old, new, mapping.exact, mapping.unchanged)
    return Summary(brackets, paragraphs, _by_delegation(stances), options)


def _pair_brackets(old: Draft, new: Draft, mapping: _Map) -> dict[int, Bracket]:
    """Old bracket number -> the same bracket in NEW, by place, then text, then overlap."""
    new_at = {b.start: b for b in new.brackets}
    pairs: dict[int, Bracket] = {}
    taken: set[int] = set()
    for ob in old.brackets:
        place = mapping.exact(ob.start)
        nb = new_at.get(place) if place is not None else None
        if nb is not None and nb.number not in taken:
            pairs[ob.number] = nb
            taken.add(nb.number)
    by_text: dict[str, list[int]] = {}  # text -> starts of the free NEW brackets holding it
    for nb in new.brackets:
        if nb.number not in taken:
            by_text.setdefault(_key(new, nb), []).append(nb.start)
    left = [ob for ob in old.brackets if ob.number not in pairs]
    for ob in left:
        starts = by_text.get(_key(old, ob))
        if starts:
            place = mapping.near(ob.start)
            k = bisect_left(starts, place)
            if k == len(starts) or (k and place - starts[k - 1] <= starts[k] - place):
                k -= 1
            nb = new_at[starts.pop(k)]
            pairs[ob.number] = nb
            taken.add(nb.number)
    free = sorted((nb.start, nb.number) for nb in new.brackets if nb.number not in taken)
    free_starts = [start for start, _ in free]
    for ob in left:
        if ob.number in pairs:
            continue
        start, end = mapping.near(ob.start), mapping.near(ob.end - 1) + 1
        first = max(bisect_left(free_starts, start) - 1, 0)
        for k in range(first, bisect_left(free_starts, end)):
            nb = new.brackets[free[k][1] - 1]
            if nb.number not in taken and nb.depth == ob.depth and nb.end > start:
                pairs[ob.number] = nb
                taken.add(nb.number)
                break
    return pairs


def _key(draft: Draft, bracket: Bracket) -> str:
    return " ".join(_inner(draft, bracket).split())


def _inner(draft: Draft, bracket: Bracket) -> str:
    return draft.source[bracket.inner_start : bracket.inner_end]


def _positions(bracket: Bracket | Paragraph) -> tuple[Position, ...]:
    return (
        *(_position(code, "supports") for code in bracket.supporters),
        *(_position(code, "objects") for code in bracket.objectors),
        *(_position(code, "reserves") for code in bracket.reservations),
    )


@functools.cache
def _position(code: str, stance: Stance) -> Position:
    return Position(code, stance)


def _open(old: Draft, new: Draft, ob: Bracket, nb: Bracket) -> BracketChange:
    old_line = old.locate(ob.start)[0]
    new_line = new.locate(nb.start)[0]
    if (ob.supporters, ob.objectors, ob.reservations) == (
        nb.supporters,
        nb.objectors,
        nb.reservations,
    ):
        added: tuple[Position, ...] = ()
        withdrawn: tuple[Position, ...] = ()
    else:
        before, after = _positions(ob), _positions(nb)
        added = tuple(p for p in after if p not in before)
        withdrawn = tuple(p for p in before if p not in after)
    return _change(
        ob.id,
        nb.id,
        "open",
        _inner(new, nb),
        old_line,
        new_line,
        new.paragraphs[new_line - 1].label,
        added,
        withdrawn,
        old.paragraphs[old_line - 1].label,
    )


def _gone(old: Draft, ob: Bracket, mapping: _Map, survived: set[int]) -> BracketChange:
    """A bracket of OLD with no counterpart: agreed if its text stayed, dropped if it went.

    Its own text (outside the brackets nested in it) decides: agreed when at least half of
    it is unchanged. A bracket with no text of its own, such as one holding a set of
    alternatives, is agreed when one of the brackets inside it survived.
    """
    own = kept = 0
    inner: list[int] = []
    for child in ob.children:
        if isinstance(child, Text):
            if child.text.strip():
                own += child.end - child.start
                kept += mapping.unchanged(child.start, child.end)
        elif isinstance(child, Bracket):
            inner.append(child.number)
        elif isinstance(child, Alternatives):
            inner.extend(option.number for option in child.options)
    agreed = 2 * kept >= own if own else any(number in survived for number in inner)
    gave_way = ("objects", "reserves") if agreed else ("supports", "reserves")
    line = old.locate(ob.start)[0]
    label = old.paragraphs[line - 1].label
    return _change(
        ob.id,
        None,
        "agreed" if agreed else "dropped",
        _inner(old, ob),
        line,
        None,
        label,
        (),
        tuple(p for p in _positions(ob) if p.position in gave_way),
        label,
    )


#: BracketChange's constructor without per-field checks: a summary may build 200,000.
_change = fast_constructor(BracketChange)


def _by_delegation(brackets: Sequence[BracketChange]) -> dict[str, DelegationChanges]:
    withdrew: dict[str, list[Move]] = {}
    added: dict[str, list[Move]] = {}
    for change in brackets:
        for position in change.withdrawn:
            withdrew.setdefault(position.delegation, []).append(
                Move(
                    position.position,
                    change.old,
                    change.new,
                    change.outcome,
                    change.old_line,
                    change.old_label,
                )
            )
        for position in change.added:
            added.setdefault(position.delegation, []).append(
                Move(
                    position.position,
                    change.old,
                    change.new,
                    change.outcome,
                    change.new_line,
                    change.label,
                )
            )
    return {
        code: DelegationChanges(tuple(withdrew.get(code, ())), tuple(added.get(code, ())))
        for code in sorted({*withdrew, *added})
    }


# -- paragraphs -------------------------------------------------------------------------------


def _paragraph_positions(old: Draft, new: Draft, pairs: dict[int, int]) -> list[BracketChange]:
    """Positions on whole paragraphs (`pN`), followed like brackets' through the pairing."""
    changes: list[BracketChange] = []
    paired_new = set(pairs.values())
    for po in old.paragraphs:
        pn = new.paragraph(pairs[po.line]) if po.line in pairs else None
        if not po.groups and not (pn and pn.groups):
            continue
        before = _positions(po)
        if pn is not None:
            after = _positions(pn)
            changes.append(
                BracketChange(
                    po.id,
                    pn.id,
                    "open",
                    "",
                    po.line,
                    pn.line,
                    pn.label,
                    added=tuple(p for p in after if p not in before),
                    withdrawn=tuple(p for p in before if p not in after),
                    old_label=po.label,
                )
            )
        else:
            gave_way = ("supports", "reserves")
            changes.append(
                BracketChange(
                    po.id,
                    None,
                    "dropped",
                    "",
                    po.line,
                    None,
                    None,
                    withdrawn=tuple(p for p in before if p.position in gave_way),
                    old_label=po.label,
                )
            )
    for pn in new.paragraphs:
        if pn.groups and pn.line not in paired_new:
            changes.append(
                BracketChange(None, pn.id, "new", "", None, pn.line, pn.label, added=_positions(pn))
            )
    return changes


def _paragraph_changes(
    old: Draft, new: Draft, mapping: _Map
) -> tuple[tuple[ParagraphChange, ...], dict[int, int]]:
    """The paragraph changes, and the pairing old line -> new line (moved ones included)."""
    old_paras = [p for p in old.paragraphs if old.source[p.start : p.end].strip()]
    new_paras = [p for p in new.paragraphs if new.source[p.start : p.end].strip()]
    shared: dict[tuple[int, int], int] = {}
    new_line_starts = new.lines.starts
    for op in mapping.equal:
        _spread(op, old, new_line_starts, shared)
    best_for_old: dict[int, tuple[int, int]] = {}
    best_for_new: dict[int, tuple[int, int]] = {}
    for (o, n), size in shared.items():
        if size > best_for_old.get(o, (0, 0))[0]:
            best_for_old[o] = (size, n)
        if size > best_for_new.get(n, (0, 0))[0]:
            best_for_new[n] = (size, o)
    old_by_line = {p.line: p for p in old_paras}
    new_by_line = {p.line: p for p in new_paras}
    paired: dict[int, int] = {}
    for o, (size, n) in best_for_old.items():
        po, pn = old_by_line.get(o), new_by_line.get(n)
        if po is None or pn is None or best_for_new.get(n, (0, 0))[1] != o:
            continue
        if 2 * size >= min(po.end - po.start, pn.end - pn.start):
            paired[o] = n
    changes: list[tuple[int, int, ParagraphChange]] = []
    paired_new = set(paired.values())
    removed = [p for p in old_paras if p.line not in paired]
    added = [p for p in new_paras if p.line not in paired_new]
    added_by_text: dict[str, list[int]] = {}
    for p in added:
        added_by_text.setdefault(_body(new, p), []).append(p.line)
    moved: dict[int, int] = {}
    for p in removed:
        lines = added_by_text.get(_body(old, p))
        if lines:
            moved[p.line] = lines.pop(0)
    moved_new = set(moved.values())
    for p in removed:
        text = old.source[p.start : p.end]
        if p.line in moved:
            target = new.paragraph(moved[p.line])
            changes.append(
                (
                    target.start,
                    p.start,
                    ParagraphChange("moved", p.line, target.line, p.label, target.label, text),
                )
            )
        else:
            place = mapping.near(p.start)
            changes.append(
                (place, p.start, ParagraphChange("removed", p.line, None, p.label, None, text))
            )
    for p in added:
        if p.line not in moved_new:
            text = new.source[p.start : p.end]
            changes.append(
                (p.start, -1, ParagraphChange("added", None, p.line, None, p.label, text))
            )
    for o, n in paired.items():
        po, pn = old_by_line[o], new_by_line[n]
        if po.label == pn.label or po.label is None or pn.label is None:
            continue
        altern = _ALTERN.match(po.label)
        promoted = altern is not None and pn.label.rstrip(".") == altern.group(1)
        kind: ParagraphChangeKind = "promoted" if promoted else "renumbered"
        text = new.source[pn.start : pn.end]
        change = ParagraphChange(kind, o, n, po.label, pn.label, text)
        changes.append((pn.start, po.start, change))
    changes.sort(key=lambda item: (item[0], item[1]))
    return tuple(change for _, _, change in changes), {**paired, **moved}


def _body(draft: Draft, paragraph: Paragraph) -> str:
    """A paragraph's text without its label, spaces collapsed."""
    text = draft.source[paragraph.start : paragraph.end]
    if paragraph.label:
        at = text.find(paragraph.label)
        if at >= 0:
            text = text[at + len(paragraph.label) :]
    return " ".join(text.split())


def _spread(
    op: Op, old: Draft, new_line_starts: list[int], shared: dict[tuple[int, int], int]
) -> None:
    """Add an unchanged stretch to the (old line, new line) pairs it covers."""
    old_starts = old.lines.starts
    o, n, end = op.old_start, op.new_start, op.old_end
    while o < end:
        old_line = bisect_right(old_starts, o)
        new_line = bisect_right(new_line_starts, n)
        old_limit = old_starts[old_line] if old_line < len(old_starts) else end
        new_limit = new_line_starts[new_line] if new_line < len(new_line_starts) else n + end - o
        step = min(end, old_limit) - o
        step = min(step, new_limit - n)
        if step <= 0:
            step = 1
        key = (old_line, new_line)
        shared[key] = shared.get(key, 0) + step
        o += step
        n += step
