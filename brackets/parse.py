"""Parse text drafts into the `Draft` model, as the Lark grammar `grammars/brackets.lark` says.

The grammar is a bracket language: a sequence of runs, LEAFs (a bracket holding only text)
and brackets nesting sequences. Brackets nest, so a stack decides which match, in one scan
over the grammar's own LEAF, LSQB and RSQB terminals (compiled by `notation`): a `]` with no
open bracket closes nothing, and the brackets still open at the end were never closed. Both
are reported at once (errors, or warnings when lenient) and stay text. The model is then
built in one pass over the same tokens, each bracket reduced at its `]` as the grammar's
`bracket` rule is, innermost first: no parse tree is kept, and nothing recurses, whatever the
nesting depth. A RUN is by definition the whole gap between two brackets, so runs are not
tokens: each reduction reads the gaps between its brackets as the grammar's `run` rule says
(text and attribution groups), with the rules of `notation`.

`tests/lark_reference.py` drives Lark's own LALR parser over the grammar with the same
reductions; tests/test_parse_reference.py proves the two give the same drafts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import accumulate, count, islice
from operator import attrgetter
from typing import Any

from .errors import Diagnostic, Severity
from .model import (
    ANONYMOUS,
    Alternatives,
    Attribution,
    Bracket,
    Draft,
    Group,
    LineIndex,
    Paragraph,
    fast_constructor,
    gc_paused,
    source_text,
    stances,
)
from .notation import (
    alternative_label,
    bracket_scan,
    ends_paragraph,
    glue_regex,
    group_regex,
    is_placeholder,
    label_pattern,
    read_entries,
)
from .options import OptionSets

_Text = source_text
_Group = fast_constructor(Group)
_Bracket = fast_constructor(Bracket)
_Paragraph = fast_constructor(Paragraph)

#: A bracket reduced by the parser, waiting for its sequence to give it a tail and a set:
#: (offset of `[`, offset after `]`, nodes inside or the source when it holds only text,
#: number).
_Pending = tuple[int, int, "tuple[Group | Bracket | Alternatives, ...] | str", int]

#: Every ASCII character but the brackets, and what a bracket (as a byte) does to the depth.
_NOT_BRACKETS = bytes(c for c in range(128) if c not in b"[]")
_OPEN = ord("[")
_DEPTH = {_OPEN: 1, ord("]"): -1}
#: What may stand between two labelled alternatives of a set.
_SPACES = re.compile(r"[ \t]*")
#: A bracket, found in the text (the unmatched ones, once known), in stretches of this size.
_BRACKET = re.compile(r"[\[\]]")
_STRETCH = 4096

#: The messages of the two kinds of unmatched bracket.
_UNMATCHED = {
    "unclosed": "bracket opened here is never closed",
    "unopened": "']' closes no open bracket",
}


@dataclass(slots=True)
class _Context:
    """State of one parse, shared by the reductions."""

    source: str
    lines: LineIndex
    lenient: bool
    path: str | None
    groups: re.Pattern[str]  # finds attribution groups in a run (the rest of a run is TEXT)
    glue: re.Pattern[str]  # what may stand between `]` and its groups
    #: group source -> that source (one string for every group written alike), its entries
    entries: dict[str, tuple[str, tuple[Attribution, ...]]] = field(default_factory=dict)
    #: group source -> (supporters, objectors, reservations), codes both for and against
    stances: dict[str, tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]] = field(
        default_factory=dict
    )
    diagnostics: list[Diagnostic] = field(default_factory=list)
    brackets: list[Bracket] = field(default_factory=list)
    paragraph_groups: list[Group] = field(default_factory=list)
    #: where the texts of alternatives (of a set) start: a label there is no option's
    labelled: set[int] = field(default_factory=set)
    #: (k, n) -> that tuple: one for every k-th bracket of a set of n
    pairs: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    #: name -> the delegation's one code (given by `codes.parse`), so that "(+US)" and
    #: "(+USA)" are one delegation; None keeps codes as written
    canonical: Callable[[str], str | None] | None = None

    def report(self, severity: Severity, offset: int, message: str, code: str) -> None:
        line, column = self.lines.locate(offset)
        self.diagnostics.append(
            Diagnostic(severity, message, line, column, self.path, code, offset)
        )

    def report_unmatched(self, unmatched: list[tuple[int, str]]) -> None:
        """Report the unmatched brackets, (offset, "unclosed" or "unopened"), in the order
        of the text: errors, or warnings when lenient."""
        severity: Severity = "warning" if self.lenient else "error"
        for offset, kind in sorted(unmatched):
            self.report(severity, offset, _UNMATCHED[kind], kind)


def new_context(
    text: str,
    lenient: bool,
    path: str | None,
    canonical: Callable[[str], str | None] | None,
) -> _Context:
    """The state of a new parse of `text`, for `parse_syntax` and the reference parser."""
    ctx = _Context(text, LineIndex(text), lenient, path, group_regex(), glue_regex())
    ctx.canonical = canonical
    return ctx


def parse_syntax(
    text: str,
    *,
    lenient: bool = False,
    path: str | None = None,
    canonical: Callable[[str], str | None] | None = None,
    encoding: str = "utf-8",
    bom: bool = False,
) -> Draft:
    """The draft's syntax as the model: brackets, groups, paragraphs and their diagnostics.

    Never raises for a bad draft: errors (warnings when lenient) are kept on the draft, for
    `codes.parse` to add the code checks and raise in strict mode. `canonical` maps a code as
    written to its delegation's one code (None keeps it as written): the parser knows no
    registry, so "(+US)" and "(+USA)" are one delegation only when the caller says so.
    """
    with gc_paused():  # the model holds no cycles; collecting while it is built costs a third
        ctx = new_context(text, lenient, path, canonical)
        return finish(ctx, _reduce(ctx, _unmatched(ctx)), encoding, bom)


def _marks(source: str) -> bytes:
    """The brackets of `source` alone, in order, as bytes (its other characters dropped)."""
    return source.encode("ascii", "ignore").translate(None, _NOT_BRACKETS)


def _balanced(marks: bytes) -> bool:
    """Whether every bracket of `marks` (`_marks`) matches one, found without a Python loop:
    "[]" is removed until nothing is left (balanced) or nothing changes; past a nesting depth
    of 16, by their depths: none below zero, none left open at the end."""
    for _ in range(16):
        if not marks:
            return True
        fewer = marks.replace(b"[]", b"")
        if len(fewer) == len(marks):
            return False
        marks = fewer
    depths = list(accumulate(map(_DEPTH.__getitem__, marks)))
    return depths[-1] == 0 and min(depths) >= 0


def _offsets(source: str, indices: list[int]) -> Iterator[tuple[int, int]]:
    """(index, offset) of the brackets of `source` at the sorted `indices` (the index-th
    bracket, counting from 0): the brackets are counted a stretch at a time, and only the
    stretches holding one of them are searched, each once."""
    wanted = iter(indices)
    index = next(wanted, None)
    counted = 0  # brackets before `start`
    start, size = 0, len(source)
    while index is not None and start < size:
        end = min(start + _STRETCH, size)
        found = source.count("[", start, end) + source.count("]", start, end)
        if counted + found > index:
            matches = _BRACKET.finditer(source, start, end)
            at = counted  # the index of the next match
            while index is not None and index < counted + found:
                match = next(islice(matches, index - at, None))  # skipped in C
                yield index, match.start()
                at = index + 1
                index = next(wanted, None)
        counted += found
        start = end


def _unmatched(ctx: _Context) -> frozenset[int]:
    """The offsets of the brackets that match none, reported (the depth scan).

    A stack of the open `[` over the draft's brackets in order: a `]` closes the innermost,
    or none when none is open; the `[` still open at the end were never closed. (A LEAF, the
    grammar's bracket holding no bracket, opens and closes itself: its `]` closes the `[`
    just before it.) The scan runs over the brackets alone, as bytes, and only the unmatched
    ones are then found in the text. Unmatched brackets are text for `_reduce`.
    """
    source = ctx.source
    marks = _marks(source)
    if _balanced(marks):  # the common case: nothing is unmatched
        return frozenset()
    still_open: list[int] = []  # indices in `marks`
    unopened: list[int] = []
    opened = still_open.append
    for index, mark in enumerate(marks):
        if mark == _OPEN:
            opened(index)
        elif still_open:
            still_open.pop()
        else:
            unopened.append(index)
    kinds = {index: "unopened" for index in unopened}
    kinds.update((index, "unclosed") for index in still_open)
    unmatched = [(offset, kinds[index]) for index, offset in _offsets(source, sorted(kinds))]
    ctx.report_unmatched(unmatched)
    return frozenset(offset for offset, _ in unmatched)


def _reduce(ctx: _Context, skip: frozenset[int]) -> tuple[Group | Bracket | Alternatives, ...]:
    """The draft's nodes, in one scan of its brackets and groups (`notation.bracket_scan`).

    Each sequence is read as its tokens come (`_Sequence`), and each bracket is reduced at
    its `]`, innermost first, as the grammar's `bracket` rule is; brackets are numbered in the
    order of their `[`, the unmatched ones (`skip`) being text.
    """
    source = ctx.source
    sequence = _Sequence(ctx, -1, 0, 0)
    outer: list[_Sequence] = []  # the sequences of the brackets still open
    number = 0
    for match in bracket_scan().finditer(source):
        start, end = match.span()
        first = source[start]
        if first == "(":  # an attribution group
            sequence.group(start, end, match.group())
        elif end - start > 1:  # a LEAF of plain text: one text node, or none in "[]"
            number += 1
            # its text is read from the source when asked (`Bracket.children`), not built
            sequence.bracket((start, end, source if end - start > 2 else (), number))
        elif skip and start in skip:
            continue
        elif first == "[":
            number += 1
            outer.append(sequence)
            sequence = _Sequence(ctx, start, sequence.depth + 1, number)
        else:
            inner = sequence
            sequence = outer.pop()
            sequence.bracket(closed(inner, start, end))
    nodes = sequence.end(len(source))
    return () if isinstance(nodes, str) else nodes  # the draft's sequence ends in nodes


def closed(sequence: _Sequence, close: int, end: int) -> _Pending:
    """The bracket holding `sequence`, closed by the `]` at `close`..`end`: reduced, warning
    when it runs across paragraphs. (Offsets are passed as the scan found them, never
    recomputed: a bracket's `start` and `end` are the scan's own numbers, not copies.)"""
    ctx, start, number = sequence.ctx, sequence.opening, sequence.parent
    starts = ctx.lines.starts
    line = bisect_right(starts, start)  # the next line starts at starts[line]
    if line < len(starts) and starts[line] <= close:
        ctx.report(
            "warning",
            start,
            f"bracket b{number} runs across paragraphs "
            f"(closes at line {bisect_right(starts, close)}); check that no ']' is missing",
            "across-paragraphs",
        )
    return (start, end, sequence.end(close), number)


def finish(
    ctx: _Context, nodes: tuple[Group | Bracket | Alternatives, ...], encoding: str, bom: bool
) -> Draft:
    """The draft of a parse whose reductions built `nodes`: its brackets, paragraphs (with
    their options) and diagnostics in order."""
    text = ctx.source
    brackets = tuple(sorted(ctx.brackets, key=attrgetter("number")))
    option_sets = OptionSets(text, frozenset(ctx.labelled))
    paragraphs = _paragraphs(ctx, option_sets)
    diagnostics = tuple(sorted(ctx.diagnostics, key=lambda d: (d.line, d.column)))
    return Draft(
        source=text,
        _nodes=nodes,
        brackets=brackets,
        paragraphs=paragraphs,
        diagnostics=diagnostics,
        lines=ctx.lines,
        path=ctx.path,
        lenient=ctx.lenient,
        encoding=encoding,
        bom=bom,
        option_sets=option_sets.finish(),
    )


class _Sequence:
    """One sequence (the draft's, or a bracket's inside) read as its items come: groups,
    brackets once reduced, and the text between them, which is not a token.

    A group goes to the bracket before it when only glue (spaces, . , ; :) stands between;
    touching brackets form a set of alternatives; an unattached group ending a top-level line
    is a paragraph position; any other group is stray (an error, or text when lenient).
    Only the nodes that are no text are kept: a text is whatever lies between them (and the
    glue of a tail whatever lies between its groups), read from the source when asked.
    """

    __slots__ = (
        "ctx",
        "depth",
        "nodes",
        "opening",
        "parent",
        "tail",
        "tail_end",
        "text_start",
        "touching",
    )

    def __init__(self, ctx: _Context, opening: int, depth: int, parent: int) -> None:
        self.ctx = ctx
        self.opening = opening  # the offset of its `[`, -1 for the draft's
        self.depth = depth  # of the bracket holding it, 0 for the draft's
        self.parent = parent  # the number of that bracket, 0 for the draft's
        self.text_start = opening + 1  # where the text not yet read starts
        self.nodes: list[Group | Bracket | Alternatives] = []
        self.touching: list[_Touching] = []  # the current set
        self.tail: list[Group] | None = None  # where groups may still attach, if any
        self.tail_end = -1  # where the last bracket (and its tail) ends

    def group(self, start: int, end: int, raw: str) -> None:
        """The attribution group `raw` at `start`..`end`, after the text before it."""
        ctx, tail = self.ctx, self.tail
        if (
            start > self.text_start
            and tail is not None
            and ctx.glue.fullmatch(ctx.source, self.text_start, start) is None
        ):  # text, not glue: the set before it is closed, and nothing attaches to it
            _close_set(ctx, self.nodes, self.touching, self.depth, self.parent)
            tail = self.tail = None
        known = ctx.entries.get(raw)
        if known is None:
            known = ctx.entries[raw] = (raw, _canonical(read_entries(raw), ctx.canonical))
        self.text_start = end
        if tail is not None:
            tail.append(_Group(start, end, *known))
            self.tail_end = end
        elif self.depth == 0 and ends_paragraph(ctx.source, end):
            group = _Group(start, end, *known)
            ctx.paragraph_groups.append(group)
            self.nodes.append(group)
        else:
            _stray(ctx, start, raw)

    def bracket(self, item: _Pending) -> None:
        """The reduced bracket `item`, after the text before it."""
        start = item[0]
        touching = self.touching
        if touching:
            if start > self.text_start:  # text before it (or the spaces between labelled ones)
                if self.tail is not None and _labelled(self.ctx.source, touching, item):
                    touching[-1][2] = start  # the spaces end the tail of the one before
                    self.tail = []
                    self.tail_end = self.text_start = item[1]
                    touching.append([item, self.tail, -1])
                    return
                _close_set(self.ctx, self.nodes, touching, self.depth, self.parent)
            elif self.tail or self.tail_end != start:  # not touching the one before
                _close_set(self.ctx, self.nodes, touching, self.depth, self.parent)
        tail: list[Group] = []
        self.tail = tail
        self.tail_end = self.text_start = item[1]
        touching.append([item, tail, -1])

    def end(self, end: int) -> tuple[Group | Bracket | Alternatives, ...] | str:
        """The sequence's nodes that are no text, once it ends at `end`; for a bracket holding
        only text, the source (its text is read from it when asked: most brackets)."""
        if self.touching:  # text after it or not, the set before the end is closed
            _close_set(self.ctx, self.nodes, self.touching, self.depth, self.parent)
        if self.nodes:
            return tuple(self.nodes)
        if self.opening >= 0 and end > self.opening + 1:
            return self.ctx.source
        return ()


#: A bracket of the set being read: its reduction, its groups so far, and where the spaces
#: before a labelled alternative of its set end (-1: none).
_Touching = list[Any]


def _labelled(source: str, touching: list[_Touching], item: _Pending) -> bool:
    """Whether bracket `item` joins the set `touching` as a labelled alternative (NOTATION
    3a): only spaces (and no group) stand between them and both open with an alternative
    label. The spaces then go to the tail of the bracket before them. The bracket before
    decides, not the first of the set: `[x][a][Alt. 1 ] [Option B: ]` is one set, as if
    `[Option B: ]` touched, and `all` keeps no label a second parse reads as an option."""
    if not touching or touching[-1][1]:
        return False
    if not _SPACES.fullmatch(source, touching[-1][0][1], item[0]):
        return False
    before = touching[-1][0]
    return (
        alternative_label(source, item[0] + 1, item[1]) is not None
        and alternative_label(source, before[0] + 1, before[1]) is not None
    )


def _close_set(
    ctx: _Context,
    nodes: list[Group | Bracket | Alternatives],
    touching: list[_Touching],
    depth: int,
    parent: int,
) -> None:
    """Append the brackets of `touching` (emptied) to `nodes`: one bracket, or a set of
    alternatives when several touch."""
    n = len(touching)
    if n == 1:
        nodes.append(_make_bracket(ctx, touching.pop(), depth + 1, parent, 1, 1))
        return
    if not n:
        return
    source = ctx.source
    labelled = True
    options = []
    # A bracket of a set of alternatives (touching, labelled or both) is no option, whatever
    # its text opens with: `[x][Alt. 1 ] [Option B: ]` is one set, not an option (NOTATION 3a).
    no_option = ctx.labelled.add
    for k, entry in enumerate(touching, 1):
        start, end = entry[0][0] + 1, entry[0][1]
        if labelled and alternative_label(source, start, end) is None:
            labelled = False
        no_option(start)
        options.append(_make_bracket(ctx, entry, depth + 1, parent, k, n))
    nodes.append(Alternatives(tuple(options), labelled))
    touching.clear()


def _stray(ctx: _Context, start: int, raw: str) -> None:
    """A group that follows no bracket and ends no paragraph: an error (a warning when
    lenient), and its text stays text."""
    ctx.report(
        "warning" if ctx.lenient else "error",
        start,
        f"attribution group {raw} follows no bracket "
        "(only spaces and . , ; : may stand between ']' and its groups)",
        "stray-group",
    )


#: The stances of a bracket with no group.
_NO_STANCES: tuple[tuple[str, ...], ...] = ((), (), ())


def _make_bracket(
    ctx: _Context, touching: _Touching, depth: int, parent: int, k: int, n: int
) -> Bracket:
    pending, groups, glue_end = touching
    start, end, children, number = pending
    if groups:
        known = ctx.stances.get(groups[0].source) if len(groups) == 1 else None
        found, contradictions = known or _stances(ctx, groups)
        tail: tuple[Group, ...] = tuple(groups)
        tail_end = groups[-1].end
    else:
        found, contradictions = _NO_STANCES, ()
        tail, tail_end = (), glue_end if glue_end >= 0 else end
    alternative = None
    if n > 1:
        alternative = ctx.pairs.get((k, n))
        if alternative is None:
            alternative = ctx.pairs[k, n] = (k, n)
    bracket = _Bracket(
        number,
        start,
        end,
        children,
        tail,
        tail_end,
        depth,
        parent,
        alternative,
        found,
        ctx.lines,
        type(children) is str and is_placeholder(children, start + 1, end - 1),
    )
    ctx.brackets.append(bracket)
    if contradictions:
        for code in contradictions:
            message = f"{code} both supports and objects to bracket b{number}"
            ctx.report("warning", start, message, "contradiction")
    return bracket


def _stances(
    ctx: _Context, groups: list[Group]
) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """The stances a bracket keeps for a tail holding `groups` (supporters, objectors,
    reservations: read once per group source, the tuple shared; for a tail of several groups,
    its own, as combinations of groups rarely repeat), and the codes both for and against."""
    if len(groups) > 1:
        merged = stances(tuple(e for g in groups for e in g.entries))
        return merged, tuple(sorted(set(merged[0]) & set(merged[1])))
    cache = ctx.stances
    key = groups[0].source
    found = cache.get(key)
    if found is None:
        kept = stances(groups[0].entries)
        found = cache[key] = (kept, tuple(sorted(set(kept[0]) & set(kept[1]))))
    return found


def _canonical(
    entries: tuple[Attribution, ...], canonical: Callable[[str], str | None] | None
) -> tuple[Attribution, ...]:
    """The entries with each delegation under its one code ("US" -> "USA"), as written else."""
    if canonical is None:
        return entries
    changed = []
    for entry in entries:
        code = entry.delegation
        if code != ANONYMOUS:
            code = canonical(code) or code
        if code != entry.delegation:
            entry = replace(entry, delegation=code, written=entry.delegation)
        changed.append(entry)
    return tuple(changed)


def _paragraphs(ctx: _Context, option_sets: OptionSets) -> tuple[Paragraph, ...]:
    """The draft's lines as paragraphs, with their labels and own groups; each is handed to
    `option_sets` as it is built, so that options are read in the same pass."""
    source = ctx.source
    starts = ctx.lines.starts
    by_line: dict[int, list[Group]] = {}
    for group in ctx.paragraph_groups:
        by_line.setdefault(ctx.lines.locate(group.start)[0], []).append(group)
    paragraphs: list[Paragraph] = []
    append, add = paragraphs.append, option_sets.add
    find_label = label_pattern().match  # `notation.label`, for every line
    for line, start, end in zip(count(1), starts, _line_ends(source, starts)):
        groups = tuple(by_line[line]) if line in by_line else ()
        match = find_label(source, start, end)
        found = match.group("label") if match else None
        append(_Paragraph(line, start, end, found, groups))
        add(line, start, end, found)
    return tuple(paragraphs)


def _line_ends(source: str, starts: list[int]) -> list[int]:
    """Where each line's text ends, before its line break ("\n", "\r\n" or "\r")."""
    total = len(source)
    if "\r" not in source:  # most drafts: each line ends before the "\n" the next follows
        return [start - 1 for start in islice(starts, 1, None)] + [total]
    ends = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else total
        if source.startswith("\r\n", end - 2) and end - 2 >= start:
            end -= 2
        elif end > start and source[end - 1] in "\r\n":
            end -= 1
        ends.append(end)
    return ends
