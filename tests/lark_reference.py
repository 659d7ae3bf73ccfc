"""The reference parser: Lark's own LALR parser over `grammars/brackets.lark`.

This is the parser `brackets.parse` drove until issue 19: Lark's public API, a lexer handing
it the grammar's LEAF, LSQB and RSQB tokens, an inline transformer calling the same
reductions as `brackets.parse` (`_Sequence`, `closed`, `finish`), and Lark's error handler
deciding which brackets are unmatched. It parses twice when a bracket is unmatched (once to
find them, once with them left as text), which is why it is no longer the hot path; here it
is the specification that the bracket stack of `brackets.parse` must agree with
(tests/test_parse_reference.py), so that the two cannot drift.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, cast

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

from brackets.model import Draft, Node, gc_paused
from brackets.notation import grammar_text
from brackets.parse import _Context, _Pending, _Sequence, closed, finish, new_context


@dataclass(slots=True)
class _Run:
    """One run of Lark over the draft: the parse's state and the lexer's."""

    ctx: _Context
    skip: frozenset[int]  # offsets of unmatched brackets: text, not tokens
    tokens: Iterator[Token] | None = None  # the lexer's one stream, resumed after an error
    still_open: int = 0  # `[` less `]` lexed, once the lexer is done
    unmatched: list[tuple[int, str]] = field(default_factory=list)  # (offset, "unopened"...)


class _Opening(Token):
    """An LSQB or LEAF token, with the number and depth of the bracket it opens."""

    __slots__ = ("depth", "number")
    number: int
    depth: int


_RUN: ContextVar[_Run] = ContextVar("brackets_reference_parse")


class _BracketLexer(Lexer):
    """The draft's LEAF, LSQB and RSQB tokens, with the grammar's terminals as Lark gives them."""

    def __init__(self, lexer_conf: Any) -> None:
        terminals = {t.name: t.pattern for t in lexer_conf.terminals}
        self.opening = str(terminals["LSQB"].value)
        self.closing = str(terminals["RSQB"].value)
        self.find = re.compile(
            "|".join(terminals[name].to_regexp() for name in ("LEAF", "LSQB", "RSQB"))
        )

    def lex(self, run: _Run) -> Iterator[Token]:  # type: ignore[override]
        if run.tokens is None:
            run.tokens = self._tokens(run)
        return run.tokens

    def _tokens(self, run: _Run) -> Iterator[Token]:
        source, skip, opening, closing = run.ctx.source, run.skip, self.opening, self.closing
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
        run.still_open = depth


def _leaf(ctx: _Context, leaf: _Opening) -> _Pending:
    """A LEAF token as a reduced bracket: one text node when it is only text on one line,
    read as a run otherwise."""
    start, close = leaf.start_pos, leaf.start_pos + len(leaf) - 1
    if "(" in leaf or "\n" in leaf or "\r" in leaf:
        return closed(_read(ctx, start, close, [], leaf.depth, leaf.number), close, close + 1)
    return (start, close + 1, ctx.source if close > start + 1 else (), leaf.number)


def _read(
    ctx: _Context, opening: int, end: int, inner: list[Any], depth: int, parent: int
) -> _Sequence:
    """A reduced sequence (its brackets `inner`, reduced) read by `brackets.parse`'s
    `_Sequence`, its runs split into text and groups as the grammar's `run` rule says."""
    sequence = _Sequence(ctx, opening, depth, parent)
    for item in (*inner, None):
        if isinstance(item, _Opening):
            item = _leaf(ctx, item)
        gap_end = end if item is None else item[0]
        for match in ctx.groups.finditer(ctx.source, sequence.text_start, gap_end):
            sequence.group(*match.span(), match.group())
        if item is not None:
            sequence.bracket(item)
    return sequence


class _Builder(Transformer[Token, Any]):
    """The grammar's reductions, calling those of `brackets.parse`."""

    def sequence(self, children: list[Any]) -> list[Any]:
        if len(children) == 2:
            children[0].append(children[1])
            return children[0]  # type: ignore[no-any-return]
        return children

    def bracket(self, children: list[Any]) -> Any:
        run = _RUN.get()
        opening, closing = children[0], children[-1]
        if not closing.value:  # closed by the error handler at the end: never closed
            run.unmatched.append((opening.start_pos, "unclosed"))
        if run.unmatched:  # this run only finds the unmatched brackets
            return None
        inner = children[1] if len(children) == 3 else []
        start, close = opening.start_pos, closing.start_pos
        sequence = _read(run.ctx, start, close, inner, opening.depth, opening.number)
        return closed(sequence, close, close + 1)

    def start(self, children: list[Any]) -> tuple[Node, ...]:
        run = _RUN.get()
        if run.unmatched:
            return ()
        ctx = run.ctx
        end = len(ctx.source)
        return _read(ctx, -1, end, children[0] if children else [], 0, 0).end(end)


def _recover(error: UnexpectedInput) -> bool:
    """Lark's error handler: note an unmatched bracket and go on, so that all are found."""
    if not isinstance(error, UnexpectedToken):
        return False
    run = _RUN.get()
    token = error.token
    if token.type == "RSQB":  # closes no open bracket: skip it
        run.unmatched.append((token.start_pos, "unopened"))
        return True
    if token.type == "$END":  # close what is still open, with empty brackets of no length
        strays = sum(1 for _, kind in run.unmatched if kind == "unopened")
        for _ in range(run.still_open + strays):
            error.interactive_parser.feed_token(Token("RSQB", "", len(run.ctx.source)))
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


def _lark(run: _Run) -> tuple[Node, ...]:
    token = _RUN.set(run)
    try:
        return cast("tuple[Node, ...]", _parser().parse(run, start="start", on_error=_recover))
    finally:
        _RUN.reset(token)


def reference_parse(
    text: str,
    *,
    lenient: bool = False,
    path: str | None = None,
    canonical: Callable[[str], str | None] | None = None,
) -> Draft:
    """The draft's syntax as Lark's parser over the grammar gives it (`parse_syntax`'s spec)."""
    with gc_paused():
        run = _Run(new_context(text, lenient, path, canonical), frozenset())
        nodes = _lark(run)
        if run.unmatched:
            # Unmatched brackets are text: parse again without them. Brackets are numbered
            # in the order of their `[`, so the first run could number only the ones before.
            skip = frozenset(offset for offset, _ in run.unmatched)
            unmatched = run.unmatched
            run = _Run(new_context(text, lenient, path, canonical), skip)
            run.ctx.report_unmatched(unmatched)
            nodes = _lark(run)
            assert not run.unmatched, "brackets left unmatched once the unmatched ones are text"
        return finish(run.ctx, nodes, "utf-8", False)
