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
from collections.abc import Callable
from dataclasses import dataclass, field, replace
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
    Node,
    Paragraph,
    Text,
    fast_constructor,
    gc_paused,
    stances,
)
from .notation import (
    alternative_label,
    bracket_tokens,
    ends_paragraph,
    glue_regex,
    group_regex,
    is_placeholder,
    label,
    read_entries,
)
from .options import OptionSets

_Text = fast_constructor(Text)
_Group = fast_constructor(Group)
_Bracket = fast_constructor(Bracket)
_Paragraph = fast_constructor(Paragraph)

#: A bracket reduced by the parser, waiting for its sequence to give it a tail and a set:
#: (offset of `[`, offset after `]`, nodes inside, number).
_Pending = tuple[int, int, tuple["Node", ...], int]

#: What makes a LEAF more than one text node: a group may start, or a paragraph end.
_NOT_PLAIN = re.compile(r"[(\n\r]")

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
    entries: dict[str, tuple[Attribution, ...]] = field(default_factory=dict)
    #: group sources -> supporters, objectors, reservations, codes both for and against
    stances: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    brackets: list[Bracket] = field(default_factory=list)
    paragraph_groups: list[Group] = field(default_factory=list)
    #: where the texts of labelled alternatives start: a label there is no option's
    labelled: set[int] = field(default_factory=set)
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


class _Leaf:
    """A LEAF token (`[`, text, `]`), with the number and depth of the bracket it is: reduced
    when its sequence is, by `_leaf`."""

    __slots__ = ("depth", "end", "number", "start")

    def __init__(self, start: int, end: int, number: int, depth: int) -> None:
        self.start = start
        self.end = end
        self.number = number
        self.depth = depth


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
        spans, skip = _match(ctx)
        return finish(ctx, _reduce(ctx, spans, skip), encoding, bom)


def _match(ctx: _Context) -> tuple[list[tuple[int, int]], set[int]]:
    """The draft's LEAF, LSQB and RSQB tokens as spans, and which of them match nothing.

    One scan with a stack of the open brackets: a `]` closes the innermost open `[`, or none
    when none is open; the `[` still open at the end were never closed. The unmatched ones
    are reported here, and returned as indices in the spans, to be read as text.
    """
    source = ctx.source
    spans = [match.span() for match in bracket_tokens().finditer(source)]
    opening = "["  # the grammar's LSQB; a one-character token that is not `[` is RSQB
    still_open: list[int] = []
    skip: set[int] = set()
    unmatched: list[tuple[int, str]] = []
    for index, (start, end) in enumerate(spans):
        if end - start > 1:  # a LEAF opens and closes itself
            continue
        if source[start] == opening:
            still_open.append(index)
        elif still_open:
            still_open.pop()
        else:
            skip.add(index)
            unmatched.append((start, "unopened"))
    for index in still_open:
        skip.add(index)
        unmatched.append((spans[index][0], "unclosed"))
    if unmatched:
        ctx.report_unmatched(unmatched)
    return spans, skip


def _reduce(ctx: _Context, spans: list[tuple[int, int]], skip: set[int]) -> tuple[Node, ...]:
    """The draft's nodes, each bracket reduced at its `]`, innermost first, as the grammar's
    `bracket` rule; brackets are numbered in the order of their `[`, unmatched ones aside."""
    source = ctx.source
    number = 0
    inner: list[Any] = []  # the items of the sequence under way
    frames: list[tuple[int, int, list[Any]]] = []  # open brackets: start, number, outer items
    for index, (start, end) in enumerate(spans):
        if end - start > 1:
            number += 1
            inner.append(_Leaf(start, end, number, len(frames) + 1))
        elif skip and index in skip:
            continue
        elif source[start] == "[":
            number += 1
            frames.append((start, number, inner))
            inner = []
        else:
            opened, opened_number, outer = frames.pop()
            outer.append(_pending(ctx, opened, opened_number, len(frames) + 1, start, inner))
            inner = outer
    return _assemble(ctx, 0, len(source), inner, 0, 0)


def _pending(
    ctx: _Context, start: int, number: int, depth: int, close: int, inner: list[Any]
) -> _Pending:
    """The bracket `number` at `depth`, opened at `start` and closed at `close`."""
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
    nodes = _assemble(ctx, start + 1, close, inner, depth, number)
    return (start, close + 1, nodes, number)


def finish(ctx: _Context, nodes: tuple[Node, ...], encoding: str, bom: bool) -> Draft:
    """The draft of a parse whose reductions built `nodes`: its brackets, paragraphs (with
    their options) and diagnostics in order."""
    text = ctx.source
    brackets = tuple(sorted(ctx.brackets, key=attrgetter("number")))
    option_sets = OptionSets(text, frozenset(ctx.labelled))
    paragraphs = _paragraphs(ctx, option_sets)
    diagnostics = tuple(sorted(ctx.diagnostics, key=lambda d: (d.line, d.column)))
    return Draft(
        source=text,
        nodes=nodes,
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


def _assemble(
    ctx: _Context, start: int, end: int, inner: list[Any], depth: int, parent: int
) -> tuple[Node, ...]:
    """One reduced sequence as nodes, in one pass over its runs and brackets.

    The runs between brackets are read as text and attribution groups; a group goes to the
    bracket before it when only glue (spaces, . , ; :) stands between; touching brackets form
    a set of alternatives; an unattached group ending a top-level line is a paragraph
    position; any other group is stray (an error, or text when lenient).
    """
    source = ctx.source
    if not inner and source.find("(", start, end) < 0:  # only text: most brackets' insides
        return (_Text(start, end, source[start:end]),) if end > start else ()
    entries = ctx.entries
    find_groups = ctx.groups.finditer
    is_glue = ctx.glue.fullmatch
    nodes: list[Node] = []
    joined: dict[int, int] = {}  # index in nodes of a text joined from pieces -> its end
    touching: list[tuple[_Pending, list[Text | Group]]] = []  # the current set of brackets
    tail: list[Text | Group] | None = None  # where groups may still attach, if anywhere
    tail_end = -1  # where the last bracket (and its tail) ends

    gap_start = start
    for item in (*inner, None):
        if type(item) is _Leaf:  # `[`, text, `]`
            item = _leaf(ctx, item)
        gap_end = end if item is None else item[0]
        if gap_end > gap_start:
            text_start = gap_start
            if source.find("(", gap_start, gap_end) >= 0:
                for match in find_groups(source, gap_start, gap_end):
                    group_start, group_end = match.span()
                    if group_start > text_start:
                        text = _Text(text_start, group_start, source[text_start:group_start])
                        if tail is not None and is_glue(text.text):
                            tail.append(text)
                        else:
                            if touching:
                                _close_set(ctx, nodes, touching, depth, parent)
                            tail = None
                            _add_text(nodes, text, joined)
                    raw = match.group()
                    found = entries.get(raw)
                    if found is None:
                        found = entries[raw] = _canonical(read_entries(raw), ctx.canonical)
                    group = _Group(group_start, group_end, raw, found)
                    text_start = group_end
                    if tail is not None:
                        tail.append(group)
                        tail_end = group_end
                        continue
                    if depth == 0 and ends_paragraph(source, group_end):
                        ctx.paragraph_groups.append(group)
                        nodes.append(group)
                        continue
                    _stray(ctx, nodes, joined, group_start, group_end, raw)
            if gap_end > text_start:
                if tail is not None and item is not None and _labelled(source, touching, item):
                    tail.append(_Text(text_start, gap_end, source[text_start:gap_end]))
                    tail, tail_end, gap_start = [], item[1], item[1]
                    touching.append((item, tail))
                    continue
                if touching:
                    _close_set(ctx, nodes, touching, depth, parent)
                tail = None
                if nodes and type(nodes[-1]) is Text:
                    joined[len(nodes) - 1] = gap_end
                else:
                    nodes.append(_Text(text_start, gap_end, source[text_start:gap_end]))
        if item is None:
            break
        if touching and (tail or tail_end != item[0]):
            _close_set(ctx, nodes, touching, depth, parent)
        tail = []
        tail_end = item[1]
        touching.append((item, tail))
        gap_start = item[1]
    if touching:
        _close_set(ctx, nodes, touching, depth, parent)
    for index, joined_end in joined.items():  # each joined text read once, never concatenated
        first = nodes[index].start
        nodes[index] = _Text(first, joined_end, source[first:joined_end])
    return tuple(nodes)


def _labelled(
    source: str, touching: list[tuple[_Pending, list[Text | Group]]], item: _Pending
) -> bool:
    """Whether bracket `item` joins the set `touching` as a labelled alternative (NOTATION
    3a): only spaces (and no group) stand between them and both open with an alternative
    label. The spaces then go to the tail of the bracket before them."""
    if not touching or touching[-1][1] or source[touching[-1][0][1] : item[0]].strip(" \t"):
        return False
    first = touching[0][0]
    return (
        alternative_label(source, item[0] + 1, item[1]) is not None
        and alternative_label(source, first[0] + 1, first[1]) is not None
    )


def _leaf(ctx: _Context, leaf: _Leaf) -> _Pending:
    """A LEAF token (`[`, text, `]`) as a reduced bracket: its text as one node when it is
    only text on one line, as in most brackets; read as a run otherwise."""
    opening, close, source = leaf.start, leaf.end - 1, ctx.source
    if _NOT_PLAIN.search(source, opening, close) is not None:
        return _pending(ctx, opening, leaf.number, leaf.depth, close, [])
    if close == opening + 1:  # "[]"
        return (opening, close + 1, (), leaf.number)
    text = _Text(opening + 1, close, source[opening + 1 : close])
    return (opening, close + 1, (text,), leaf.number)


def _close_set(
    ctx: _Context,
    nodes: list[Node],
    touching: list[tuple[_Pending, list[Text | Group]]],
    depth: int,
    parent: int,
) -> None:
    """Append the brackets of `touching` (emptied) to `nodes`: one bracket, or a set of
    alternatives when several touch."""
    n = len(touching)
    if n == 1:
        pending, rest = touching.pop()
        nodes.append(_make_bracket(ctx, pending, tuple(rest), depth + 1, parent, 1, 1))
        return
    source = ctx.source
    labelled = all(
        alternative_label(source, pending[0] + 1, pending[1]) is not None
        for pending, _ in touching
    )
    options = tuple(
        _make_bracket(ctx, pending, tuple(rest), depth + 1, parent, k, n)
        for k, (pending, rest) in enumerate(touching, 1)
    )
    if labelled:
        ctx.labelled.update(option.inner_start for option in options)
    nodes.append(Alternatives(options, labelled))
    touching.clear()


def _add_text(nodes: list[Node], text: Text, joined: dict[int, int]) -> None:
    """Append `text`, joined to the text before it (text beside text a stray group left).

    Text beside text is contiguous in the source, so a join only notes the joined text's new
    end in `joined`; `_assemble` reads each joined text from the source once at the end, as
    concatenating at every stray group would be quadratic on a line of them.
    """
    if nodes and type(nodes[-1]) is Text:
        joined[len(nodes) - 1] = text.end
    else:
        nodes.append(text)


def _stray(
    ctx: _Context, nodes: list[Node], joined: dict[int, int], start: int, end: int, raw: str
) -> None:
    """A group that follows no bracket and ends no paragraph: an error (a warning when
    lenient), and its text stays text."""
    ctx.report(
        "warning" if ctx.lenient else "error",
        start,
        f"attribution group {raw} follows no bracket "
        "(only spaces and . , ; : may stand between ']' and its groups)",
        "stray-group",
    )
    _add_text(nodes, _Text(start, end, raw), joined)


def _make_bracket(
    ctx: _Context,
    pending: _Pending,
    tail: tuple[Text | Group, ...],
    depth: int,
    parent: int,
    k: int,
    n: int,
) -> Bracket:
    start, end, children, number = pending
    supporters: tuple[str, ...] = ()
    objectors: tuple[str, ...] = ()
    reservations: tuple[str, ...] = ()
    contradictions: tuple[str, ...] = ()
    if tail:
        key = tuple([t.source for t in tail if type(t) is Group])
        found = ctx.stances.get(key)
        if found is None:
            entries = tuple(e for t in tail if type(t) is Group for e in t.entries)
            found = stances(entries)
            found = ctx.stances[key] = (*found, tuple(sorted(set(found[0]) & set(found[1]))))
        supporters, objectors, reservations, contradictions = found
    bracket = _Bracket(
        number,
        start,
        end,
        children,
        tail,
        depth,
        parent,
        (k, n) if n > 1 else None,
        supporters,
        objectors,
        reservations,
        ctx.lines,
        len(children) == 1 and type(children[0]) is Text and is_placeholder(children[0].text),
    )
    ctx.brackets.append(bracket)
    for code in contradictions:
        message = f"{code} both supports and objects to bracket b{number}"
        ctx.report("warning", start, message, "contradiction")
    return bracket


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
    total = len(source)
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else total
        if source.startswith("\r\n", end - 2) and end - 2 >= start:
            end -= 2
        elif end > start and source[end - 1] in "\r\n":
            end -= 1
        line = index + 1
        groups = tuple(by_line[line]) if line in by_line else ()
        found = label(source, start, end)
        paragraphs.append(_Paragraph(line, start, end, found, groups))
        option_sets.add(line, start, end, found)
    return tuple(paragraphs)
