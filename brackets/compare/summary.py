"""What changed in the negotiation: brackets, positions, agreed text and paragraphs.

Brackets are followed by their text (`follow.py`): a bracket of OLD is the bracket of NEW
that receives most of its text through the edit script; its outcome (agreed, dropped,
open, reworded, merged, split, new, reopened) says where that text is in NEW. Every
change to text outside every bracket in both versions is an agreed-text edit.

Positions (`supports`, `objects`, `reserves`) are compared on brackets still open: added
and withdrawn. On a bracket settled (agreed or dropped) nobody withdrew anything: the
positions held are reported with the outcome (`standing`; a delegation's `settled`).

Paragraphs are paired through the edit script (the NEW line that receives most of an OLD
line's unchanged text), then by identical text for moved ones.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Literal, TypeAlias

from ..model import Draft, Paragraph
from ..positions import spellings
from .follow import (
    AgreedTextEdit,
    BracketChange,
    Outcome,
    Position,
    Stance,
    follow,
    positions,
    whole_texts,
)
from .options import OptionSetChange, option_changes
from .script import Op

ParagraphChangeKind: TypeAlias = Literal["removed", "added", "renumbered", "promoted", "moved"]

_ALTERN = re.compile(r"(\d+(?:\.\d+)*)[ \t]?altern\.?$")

__all__ = [
    "AgreedTextEdit",
    "BracketChange",
    "DelegationChanges",
    "Move",
    "Outcome",
    "ParagraphChange",
    "Position",
    "Stance",
    "Summary",
    "summarize",
]


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
    """A delegation's moves: withdrawn and added on open brackets; `settled`: the positions
    it held on brackets agreed or dropped (prevailed or not, by the outcome)."""

    withdrew: tuple[Move, ...] = ()
    added: tuple[Move, ...] = ()
    settled: tuple[Move, ...] = ()


@dataclass(frozen=True, slots=True)
class Summary:
    """The negotiation summary, plain data: `as_json()` for machines; `brackets.report` renders
    it as sentences (`summary_text`) or JSON text (`summary_json`)."""

    brackets: tuple[BracketChange, ...]
    paragraphs: tuple[ParagraphChange, ...]
    delegations: dict[str, DelegationChanges] = field(default_factory=dict)
    agreed_text_edits: tuple[AgreedTextEdit, ...] = ()
    #: What became of each set of options of the old version (NOTATION 3a).
    options: tuple[OptionSetChange, ...] = ()

    def count(self, outcome: Outcome) -> int:
        return sum(1 for b in self.brackets if b.outcome == outcome)

    def as_json(self) -> dict[str, object]:
        """The summary as JSON (a long text may be shortened: `follow.whole_texts`)."""
        whole = whole_texts([(b.source, b.text_start, b.text_end) for b in self.brackets])
        return {
            "agreed_text_edits": [e.as_json() for e in self.agreed_text_edits],
            "brackets": [b.as_json(k in whole) for k, b in enumerate(self.brackets)],
            "paragraphs": [p.as_json() for p in self.paragraphs],
            "delegations": {
                code: {
                    "withdrew": [m.as_json() for m in changes.withdrew],
                    "added": [m.as_json() for m in changes.added],
                    "settled": [m.as_json() for m in changes.settled],
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
    followed = follow(old, new, script)
    mapping = _Map(script)
    paragraphs, paragraph_pairs = _paragraph_changes(old, new, mapping)
    shown = {**spellings(old), **spellings(new)}  # NEW's spelling of a delegation wins
    stances = [*followed.brackets, *_paragraphpositions(old, new, paragraph_pairs, shown)]
    options = option_changes(old, new, mapping.exact, mapping.unchanged)
    return Summary(
        followed.brackets,
        paragraphs,
        _by_delegation(stances),
        followed.agreed_text_edits,
        options,
    )


def _by_delegation(brackets: Sequence[BracketChange]) -> dict[str, DelegationChanges]:
    """Per delegation: positions withdrawn and added on open brackets, and the positions
    it held on brackets that were settled (agreed or dropped)."""
    withdrew: dict[str, list[Move]] = {}
    added: dict[str, list[Move]] = {}
    settled: dict[str, list[Move]] = {}
    for change in brackets:
        for position in change.withdrawn:
            withdrew.setdefault(position.delegation, []).append(
                _move(position, change, change.old_line, change.old_label)
            )
        for position in change.added:
            added.setdefault(position.delegation, []).append(
                _move(position, change, change.new_line, change.label)
            )
        for position in change.standing:
            settled.setdefault(position.delegation, []).append(
                _move(position, change, change.old_line, change.old_label)
            )
    return {
        code: DelegationChanges(
            tuple(withdrew.get(code, ())), tuple(added.get(code, ())), tuple(settled.get(code, ()))
        )
        for code in sorted({*withdrew, *added, *settled})
    }


def _move(position: Position, change: BracketChange, line: int | None, label: str | None) -> Move:
    return Move(position.position, change.old, change.new, change.outcome, line, label)


# -- paragraphs -------------------------------------------------------------------------------


def _paragraphpositions(
    old: Draft, new: Draft, pairs: dict[int, int], shown: Mapping[str, str]
) -> list[BracketChange]:
    """Positions on whole paragraphs (`pN`), followed like brackets' through the pairing."""
    changes: list[BracketChange] = []
    paired_new = set(pairs.values())
    for po in old.paragraphs:
        pn = new.paragraph(pairs[po.line]) if po.line in pairs else None
        if not po.groups and not (pn and pn.groups):
            continue
        before = positions(po, shown)
        if pn is not None:
            after = positions(pn, shown)
            changes.append(
                BracketChange(
                    po.id,
                    pn.id,
                    "open",
                    "",
                    0,
                    0,
                    po.line,
                    pn.line,
                    pn.label,
                    added=tuple(p for p in after if p not in before),
                    withdrawn=tuple(p for p in before if p not in after),
                    old_label=po.label,
                )
            )
        else:
            changes.append(
                BracketChange(
                    po.id,
                    None,
                    "dropped",
                    "",
                    0,
                    0,
                    po.line,
                    None,
                    None,
                    old_label=po.label,
                    standing=before,
                )
            )
    for pn in new.paragraphs:
        if pn.groups and pn.line not in paired_new:
            changes.append(
                BracketChange(
                    None, pn.id, "new", "", 0, 0, None, pn.line, pn.label,
                    added=positions(pn, shown),
                )
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
