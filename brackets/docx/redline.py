"""The redline of a draft: brackets as tracked changes and positions as comments.

`write_redline` writes the draft as tracked changes: text outside brackets is plain, bracketed
text is a tracked insertion by the innermost bracket's first supporter, and every position
(objection, reservation, extra supporter, alternative) is a comment by its delegation. In Word,
Reject All gives the `agreed` text and Accept All the `all` text: every bracket kept, and of a
set of alternatives the first only (the others are comments quoting them as written). A Word
draft's revisions and positions are written under their Word authors' names.

`_Redline` cuts the draft into segments (a class, an author, a style) and comments, whatever
writes them: a generated document (`ooxml.body.BodyBuilder`, for a text draft) or, for a Word
draft, a `RedlinePlan` in source-map coordinates that `ooxml.edit.apply_redline` carries out
on a copy of the source. `markup="visible"` keeps brackets as coloured text instead (for a
Word draft, a `VisiblePlan` that `ooxml.edit.apply_visible` applies to a copy).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise
from operator import attrgetter, itemgetter, methodcaller

from ..model import Bracket, Draft, Group, fast_constructor, gc_paused
from ..positions import spellings
from ..resolve import Marking, mark_pair
from .authors import NEUTRAL_AUTHOR, sanitise_code
from .emphasis import BOLD, Span, emphasis_spans
from .ooxml.body import (
    DELETED,
    INSERTED,
    KEPT,
    PLAIN,
    SKIP,
    BodyBuilder,
    Piece,
    RunStyle,
    format_date,
)
from .ooxml.package import Package
from .ooxml.revisions import source_authors
from .ooxml.write import docx_bytes
from .plan import (
    Action,
    Addition,
    Comment,
    Look,
    Mark,
    RedlinePlan,
    Restyle,
    Segment,
    VisiblePlan,
    alternative_comment,
    resolved_option_sets,
)
from .sourcemap import Place, Point, SourceMap, TextPiece, source_map

__all__ = [
    "MARKUPS",
    "author_names",
    "everything_kept",
    "redline_plan",
    "visible_plan",
    "write_redline",
]

MARKUPS = ("tracked", "visible")

#: Delegation colours for the visible markup (dark enough to read on white).
_PALETTE = ("C00000", "0070C0", "00B050", "7030A0", "C55A11", "008080", "806000", "BF00BF",
            "2F5597", "548235", "7F7F7F", "FF0066")
#: Class of a source character in the redline: written or not, and how (bit 2: kept by
#: `agreed`, bit 1: kept by `all`); the kinds of the pieces `BodyBuilder.pieces` writes.
_SKIP, _INSERTED, _DELETED, _PLAIN = SKIP, INSERTED, DELETED, KEPT
#: Deleted by `agreed` (2) and by `all` (1) -> the class: kept by `agreed` (2), by `all` (1).
_KEPT_CLASS = bytes([3, 2, 1, 0]) + bytes(252)
_START, _END = attrgetter("start"), attrgetter("end")
_OFFSET_SIDE = itemgetter(0, 1)
_MATCH_START = methodcaller("start")
_CLASS_RUNS = re.compile(rb"\x00+|\x01+|\x02+|\x03+")
_LINE_ENDING = re.compile(r"\r\n?")
#: A line break of a draft: "\n", "\r\n" or a lone "\r" (segments cut "\r\n" in two).
_BREAKS = ("\n", "\r", "\r\n")
_ACTIONS: dict[int, Action] = {_SKIP: "drop", _INSERTED: "ins", _DELETED: "del", _PLAIN: "keep"}


def write_redline(
    draft: Draft,
    *,
    neutral_author: str = NEUTRAL_AUTHOR,
    date: datetime | None = None,
    markup: str = "tracked",
    name: str = "redline.docx",
) -> bytes:
    """The draft as the bytes of a redline Word document; `name` is what the output is called
    in messages. The characters of a text draft that Word XML cannot hold are left out:
    `unwritable_warnings(draft)` names them.

    `markup="tracked"`: brackets become tracked insertions and positions comments (Reject All
    gives the `agreed` text, Accept All the `all` text). `markup="visible"`: brackets and
    attributions stay as text, each delegation's attributions in its own colour. For a Word
    draft both are edited copies of the source (its own tracked changes settled as read).
    """
    if markup not in MARKUPS:
        raise ValueError(f"unknown markup '{markup}' (choose tracked or visible)")

    def plan(package: Package, source: SourceMap) -> RedlinePlan | VisiblePlan:
        if markup == "visible":
            return visible_plan(draft, source)
        names = author_names(source_authors(package), neutral_author)
        return redline_plan(draft, source, neutral_author, date, names=names)

    def generate() -> BodyBuilder:
        builder = BodyBuilder(date)
        if markup == "tracked":
            with gc_paused():  # tens of thousands of acyclic tuples and strings
                _Redline(draft, neutral_author).write(builder)
        else:
            _visible(draft, builder, emphasis=True)
        return builder

    return docx_bytes(source_map(draft), plan, generate, name=name, doing="writing the redline")


def everything_kept(draft: Draft) -> str:
    """What Accept All gives in the tracked redline: the `all` resolution's text (every
    bracket kept, the first alternative of a set), emphasis markers handled as there."""
    markers = emphasis_spans(draft)[1] if source_map(draft) is None else []
    classes = _classes(draft, *mark_pair(draft), markers)
    source = draft.source
    kept = "".join(source[m.start() : m.end()] for m in re.finditer(rb"[\x01\x03]+", classes))
    return _LINE_ENDING.sub("\n", kept)


# -- classes of characters --------------------------------------------------------------------


def _classes(
    draft: Draft,
    agreed: Marking,
    everything: Marking,
    markers: Sequence[tuple[int, int]] = (),
) -> bytes:
    """Per source character: kept by `agreed` (bit 2) and kept by `all` (bit 1); the
    emphasis `markers` (`emphasis_spans`) by neither.

    Reject All gives the first, Accept All the second: later alternatives of a set are in
    neither (`all` keeps the first alternative only); they travel as comments.
    """
    size = len(draft.source)
    if not size:
        return b""
    gone_agreed: bytes | bytearray = agreed.deleted
    gone_all: bytes | bytearray = everything.deleted
    if markers:
        marked_agreed, marked_all = bytearray(gone_agreed), bytearray(gone_all)
        for start, end in markers:
            marked_agreed[start:end] = marked_all[start:end] = b"\x01" * (end - start)
        gone_agreed, gone_all = marked_agreed, marked_all
    # each byte 2 * (deleted by agreed) + (deleted by all), with no carry between bytes
    gone = (int.from_bytes(gone_agreed, "big") << 1) | int.from_bytes(gone_all, "big")
    return gone.to_bytes(size, "big").translate(_KEPT_CLASS)


def _hidden(draft: Draft, everything: Marking) -> list[tuple[Bracket, Bracket | None]]:
    """The brackets `all` drops (later alternatives), each with the alternative of its set
    shown in their place; brackets nested in them are not listed (their text is in the
    comment)."""
    found: list[tuple[Bracket, Bracket | None]] = []
    kept = everything.kept
    shown: dict[int, Bracket] = {}  # by parent: the alternative of the latest set kept
    end = -1
    for bracket in draft.brackets:
        if bracket.start < end or bracket.alternative is None:
            continue
        if bracket.id in kept:
            shown[bracket.parent_number] = bracket
            continue
        end = bracket.end
        found.append((bracket, shown.get(bracket.parent_number)))
    return found


def _within(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` lies in one of the sorted, disjoint `spans`."""
    index = bisect_right(spans, offset, key=itemgetter(0)) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _author(bracket: Bracket | None, neutral: str, names: Mapping[str, str] | None = None) -> str:
    """The first supporter of `bracket` (by its Word name in `names`), else `neutral`."""
    if bracket is None:
        return neutral
    for code in bracket.supporters:
        if code != "*":
            return names.get(code, code) if names else code
    return neutral


def author_names(authors: Iterable[str], neutral: str = NEUTRAL_AUTHOR) -> dict[str, str]:
    """Delegation code -> the Word author name it was read from ("Xavier Tibau Alberdi" for
    XAVIERTIBAUALBERDI, "China" for CHN), as the reader maps authors: a redline of a Word
    draft writes its revisions and positions under their authors' own names. The first name
    read as a code keeps it; the neutral author stands for no delegation."""
    from ..delegations import Registry

    registry = Registry.default()
    names: dict[str, str] = {}
    for author in authors:
        if author in (neutral, NEUTRAL_AUTHOR):
            continue
        names.setdefault(registry.code_for(author) or sanitise_code(author), author)
    return names


# -- tracked redline --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Comment:
    """A position to write as a comment on source characters [start, end)."""

    start: int
    end: int
    author: str
    text: str


#: `_Comment` without a frozen dataclass's checks: a dense draft has one per position.
_comment = fast_constructor(_Comment)


class _Redline:
    """The redline of a draft as segments of the source and comments, whatever writes them."""

    def __init__(
        self,
        draft: Draft,
        neutral: str,
        *,
        emphasis: bool = True,
        names: Mapping[str, str] | None = None,
    ) -> None:
        self.draft = draft
        self.neutral = neutral
        self.emphasis = emphasis
        # each delegation as the draft names it ("UAE", not ARE), a Word author by its name
        self.names = {**spellings(draft), **(names or {})}
        self.agreed, self.everything = mark_pair(draft)  # one walk for both

    def comments(self) -> list[_Comment]:
        """Every position: objections, reservations, extra supporters, alternatives.

        A later alternative of a set is not in the body (Accept All gives the `all` text):
        it is a comment on the alternative shown, quoting it as written, groups included;
        the positions inside it travel in that quotation. A later option (NOTATION 3a) is in
        the body as a deletion, since Reject All keeps an unresolved set as written, and is
        quoted likewise on the option shown.
        """
        neutral = self.neutral
        names = self.names
        draft = self.draft
        source = draft.source
        found: list[_Comment] = []

        def who(code: str) -> str:
            return neutral if code == "*" else names.get(code, code)

        def positions(start: int, end: int, supporters: tuple[str, ...],
                      objectors: tuple[str, ...], reservations: tuple[str, ...]) -> None:
            for code in supporters:
                found.append(_comment(start, end, who(code), "supports"))
            for code in objectors:
                found.append(_comment(start, end, who(code), "objects"))
            for code in reservations:
                found.append(_comment(start, end, who(code), "to come back"))

        # a later option is in the body as the deletion Accept All makes (Reject All keeps an
        # unresolved set), and a comment on the option shown quotes it, brackets and all
        dropped = self._option_comments(found)
        hidden = _hidden(draft, self.everything)
        skip_until = -1
        next_hidden = 0
        for bracket in draft.brackets:
            if bracket.start < skip_until or (dropped and _within(dropped, bracket.start)):
                continue
            if next_hidden < len(hidden) and hidden[next_hidden][0] is bracket:
                shown = hidden[next_hidden][1] or bracket
                next_hidden += 1
                skip_until = bracket.end
                assert bracket.alternative is not None
                k, n = bracket.alternative
                quoted = source[bracket.start : bracket.tail_end]
                found.append(_comment(shown.start, shown.end, _author(bracket, neutral, names),
                                      alternative_comment(k, n, quoted)))
                continue
            if bracket.alternative is not None:
                k, n = bracket.alternative
                found.append(_comment(bracket.start, bracket.end, _author(bracket, neutral, names),
                                      alternative_comment(k, n)))
            if len(bracket.supporters) > 1 or bracket.objectors or bracket.reservations:
                positions(bracket.start, bracket.end, bracket.supporters[1:], bracket.objectors,
                          bracket.reservations)
        for paragraph in draft.paragraphs:
            if paragraph.groups and not (dropped and _within(dropped, paragraph.start)):
                positions(paragraph.start, paragraph.end, paragraph.supporters,
                          paragraph.objectors, paragraph.reservations)
        return found

    def _option_comments(self, found: list[_Comment]) -> list[tuple[int, int]]:
        """Add to `found` the comments on each set of options `all` resolves: on the option
        shown, its number and a quotation of every later option as written. The spans of the
        later options, sorted: the positions inside them travel in those quotations."""
        source = self.draft.source
        dropped: list[tuple[int, int]] = []
        for survivor, others in resolved_option_sets(self.draft, self.everything.kept):
            n = len(others) + 1
            start, end, who = survivor.start, survivor.end, self.neutral
            found.append(_comment(start, end, who, alternative_comment(survivor.number, n)))
            for option in others:
                dropped.append((option.start, option.end))
                text = alternative_comment(option.number, n, source[option.start : option.end])
                found.append(_comment(start, end, who, text))
        dropped.sort()
        return dropped

    def segments(self, cuts: Collection[int] = (), *, skipped: bool = True) -> Iterator[Piece]:
        """The whole source in order as pieces (start, end, kind, author, style), cut at
        class, author, style, line and `cuts` changes; a tracked piece's author is its
        innermost bracket's first supporter. Without `skipped`, a piece that is not written
        (SKIP) is left out unless it starts at one of the `cuts`."""
        draft = self.draft
        source = draft.source
        size = len(source)
        neutral, names = self.neutral, self.names
        spans, markers = emphasis_spans(draft) if self.emphasis else ([], [])
        classes = _classes(draft, self.agreed, self.everything, markers)
        brackets = draft.brackets
        paragraphs = draft.paragraphs

        cut_at = set() if skipped else set(cuts)
        bounds_set = {0, size, *cuts}
        bounds_set.update(map(_MATCH_START, _CLASS_RUNS.finditer(classes)))
        bounds_set.update(map(_START, brackets))
        bounds_set.update(map(_END, brackets))
        bounds_set.update(map(_START, paragraphs))
        ends = list(map(_END, paragraphs))
        bounds_set.update(ends)
        bounds_set.update(end + 1 for end in ends)
        bounds_set.update(map(_START, spans))
        bounds_set.update(map(_END, spans))
        bounds = sorted(bounds_set)
        bounds = bounds[bisect_left(bounds, 0) : bisect_right(bounds, size)]

        paragraph_author: dict[int, str] = {}
        for paragraph in paragraphs:
            if paragraph.groups:
                code = next((c for c in paragraph.supporters if c != "*"), None)
                author = neutral if code is None else names.get(code, code)
                paragraph_author[paragraph.line] = author
        line_starts = draft.lines.starts
        authors: dict[tuple[str, ...], str] = {}  # by supporters: few distinct
        for bracket in brackets:
            if bracket.supporters not in authors:
                authors[bracket.supporters] = _author(bracket, neutral, names)

        bracket_count, span_count = len(brackets), len(spans)
        next_bracket = 0
        stack: list[tuple[int, str]] = []  # (end, author) of the brackets open, innermost last
        last_author: str | None = None  # of the insertion just written, for seam spaces
        span_index = 0
        for s, e in pairwise(bounds):
            kind = classes[s]
            if kind == _SKIP:
                if skipped or s in cut_at:
                    yield s, e, kind, neutral, PLAIN
                continue
            style = PLAIN
            if span_count:
                while span_index < span_count and spans[span_index].end <= s:
                    span_index += 1
                if span_index < span_count and spans[span_index].start <= s and source[s] != "\n":
                    style = spans[span_index].style
            if kind == _PLAIN:
                last_author = None
                yield s, e, kind, neutral, style
                continue
            while next_bracket < bracket_count and brackets[next_bracket].start <= s:
                while stack and stack[-1][0] <= s:
                    stack.pop()
                bracket = brackets[next_bracket]
                stack.append((bracket.end, authors[bracket.supporters]))
                next_bracket += 1
            while stack and stack[-1][0] <= s:
                stack.pop()
            if stack:
                author = stack[-1][1]
            else:
                line = bisect_left(line_starts, s + 1)
                author = paragraph_author.get(line) or last_author or _author(
                    _bracket_after(brackets, s), neutral, names)
            last_author = author
            yield s, e, kind, author, style

    def write(self, builder: BodyBuilder) -> None:
        """Into a generated document: paragraphs per line, tracked runs, comment ranges."""
        comments = self.comments()
        ids = builder.comments([(comment.author, comment.text) for comment in comments])
        marks: list[tuple[int, int, str]] = []  # (offset, 0 for an end | 1 for a start, id)
        for comment, comment_id in zip(comments, ids, strict=True):
            marks.append((comment.start, 1, comment_id))
            marks.append((comment.end, 0, comment_id))
        marks.sort(key=_OFFSET_SIDE)
        cuts = [offset for offset, _, _ in marks]
        builder.pieces(self.draft.source, self.segments(cuts, skipped=False), marks)


def _bracket_after(brackets: tuple[Bracket, ...], offset: int) -> Bracket | None:
    """The first bracket (in source order) that starts at or after `offset`."""
    index = bisect_left(brackets, offset, key=attrgetter("start"))
    return brackets[index] if index < len(brackets) else None


# -- visible markup ---------------------------------------------------------------------------


def _markup_styles(draft: Draft) -> list[tuple[int, int, RunStyle]]:
    """The visible markup's styles, by start: `[`/`]` bold, each delegation's entries bold in
    its own colour (in order of first appearance)."""
    source = draft.source
    colours: dict[str, str] = {}
    styled: list[tuple[int, int, RunStyle]] = []

    def colour(code: str) -> str:
        if code not in colours:
            colours[code] = _PALETTE[len(colours) % len(_PALETTE)]
        return colours[code]

    def group(g: Group) -> None:
        position = g.start
        for entry in g.entries:
            found = source.find(entry.source, position, g.end)
            if found < 0:
                continue
            style = RunStyle(bold=True, color=colour(entry.delegation))
            styled.append((found, found + len(entry.source), style))
            position = found + len(entry.source)

    for bracket in draft.brackets:
        styled.append((bracket.start, bracket.start + 1, BOLD))
        styled.append((bracket.end - 1, bracket.end, BOLD))
        for g in bracket.groups:
            group(g)
    for paragraph in draft.paragraphs:
        for g in paragraph.groups:
            group(g)
    styled.sort(key=lambda item: item[0])
    return styled


def _visible(draft: Draft, builder: BodyBuilder, *, emphasis: bool) -> None:
    """Brackets and attributions as text: `[`/`]` bold, each delegation's entries coloured."""
    source = draft.source
    styled = _markup_styles(draft)
    spans, markers = emphasis_spans(draft) if emphasis else ([], [])
    skipped = bytearray(len(source))
    for start, end in markers:
        skipped[start:end] = b"\x01" * (end - start)
    emphasis_starts = [span.start for span in spans]
    markup_starts = [item[0] for item in styled]

    cuts = {0, len(source)}
    for start, end, _ in styled:
        cuts.add(start)
        cuts.add(end)
    for span in spans:
        cuts.add(span.start)
        cuts.add(span.end)
    for start, end in markers:
        cuts.add(start)
        cuts.add(end)
    line_starts = draft.lines.starts
    for paragraph in draft.paragraphs:
        cuts.add(paragraph.end)
        if paragraph.line < len(line_starts):
            cuts.add(line_starts[paragraph.line])
    bounds = sorted(cuts)
    builder.paragraph()
    for index in range(len(bounds) - 1):
        s, e = bounds[index], bounds[index + 1]
        if skipped[s]:
            continue
        text = source[s:e]
        if text in _BREAKS:
            if e < len(source):
                builder.paragraph()
            continue
        text = text.replace("\r", "")
        if not text:
            continue
        style = _covering(spans, emphasis_starts, s) or PLAIN
        extra = _covering_markup(styled, markup_starts, s)
        if extra is not None:
            style = _merge(style, extra)
        builder.text(text, style)


def _covering(spans: list[Span], starts: list[int], offset: int) -> RunStyle | None:
    at = bisect_left(starts, offset + 1) - 1
    if at >= 0 and spans[at].start <= offset < spans[at].end:
        return spans[at].style
    return None


def _covering_markup(items: list[tuple[int, int, RunStyle]], starts: list[int],
                     offset: int) -> RunStyle | None:
    at = bisect_left(starts, offset + 1) - 1
    if at >= 0 and items[at][0] <= offset < items[at][1]:
        return items[at][2]
    return None


def _merge(first: RunStyle, second: RunStyle) -> RunStyle:
    return RunStyle(
        bold=first.bold or second.bold,
        italic=first.italic or second.italic,
        color=first.color or second.color,
        highlight=first.highlight or second.highlight,
    )


# -- tracked redline of a Word source ---------------------------------------------------------


def redline_plan(
    draft: Draft,
    source: SourceMap,
    neutral: str = NEUTRAL_AUTHOR,
    date: datetime | None = None,
    *,
    names: Mapping[str, str] | None = None,
) -> RedlinePlan:
    """The tracked redline of a Word draft as edits of its source, in source-map coordinates;
    `names` gives delegation codes back their Word author names (`author_names`)."""
    redline = _Redline(draft, neutral, emphasis=False, names=names)
    anchors: list[tuple[int, int, _Comment]] = []
    for comment in redline.comments():
        low = source.first_char(comment.start, comment.end)
        last = source.last_char(comment.start, comment.end)
        if low is not None and last is not None and low <= last:
            anchors.append((low, last + 1, comment))
    cuts = [low for low, _, _ in anchors] + [high for _, high, _ in anchors]

    segments: list[Segment] = []
    marks: list[Mark] = []
    joins: set[Place] = set()
    breaks: dict[Place, int] = {}  # kind of the break after a paragraph
    kept: set[Place] = set()  # paragraphs with text that Reject All keeps
    inserted: dict[Place, str] = {}  # paragraphs with inserted text: first author
    for start, end, kind, author, _ in redline.segments(cuts):
        for piece in source.overlapping(start, end):
            if piece.kind == "run":
                span = piece.span(start, end)
                segments.append(Segment(span, _ACTIONS[kind], author))
                if kind in (_PLAIN, _DELETED):
                    kept.add(piece.place)
                elif kind == _INSERTED:
                    inserted.setdefault(piece.place, author)
            elif piece.kind == "break" and piece.paragraph >= 0:
                breaks[piece.place] = kind
                if kind == _SKIP:
                    joins.add(piece.place)
                elif kind == _INSERTED:
                    marks.append(Mark(piece.place, "ins", author))
                elif kind == _DELETED:
                    marks.append(Mark(piece.place, "del", author))
    # A paragraph whose only text is inserted (an auto-numbered label aside) goes whole with
    # Reject All: its mark is inserted too.
    removed: set[Place] = set()
    for place, author in inserted.items():
        if place not in kept and breaks.get(place) in (_PLAIN, _INSERTED):
            removed.add(place)
            if breaks.get(place) == _PLAIN:
                marks.append(Mark(place, "ins", author))
    comments: list[Comment] = []
    for low, high, comment in anchors:
        opening, closing = source.run_at(low), source.run_at(high - 1)
        assert opening is not None and closing is not None
        comments.append(
            Comment(comment.author, comment.text, opening.point(low), closing.point(high))
        )
    return RedlinePlan(
        source.track_changes,
        source.parts,
        format_date(date or datetime.now(UTC)),
        tuple(segments),
        tuple(marks),
        frozenset(joins),
        tuple(comments),
        source.editors,
        frozenset(removed),
    )


# -- visible markup of a Word source -----------------------------------------------------------


def visible_plan(draft: Draft, source: SourceMap) -> VisiblePlan:
    """The visible markup of a Word draft as edits of its source: brackets and groups of the
    text restyled in place, and the markup the reader made of tracked changes and comments
    (synthetic text) added where it was read."""
    styled = _markup_styles(draft)
    starts = [start for start, _, _ in styled]
    restyles: list[Restyle] = []
    for start, end, style in styled:
        look = Look(style.bold, style.color)
        for piece in source.overlapping(start, end):
            if piece.kind == "run":
                restyles.append(Restyle(piece.span(start, end), look))
    additions: list[Addition] = []
    pieces = source.pieces
    points = _addition_points(pieces)
    for index, piece in enumerate(pieces):
        if index not in points:
            continue
        at = points[index]
        position = piece.start
        while position < piece.end:
            covering = _covering_markup(styled, starts, position)
            if covering is not None:
                stop = min(piece.end, styled[bisect_left(starts, position + 1) - 1][1])
            else:
                following = bisect_left(starts, position + 1)
                stop = piece.end
                if following < len(starts):
                    stop = min(stop, max(starts[following], position + 1))
            shown = None if covering is None else Look(covering.bold, covering.color)
            additions.append(Addition(piece.place, at, draft.source[position:stop], shown))
            position = stop
    return VisiblePlan(
        source.track_changes, source.parts, tuple(restyles), tuple(additions), source.editors
    )


def _addition_points(pieces: tuple[TextPiece, ...]) -> dict[int, Point | None]:
    """Where each synthetic piece goes in its paragraph: before the next text of the
    paragraph, else after the last one before it, else (None) at the paragraph's end."""
    points: dict[int, Point | None] = {}
    pending: list[int] = []
    previous: TextPiece | None = None  # the last text piece of the current paragraph
    place: Place | None = None

    def flush() -> None:
        for index in pending:
            points[index] = previous.point(previous.end) if previous is not None else None
        pending.clear()

    for index, piece in enumerate(pieces):
        if piece.kind == "break" or piece.place != place:
            flush()
            previous = None
            place = None if piece.kind == "break" else piece.place
        if piece.kind == "run":
            for waiting in pending:
                points[waiting] = piece.point(piece.start)
            pending.clear()
            previous = piece
        elif piece.kind == "synthetic" and piece.paragraph >= 0:
            pending.append(index)
    flush()
    return points
