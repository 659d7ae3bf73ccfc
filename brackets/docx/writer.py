"""Word output: the clean text of a resolution, and the redline of a draft.

`write_clean` writes what a resolution keeps. From a Word input it edits a copy of the source,
deleting exactly the characters the resolution deletes, so that styles, numbering, tables,
notes and section settings stay as they were. From a text input it generates a sober A4
document.

`write_redline` writes the draft as tracked changes: text outside brackets is plain, bracketed
text is a tracked insertion by the innermost bracket's first supporter, and every position
(objection, reservation, extra supporter, alternative) is a comment by its delegation. In Word,
Reject All gives the `agreed` text and Accept All gives every bracket's text kept.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import refuse_input
from ..model import Bracket, Draft, Group
from ..resolve import Resolution, resolve
from . import _ooxml
from ._ooxml import PLAIN, BodyBuilder, OoxmlError, RunStyle
from .reader import NEUTRAL_AUTHOR

if TYPE_CHECKING:
    from .reader import DocxSource, TextPiece

__all__ = ["MARKUPS", "OoxmlError", "everything_kept", "strip_emphasis", "write_clean",
           "write_redline"]

MARKUPS = ("tracked", "visible")

# `**bold**` and `*italic*`, as extracted drafts carry them: markers hug the text they wrap.
_EMPHASIS = re.compile(
    r"\*\*(?=[^\s*])(?P<bold>[^\n]*?[^\s*])\*\*"
    r"|(?<![*\w])\*(?=[^\s*])(?P<italic>[^*\n]*?[^\s*])\*(?![*\w])"
)
_BOLD = RunStyle(bold=True)
_ITALIC = RunStyle(italic=True)
#: Delegation colours for the visible markup (dark enough to read on white).
_PALETTE = ("C00000", "0070C0", "00B050", "7030A0", "C55A11", "008080", "806000", "BF00BF",
            "2F5597", "548235", "7F7F7F", "FF0066")
#: Class of a source character in the redline: written or not, and how.
_SKIP, _INSERTED, _DELETED, _PLAIN = 0, 1, 2, 3
_CLASS_RUNS = re.compile(rb"\x00+|\x01+|\x02+|\x03+")


# -- public API -------------------------------------------------------------------------------


def write_clean(
    draft: Draft,
    resolution: Resolution,
    out: str | os.PathLike[str],
    *,
    source: str | None = None,
) -> None:
    """Write the text `resolution` keeps as a Word document at `out` (atomically).

    A draft read from a .docx (its `origin` is the reader's source map) is written as an edited
    copy of that document; a text draft as a generated one. `source` names the input file, which
    is never overwritten (the draft's own path is always protected).
    """
    if resolution.draft.source != draft.source:
        raise ValueError("the resolution was computed for another draft")
    origin = _docx_origin(draft)
    inputs = _inputs(draft, source)
    if origin is not None:
        inputs.append(origin.path)
        refuse_input(_path(out), inputs)
        _clean_copy(resolution, origin, out, inputs)
        return
    refuse_input(_path(out), inputs)
    builder = BodyBuilder()
    for line in _lines(resolution.text):
        builder.paragraph()
        _emphasised(builder, line)
    builder.save(out, inputs=inputs)


def write_redline(
    draft: Draft,
    out: str | os.PathLike[str],
    *,
    neutral_author: str = NEUTRAL_AUTHOR,
    date: datetime | None = None,
    markup: str = "tracked",
) -> None:
    """Write the draft as a redline Word document at `out` (atomically).

    `markup="tracked"`: brackets become tracked insertions and positions comments (Reject All
    gives the `agreed` text). `markup="visible"`: brackets and attributions stay as text, each
    delegation's attributions in its own colour. A Word draft's tracked redline is an edited
    copy of the source (its own tracked changes settled as read); its visible markup is a
    generated document from the extracted text.
    """
    if markup not in MARKUPS:
        raise ValueError(f"unknown markup '{markup}' (choose tracked or visible)")
    origin = _docx_origin(draft)
    inputs = _inputs(draft, None)
    if origin is not None:
        inputs.append(origin.path)
    refuse_input(_path(out), inputs)
    if markup == "tracked" and origin is not None:
        _redline_copy(draft, origin, out, inputs, neutral_author, date)
        return
    builder = BodyBuilder(date)
    if markup == "tracked":
        _Redline(draft, neutral_author).write(builder)
    else:
        _visible(draft, builder, emphasis=origin is None)
    builder.save(out, inputs=inputs)


def everything_kept(draft: Draft) -> str:
    """The text with every bracket kept, later alternatives included: what Accept All gives
    in the tracked redline (markup, seam spaces and emphasis markers handled as there)."""
    classes = _classes(draft, emphasis=_docx_origin(draft) is None)
    source = draft.source
    return "".join(
        source[m.start() : m.end()] for m in re.finditer(rb"[\x01\x03]+", classes)
    ).replace("\r", "")


def strip_emphasis(text: str) -> str:
    """`text` without the `*`/`**` markers that the Word output renders as italic/bold."""
    return _EMPHASIS.sub(lambda m: m.group("bold") or m.group("italic"), text)


# -- helpers ----------------------------------------------------------------------------------


def _path(out: str | os.PathLike[str]) -> Path:
    return Path(out)


def _inputs(draft: Draft, source: str | None) -> list[str | os.PathLike[str]]:
    return [p for p in (source, draft.path) if p]


def _docx_origin(draft: Draft) -> DocxSource | None:
    """The Word source map of a draft read from a .docx, if it was."""
    if draft.origin is None:
        return None
    from .reader import DocxSource

    return draft.origin if isinstance(draft.origin, DocxSource) else None


def _lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def _emphasised(builder: BodyBuilder, line: str) -> None:
    position = 0
    for match in _EMPHASIS.finditer(line):
        if match.start() > position:
            builder.text(line[position : match.start()])
        bold = match.group("bold")
        builder.text(bold if bold is not None else match.group("italic"),
                     _BOLD if bold is not None else _ITALIC)
        position = match.end()
    if position < len(line):
        builder.text(line[position:])


@dataclass(frozen=True, slots=True)
class _Span:
    """Emphasised source characters [start, end) and their style."""

    start: int
    end: int
    style: RunStyle


def _emphasis_spans(draft: Draft) -> tuple[list[_Span], list[tuple[int, int]]]:
    """Emphasised contents and the marker ranges around them, line by line."""
    spans: list[_Span] = []
    markers: list[tuple[int, int]] = []
    for match in _EMPHASIS.finditer(draft.source):
        name = "bold" if match.group("bold") is not None else "italic"
        start, end = match.span(name)
        spans.append(_Span(start, end, _BOLD if name == "bold" else _ITALIC))
        markers.append((match.start(), start))
        markers.append((end, match.end()))
    return spans, markers


def _markup(draft: Draft) -> bytearray:
    """1 for every character of bracket markup: `[`, `]`, groups and the spaces before them."""
    source = draft.source
    marks = bytearray(len(source))

    def group(g: Group) -> None:
        start = g.start
        while start > 0 and source[start - 1] in " \t":
            start -= 1
        marks[start : g.end] = b"\x01" * (g.end - start)

    for bracket in draft.brackets:
        marks[bracket.start] = 1
        marks[bracket.end - 1] = 1
        for g in bracket.groups:
            group(g)
    for paragraph in draft.paragraphs:
        for g in paragraph.groups:
            group(g)
    return marks


_FLIP = bytes.maketrans(b"\x00\x01", b"\x01\x00")


def _classes(draft: Draft, *, emphasis: bool = True) -> bytes:
    """Per source character: kept by `agreed` (bit 2) and kept with every bracket (bit 1)."""
    source = draft.source
    size = len(source)
    agreed = resolve(draft, "agreed")
    everything = resolve(draft, "all")
    kept_agreed = bytearray(b"\x02") * size
    for start, end in agreed.deletions:
        kept_agreed[start:end] = bytes(end - start)
    kept_all = bytearray(b"\x01") * size
    for start, end in everything.deletions:
        kept_all[start:end] = bytes(end - start)
    # Later alternatives of a set: `all` drops them, Accept All keeps them (without markup).
    markup: bytearray | None = None
    for bracket in draft.brackets:
        if bracket.id in everything.kept:
            continue
        parent = bracket.parent
        if parent is not None and parent not in everything.kept:
            continue  # inside a bracket already handled
        if markup is None:
            markup = _markup(draft)
        kept_all[bracket.start : bracket.end] = markup[bracket.start : bracket.end].translate(_FLIP)
    markers = _emphasis_spans(draft)[1] if emphasis else []
    for start, end in markers:
        kept_agreed[start:end] = bytes(end - start)
        kept_all[start:end] = bytes(end - start)
    if not size:
        return b""
    combined = int.from_bytes(kept_agreed, "big") | int.from_bytes(kept_all, "big")
    return combined.to_bytes(size, "big")


def _author(bracket: Bracket | None, neutral: str) -> str:
    if bracket is None:
        return neutral
    for code in bracket.supporters:
        if code != "*":
            return code
    return neutral


# -- tracked redline --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Segment:
    """Source characters [start, end) written alike: one class, one author, one style."""

    start: int
    end: int
    kind: int  # _SKIP, _INSERTED, _DELETED or _PLAIN
    author: str
    style: RunStyle


@dataclass(frozen=True, slots=True)
class _Comment:
    """A position to write as a comment on source characters [start, end)."""

    start: int
    end: int
    author: str
    text: str


class _Redline:
    """The redline of a draft as segments of the source and comments, whatever writes them."""

    def __init__(self, draft: Draft, neutral: str, *, emphasis: bool = True) -> None:
        self.draft = draft
        self.neutral = neutral
        self.emphasis = emphasis

    def comments(self) -> list[_Comment]:
        """Every position: objections, reservations, extra supporters, alternatives."""
        neutral = self.neutral
        found: list[_Comment] = []

        def positions(start: int, end: int, supporters: tuple[str, ...],
                      objectors: tuple[str, ...], reservations: tuple[str, ...]) -> None:
            for code in supporters:
                found.append(_Comment(start, end, code, "supports"))
            for code in objectors:
                found.append(_Comment(start, end, neutral if code == "*" else code, "objects"))
            for code in reservations:
                found.append(_Comment(start, end, neutral if code == "*" else code,
                                      "to come back"))

        for bracket in self.draft.brackets:
            if bracket.alternative is not None:
                k, n = bracket.alternative
                found.append(_Comment(bracket.start, bracket.end, _author(bracket, neutral),
                                      f"alternative {k} of {n}"))
            positions(bracket.start, bracket.end, bracket.supporters[1:], bracket.objectors,
                      bracket.reservations)
        for paragraph in self.draft.paragraphs:
            if paragraph.groups:
                positions(paragraph.start, paragraph.end, paragraph.supporters,
                          paragraph.objectors, paragraph.reservations)
        return found

    def segments(self, cuts: Iterable[int] = ()) -> Iterator[_Segment]:
        """The whole source in order, cut at class, author, style, line and `cuts` changes."""
        draft = self.draft
        source = draft.source
        neutral = self.neutral
        classes = _classes(draft, emphasis=self.emphasis)
        spans = _emphasis_spans(draft)[0] if self.emphasis else []

        bounds_set = {0, len(source), *cuts}
        bounds_set.update(m.start() for m in _CLASS_RUNS.finditer(classes))
        for bracket in draft.brackets:
            bounds_set.add(bracket.start)
            bounds_set.add(bracket.end)
        for paragraph in draft.paragraphs:
            bounds_set.add(paragraph.start)
            bounds_set.add(paragraph.end)
            bounds_set.add(paragraph.end + 1)
        for span in spans:
            bounds_set.add(span.start)
            bounds_set.add(span.end)
        bounds = sorted(c for c in bounds_set if 0 <= c <= len(source))

        paragraph_author: dict[int, str] = {}
        for paragraph in draft.paragraphs:
            if paragraph.groups:
                author = next((c for c in paragraph.supporters if c != "*"), neutral)
                paragraph_author[paragraph.line] = author
        line_starts = draft.lines.starts

        brackets = draft.brackets
        next_bracket = 0
        stack: list[Bracket] = []
        last_author: str | None = None  # of the insertion just written, for seam spaces
        span_index = 0
        for index in range(len(bounds) - 1):
            s, e = bounds[index], bounds[index + 1]
            while stack and stack[-1].end <= s:
                stack.pop()
            while next_bracket < len(brackets) and brackets[next_bracket].start <= s:
                stack.append(brackets[next_bracket])
                next_bracket += 1
                while stack and stack[-1].end <= s:
                    stack.pop()
            kind = classes[s]
            if kind == _SKIP:
                yield _Segment(s, e, kind, neutral, PLAIN)
                continue
            while span_index < len(spans) and spans[span_index].end <= s:
                span_index += 1
            style = PLAIN
            if span_index < len(spans) and spans[span_index].start <= s and source[s] != "\n":
                style = spans[span_index].style
            if kind == _PLAIN:
                last_author = None
                yield _Segment(s, e, kind, neutral, style)
                continue
            if stack:
                author = _author(stack[-1], neutral)
            else:
                line = bisect_left(line_starts, s + 1)
                author = paragraph_author.get(line) or last_author or _author(
                    _bracket_after(brackets, s), neutral)
            last_author = author
            yield _Segment(s, e, kind, author, style)

    def write(self, builder: BodyBuilder) -> None:
        """Into a generated document: paragraphs per line, tracked runs, comment ranges."""
        source = self.draft.source
        starts: list[tuple[int, str]] = []
        ends: list[tuple[int, str]] = []
        for comment in self.comments():
            comment_id = builder.comment(comment.author, comment.text)
            starts.append((comment.start, comment_id))
            ends.append((comment.end, comment_id))
        starts.sort(key=lambda item: item[0])
        ends.sort(key=lambda item: item[0])
        cuts = [offset for offset, _ in starts] + [offset for offset, _ in ends]
        start_index = end_index = 0
        builder.paragraph()
        for segment in self.segments(cuts):
            s, e, kind = segment.start, segment.end, segment.kind
            while end_index < len(ends) and ends[end_index][0] <= s:
                builder.comment_end(ends[end_index][1])
                end_index += 1
            while start_index < len(starts) and starts[start_index][0] <= s:
                builder.comment_start(starts[start_index][1])
                start_index += 1
            if kind == _SKIP:
                continue
            text = source[s:e]
            if text == "\n":
                if e == len(source):
                    continue  # the file's final line break: no empty paragraph after it
                if kind in (_INSERTED, _DELETED):
                    builder.mark("ins" if kind == _INSERTED else "del", segment.author)
                builder.paragraph()
                continue
            text = text.replace("\r", "")
            if not text:
                continue
            if kind == _PLAIN:
                builder.text(text, segment.style)
            else:
                change = ("ins" if kind == _INSERTED else "del", segment.author)
                builder.text(text, segment.style, change)
        while end_index < len(ends):
            builder.comment_end(ends[end_index][1])
            end_index += 1


def _bracket_after(brackets: tuple[Bracket, ...], offset: int) -> Bracket | None:
    low, high = 0, len(brackets)
    while low < high:
        middle = (low + high) // 2
        if brackets[middle].start < offset:
            low = middle + 1
        else:
            high = middle
    return brackets[low] if low < len(brackets) else None


# -- visible markup ---------------------------------------------------------------------------


def _visible(draft: Draft, builder: BodyBuilder, *, emphasis: bool) -> None:
    """Brackets and attributions as text: `[`/`]` bold, each delegation's entries coloured."""
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
            styled.append((found, found + len(entry.source), RunStyle(bold=True,
                                                                      color=colour(entry.delegation))))
            position = found + len(entry.source)

    for bracket in draft.brackets:
        styled.append((bracket.start, bracket.start + 1, _BOLD))
        styled.append((bracket.end - 1, bracket.end, _BOLD))
        for g in bracket.groups:
            group(g)
    for paragraph in draft.paragraphs:
        for g in paragraph.groups:
            group(g)
    spans, markers = _emphasis_spans(draft) if emphasis else ([], [])
    skipped = bytearray(len(source))
    for start, end in markers:
        skipped[start:end] = b"\x01" * (end - start)
    styled.sort(key=lambda item: item[0])
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
    position = source.find("\n")
    while position >= 0:
        cuts.add(position)
        cuts.add(position + 1)
        position = source.find("\n", position + 1)
    bounds = sorted(cuts)
    builder.paragraph()
    for index in range(len(bounds) - 1):
        s, e = bounds[index], bounds[index + 1]
        if skipped[s]:
            continue
        text = source[s:e]
        if text == "\n":
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


def _covering(spans: list[_Span], starts: list[int], offset: int) -> RunStyle | None:
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


# -- clean copy of a Word source --------------------------------------------------------------


def _clean_copy(resolution: Resolution, origin: DocxSource, out: str | os.PathLike[str],
                inputs: Iterable[str | os.PathLike[str]]) -> None:
    from . import _walk

    package = _ooxml.Package.open(origin.path)
    edit = _ooxml.SourceEdit(package, origin.track_changes, _walk.iter_paragraphs, _walk.text_nodes)
    pieces = origin.pieces
    for part in {"document", *(piece.part for piece in pieces if piece.kind == "run")}:
        edit.include(part)
    piece_starts = [piece.start for piece in pieces]
    for start, end in resolution.deletions:
        index = max(0, bisect_left(piece_starts, start + 1) - 1)
        while index < len(pieces) and pieces[index].start < end:
            piece = pieces[index]
            index += 1
            low, high = max(start, piece.start), min(end, piece.end)
            if low >= high:
                continue
            if piece.kind == "run":
                base = piece.offset - piece.start
                edit.delete(piece.part, piece.paragraph, piece.node, low + base, high + base)
            elif piece.kind == "break":
                edit.join(piece.part, piece.paragraph)
            else:
                edit.touch(piece.part, piece.paragraph)
    edit.finish()
    package.save(out, inputs=inputs)


_ACTIONS = {_SKIP: "drop", _INSERTED: "ins", _DELETED: "del", _PLAIN: "keep"}


def _redline_copy(draft: Draft, origin: DocxSource, out: str | os.PathLike[str],
                  inputs: Iterable[str | os.PathLike[str]], neutral: str,
                  date: datetime | None) -> None:
    """The tracked redline as an edited copy of the Word source."""
    from . import _walk

    package = _ooxml.Package.open(origin.path)
    edit = _ooxml.SourceRedline(package, origin.track_changes, _walk.iter_paragraphs,
                                _walk.text_nodes, _ooxml.format_date(date or datetime.now(UTC)))
    pieces = origin.pieces
    for part in {"document", *(piece.part for piece in pieces if piece.kind == "run")}:
        edit.include(part)
    runs = [piece for piece in pieces if piece.kind == "run"]
    run_starts = [piece.start for piece in runs]

    def run_at(offset: int) -> TextPiece | None:
        at = bisect_left(run_starts, offset + 1) - 1
        if at >= 0 and runs[at].start <= offset < runs[at].end:
            return runs[at]
        return None

    def first_run_char(start: int, end: int) -> int | None:
        at = max(0, bisect_left(run_starts, start + 1) - 1)
        while at < len(runs) and runs[at].start < end:
            low = max(start, runs[at].start)
            if low < min(end, runs[at].end):
                return low
            at += 1
        return None

    def last_run_end(start: int, end: int) -> int | None:
        at = bisect_left(run_starts, end) - 1
        while at >= 0 and runs[at].end > start:
            high = min(end, runs[at].end)
            if high > max(start, runs[at].start):
                return high
            at -= 1
        return None

    redline = _Redline(draft, neutral, emphasis=False)
    anchors: list[tuple[int, int, _Comment]] = []
    for comment in redline.comments():
        low = first_run_char(comment.start, comment.end)
        high = last_run_end(comment.start, comment.end)
        if low is not None and high is not None and low < high:
            anchors.append((low, high, comment))
    cuts = [low for low, _, _ in anchors] + [high for _, high, _ in anchors]

    piece_starts = [piece.start for piece in pieces]
    breaks: dict[tuple[str, int], int] = {}  # kind of the break after a paragraph
    kept: set[tuple[str, int]] = set()  # paragraphs with text that Reject All keeps
    inserted: dict[tuple[str, int], str] = {}  # paragraphs with inserted text: first author
    for segment in redline.segments(cuts):
        index = max(0, bisect_left(piece_starts, segment.start + 1) - 1)
        while index < len(pieces) and pieces[index].start < segment.end:
            piece = pieces[index]
            index += 1
            low, high = max(segment.start, piece.start), min(segment.end, piece.end)
            if low >= high:
                continue
            if piece.kind == "run":
                base = piece.offset - piece.start
                edit.segment(piece.part, piece.paragraph, piece.node, low + base, high + base,
                             _ACTIONS[segment.kind], segment.author)
                key = (piece.part, piece.paragraph)
                if segment.kind in (_PLAIN, _DELETED):
                    kept.add(key)
                elif segment.kind == _INSERTED:
                    inserted.setdefault(key, segment.author)
            elif piece.kind == "break" and piece.paragraph >= 0:
                breaks[(piece.part, piece.paragraph)] = segment.kind
                if segment.kind == _SKIP:
                    edit.join(piece.part, piece.paragraph)
                elif segment.kind in (_INSERTED, _DELETED):
                    edit.mark(piece.part, piece.paragraph, _ACTIONS[segment.kind], segment.author)
    # A paragraph whose only text is inserted (an auto-numbered label aside) goes whole with
    # Reject All: its mark is inserted too.
    for key, author in inserted.items():
        if key not in kept and breaks.get(key) == _PLAIN:
            edit.mark(key[0], key[1], "ins", author)
    for low, high, comment in anchors:
        first, last = run_at(low), run_at(high - 1)
        assert first is not None and last is not None
        comment_id = edit.comments.add(comment.author, comment.text, edit.date)
        edit.anchor(
            comment_id,
            (first.part, first.paragraph, first.node, low - first.start + first.offset),
            (last.part, last.paragraph, last.node, high - last.start + last.offset),
        )
    edit.finish()
    package.save(out, inputs=inputs)
