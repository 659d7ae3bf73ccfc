"""Bracket tokens for Lark's parser, made fast: the one place that knows how a Token is laid out.

The parser makes one `Token` per bracket. Lark's public constructor, `Token(type, value,
start_pos)`, goes through two Python-level calls that handle deprecated keywords; on a draft
of 15,000 brackets that is a tenth of the parse, enough to take the parse benchmark past its
ratio of 20 to the regex floor (tests/benchmarks/bench_parse.py). So when the installed Lark's
`Token` has exactly the attributes below (Lark 1.x documents each of them), a bracket token is
built directly; on any other Lark it is built with the public constructor, and
tests/test_parse.py::test_bracket_tokens_know_this_lark fails, so that the layout is checked
again before the shortcut comes back.
"""

from __future__ import annotations

from lark import Token

#: The attributes of Lark 1.x's Token, in its own order.
TOKEN_SLOTS = ("type", "start_pos", "value", "line", "column", "end_line", "end_column", "end_pos")

#: Whether the installed Lark's Token is laid out as this module expects.
KNOWN_LAYOUT = tuple(getattr(Token, "__slots__", ())) == TOKEN_SLOTS


class BracketToken(Token):
    """An LSQB or RSQB token; an LSQB carries the number and depth of the bracket it opens."""

    __slots__ = ("depth", "number")
    number: int
    depth: int


_new_str = str.__new__


def _direct(type: str, value: str, start_pos: int, number: int = 0, depth: int = 0) -> BracketToken:
    token: BracketToken = _new_str(BracketToken, value)
    token.type = type
    token.value = value
    token.start_pos = start_pos
    token.line = token.column = token.end_line = token.end_column = token.end_pos = None
    token.number = number
    token.depth = depth
    return token


def _public(type: str, value: str, start_pos: int, number: int = 0, depth: int = 0) -> BracketToken:
    token = BracketToken(type, value, start_pos)
    token.number = number
    token.depth = depth
    return token


#: bracket_token(type, value, start_pos, number=0, depth=0) -> BracketToken
bracket_token = _direct if KNOWN_LAYOUT else _public
