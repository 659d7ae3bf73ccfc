"""What a writer asks the XML layer to do to a copy of a Word source: plain data, no XML.

A writer computes a plan from the Draft (or its Resolution) and the source map; `ooxml.edit`
applies it to the package in one pass, then the package is saved. Every coordinate is one of
`sourcemap`'s: a `Place` (paragraph), a `NodeSpan` (characters of a text node), a `Point`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
