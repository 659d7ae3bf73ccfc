"""Tokens for the word-level redline: what a change may never split.

A token is an attribution group `(+IRAN, -CHN)` whole, a `[` or a `]`, a line break
(`\\r\\n` is one), a run of spaces, a word, or any other single character (a punctuation
mark). A surrogate pair left in a string stays one token. Tokens cover the text exactly:
joining them gives it back.
"""

from __future__ import annotations

import functools
import re

from ..notation import group_pattern

#: Combining marks belong to the word they decorate (`é` written as e + U+0301).
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"


@functools.cache
def token_pattern() -> re.Pattern[str]:
    """One alternation: word, spaces, group, line break, surrogate pair, other character.

    Words and spaces come first because they are most tokens; a group is tried before
    the single `(` it starts with. (A Python string holds a character outside the Basic
    Multilingual Plane as one code point; a surrogate pair appears only in text decoded
    with `surrogatepass`, and is then kept as one token.)
    """
    return re.compile(
        rf"[\w{_MARKS}]+|[^\S\r\n]+|{group_pattern()}|\r\n|[\ud800-\udbff][\udc00-\udfff]|.",
        re.DOTALL,
    )


def tokenize(text: str) -> list[str]:
    """The tokens of `text`, in order; `"".join(tokenize(text)) == text`."""
    return token_pattern().findall(text)


def is_word(token: str) -> bool:
    """True for a word token (letters, digits, marks), as opposed to spaces or punctuation."""
    return token[:1].isalnum() or token[:1] == "_"
