"""The life of a negotiation across its versions: every bracket from opening to outcome.

`history([v1, ..., vn])` compares each version with the next (`brackets.compare`) and
chains the identity of the summary (`compare/follow.py`: a bracket is the bracket of the
next version that receives most of its text). Each row of the history is one bracket
through the versions (`ids[k]`: its id in version k+1, or None); every bracket of every
version is in exactly one row at its version. Per version, the figures of `brackets
stats`; per delegation, its trajectory: what it held, added, withdrew, and whether its
position prevailed when a bracket was settled.

>>> import brackets
>>> h = brackets.history(["Adopt [this] (-CHN) text;", "Adopt [this] (-CHN, +IND) text;",
...                       "Adopt this text;"])
>>> [(row.id, row.ids, row.outcome) for row in h.brackets]
[('h1', ('b1', 'b1', None), 'agreed')]
>>> [(e.version, e.event, e.delegation) for e in h.brackets[0].events]
[(1, 'held', 'CHN'), (2, 'added', 'IND'), (3, 'agreed', None)]
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeAlias

from .codes import parse
from .compare import compare
from .compare.follow import (
    SHORTENED,
    STILL_OPEN,
    BracketChange,
    Stance,
    positions,
    whole_texts,
)
from .inputs import read
from .model import Draft
from .stats import draft_stats

__all__ = ["History", "HistoryEvent", "HistoryRow", "Trajectory", "VersionFigures", "history"]

Version: TypeAlias = "Draft | str | os.PathLike[str]"
EventKind: TypeAlias = Literal[
    "held", "opened", "reopened", "split", "added", "withdrew", "reworded", "merged",
    "agreed", "dropped",
]  # fmt: skip
#: A one-line string ending so is a path, even when the file is missing (then an error).
_SUFFIXES = (".txt", ".md", ".docx")
MoveKind: TypeAlias = Literal["held", "opened", "added", "withdrew", "prevailed", "gave way"]


@dataclass(frozen=True, slots=True)
class VersionFigures:
    """The figures of one version, as `brackets stats` counts them, and the delegations
    holding a position on a bracket still open (keeping text open)."""

    index: int
    path: str
    brackets: int
    alternative_sets: int
    words: int
    words_in_brackets: int
    delegations: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "index": self.index,
            "path": self.path,
            "brackets": self.brackets,
            "alternative_sets": self.alternative_sets,
            "words": self.words,
            "words_in_brackets": self.words_in_brackets,
        }


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    """Something that happened to a bracket in a version (1-based)."""

    version: int
    event: EventKind
    delegation: str | None = None
    position: Stance | None = None
    detail: str = ""

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {"version": self.version, "event": self.event}
        if self.delegation is not None:
            data["delegation"] = self.delegation
        if self.position is not None:
            data["position"] = self.position
        if self.detail:
            data["detail"] = self.detail
        return data


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One bracket through the versions. `text` is its text in the last version it is in,
    read from that version's source when asked (never copied)."""

    id: str
    source: str = field(repr=False, compare=False)
    text_start: int
    text_end: int
    ids: tuple[str | None, ...]
    outcome: str
    events: tuple[HistoryEvent, ...]

    @property
    def text(self) -> str:
        return self.source[self.text_start : self.text_end]

    def as_json(self, whole: bool = True) -> dict[str, object]:
        text = self.text
        if not whole:
            head = self.source[self.text_start : self.text_start + SHORTENED]
            text = head + " … " + self.source[self.text_end - SHORTENED : self.text_end]
        return {
            "id": self.id,
            "text": text,
            "ids": list(self.ids),
            "outcome": self.outcome,
            "events": [e.as_json() for e in self.events],
        }


@dataclass(frozen=True, slots=True)
class Trajectory:
    """One step of a delegation's trajectory."""

    version: int
    bracket: str
    event: MoveKind
    position: Stance | None = None

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "version": self.version,
            "bracket": self.bracket,
            "event": self.event,
        }
        if self.position is not None:
            data["position"] = self.position
        return data


@dataclass(frozen=True, slots=True)
class History:
    """The negotiation's history, plain data: `brackets.report.render(history, FORMAT)` gives
    "text", "json", "md" or "html"."""

    versions: tuple[VersionFigures, ...]
    brackets: tuple[HistoryRow, ...]
    delegations: dict[str, tuple[Trajectory, ...]]

    def as_json(self) -> dict[str, object]:
        """The history as JSON (a long text may be shortened: `compare.follow.whole_texts`)."""
        whole = whole_texts([(r.source, r.text_start, r.text_end) for r in self.brackets])
        return {
            "versions": [v.as_json() for v in self.versions],
            "brackets": [row.as_json(k in whole) for k, row in enumerate(self.brackets)],
            "delegations": {
                code: [step.as_json() for step in steps]
                for code, steps in sorted(self.delegations.items())
            },
        }


def history(versions: Sequence[Version]) -> History:
    """The history of a negotiation from its versions, oldest first (at least one).

    A version is a `Draft`, a path (`os.PathLike`, or a one-line `str` naming an existing
    file or ending in .txt, .md or .docx: text or Word, read leniently like `compare`; a
    missing file is an `InputError`), or the text of a draft (any other `str`).
    """
    drafts = [_draft(version, k) for k, version in enumerate(versions, 1)]
    if not drafts:
        raise ValueError("history needs at least one version")
    chain = _Chain(len(drafts))
    chain.start(drafts[0])
    for k in range(1, len(drafts)):
        summary = compare(drafts[k - 1], drafts[k]).summary()
        chain.step(k, drafts[k], summary.brackets)
    figures = tuple(_figures(k, draft) for k, draft in enumerate(drafts, 1))
    return History(figures, chain.rows(drafts), chain.trajectories())


def _draft(version: Version, index: int) -> Draft:
    """A version as a draft: kept, read from its file, or parsed from its text."""
    if isinstance(version, Draft):
        return version
    if isinstance(version, os.PathLike) or (
        "\n" not in version
        and len(version) < 4096
        and (version.lower().endswith(_SUFFIXES) or Path(version).is_file())
    ):
        return read(version, lenient=True)
    return parse(version, lenient=True)


def _figures(index: int, draft: Draft) -> VersionFigures:
    stats = draft_stats(draft)
    holding = {code for b in draft.brackets for code in (*b.supporters, *b.objectors)}
    holding.update(code for b in draft.brackets for code in b.reservations)
    return VersionFigures(
        index,
        draft.path or f"<version {index}>",
        stats.brackets,
        stats.alternative_sets,
        stats.words,
        stats.words_in_brackets,
        tuple(sorted(holding)),
    )


class _Chain:
    """The rows being built: bracket number in the current version -> row."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.ids: list[list[str | None]] = []
        self.events: list[list[HistoryEvent]] = []
        self.outcomes: list[str] = []
        self.last: list[tuple[int, int]] = []  # (version index, bracket number) last seen
        self.current: dict[int, int] = {}
        self.moves: dict[str, list[Trajectory]] = {}

    def _row(self, version: int, number: int) -> int:
        row = len(self.ids)
        ids: list[str | None] = [None] * self.count
        ids[version] = f"b{number}"
        self.ids.append(ids)
        self.events.append([])
        self.outcomes.append("open")
        self.last.append((version, number))
        return row

    def _event(self, row: int, event: HistoryEvent) -> None:
        self.events[row].append(event)
        if event.delegation is not None and event.event in ("held", "opened", "added", "withdrew"):
            move: MoveKind = event.event
            self.moves.setdefault(event.delegation, []).append(
                Trajectory(event.version, f"h{row + 1}", move, event.position)
            )

    def start(self, draft: Draft) -> None:
        for bracket in draft.brackets:
            row = self._row(0, bracket.number)
            self.current[bracket.number] = row
            for p in positions(bracket):
                self._event(row, HistoryEvent(1, "held", p.delegation, p.position))

    def step(self, k: int, draft: Draft, changes: Sequence[BracketChange]) -> None:
        """Version k (0-based) compared with the one before: continue, settle or open rows."""
        version = k + 1
        following: dict[int, int] = {}
        for change in changes:
            if change.old is None:
                self._opened(k, change, following)
                continue
            row = self.current[int(change.old[1:])]
            if change.outcome in STILL_OPEN and change.new is not None:
                number = int(change.new[1:])
                self.ids[row][k] = change.new
                self.last[row] = (k, number)
                following[number] = row
                if change.outcome == "reworded":
                    self._event(row, HistoryEvent(version, "reworded", detail=change.detail))
                if change.merged_from:
                    merged = ", ".join(change.merged_from)
                    self._event(row, HistoryEvent(version, "merged", detail=f"from {merged}"))
                for p in change.added:
                    self._event(row, HistoryEvent(version, "added", p.delegation, p.position))
                for p in change.withdrawn:
                    self._event(row, HistoryEvent(version, "withdrew", p.delegation, p.position))
                continue
            self._settle(row, version, change)
        self.current = following

    def _opened(self, k: int, change: BracketChange, following: dict[int, int]) -> None:
        assert change.new is not None
        number = int(change.new[1:])
        row = self._row(k, number)
        following[number] = row
        event: EventKind = "opened"
        if change.outcome in ("reopened", "split"):
            event = change.outcome
        self._event(row, HistoryEvent(k + 1, event, detail=change.detail))
        for p in change.added:
            self._event(row, HistoryEvent(k + 1, "opened", p.delegation, p.position))

    def _settle(self, row: int, version: int, change: BracketChange) -> None:
        outcome = change.outcome
        event: EventKind = "merged" if outcome == "merged" else outcome  # type: ignore[assignment]
        self._event(row, HistoryEvent(version, event, detail=change.detail))
        self.outcomes[row] = outcome
        won = {"agreed": "supports", "dropped": "objects"}.get(outcome)
        for p in change.standing:
            result: MoveKind = "prevailed" if p.position == won else "gave way"
            self.moves.setdefault(p.delegation, []).append(
                Trajectory(version, f"h{row + 1}", result, p.position)
            )

    def rows(self, drafts: Sequence[Draft]) -> tuple[HistoryRow, ...]:
        out: list[HistoryRow] = []
        for row, ids in enumerate(self.ids):
            version, number = self.last[row]
            bracket = drafts[version].brackets[number - 1]
            outcome = self.outcomes[row] if ids[-1] is None else "open"
            out.append(
                HistoryRow(
                    f"h{row + 1}",
                    drafts[version].source,
                    bracket.inner_start,
                    bracket.inner_end,
                    tuple(ids),
                    outcome,
                    tuple(self.events[row]),
                )
            )
        return tuple(out)

    def trajectories(self) -> dict[str, tuple[Trajectory, ...]]:
        return {code: tuple(steps) for code, steps in sorted(self.moves.items())}
