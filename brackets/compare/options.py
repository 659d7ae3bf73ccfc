"""What became of each set of options (NOTATION 3a) between two versions of a draft.

A set is still open when at least two of its options still open with their label in the new
version; otherwise the option whose text is mostly still there won, and a set with no such
option was removed. The edit script's unchanged stretches say what is still there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeAlias

from ..model import Draft

OptionOutcome: TypeAlias = Literal["open", "resolved", "removed"]
#: The share of an option's text that must be unchanged in the new version for it to have won.
_WON = 0.5


@dataclass(frozen=True, slots=True)
class OptionSetChange:
    """A set of options of the old version (`o12`, with its paragraph label) and what became of
    it: still open, resolved (`winner` names the option kept, e.g. `o12.2`), or removed."""

    set_id: str
    line: int
    label: str | None
    options: tuple[str, ...]
    outcome: OptionOutcome
    winner: str | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.set_id,
            "line": self.line,
            "label": self.label,
            "options": list(self.options),
            "outcome": self.outcome,
            "winner": self.winner,
        }


def option_changes(
    old: Draft,
    new: Draft,
    exact: Callable[[int], int | None],
    unchanged: Callable[[int, int], int],
) -> tuple[OptionSetChange, ...]:
    """The outcome of every set of several options of `old` in `new`; `exact` maps an unchanged
    old offset to the new one (None when changed), `unchanged` counts the unchanged characters
    of an old span."""
    labels = {option.label_start for option in new.options}
    found: list[OptionSetChange] = []
    for option_set in old.option_sets:
        options = option_set.options
        if len(options) < 2:
            continue
        ids = tuple(o.id for o in options)
        still = sum(1 for o in options if exact(o.label_start) in labels)
        if still >= 2:
            line, label = option_set.line, option_set.label
            found.append(OptionSetChange(option_set.id, line, label, ids, "open"))
            continue
        share = [
            (unchanged(o.label_end, o.end) / max(o.end - o.label_end, 1), o) for o in options
        ]
        best, option = max(share, key=lambda pair: pair[0])
        outcome: OptionOutcome = "resolved" if best >= _WON else "removed"
        winner = option.id if outcome == "resolved" else None
        found.append(
            OptionSetChange(option_set.id, option_set.line, option_set.label, ids, outcome, winner)
        )
    return tuple(found)
