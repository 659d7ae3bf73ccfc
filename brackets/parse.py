"""Parse text drafts into the `Draft` model with the Lark grammar in `grammars/brackets.lark`.

Lark's LALR parser runs over the grammar through its public API: a custom lexer hands it the
grammar's LEAF, LSQB and RSQB tokens, found in one compiled-regex pass, and an inline
transformer builds the model as the grammar's rules are reduced: no parse tree is kept, and
nothing recurses, whatever the nesting depth. A RUN is by definition the whole gap between
two brackets, so runs are not tokens: each reduction reads the gaps between its brackets as
the grammar's `run` rule says (text and attribution groups), with the rules of `notation`.

The parser decides which brackets match. A `]` it cannot shift closes no open bracket; at the
end of the draft, the brackets still open were never closed. All of them are reported at
once (errors, or warnings when lenient), and the draft is parsed again with them left in
the text.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Any, cast

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

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
from .notation import ends_paragraph, glue_regex, grammar_text, group_regex, label, read_entries

_Text = fast_constructor(Text)
_Group = fast_constructor(Group)
_Bracket = fast_constructor(Bracket)
_Paragraph = fast_constructor(Paragraph)

#: A bracket reduced by the parser, waiting for its sequence to give it a tail and a set:
#: (offset of `[`, offset after `]`, nodes inside, number).
_Pending = tuple[int, int, tuple["Node", ...], int]


@dataclass(slots=True)
class _Context:
    """State of one parse, shared by the lexer, the reductions and the error handler."""

    source: str
    lines: LineIndex
    lenient: bool
    path: str | None
    skip: frozenset[int]  # offsets of unmatched brackets: text, not tokens
    groups: re.Pattern[str]  # finds attribution groups in a run (the rest of a run is TEXT)
    glue: re.Pattern[str]  # what may stand between `]` and its groups
    tokens: Iterator[Token] | None = None  # the lexer's one stream, resumed after an error
    still_open: int = 0  # `[` less `]` lexed, once the lexer is done
    unmatched: list[tuple[int, str]] = field(default_factory=list)  # (offset, "unopened"...)
    entries: dict[str, tuple[Attribution, ...]] = field(default_factory=dict)
    #: group sources -> supporters, objectors, reservations, codes both for and against
    stances: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    brackets: list[Bracket] = field(default_factory=list)
    paragraph_groups: list[Group] = field(default_factory=list)
    #: name -> the delegation's one code (given by `codes.parse`), so that "(+US)" and
    #: "(+USA)" are one delegation; None keeps codes as written
    canonical: Callable[[str], str | None] | None = None

    def report(self, severity: Severity, offset: int, message: str, code: str) -> None:
        line, column = self.lines.locate(offset)
        self.diagnostics.append(
            Diagnostic(severity, message, line, column, self.path, code, offset)
        )


class _Opening(Token):
    """An LSQB or LEAF token, with the number and depth of the bracket it opens."""

    __slots__ = ("depth", "number")
    number: int
    depth: int


#: The parse under way in this thread or task, for the transformer's reductions.
_CONTEXT: ContextVar[_Context] = ContextVar("brackets_parse")


class _BracketLexer(Lexer):
    """The draft's LSQB and RSQB tokens, found with the grammar's own terminals.

    Lark passes the `_Context` given to `Lark.parse` as the input. The token stream is kept on
    it, so that resuming after an error goes on from the token after the error.
    """

    def __init__(self, lexer_conf: Any) -> None:
        terminals = {t.name: t.pattern for t in lexer_conf.terminals}
        self.opening = str(terminals["LSQB"].value)
        self.closing = str(terminals["RSQB"].value)
        self.find = re.compile(
            "|".join(terminals[name].to_regexp() for name in ("LEAF", "LSQB", "RSQB"))
        )

    def lex(self, ctx: _Context) -> Iterator[Token]:  # type: ignore[override]
        if ctx.tokens is None:
            ctx.tokens = self._tokens(ctx)
        return ctx.tokens

    def _tokens(self, ctx: _Context) -> Iterator[Token]:
        source, skip, opening, closing = ctx.source, ctx.skip, self.opening, self.closing
        number = depth = 0
        for match in self.find.finditer(source):
            position, end = match.span()
            if end - position > 1:  # a LEAF is never an unmatched bracket
                number += 1
                token = _Opening("LEAF", match.group(), position)
                token.depth = depth + 1
            elif skip and position in skip:
                continue
            elif source[position] == opening:
                number += 1
                depth += 1
                token = _Opening("LSQB", opening, position)
                token.depth = depth
            else:
                depth -= 1
                yield Token("RSQB", closing, position)
                continue
            token.number = number
            yield token
        ctx.still_open = depth


class _Builder(Transformer[Token, Any]):
    """The reductions of the grammar's rules, building the model as the parser goes."""

    def sequence(self, children: list[Any]) -> list[Any]:
        """The items of a sequence, in one list that the left-recursive rule extends."""
        if len(children) == 2:
            children[0].append(children[1])
            return children[0]  # type: ignore[no-any-return]
        return children

    def bracket(self, children: list[Any]) -> _Pending | None:
        """LSQB sequence? RSQB: the bracket's nodes; its tail and set come from its sequence."""
        ctx = _CONTEXT.get()
        opening, closing = children[0], children[-1]
        if not closing.value:  # closed by the error handler at the end: never closed
            ctx.unmatched.append((opening.start_pos, "unclosed"))
        if ctx.unmatched:  # this parse only finds the unmatched brackets
            return None
        inner = children[1] if len(children) == 3 else []
        return _pending(ctx, opening, closing.start_pos, inner)

    def start(self, children: list[Any]) -> tuple[Node, ...]:
        """The draft's top-level nodes."""
        ctx = _CONTEXT.get()
        if ctx.unmatched:
            return ()
        return _assemble(ctx, 0, len(ctx.source), children[0] if children else [], 0, 0)


def _pending(ctx: _Context, opening: Any, close: int, inner: list[Any]) -> _Pending:
    """The bracket opened by token `opening` (LSQB or LEAF) and closed at `close`."""
    start, number = opening.start_pos, opening.number
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
    nodes = _assemble(ctx, start + 1, close, inner, opening.depth, number)
    return (start, close + 1, nodes, number)


def _recover(error: UnexpectedInput) -> bool:
    """Lark's error handler: note an unmatched bracket and go on, so that all are found."""
    if not isinstance(error, UnexpectedToken):
        return False
    ctx = _CONTEXT.get()
    token = error.token
    if token.type == "RSQB":  # closes no open bracket: skip it
        ctx.unmatched.append((token.start_pos, "unopened"))
        return True
    if token.type == "$END":  # close what is still open, with empty brackets of no length
        strays = sum(1 for _, kind in ctx.unmatched if kind == "unopened")
        for _ in range(ctx.still_open + strays):
            error.interactive_parser.feed_token(Token("RSQB", "", len(ctx.source)))
        return True
    return False


@functools.cache
def _parser() -> Lark:
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer=_BracketLexer,
        transformer=_Builder(),
        start=["start", "run"],
    )


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
        return _parse(text, lenient, path, canonical, encoding, bom)


def _run(ctx: _Context) -> tuple[Node, ...]:
    """One run of the parser over the draft, with `ctx` as the parse under way."""
    token = _CONTEXT.set(ctx)
    try:
        # With an inline transformer, Lark returns what the start rule's reduction built.
        return cast("tuple[Node, ...]", _parser().parse(ctx, start="start", on_error=_recover))
    finally:
        _CONTEXT.reset(token)


def _parse(
    text: str,
    lenient: bool,
    path: str | None,
    canonical: Callable[[str], str | None] | None,
    encoding: str,
    bom: bool,
) -> Draft:
    lines = LineIndex(text)
    ctx = _Context(text, lines, lenient, path, frozenset(), group_regex(), glue_regex())
    ctx.canonical = canonical
    nodes = _run(ctx)
    if ctx.unmatched:
        # Unmatched brackets are text: parse again without them. Brackets are numbered in
        # the order of their `[`, so the first run could number only the ones before.
        unmatched = sorted(ctx.unmatched)
        skip = frozenset(offset for offset, _ in unmatched)
        ctx = _Context(text, lines, lenient, path, skip, group_regex(), glue_regex())
        ctx.canonical = canonical
        severity: Severity = "warning" if lenient else "error"
        for offset, kind in unmatched:
            message = (
                "bracket opened here is never closed"
                if kind == "unclosed"
                else "']' closes no open bracket"
            )
            ctx.report(severity, offset, message, kind)
        nodes = _run(ctx)
        assert not ctx.unmatched, "brackets left unmatched once the unmatched ones are text"

    brackets = tuple(sorted(ctx.brackets, key=attrgetter("number")))
    paragraphs = _paragraphs(ctx)
    diagnostics = tuple(sorted(ctx.diagnostics, key=lambda d: (d.line, d.column)))
    return Draft(
        source=text,
        nodes=nodes,
        brackets=brackets,
        paragraphs=paragraphs,
        diagnostics=diagnostics,
        lines=lines,
        path=path,
        lenient=lenient,
        encoding=encoding,
        bom=bom,
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
        if type(item) is _Opening:  # a LEAF: `[`, text, `]`
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


def _leaf(ctx: _Context, leaf: Any) -> _Pending:
    """A LEAF token (`[`, text, `]`) as a reduced bracket: its text as one node when it is
    only text on one line, as in most brackets; read as a run otherwise."""
    opening = leaf.start_pos
    close = opening + len(leaf) - 1
    if "(" in leaf or "\n" in leaf or "\r" in leaf:
        return _pending(ctx, leaf, close, [])
    inside = (_Text(opening + 1, close, leaf[1:-1]),) if close > opening + 1 else ()
    return (opening, close + 1, inside, leaf.number)


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
    options = tuple(
        _make_bracket(ctx, pending, tuple(rest), depth + 1, parent, k, n)
        for k, (pending, rest) in enumerate(touching, 1)
    )
    nodes.append(Alternatives(options))
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


def _paragraphs(ctx: _Context) -> tuple[Paragraph, ...]:
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
        paragraphs.append(_Paragraph(line, start, end, label(source, start, end), groups))
    return tuple(paragraphs)
