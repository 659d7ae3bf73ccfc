"""What a writer asks the XML layer to do to a copy of a Word source: plain data, no XML.

A writer computes a plan from the Draft (or its Resolution) and the source map; `ooxml.edit`
applies it to the package in one pass, then the package is saved. Every coordinate is one of
`sourcemap`'s: a `Place` (paragraph), a `NodeSpan` (characters of a text node), a `Point`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..model import Draft, Option
from .sourcemap import NodeSpan, Place, Point

Action = Literal["keep", "drop", "ins", "del"]


@dataclass(frozen=True, slots=True)
class CleanPlan:
    """Delete characters; join paragraphs whose break went; remove paragraphs left empty.

    The tracked changes of `parts` are settled first, the way the draft read them.
    """

    track_changes: str
    parts: frozenset[str]
    deletions: tuple[NodeSpan, ...]
    joins: frozenset[Place]  # the paragraph break after each of these went
    touched: frozenset[Place]  # something of these went: removed if nothing is left
    #: Auto-numbered paragraphs of the body: the label the clean text shows (None: its label
    #: went), which the copy keeps whatever Word would renumber.
    labels: tuple[tuple[Place, str | None], ...] = ()
    #: (altern paragraph, removed paragraph): a `Naltern.` typed by hand that the clean text
    #: shows as `N.` takes the removed auto-numbered `N.`'s place in its list.
    promotions: tuple[tuple[Place, Place], ...] = ()
    #: Word authors read as editors (`authors.normalise_author`): in "brackets" mode their tracked
    #: changes are accepted when the copy's revisions are settled, as the reader read them.
    editors: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Segment:
    """What becomes of characters of a text node: kept, dropped, inserted or deleted by
    `author`. The segments of one node cover all its characters, from 0."""

    span: NodeSpan
    action: Action
    author: str


@dataclass(frozen=True, slots=True)
class Mark:
    """A paragraph mark tracked as inserted or deleted."""

    place: Place
    kind: Literal["ins", "del"]
    author: str


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment by `author` on the range [start, end); both points are segment edges."""

    author: str
    text: str
    start: Point
    end: Point


@dataclass(frozen=True, slots=True)
class RedlinePlan:
    """Turn characters of a source into tracked changes and comments, dated `date`."""

    track_changes: str
    parts: frozenset[str]
    date: str
    segments: tuple[Segment, ...]
    marks: tuple[Mark, ...]
    joins: frozenset[Place]
    comments: tuple[Comment, ...]
    #: Word authors read as editors (`authors.normalise_author`): in "brackets" mode their tracked
    #: changes are accepted when the copy's revisions are settled, as the reader read them.
    editors: frozenset[str] = frozenset()
    #: Paragraphs Reject All removes whole (text and mark inserted): the auto-numbers after
    #: them keep their values (numbers are references), as in the clean copy.
    removed: frozenset[Place] = frozenset()


@dataclass(frozen=True, slots=True)
class Look:
    """How the visible markup shows characters: bold, in a colour (hex RRGGBB), or both."""

    bold: bool
    color: str | None = None


@dataclass(frozen=True, slots=True)
class Restyle:
    """Characters of a text node shown with `look` (on top of their own formatting)."""

    span: NodeSpan
    look: Look


@dataclass(frozen=True, slots=True)
class Addition:
    """Text the document does not hold (markup the reader made of tracked changes and
    comments), written in paragraph `place` before character `at.offset` of node `at.node`
    (an offset equal to the node's length: after it), or at the paragraph's end (`at` None).
    Additions at one point are written in their order."""

    place: Place
    at: Point | None
    text: str
    look: Look | None


@dataclass(frozen=True, slots=True)
class VisiblePlan:
    """The visible markup of a Word draft: its text as read, brackets and groups included,
    each delegation's attributions in its own colour."""

    track_changes: str
    parts: frozenset[str]
    restyles: tuple[Restyle, ...]
    additions: tuple[Addition, ...]
    #: Word authors read as editors (`authors.normalise_author`): in "brackets" mode their tracked
    #: changes are accepted when the copy's revisions are settled, as the reader read them.
    editors: frozenset[str] = frozenset()


# -- comment texts a redline writes and a reader can read back ----------------------------------

_ALTERNATIVE = re.compile(r"alternative (\d+) of (\d+)(?:: (.*))?\Z", re.DOTALL)


def alternative_comment(k: int, n: int, quoted: str = "") -> str:
    """The comment that names alternative `k` of `n`. A later alternative is not in the body
    of a redline (Accept All gives the first): its comment, on the alternative shown, quotes it
    as written, its brackets, nested brackets and groups included (`alternative 2 of 3:
    [should] (+X)`). The quotation keeps the brackets because without them it is ambiguous:
    `should [now] (-CHN) (+X)` may be `[should [now] (-CHN)] (+X)` or `[should [now]] (-CHN)
    (+X)`."""
    return f"alternative {k} of {n}: {quoted}" if quoted else f"alternative {k} of {n}"


def read_alternative_comment(text: str) -> tuple[int, int, str] | None:
    """(k, n, quoted text) of an `alternative_comment`, None for any other comment; a reader
    puts the quotation right after the bracket the comment is on to get the set back.

    >>> read_alternative_comment("alternative 2 of 3: [should] (+X)")
    (2, 3, '[should] (+X)')
    """
    match = _ALTERNATIVE.match(text.strip())
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2)), match.group(3) or ""


# -- comparison of two versions (brackets compare) -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Deletion:
    """Text of the old version deleted at a place of the new one: before character `at.offset`
    of a text node, or at the end of paragraph `place` when `at` is None. Each "\\n" of `text`
    is a deleted paragraph break: the paragraph is split there, the first half's mark deleted."""

    place: Place
    at: Point | None
    text: str
    author: str


@dataclass(frozen=True, slots=True)
class ComparisonPlan:
    """Turn a copy of the new version into the redline against the old one, dated `date`:
    inserted characters (`Segment`s with action "ins"), deleted text put back (`Deletion`s),
    inserted paragraph marks (`Mark`s of kind "ins")."""

    track_changes: str
    parts: frozenset[str]
    date: str
    insertions: tuple[Segment, ...]
    deletions: tuple[Deletion, ...]
    marks: tuple[Mark, ...]


def resolved_option_sets(
    draft: Draft, kept: frozenset[str]
) -> list[tuple[Option, tuple[Option, ...]]]:
    """The sets of options a resolution resolves (`kept`: its `Resolution.kept`): the survivor
    of each and the options it drops, in source order; sets inside a dropped option are not
    listed (they are in its text). The redline quotes the dropped ones on the survivor."""
    found: list[tuple[Option, tuple[Option, ...]]] = []
    end = -1
    for option_set in draft.option_sets:
        if option_set.start < end:
            continue
        options = option_set.options
        shown = next((o for o in options if o.id in kept), None)
        if shown is None or len(options) < 2:
            continue
        found.append((shown, tuple(o for o in options if o is not shown)))
        end = max(end, option_set.end)
    return found
