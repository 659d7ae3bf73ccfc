"""Each bracket of OLD followed to NEW by its text, and every edit to agreed text.

A bracket of OLD is the bracket of NEW that receives most of its own characters (those
not inside a bracket nested in it) through the edit script: at any line, after
renumbering, after its paragraph moved or its set of alternatives was reordered. Place
only breaks ties. The outcome is read on the text (`identity.landing`):

- `dropped`: more of its text is gone than survives (with its passage, or because another
  alternative of its set was kept: `detail` says which);
- `agreed`: more of what survives is outside every bracket of NEW than in any one bracket;
- `open`: it is in a bracket of NEW, `reworded` when its text changed (`detail`: old → new);
- `merged`: another bracket of OLD gave more text to the same bracket of NEW (that row's
  `merged_from` names both); `split`: a bracket of NEW holding mostly text of a bracket of
  OLD already followed elsewhere (that row's `split_into` names both);
- `new`: a bracket of NEW whose text was in no bracket of OLD, `reopened` when that text
  was agreed text (outside every bracket) in OLD.

A bracket holding only brackets (a set of alternatives) follows its options: agreed when
one of them was agreed, open with the set of NEW that holds its options, dropped when all
of them went.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from ..model import Alternatives, Bracket, Draft, Paragraph
from ..positions import spellings
from .identity import (
    OUTSIDE,
    Landing,
    Segments,
    Step,
    alternative_sets,
    is_container,
    landing,
    segments,
    steps,
)
from .script import Op

Outcome: TypeAlias = Literal[
    "agreed", "dropped", "open", "reworded", "new", "reopened", "split", "merged"
]
Stance: TypeAlias = Literal["supports", "objects", "reserves"]
#: Outcomes whose bracket is still in NEW.
STILL_OPEN = ("open", "reworded")
_WORDS = 200  # characters of a rewording kept for `detail`
#: A change of numbers only (a paragraph renumbered inside its bracket) is no rewording.
_NUMBER = re.compile(r"[\d.\s—…]*")


@dataclass(frozen=True, slots=True)
class Position:
    delegation: str
    position: Stance

    def as_json(self) -> dict[str, str]:
        return {"delegation": self.delegation, "position": self.position}


@dataclass(frozen=True, slots=True)
class BracketChange:
    """One bracket followed from OLD to NEW (`old`/`new` are its ids there, or None).

    `text` is read from the version's source when asked (never copied: nesting 40,000
    deep must not cost 40,000 copies). `standing` are the positions held on a bracket
    that was settled (agreed, dropped): nobody withdrew them, the outcome answered them.
    """

    old: str | None
    new: str | None
    outcome: Outcome
    source: str = field(repr=False, compare=False)
    text_start: int
    text_end: int
    old_line: int | None
    new_line: int | None
    label: str | None
    added: tuple[Position, ...] = ()
    withdrawn: tuple[Position, ...] = ()
    #: The paragraph label in OLD (`label` is the one in NEW when the bracket is still there).
    old_label: str | None = None
    detail: str = ""
    split_into: tuple[str, ...] = ()
    merged_from: tuple[str, ...] = ()
    standing: tuple[Position, ...] = ()

    @property
    def text(self) -> str:
        return self.source[self.text_start : self.text_end]

    def head_and_tail(self, width: int) -> str:
        """At most about 2 × `width` characters of the text: its start and its end."""
        if self.text_end - self.text_start <= 2 * width:
            return self.text
        middle = " … "
        head = self.source[self.text_start : self.text_start + width]
        return head + middle + self.source[self.text_end - width : self.text_end]

    def as_json(self, whole: bool = True) -> dict[str, object]:
        """The row as JSON; `whole=False` shortens a long text in the middle (see
        `whole_texts`)."""
        data: dict[str, object] = {
            "old": self.old,
            "new": self.new,
            "outcome": self.outcome,
            "text": self.text if whole else self.head_and_tail(SHORTENED),
            "old_line": self.old_line,
            "new_line": self.new_line,
            "label": self.label,
            "added": [p.as_json() for p in self.added],
            "withdrawn": [p.as_json() for p in self.withdrawn],
            "detail": self.detail,
        }
        if self.standing:
            data["standing"] = [p.as_json() for p in self.standing]
        if self.split_into:
            data["split_into"] = list(self.split_into)
        if self.merged_from:
            data["merged_from"] = list(self.merged_from)
        return data


#: Characters kept at each end of a text shortened for JSON (`whole_texts`).
SHORTENED = 200


def whole_texts(spans: Sequence[tuple[str, int, int]]) -> set[int]:
    """Which rows' texts JSON gives whole: the shortest first, while the texts together stay
    under four times the size of the versions (plus 1 MB); the others are shortened in the
    middle. Real drafts stay far under it; 40,000 brackets nested in one another, each
    holding the next, would otherwise make a JSON of 40,000 ever longer copies."""
    sizes = {id(source): len(source) for source, _, _ in spans}
    budget = 4 * sum(sizes.values()) + 1_000_000
    whole: set[int] = set()
    for k in sorted(range(len(spans)), key=lambda k: spans[k][2] - spans[k][1]):
        size = spans[k][2] - spans[k][1]
        if size > 2 * SHORTENED and size > budget:
            break
        budget -= size
        whole.add(k)
    return whole


@dataclass(frozen=True, slots=True)
class AgreedTextEdit:
    """A change to text outside every bracket in both versions: what everyone had agreed."""

    old: str
    new: str
    old_line: int
    new_line: int
    label: str | None

    def as_json(self) -> dict[str, object]:
        return {
            "old": self.old,
            "new": self.new,
            "old_line": self.old_line,
            "new_line": self.new_line,
            "label": self.label,
        }


@dataclass(frozen=True, slots=True)
class Followed:
    """The bracket rows (in NEW's order) and the agreed-text edits (in text order)."""

    brackets: tuple[BracketChange, ...]
    agreed_text_edits: tuple[AgreedTextEdit, ...]
    #: Old bracket number -> new bracket number, for the brackets still open.
    same: dict[int, int]


@dataclass(slots=True)
class _Fate:
    outcome: Outcome
    target: int = 0  # the NEW bracket number, 0 when none
    detail: str = ""


def follow(old: Draft, new: Draft, script: Sequence[Op]) -> Followed:
    """Every bracket of OLD followed to NEW, the new ones, and the agreed-text edits."""
    old_seg, new_seg = segments(old), segments(new)
    forward = steps(script, old.source, new.source)
    backward = steps(script, old.source, new.source, reverse=True)
    out_of_old = landing(old_seg, new_seg, forward)
    into_new = landing(new_seg, old_seg, backward)
    fates = _old_fates(old, new, out_of_old)
    claims: dict[int, list[int]] = {}
    for number in sorted(fates):
        fate = fates[number]
        if fate.outcome in STILL_OPEN:
            claims.setdefault(fate.target, []).append(number)
    same: dict[int, int] = {}
    merged_from: dict[int, tuple[str, ...]] = {}
    for target, numbers in claims.items():
        ranked = sorted(numbers, key=lambda n: -_share(out_of_old.get(n), target))
        same[ranked[0]] = target
        if len(numbers) > 1:
            merged_from[target] = tuple(f"b{n}" for n in numbers)
            for other in ranked[1:]:
                fates[other] = _Fate("merged", target, f"merged into b{target}")
    _name_dropped(old, fates)
    taken = set(same.values())
    split_into: dict[int, list[int]] = {}
    new_fates: dict[int, _Fate] = {}
    for nb in new.brackets:
        if nb.number not in taken:
            fate = _new_fate(nb, into_new.get(nb.number), same, new)
            new_fates[nb.number] = fate
            if fate.outcome == "split":
                split_into.setdefault(fate.target, [same[fate.target]]).append(nb.number)
    shown = {**spellings(old), **spellings(new)}  # NEW's spelling of a delegation wins
    rows = _rows(
        old, new, fates, new_fates, same, merged_from, split_into, out_of_old, into_new, shown
    )
    edits = _agreed_text_edits(old, new, old_seg, new_seg, forward)
    return Followed(rows, edits, same)


def _share(land: Landing | None, target: int) -> int:
    return land.places.get(target, 0) if land else 0


def _old_fates(old: Draft, new: Draft, out: dict[int, Landing]) -> dict[int, _Fate]:
    """The outcome of every bracket of OLD, inner brackets first (a set follows its options)."""
    fates: dict[int, _Fate] = {}
    new_parent = {b.number: b.parent_number for b in new.brackets}
    for ob in reversed(old.brackets):
        if is_container(ob):
            fates[ob.number] = _container_fate(ob, fates, new_parent)
            continue
        land = out.get(ob.number) or Landing()
        inside = {p: n for p, n in land.places.items() if p > 0}
        outside = land.places.get(OUTSIDE, 0)
        surviving = outside + sum(inside.values())
        if land.own == 0 or land.gone > surviving or not surviving:
            fates[ob.number] = _Fate("dropped")
            continue
        best = max(inside.items(), key=lambda item: (item[1], -item[0]), default=(0, 0))
        if outside > best[1]:
            fates[ob.number] = _Fate("agreed")
            continue
        fates[ob.number] = _Fate("reworded" if land.changed else "open", best[0])
    return fates


def _container_fate(ob: Bracket, fates: dict[int, _Fate], new_parent: dict[int, int]) -> _Fate:
    """A bracket holding only brackets: agreed, open or dropped as its options went."""
    options = [c.number for c in _held(ob)]
    kept = [n for n in options if fates[n].outcome == "agreed"]
    if kept:
        return _Fate("agreed", 0, f"settled on b{kept[0]}")
    still = [fates[n] for n in options if fates[n].outcome in STILL_OPEN]
    if still:
        holder = new_parent.get(still[0].target, 0)
        if holder:
            return _Fate("open", holder)
        return _Fate("merged", still[0].target, f"merged into b{still[0].target}")
    return _Fate("dropped", 0, "every alternative it held was dropped")


def _held(bracket: Bracket) -> list[Bracket]:
    held: list[Bracket] = []
    for child in bracket.items:
        if isinstance(child, Bracket):
            held.append(child)
        elif isinstance(child, Alternatives):
            held.extend(child.options)
    return held


def _name_dropped(old: Draft, fates: dict[int, _Fate]) -> None:
    """Say why each dropped bracket went: another alternative kept, or with its passage."""
    sets = alternative_sets(old)
    for bracket in old.brackets:
        if is_container(bracket):
            held = tuple(b.number for b in _held(bracket))
            for number in held:
                sets.setdefault(number, held)
    for number, fate in fates.items():
        if fate.outcome != "dropped" or fate.detail:
            continue
        kept = [
            n
            for n in sets.get(number, ())
            if n != number and fates[n].outcome in ("agreed", "open", "reworded", "merged")
        ]
        fate.detail = (
            f"another alternative of its set was kept: b{kept[0]}"
            if kept
            else "removed with its passage"
        )


def _new_fate(nb: Bracket, land: Landing | None, same: dict[int, int], new: Draft) -> _Fate:
    """A bracket of NEW followed from no bracket of OLD: split, reopened or new."""
    if land is None or not land.places:
        return _Fate("new")
    outside = land.places.get(OUTSIDE, 0)
    inside = {p: n for p, n in land.places.items() if p > 0}
    best = max(inside.items(), key=lambda item: (item[1], -item[0]), default=(0, 0))
    inserted = land.gone
    if best[1] > outside and best[1] >= inserted and best[0] in same:
        return _Fate("split", best[0], f"split from b{best[0]}")
    if outside > best[1] and outside >= inserted:
        return _Fate("reopened", 0, "text agreed in the old version is bracketed again")
    return _Fate("new")


def _rows(
    old: Draft,
    new: Draft,
    fates: dict[int, _Fate],
    new_fates: dict[int, _Fate],
    same: dict[int, int],
    merged_from: dict[int, tuple[str, ...]],
    split_into: dict[int, list[int]],
    out_of_old: dict[int, Landing],
    into_new: dict[int, Landing],
    shown: Mapping[str, str],
) -> tuple[BracketChange, ...]:
    """The rows, in the order of NEW (a bracket that went sits where its text was);
    delegations named as the drafts name them (`shown`, by canonical code)."""
    keyed: list[tuple[int, int, BracketChange]] = []
    for ob in old.brackets:
        fate = fates[ob.number]
        old_line = old.locate(ob.start)[0]
        old_label = old.paragraphs[old_line - 1].label
        land = out_of_old.get(ob.number)
        if ob.number in same:
            nb = new.brackets[same[ob.number] - 1]
            new_line = new.locate(nb.start)[0]
            before, after = _positions(ob, shown), _positions(nb, shown)
            detail, outcome = fate.detail, fate.outcome
            if outcome == "reworded":
                before_words = _pieces(old.source, land)
                after_words = _pieces(new.source, into_new.get(nb.number))
                detail = f"{before_words} → {after_words}"
                if before_words == after_words:
                    outcome, detail = "open", ""  # only spaces and line breaks changed
                elif _NUMBER.fullmatch(before_words) and _NUMBER.fullmatch(after_words):
                    outcome, detail = "open", f"renumbered {detail}"
            row = BracketChange(
                ob.id, nb.id, outcome, new.source, nb.inner_start, nb.inner_end,
                old_line, new_line, new.paragraphs[new_line - 1].label,
                tuple(p for p in after if p not in before),
                tuple(p for p in before if p not in after),
                old_label, detail,
                tuple(f"b{n}" for n in split_into.get(ob.number, ())),
                merged_from.get(nb.number, ()),
            )  # fmt: skip
            keyed.append((nb.start, ob.start, row))
            continue
        place = land.first if land and land.first is not None else _near(old, new, ob)
        row = BracketChange(
            ob.id, None, fate.outcome, old.source, ob.inner_start, ob.inner_end,
            old_line, None, old_label, (), (), old_label, fate.detail,
            standing=_positions(ob, shown),
        )  # fmt: skip
        keyed.append((place, ob.start, row))
    for number, fate in new_fates.items():
        nb = new.brackets[number - 1]
        line = new.locate(nb.start)[0]
        row = BracketChange(
            None, nb.id, fate.outcome, new.source, nb.inner_start, nb.inner_end,
            None, line, new.paragraphs[line - 1].label, _positions(nb, shown), (), None,
            fate.detail,
        )  # fmt: skip
        keyed.append((nb.start, -1, row))
    keyed.sort(key=lambda item: (item[0], item[1]))
    return tuple(row for _, _, row in keyed)


def _near(old: Draft, new: Draft, ob: Bracket) -> int:
    """A place in NEW for a bracket none of whose text landed: proportional to OLD's."""
    if not old.source:
        return 0
    return ob.start * len(new.source) // len(old.source)


def _pieces(source: str, land: Landing | None) -> str:
    """The changed stretches of a bracket's text, spaces collapsed (about 200 characters)."""
    if land is None:
        return "…"
    words: list[str] = []
    size = 0
    for start, end in land.edits:
        piece = " ".join(source[start : min(end, start + _WORDS)].split())
        if piece:
            words.append(piece)
            size += len(piece)
        if size >= _WORDS:
            words.append("…")
            break
    return " … ".join(words) if words else "—"


def _positions(bracket: Bracket | Paragraph, shown: Mapping[str, str]) -> tuple[Position, ...]:
    return (
        *(_position(shown.get(code, code), "supports") for code in bracket.supporters),
        *(_position(shown.get(code, code), "objects") for code in bracket.objectors),
        *(_position(shown.get(code, code), "reserves") for code in bracket.reservations),
    )


@functools.cache
def _position(code: str, stance: Stance) -> Position:
    return Position(code, stance)


def positions(bracket: Bracket | Paragraph, shown: Mapping[str, str]) -> tuple[Position, ...]:
    """The positions held on a bracket or a paragraph, supports first, each delegation named
    as `shown` says (canonical code -> the drafts' spelling, `positions.spellings`)."""
    return _positions(bracket, shown)


# -- agreed text ----------------------------------------------------------------------------


def _agreed_text_edits(
    old: Draft, new: Draft, old_seg: Segments, new_seg: Segments, path: Sequence[Step]
) -> tuple[AgreedTextEdit, ...]:
    """Every change whose text is outside every bracket in OLD and in NEW (numbers alone
    changing, a paragraph renumbered, are left to the paragraph changes; text that moved
    or was only rewrapped is no edit)."""
    moved = sorted((step.c, step.d) for step in path if step.kind == "move")
    groups: list[tuple[list[tuple[int, int]], int, int]] = []  # old pieces, new start, end
    for step in path:
        if step.kind in ("equal", "move"):
            continue
        if groups and (groups[-1][1], groups[-1][2]) == (step.c, step.d) and step.c < step.d:
            groups[-1][0].append((step.a, step.b))
        else:
            groups.append(([(step.a, step.b)], step.c, step.d))
    edits: list[AgreedTextEdit] = []
    i = j = 0
    for pieces, c, d in groups:
        kept = _outside_moves(moved, c, d)
        old_text = "".join(old.source[a:b] for a, b in pieces)
        new_text = "".join(new.source[x:y] for x, y in kept)
        if not old_text.strip() and not new_text.strip():
            continue
        if _NUMBER.fullmatch(old_text) and _NUMBER.fullmatch(new_text):
            continue  # a paragraph renumbered: reported with the paragraphs
        if old_text.split() == new_text.split():
            continue  # only spaces and line breaks: the text was rewrapped, not edited
        agreed = True
        for a, b in pieces:
            outside, i = _all_outside(old_seg, old.source, i, a, b)
            agreed = agreed and outside
        for x, y in kept:
            outside, j = _all_outside(new_seg, new.source, j, x, y)
            agreed = agreed and outside
        if agreed:
            old_line = old.locate(pieces[0][0])[0]
            new_line = new.locate(kept[0][0] if kept else c)[0]
            paragraph = new.paragraphs[new_line - 1] if new_text.strip() else None
            label = paragraph.label if paragraph else old.paragraphs[old_line - 1].label
            edits.append(AgreedTextEdit(old_text, new_text, old_line, new_line, label))
    return tuple(edits)


def _outside_moves(moved: list[tuple[int, int]], c: int, d: int) -> list[tuple[int, int]]:
    """The stretches of [c, d) that are not the arrival of moved text."""
    kept: list[tuple[int, int]] = []
    k = max(bisect_right(moved, (c, c)) - 1, 0)
    at = c
    while k < len(moved) and moved[k][0] < d:
        x, y = moved[k]
        if y > at:
            if x > at:
                kept.append((at, min(x, d)))
            at = max(at, y)
        k += 1
    if at < d:
        kept.append((at, d))
    return kept


def _all_outside(seg: Segments, source: str, i: int, a: int, b: int) -> tuple[bool, int]:
    """Whether every visible character of source[a:b] is outside every bracket."""
    n = len(seg.starts)
    while i + 1 < n and seg.starts[i + 1] <= a:
        i += 1
    k = i
    while k < n and seg.starts[k] < b:
        if seg.places[k] != OUTSIDE:
            x = max(seg.starts[k], a)
            y = min(seg.starts[k + 1] if k + 1 < n else seg.end, b)
            if source[x:y].strip():
                return False, i
        k += 1
    return True, i
