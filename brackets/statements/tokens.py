"""A comment cut into tokens, phrases looked up by words, the registry's names as phrases,
and the statements' segments and clauses."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from ..delegations import GROUPS
from .vocabulary import (
    _ABBREVIATIONS,
    _APOSTROPHES,
    _DASHES,
    _DATE,
    _TOKEN,
    _WEAK_STANCES,
    AGREEMENT,
    BEHALF,
    FUZZY,
    LOWERCASE_CODES,
    LOWERCASE_UNSAFE,
    NOT_SLIPS,
    OBJECTS,
    RESERVES,
    SCOPES,
    STOPS,
    SUPPORTS,
    TAKES_OBJECT,
    WEAK,
    Stance,
)


class Names(Protocol):
    """What reading a comment needs of a registry: every delegation's names and aliases."""

    @property
    def names(self) -> Mapping[str, tuple[str, ...]]: ...


# -- tokens -----------------------------------------------------------------------------------


class _Token(NamedTuple):
    kind: str  # "word", "quote", "punct", "line", "date"
    text: str
    key: str
    start: int
    end: int


def _key(word: str) -> str:
    """A word compared without case, accents, dots or curly apostrophes."""
    text = unicodedata.normalize("NFKD", word.translate(_APOSTROPHES))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace(".", "")


def _tokens(text: str) -> list[_Token]:
    """The comment's tokens, dates as single tokens."""
    found: list[_Token] = []
    dates = [(m.start(), m.end()) for m in _DATE.finditer(text)]
    at = 0
    for date_start, date_end in [*dates, (len(text), len(text))]:
        found.extend(_plain_tokens(text, at, date_start))
        if date_end > date_start:
            found.append(_Token("date", text[date_start:date_end].strip(" \t(["), "", date_start,
                                date_end))
        at = date_end
    return found


def _plain_tokens(text: str, start: int, end: int) -> Iterator[_Token]:
    for match in _TOKEN.finditer(text, start, end):
        kind = match.lastgroup or "punct"
        value = match.group()
        if kind == "quote":
            yield _Token("quote", value[1:-1].strip(), "", match.start(), match.end())
        elif kind == "punct":
            yield _Token("punct", value, value.translate(_DASHES), match.start(), match.end())
        else:
            yield _Token(kind, value, _key(value) if kind == "word" else "\n", match.start(),
                         match.end())


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(t.key for t in _tokens(text) if t.kind in ("word", "punct"))


class _Phrases:
    """A table of phrases (tuples of keys) to values, matched longest first at a position."""

    def __init__(self, entries: Iterable[tuple[str, object]]) -> None:
        self.table: dict[tuple[str, ...], object] = {}
        self.longest: dict[str, int] = {}
        for text, value in entries:
            keys = _phrase(text)
            if keys:
                self.table.setdefault(keys, value)
                self.longest[keys[0]] = max(self.longest.get(keys[0], 0), len(keys))

    def match(self, keys: Sequence[str], at: int) -> tuple[int, object] | None:
        """(length, value) of the longest phrase at keys[at], or None."""
        longest = self.longest.get(keys[at], 0)
        for length in range(min(longest, len(keys) - at), 0, -1):
            value = self.table.get(tuple(keys[at : at + length]))
            if value is not None:
                return length, value
        return None


def _stance_table() -> _Phrases:
    entries: list[tuple[str, object]] = []
    for phrases, stance in ((RESERVES, "tcb"), (OBJECTS, "-"), (SUPPORTS, "+")):
        entries += [(phrase, stance) for phrase in phrases if phrase not in ("+", "-")]
    entries += [(phrase, stance) for phrase, stance in _WEAK_STANCES.items()]
    return _Phrases(entries)


_STANCES = _stance_table()
_WEAK_KEYS = frozenset(_phrase(p) for p in WEAK)
_TAKES_OBJECT = frozenset(_phrase(p) for p in TAKES_OBJECT)
_AGREEMENT = _Phrases((p, True) for p in AGREEMENT)
_BEHALF = _Phrases((p, True) for p in BEHALF)
_SCOPES = _Phrases(SCOPES.items())
_STOPS = _Phrases((p, True) for p in STOPS)
_FUZZY: dict[str, Stance] = {}
for _word, _word_stance in FUZZY.items():
    _FUZZY.setdefault(_word, _word_stance)
    for _i in range(len(_word)):
        _FUZZY.setdefault(_word[:_i] + _word[_i + 1 :], _word_stance)


def _slip(key: str) -> Stance | None:
    """The stance of a one-letter slip of a key verb (a letter missing, added, changed or
    swapped), or None."""
    if len(key) < 5 or key in NOT_SLIPS or not key.isalpha():
        return None
    found = _FUZZY.get(key)
    if found is not None:
        return found
    for i in range(len(key)):
        found = _FUZZY.get(key[:i] + key[i + 1 :])
        if found is not None:
            return found
    return None


# -- who: the registry's names as phrases -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Name:
    code: str
    code_form: bool  # written in capitals, digits, dots, hyphens: matched in capitals only


_CODE_FORM = re.compile(r"[A-Z0-9][A-Z0-9.\-\u2010-\u2015 /&]*\Z")
_UNKNOWN_CODE = re.compile(r"[A-Z][A-Z0-9]{2,11}\Z")


class _Who:
    """The registry's names and codes as phrases of keys."""

    def __init__(self, names: Mapping[str, tuple[str, ...]]) -> None:
        entries: list[tuple[str, object]] = []
        for code, aliases in names.items():
            entries.append((code, _Name(code, True)))
            for alias in aliases:
                entries.append((alias, _Name(code, bool(_CODE_FORM.match(alias)))))
        self.phrases = _Phrases([])
        for text, name in entries:
            keys = _phrase(text)
            if keys:
                held = self.phrases.table.setdefault(keys, ())
                if name not in held:  # type: ignore[operator]
                    self.phrases.table[keys] = (*held, name)  # type: ignore[misc]
                self.phrases.longest[keys[0]] = max(self.phrases.longest.get(keys[0], 0), len(keys))
        self.groups = frozenset(GROUPS) | {"EU"}

    def match(
        self, tokens: Sequence[_Token], keys: Sequence[str], at: int
    ) -> tuple[int, str] | None:
        """(length, code) of the delegation named at tokens[at], by the case rules."""
        token = tokens[at]
        if token.kind != "word":
            return None
        longest = self.phrases.longest.get(keys[at], 0)
        for length in range(min(longest, len(keys) - at), 0, -1):
            names = self.phrases.table.get(tuple(keys[at : at + length]), ())
            for name in names:  # type: ignore[attr-defined]
                if self._cased(tokens[at : at + length], name) and not _verb(keys, at, length):
                    return length, name.code
        return None

    @staticmethod
    def _cased(tokens: Sequence[_Token], name: _Name) -> bool:
        words = [t.text for t in tokens if t.kind == "word"]
        if name.code_form:
            if all(w.upper() == w for w in words):
                return True
            return name.code in LOWERCASE_CODES
        first = words[0]
        if first[0].isupper():
            return True
        joined = "".join(t.key for t in tokens)
        return sum(ch.isalpha() for ch in joined) >= 4 and joined not in LOWERCASE_UNSAFE


def _verb(keys: Sequence[str], at: int, length: int) -> bool:
    """Whether a code that is also an English word is that word: "CAN ACCEPT"."""
    return (
        length == 1
        and keys[at] in _WORD_CODES
        and at + 1 < len(keys)
        and keys[at + 1] in _AFTER_WORD_CODES
    )


_WORD_CODES = frozenset({"can", "and", "are", "per", "nor"})
_AFTER_WORD_CODES = frozenset(
    {"not", "accept", "support", "live", "agree", "go", "be", "only", "also", "join", "consider",
     "have", "provide", "we", "you", "i"}
)
_WHO_CACHE: list[tuple[object, _Who]] = []


def _who(registry: Names) -> _Who:
    for known, who in _WHO_CACHE:
        if known is registry:
            return who
    who = _Who(registry.names)
    _WHO_CACHE.append((registry, who))
    del _WHO_CACHE[:-4]
    return who


# -- segments ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Segment:
    tokens: list[_Token]
    after: str  # what separated it from the segment before: "start", "line", "list", "sentence"
    date: str | None


def _initials(tokens: list[_Token], index: int, who: _Who) -> int:
    """Where a dated entry's text starts: after the note-taker's initials ("17 Nov – IC:")."""
    keys = [t.key for t in tokens[index : index + 4]]
    at = 0
    while at < len(keys) and keys[at] in ("-", ":", ",", ")", "]"):
        at += 1
    if at < len(keys) and tokens[index + at].kind == "word":
        word = tokens[index + at].text
        if (
            at > 0
            and 1 <= len(word) <= 4
            and word.isupper()
            and who.match(tokens[index + at : index + at + 1], keys[at : at + 1], 0) is None
        ):
            at += 1
            while at < len(keys) and keys[at] in ("-", ":", ",", ")", "]"):
                at += 1
    return index + at


def _segments(text: str, tokens: list[_Token], who: _Who) -> list[_Segment]:
    found: list[_Segment] = []
    current: list[_Token] = []
    after = "start"
    date: str | None = None

    def close(next_after: str) -> None:
        nonlocal current, after
        if current:
            found.append(_Segment(current, after, date))
            after = next_after
        elif after == "start" or next_after in ("line", "date"):
            after = next_after if after != "start" else after
        current = []

    skip_to = 0
    for index, token in enumerate(tokens):
        if index < skip_to:
            continue
        if token.kind == "line":
            close("line")
        elif token.kind == "date":
            close("line")
            date = token.text
            skip_to = _initials(tokens, index + 1, who)
        elif token.kind == "punct" and token.key == ";":
            close("sentence")
        elif (
            token.kind == "punct"
            and token.key == "/"
            and token.start > 0
            and text[token.start - 1].isspace()
            and token.end < len(text)
            and text[token.end].isspace()
        ):
            close("list")
        elif token.kind == "punct" and token.key in ".!?" and _sentence_end(tokens, index):
            current.append(token)
            close("sentence")
        else:
            current.append(token)
    close("line")
    return found


_CLAUSE_CUTS = frozenset({",", "while", "whereas", "and", "but"})


def _clauses(segments: list[_Segment], who: _Who) -> Iterator[_Segment]:
    """Segments cut where a second speaker starts after the first stated something: "Chile
    supports, Mexico opposes", "New Zealand: keep, Australia: delete"."""
    for segment in segments:
        tokens = segment.tokens
        keys = [t.key for t in tokens]
        cut = 0
        named = stated = False
        how = "list"
        index = 0
        while index < len(tokens):
            found = who.match(tokens, keys, index)
            if found is not None:
                named = True
                index += found[0]
                continue
            key = keys[index]
            if key in _CLAUSE_CUTS and stated and index > cut:
                after = index + 1
                while after < len(keys) and keys[after] in _CLAUSE_CUTS:
                    after += 1
                speaker = after < len(keys) and who.match(tokens, keys, after) is not None
                if (speaker and named) or (
                    key in (",", "and")
                    and after == index + 1
                    and after < len(keys)
                    and tokens[after].kind == "word"
                    and _STANCES.match(keys, after) is not None
                    and _quoted_or_numbered(keys, tokens, cut, index)
                ):
                    yield _Segment(tokens[cut:index], segment.after if cut == 0 else how,
                                   segment.date)
                    how = "list" if speaker else "sentence"
                    cut, named, stated = after, False, False
                    index = after
                    continue
            if named and tokens[index].kind == "word" and (
                _STANCES.match(keys, index) is not None or _slip(key) is not None
            ):
                stated = True
            index += 1
        yield _Segment(tokens[cut:], segment.after if cut == 0 else how, segment.date)


def _quoted_or_numbered(keys: list[str], tokens: list[_Token], start: int, end: int) -> bool:
    """Whether a clause names its own place (a quote or a paragraph number): "keep “shall” and
    delete “should”" is two statements, "supports and welcomes" one."""
    return any(
        tokens[i].kind == "quote" or keys[i][:1].isdigit() for i in range(start, end)
    )


def _sentence_end(tokens: list[_Token], index: int) -> bool:
    if index + 1 >= len(tokens):
        return False
    after = tokens[index + 1]
    if after.start == tokens[index].end or after.kind != "word" or not after.text[0].isupper():
        return tokens[index].key == "?" and after.kind in ("word", "quote")
    before = tokens[index - 1] if index else None
    return before is None or before.key not in _ABBREVIATIONS
