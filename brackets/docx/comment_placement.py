"""Comments placed as positions ("brackets" mode): each statement a comment makes becomes an
entry where it applies, as if the text had been bracketed (see reader.py's docstring for the
rules), and every comment is listed as a `Note` of the draft.

While the body is read, `DocumentComments` records where comment ranges start and end and
where the brackets made from tracked changes are; `attach_comments` then inserts the groups
and brackets the statements give into the extracted text, moving the source map's pieces
along, and `list_notes` lists the comments in document order.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import LineIndex, Stance
from ..notation import format_entry, group_pattern, group_would_attach, option_opening
from .authors import Authors
from .comment_scope import Scopes
from .ooxml.package import Package
from .ooxml.walk import CommentMark, comment_parents, comment_texts
from .plan import read_alternative_comment
from .sourcemap import SourceMap, TextBuilder, TextPiece
from .synthetic import insert_synthetic

if TYPE_CHECKING:
    from ..statements import Names, Statement
    from ..statements import Stance as Sign

__all__ = ["CommentRecord", "DocumentComments", "attach_comments", "read_notes"]

#: The stance each kind of comment statement states.
_STANCES: dict[str, Stance] = {"+": "support", "-": "object", "tcb": "reserve"}


@dataclass(frozen=True, slots=True)
class _Note:
    """A comment of the document: its rank in comments.xml, w:id, author, date, text, its
    statements and the comment it replies to (commentsExtended.xml), if any."""

    order: int
    id: str
    author: str
    date: str
    text: str
    statements: tuple[Statement, ...]
    reply_to: str | None = None


@dataclass(slots=True)
class _Span:
    """A bracket the reader made from a tracked change: `[` at `open`, `]` at `close`, its
    group (if any) ending at `group_end`, where further groups go; `entries` it holds."""

    open: int
    close: int
    group_end: int
    entries: list[str]
    parent: int = -1  # the index of the innermost span holding it, once sorted


@dataclass(slots=True)
class _Anchor:
    """Where a comment's range starts and ends and its reference mark is, as text offsets."""

    start: int | None = None
    end: int | None = None
    reference: int | None = None


@dataclass(slots=True)
class DocumentComments:
    """The comments of a document, and what reading the body records for them."""

    notes: dict[str, _Note]
    anchors: dict[str, _Anchor] = field(default_factory=dict)
    spans: list[_Span] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)
    _opened: list[int] = field(default_factory=list)

    def open(self, at: int, count: int) -> None:
        """`count` brackets open at offsets at, at + 1, …"""
        self._opened.extend(range(at, at + count))

    def close(self, at: int, group_end: int, entry: str) -> None:
        """The innermost open bracket closes at `at`, its group ending at `group_end`."""
        self.spans.append(_Span(self._opened.pop(), at, group_end, [entry] if entry else []))

    def place(
        self, marks: list[CommentMark], pieces: list[TextPiece], first: int, start: int, end: int
    ) -> None:
        """Record the offsets of one paragraph's marks; its pieces are pieces[first:], its text
        [start, end). A range starts at the first character after its mark and ends after the
        last one before its end mark. One sweep over the marks in leaf order and the runs."""
        runs = [
            (piece.node, piece.start, piece.end) for piece in pieces[first:] if piece.kind == "run"
        ]
        index, before = 0, start  # the first run at or after the mark; the end of the one before
        for mark in sorted(marks, key=lambda m: m.leaf):
            if mark.id not in self.notes:
                continue
            while index < len(runs) and runs[index][0] < mark.leaf:
                before = runs[index][2]
                index += 1
            anchor = self.anchors.get(mark.id)
            if anchor is None:
                anchor = self.anchors[mark.id] = _Anchor()
            if mark.kind == "start":
                if anchor.start is None:
                    anchor.start = runs[index][1] if index < len(runs) else end
            elif mark.kind == "end":
                anchor.end = before
            else:
                anchor.reference = before

    def heading(self, at: int) -> None:
        """A heading's line starts at offset `at`."""
        self.headings.append(at)


def read_notes(package: Package, registry: Names) -> dict[str, _Note]:
    """Every comment of the main document, read as statements, by w:id (none: no part)."""
    from ..statements import read_statements  # the registry's tables load with it

    name = package.related("comments", "word/comments.xml")
    if name is None:
        return {}
    extended = package.related("commentsExtended", "word/commentsExtended.xml")
    parents = comment_parents(package.xml(extended)) if extended is not None else {}
    found: dict[str, _Note] = {}
    by_para: dict[str, str] = {}
    for order, comment in enumerate(comment_texts(package.xml(name))):
        if comment.id in found:
            continue
        statements = read_statements(comment.text, registry)
        found[comment.id] = _Note(
            order, comment.id, comment.author, comment.date, comment.text, statements
        )
        if comment.para_id:
            by_para[comment.para_id] = comment.id
    for para_id, parent in parents.items():
        child, root = by_para.get(para_id), by_para.get(parent)
        if child is not None and root is not None and child != root:
            found[child] = dataclasses.replace(found[child], reply_to=root)
    return found


class _ExtractedText:
    """The extracted text and its pieces, for finding what a comment's range covers."""

    def __init__(self, text: str, pieces: list[TextPiece]) -> None:
        self.text = text
        self.pieces = pieces
        self.map = SourceMap("", "", tuple(pieces))
        self.starts = [p.start for p in pieces]
        self.line_starts = LineIndex(text).starts
        self._contents: dict[int, tuple[int, int] | None] = {}

    def _space(self, offset: int) -> bool:
        return self.text[offset].isspace()

    def first(self, start: int, end: int) -> int | None:
        """The first non-space character of the document's own text in [start, end)."""
        return self.map.first_char(start, end, self._space)

    def last(self, start: int, end: int) -> int | None:
        """The last non-space character of the document's own text in [start, end)."""
        return self.map.last_char(start, end, self._space)

    def line(self, offset: int) -> int:
        """The line (from 1) of `offset`."""
        return bisect.bisect_right(self.line_starts, offset)

    def bounds(self, line: int) -> tuple[int, int]:
        """Where `line` starts and ends (its line break excluded)."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return start, end

    def trimmed(self, start: int, end: int) -> tuple[int, int] | None:
        """[start, end) without the spaces and synthetic text at its edges (None: empty)."""
        low = self.first(start, end)
        high = self.last(start, end) if low is not None else None
        return None if low is None or high is None else (low, high + 1)

    def content(self, line: int) -> tuple[int, int] | None:
        """A line's own text after its label, trimmed (None for a line without text); found
        once per line."""
        if line in self._contents:
            return self._contents[line]
        start, end = self.bounds(line)
        index = bisect.bisect_right(self.starts, start) - 1
        while 0 <= index < len(self.pieces) and self.pieces[index].start < end:
            if self.pieces[index].kind == "label":
                start = max(start, self.pieces[index].end)
            index += 1
        found = self._contents[line] = self.trimmed(start, end)
        return found


@functools.cache
def _groups_after() -> re.Pattern[str]:
    """Groups, each maybe after spaces: those following a bracket's `]`."""
    return re.compile(rf"(?:[ \t]*(?:{group_pattern()}))+")


def _is_word(char: str) -> bool:
    return char.isalnum() or char in "-\u2011'’"


#: What a statement applies to: ("span", where the bracket made from a tracked change opens,
#: 0), ("paragraph", its line, 0) or ("passage", start, end) to bracket.
_Target = tuple[str, int, int]


@dataclass(slots=True)
class _Placer:
    """Turns statements into the groups and brackets to insert in the text."""

    text: _ExtractedText
    spans: list[_Span]
    opens: list[int]
    builder: TextBuilder
    scopes: Scopes
    #: Entries of each paragraph-level position and of each new bracket (start, end).
    paragraphs: dict[int, list[str]] = field(default_factory=dict)
    passages: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    inserts: list[tuple[int, tuple[int, int, int], str]] = field(default_factory=list)

    def targets(
        self, statement: Statement, low: int, high: int | None, lost: list[str], name: str
    ) -> list[_Target]:
        """Where a statement applies (module docstring); a quote found nowhere near adds the
        comment's `name` to `lost` and the statement applies to its paragraph."""
        scopes = self.scopes
        end = low if high is None else max(low, high - 1)
        first, last = scopes.line(low), scopes.line(end)
        numbered = [scopes.numbered(n) for n in statement.paragraphs]
        lines = sorted({line for line in numbered if line is not None})
        if lines:
            first, last = lines[0], lines[-1]
        scope = statement.scope
        if scope == "section" or (
            not lines and scope == "anchor" and not statement.quotes and first == last
            and (high is None or high - low <= 1) and scopes.is_heading(first)
        ):
            first, last = scopes.section(first)
            if first < last and scopes.is_heading(first):
                first += 1  # a section's positions go on the paragraphs its heading heads
            scope = "section"
        if statement.quotes:
            found: list[_Target] = []
            for quote in statement.quotes:
                if scope == "throughout":
                    places = scopes.occurrences(quote, 1, len(self.text.line_starts))
                else:
                    place = scopes.nearest(quote, first, last, low)
                    if place is None:
                        place = scopes.nearest(quote, *scopes.section(first), low)
                    places = [place] if place is not None else []
                for place in places:
                    found.extend(self._passage(*place))
            if found:
                return found
            lost.append(name)
            scope = "paragraph"
        elif scope == "throughout" and high is not None:
            words = self._passage(low, high)
            if words and words[0][0] == "passage":
                quote = self.text.text[words[0][1] : words[0][2]]
                return [
                    target
                    for place in scopes.occurrences(quote, 1, len(self.text.line_starts))
                    for target in self._passage(*place)
                ]
        if scope in ("paragraph", "section") or lines:
            return [
                ("paragraph", line, 0)
                for line in (range(first, last + 1) if scope == "section" or not lines else lines)
                if self.text.content(line) is not None
            ]
        if first == last:
            return self._passage(low, high)
        found = []
        for line in range(first, last + 1):
            start, stop = self.text.bounds(line)
            part = self.text.trimmed(max(start, low), min(stop, high if high is not None else stop))
            if part is not None:
                found.extend(self._passage(*part))
        return found

    def _passage(self, low: int, high: int | None) -> list[_Target]:
        """A range on one line, widened to whole words (a point: the word at it or just
        before it): the bracket made from a tracked change whose text it is (a point: the
        innermost one holding it), its paragraph when it covers the whole line, else that
        passage, to bracket (inside a tracked change too: `[the [authorized] (-USA)] (+CHN)`)."""
        text = self.text
        source = text.text
        if high is None:
            span = _covering(self.spans, self.opens, text.line_starts, low, None)
            if span is not None:
                return [("span", span.open, 0)]  # brackets open at distinct offsets
            if low < len(source) and _is_word(source[low]):
                high = low + 1
            elif low > 0 and _is_word(source[low - 1]):
                low, high = low - 1, low
            else:
                return []
        while low > 0 and _is_word(source[low - 1]) and _is_word(source[low]):
            low -= 1
        while high < len(source) and _is_word(source[high - 1]) and _is_word(source[high]):
            high += 1
        span = _covering(self.spans, self.opens, text.line_starts, low, high)
        if span is not None and text.trimmed(span.open + 1, span.close) == (low, high):
            return [("span", span.open, 0)]
        line = text.line(low)
        content = text.content(line)
        if content is not None and low <= content[0] and content[1] <= high:
            return [("paragraph", line, 0)]
        return [("passage", low, high)]

    def add(
        self, target: _Target, entries: list[str], rank: int, who: str, at: int
    ) -> _Target | None:
        """Record `entries` on `target` (those it does not hold yet); the place they went
        (a passage: where its bracket will open), None when it cannot hold them (a warning
        says why)."""
        kind, first, second = target
        if kind == "span":
            span = self.spans[bisect.bisect_left(self.opens, first)]
            held, offset, key = span.entries, span.group_end, (0, rank)
        elif kind == "paragraph":
            start, end = self.text.bounds(first)
            if group_would_attach(self.text.text[start:end]):
                content = self.text.content(first)
                if content is None:
                    return None
                whole = self._passage(*content)  # a tracked change, or a passage
                if whole[0][0] == "paragraph":
                    whole = [("passage", *content)]
                return self.add(whole[0], entries, rank, who, at)
            held, offset, key = self.paragraphs.setdefault(first, []), end, (2, rank)
        else:
            place = self._bracketable(first, second)
            if place is None:
                self.builder.warnings.append(
                    (at, f"comment by {who} on text that crosses a bracket: ignored")
                )
                return None
            held = self.passages.setdefault(place, [])
            held.extend(entry for entry in entries if entry not in held)
            return ("passage", *place)
        new = [entry for entry in entries if entry not in held]
        held.extend(new)
        self.inserts.extend(
            (offset, (*key, len(self.inserts) + n), f" ({entry})") for n, entry in enumerate(new)
        )
        return target

    def _bracketable(self, low: int, high: int) -> tuple[int, int] | None:
        """[low, high) as a passage a bracket can hold: past the groups of a bracket it ends
        with, and balanced; None when a bracket there would cross another or touch one."""
        source = self.text.text
        groups = _groups_after()
        while low > 0 and source[low - 1] == "[":
            low -= 1  # a passage from a bracket's first character holds that bracket
        while True:
            if source[high - 1] == "]":
                match = groups.match(source, high)
                if match is not None:
                    high = match.end()
            depth = source.count("[", low, high) - source.count("]", low, high)
            if depth <= 0 or source[high : high + 1] != "]":
                break
            high += 1  # a passage up to a bracket's last character holds that bracket
        depth = 0
        for char in source[low:high]:
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
                if depth < 0:
                    return None
        if depth or (low > 0 and source[low - 1] == "]") or source[high : high + 1] == "[":
            return None
        return low, high

    def alternative(self, low: int, high: int | None, quoted: str, k: int) -> bool:
        """Put a later alternative, quoted as our redline writes it (`[should] (+IND)`), right
        after the bracket made from a tracked change that the comment is on (the alternative
        shown), so that the two touch and form the set again; `k` orders those of one set.
        False when the comment is on no such bracket, or the quotation is not one bracket
        (with its groups) on one line."""
        if high is None or "\n" in quoted or "\r" in quoted or not _one_bracket(quoted):
            return False
        span = _covering(self.spans, self.opens, self.text.line_starts, low, high)
        if span is None or self.text.trimmed(span.open + 1, span.close) != (low, high):
            return False
        # After the bracket's `]`: a bracket shown first in a set has no groups of its own.
        self.inserts.append((span.close + 1, (0, -1, k), quoted))
        return True

    def bracket_inserts(self) -> None:
        """The `[` and `] (entries)` of the new brackets; one crossing another is dropped."""
        stack: list[tuple[int, int]] = []
        ordered = sorted(self.passages.items(), key=lambda item: (item[0][0], -item[0][1]))
        for (low, high), entries in ordered:
            while stack and stack[-1][1] <= low:
                stack.pop()
            if stack and high > stack[-1][1]:
                self.builder.warnings.append(
                    (low, "comment on text that crosses another comment's passage: ignored")
                )
                continue
            stack.append((low, high))
            groups = "".join(f" ({entry})" for entry in entries)
            self.inserts.append((low, (3, -high, 0), "["))
            self.inserts.append((high, (1, -low, 0), "]" + groups))


@dataclass(slots=True)
class CommentRecord:
    """What became of a comment: where it is (None: nowhere in the text), its statements as
    placed (agreements resolved), the end of its range, the entries it gave, the places they
    went (("span" or "passage", offset of the bracket's "["), ("paragraph", line)) and why it
    gave none."""

    offset: int | None
    note: _Note
    statements: list[Statement]
    high: int | None = None
    given: list[str] = field(default_factory=list)
    places: list[tuple[str, int]] = field(default_factory=list)
    reason: str | None = None


def _anchors(
    text: _ExtractedText, comments: DocumentComments
) -> tuple[list[tuple[int, int | None, _Note]], list[_Note]]:
    """The comments anchored in the text, as (low, high or None for a point, note), in text
    order, and those anchored nowhere. A reply without a range of its own is on its thread's."""
    anchored: list[tuple[int, int, _Note, int | None]] = []
    nowhere: list[_Note] = []
    for comment_id, note in comments.notes.items():
        anchor = comments.anchors.get(comment_id)
        if (anchor is None or (anchor.start is None and anchor.end is None)) and note.reply_to:
            anchor = comments.anchors.get(note.reply_to)
        end = None if anchor is None else anchor.end if anchor.end is not None else anchor.reference
        start = None if anchor is None else anchor.start if anchor.start is not None else end
        if start is None:
            nowhere.append(note)
            continue
        end = start if end is None or end < start else end
        trimmed = text.trimmed(start, end)
        if trimmed is None:
            anchored.append((start, note.order, note, None))
        else:
            anchored.append((trimmed[0], note.order, note, trimmed[1]))
    anchored.sort(key=lambda item: (item[0], item[1]))
    return [(low, high, note) for low, _, note, high in anchored], nowhere


def _settled(
    anchored: list[tuple[int, int | None, _Note]], authors: Authors, builder: TextBuilder
) -> tuple[list[list[Statement]], set[tuple[int, int, str]]]:
    """Each comment's statements with agreements taken from other comments on the same anchor
    (a thread, or comments on one range), and the (comment, statement, delegation) that a
    dated statement by that delegation on the same place in a later comment supersedes."""
    stated: dict[tuple[object, ...], dict[str, Sign]] = {}
    latest: dict[tuple[object, ...], tuple[int, int, int]] = {}
    superseded: set[tuple[int, int, str]] = set()
    settled: list[list[Statement]] = []
    for rank, (low, high, note) in enumerate(anchored):
        statements = []
        for k, statement in enumerate(note.statements):
            place = (low, high, statement.scope, statement.quotes, statement.paragraphs)
            held = stated.setdefault((low, high), {})  # what was said on this anchor
            if statement.stance is None and statement.reason == "agreement":
                stance = next((held[c] for c in statement.agrees_with if c in held), None)
                if stance is not None and statement.delegations:
                    statement = dataclasses.replace(statement, stance=stance, reason=None)
            statements.append(statement)
            if statement.stance is None:
                continue
            codes: tuple[str, ...] = statement.current
            if not statement.delegations and "*" not in statement.superseded:
                own = authors.author_code(note.author, builder, low)
                if own is not None and (own or statement.stance == "tcb"):
                    codes = (own,)
            for code in codes:
                held[code] = statement.stance
                if statement.date is None:
                    continue
                key, when = (*place, code), (note.order, rank, k)
                if key in latest:
                    earlier, later = sorted((latest[key], when))
                    superseded.add((earlier[1], earlier[2], code))
                    when = later
                latest[key] = when
        settled.append(statements)
    return settled, superseded


def attach_comments(
    builder: TextBuilder, comments: DocumentComments, authors: Authors
) -> list[CommentRecord]:
    """Add the positions the comments state to the text, as synthetic groups and brackets;
    returns what became of each comment.

    A statement on a bracket made from a tracked change (innermost one first) adds a group
    after that bracket's groups; one on a whole paragraph adds a paragraph-level group at the
    end of its line (a bracket around the paragraph's text when the line ends with a
    bracket); one on a passage brackets the passage: `[authorized] (-USA)`. An entry the
    bracket or paragraph already has is not repeated.
    """
    text = _ExtractedText("".join(builder.chunks), builder.pieces)
    spans = sorted(comments.spans, key=lambda span: span.open)
    _nest(spans)
    scopes = Scopes(text.text, text.line_starts, text.pieces, comments.headings)
    placer = _Placer(text, spans, [span.open for span in spans], builder, scopes)
    anchored, nowhere = _anchors(text, comments)
    settled, superseded = _settled(anchored, authors, builder)
    records = [CommentRecord(None, n, list(n.statements), reason="not anchored") for n in nowhere]
    lost: list[str] = []
    for rank, ((low, high, note), statements) in enumerate(zip(anchored, settled, strict=True)):
        record = CommentRecord(low, note, statements, high)
        records.append(record)
        alternative = read_alternative_comment(note.text)
        if alternative is not None:  # our redline's note on a set of alternatives
            k, n, quoted = alternative
            # a later option (NOTATION 3a) is in the body as written: the quotation only tells
            if option_opening(quoted, 0, len(quoted)) is not None:
                record.reason = "alternative"
                continue
            if quoted and not placer.alternative(low, high, quoted, k):
                builder.warnings.append(
                    (low, f"comment 'alternative {k} of {n}' is on no bracket: ignored")
                )
            record.reason = "alternative"
            continue
        for index in range(len(statements)):
            _place_statement(placer, authors, record, (rank, index), superseded, lost)
        if not record.given and record.reason is None:
            record.reason = next(
                (s.reason for s in statements if s.reason is not None), "no stance"
            )
    if lost:
        builder.warnings.append(
            (0, "comments whose quoted text is not in their paragraph or section, read as on "
             f"their paragraph: {', '.join(lost)}")
        )
    placer.bracket_inserts()
    if placer.inserts:
        inserts = sorted(placer.inserts)
        offsets = [r.offset for r in records]
        moved = insert_synthetic(builder, text.text, text.starts, inserts, offsets)
        starts = [offset for offset, _, _ in inserts]
        totals = [0]
        for _, _, inserted in inserts:
            totals.append(totals[-1] + len(inserted))
        for record, offset in zip(records, moved, strict=True):
            record.offset = offset
            record.places = [
                (kind, at if kind == "paragraph" else at + totals[bisect.bisect_right(starts, at)]
                 - (kind == "passage"))
                for kind, at in record.places
            ]
    return records


def _place_statement(
    placer: _Placer,
    authors: Authors,
    record: CommentRecord,
    at: tuple[int, int],
    superseded: set[tuple[int, int, str]],
    lost: list[str],
) -> None:
    """Put one statement's positions where it applies, recording them in `record`."""
    statement, note, low = record.statements[at[1]], record.note, record.offset or 0
    if statement.stance is None:
        return
    builder = placer.builder
    if statement.delegations:
        named = [c for c in statement.current if (*at, c) not in superseded]
        if not named:
            return
        codes = [authors.code(c, builder, "comment", low) for c in named]
        who = ", ".join(named)
    else:
        code = authors.author_code(note.author, builder, low)
        if code is None or (code == "" and statement.stance != "tcb"):
            record.reason = record.reason or "person"
            return  # a person who is no delegation, or nobody, states nothing
        if (*at, code) in superseded:
            return
        codes, who = [code], code or note.author
    entries = [format_entry(_STANCES[statement.stance], code) for code in codes]
    targets = placer.targets(statement, low, record.high, lost, note.id or str(note.order + 1))
    if not targets:
        builder.warnings.append((low, f"comment by {who} on no text: ignored"))
        record.reason = record.reason or "no text"
    for target in targets:
        place = placer.add(target, entries, at[0], who, low)
        if place is None:
            record.reason = record.reason or "not placed"
        else:
            record.given.extend(entry for entry in entries if entry not in record.given)
            if place[:2] not in record.places:
                record.places.append(place[:2])


def _one_bracket(text: str) -> bool:
    """Whether `text` is one bracket, balanced, maybe followed by glue and groups."""
    if not text.startswith("["):
        return False
    depth = 0
    for index, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth < 0:
                return False
            if depth == 0:
                return "[" not in text[index:] and "]" not in text[index + 1 :]
    return False


def _covering(
    spans: list[_Span], opens: list[int], line_starts: list[int], low: int, high: int | None
) -> _Span | None:
    """The innermost bracket made from a tracked change whose content holds [low, high) (a
    point `low` when `high` is None): the last one opening before `low` or one of those
    holding it (brackets nest), so the walk is as long as the nesting is deep; brackets never
    cross lines, so the search stays on one."""
    line_start = line_starts[bisect.bisect_right(line_starts, low) - 1]
    index = bisect.bisect_left(opens, low) - 1
    while index >= 0 and spans[index].open >= line_start:
        span = spans[index]
        if span.close >= (low if high is None else high):
            return span
        index = span.parent
    return None


def _nest(spans: list[_Span]) -> None:
    """Set each span's `parent` (spans sorted by where they open)."""
    stack: list[int] = []
    for index, span in enumerate(spans):
        while stack and spans[stack[-1]].close < span.open:
            stack.pop()
        span.parent = stack[-1] if stack else -1
        stack.append(index)
