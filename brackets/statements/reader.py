"""Reading one statement and one comment: who, stance, scope, replacement, agreement, dates;
the `Statement` record and `read_statements`."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .tokens import (
    _AGREEMENT,
    _BEHALF,
    _SCOPES,
    _STANCES,
    _STOPS,
    _TAKES_OBJECT,
    _UNKNOWN_CODE,
    _WEAK_KEYS,
    Names,
    _clauses,
    _Phrases,
    _Segment,
    _segments,
    _slip,
    _Token,
    _tokens,
    _Who,
    _who,
)
from .vocabulary import (
    _ARTICLES,
    _FILLERS,
    _JOINERS,
    _NOT_CODES,
    ALSO,
    CONTRAST,
    EDITORIAL,
    HEDGES,
    NEGATIONS,
    PROPOSALS,
    QUESTIONS,
    WITHDRAWALS,
    Reason,
    Scope,
    Stance,
)


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement of a comment, as read (module docstring).

    `delegations` are canonical codes (empty: the comment's author, for the caller to name),
    `spellings` the way the comment wrote them; `stance` "+", "-", "tcb" or None with a
    `reason`; what it is on: `quotes`, `paragraphs` (numbers), `scope`; a `replacement` (old,
    new) proposed; `agrees_with` the delegations it copies; `stop_after` the words a shortened
    sentence ends with; the `date` of its entry; `start`/`end` its characters in the comment;
    `superseded` the delegations for which a later statement replaces it."""

    delegations: tuple[str, ...]
    stance: Stance | None
    reason: Reason | None = None
    spellings: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    scope: Scope = "anchor"
    replacement: tuple[str, str] | None = None
    agrees_with: tuple[str, ...] = ()
    stop_after: str | None = None
    date: str | None = None
    hedged: bool = False
    start: int = 0
    end: int = 0
    superseded: tuple[str, ...] = ()

    @property
    def current(self) -> tuple[str, ...]:
        """The delegations whose position this statement still is (none when no stance)."""
        if self.stance is None:
            return ()
        return tuple(d for d in self.delegations if d not in self.superseded)


def positions(statements: Iterable[Statement], author: str = "*") -> list[tuple[str, Stance]]:
    """The current (delegation, stance) pairs of a comment's statements, each once, in order;
    `author` stands for the author of statements that name nobody."""
    found: dict[tuple[str, Stance], None] = {}
    for statement in statements:
        if statement.stance is None:
            continue
        if not statement.delegations:
            if "*" not in statement.superseded:
                found[(author, statement.stance)] = None
            continue
        for code in statement.current:
            found[(code, statement.stance)] = None
    return list(found)


# -- reading one statement --------------------------------------------------------------------


@dataclass(slots=True)
class _Reading:
    """A statement being read: what its tokens were found to say."""

    codes: list[str] = field(default_factory=list)
    spellings: list[str] = field(default_factory=list)
    agrees: list[str] = field(default_factory=list)
    stance: Stance | None = None
    reason: Reason | None = None
    hedged: bool = False
    quotes: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    scope: Scope = "anchor"
    replacement: tuple[str, str] | None = None
    stop_after: str | None = None
    also: bool = False
    content: bool = False  # words other than delegations and joiners
    unknown: str | None = None


def _read(segment: _Segment, who: _Who) -> _Reading:
    tokens = segment.tokens
    keys = [t.key for t in tokens]
    reading = _Reading()
    used = [False] * len(tokens)
    mentions: list[tuple[int, int, str]] = []
    index = 0
    while index < len(tokens):
        found = who.match(tokens, keys, index)
        if found is not None:
            mentions.append((index, index + found[0], found[1]))
            for i in range(index, index + found[0]):
                used[i] = True
            index += found[0]
        else:
            index += 1
    for (_, end, _), (start, _, _) in itertools.pairwise(mentions):
        if _only_joiners(keys, end, start):
            for i in range(end, start):
                used[i] = True
    for start, _, _ in mentions:
        if start and keys[start - 1] in _ARTICLES and keys[start - 2 : start - 1] != ["of"]:
            used[start - 1] = True
        elif start > 1 and keys[start - 2 : start] == ["delegation", "of"]:
            used[start - 2] = used[start - 1] = True
    _roles(tokens, keys, used, mentions, reading, who)
    _replacement(tokens, keys, used, reading)
    _stop(tokens, keys, used, reading)
    _scope(tokens, keys, used, reading)
    _stance(tokens, keys, used, reading)
    words = [t for t, u in zip(tokens, used, strict=True) if not u and t.kind != "punct"]
    reading.content = (
        bool(words)
        or bool(reading.quotes)
        or reading.stance is not None
        or reading.replacement is not None
    )
    if not reading.codes and not mentions and tokens and tokens[0].kind == "word":
        first = tokens[0].text
        if (
            _UNKNOWN_CODE.match(first)
            and first not in _NOT_CODES
            and len(tokens) > 1
            and tokens[1].key == ":"
            and _STANCES.match(keys, 0) is None
        ):
            reading.unknown = first
    question = any(t.key == "?" for t in tokens[-2:]) or (
        bool(words) and words[0].key in QUESTIONS
    )
    if question:
        reading.stance, reading.reason = None, "question"
    elif reading.stance is None:
        reading.also = any(t.key in ALSO for t in words) and not reading.agrees
        if reading.agrees:
            reading.reason = "agreement"
        elif (
            reading.replacement is not None
            or any(t.key in PROPOSALS for t in words)
            or (reading.quotes and (reading.codes or reading.unknown))
        ):
            reading.reason = "proposal"
        elif not reading.codes and any(t.key in EDITORIAL for t in words):
            reading.reason = "editorial"
        else:
            reading.reason = "no stance"
    return reading


def _roles(
    tokens: list[_Token],
    keys: list[str],
    used: list[bool],
    mentions: list[tuple[int, int, str]],
    reading: _Reading,
    who: _Who,
) -> None:
    """Sort the delegations named into speakers, those spoken for and those agreed with."""
    speakers: list[tuple[int, int, str]] = []
    agreed: set[int] = set()
    spoken_of: set[int] = set()
    behalf_at: int | None = None
    for number, (start, _, code) in enumerate(mentions):
        marker = _marker_before(tokens, keys, used, start, _AGREEMENT)
        if marker is not None:
            agreed.add(number)
            for i in marker:
                used[i] = True
            # the rest of a list after the first agreed delegation is agreed with too
            follow = number + 1
            while follow < len(mentions) and _only_joiners(keys, mentions[follow - 1][1],
                                                           mentions[follow][0]):
                agreed.add(follow)
                follow += 1
            continue
        marker = _marker_before(tokens, keys, used, start, _BEHALF)
        # "Mali for AGN": a speaker right before "for"; "important for SIDS": spoken of
        if (
            marker is not None
            and keys[marker[0]] == "for"
            and (number == 0 or not _only_joiners(keys, mentions[number - 1][1], marker[0]))
        ):
            spoken_of.add(number)
            continue
        if marker is not None and (keys[marker[0]] != "for" or code in who.groups):
            behalf_at = number
            for i in marker:
                used[i] = True
    for number, mention in enumerate(mentions):
        if number in agreed or number in spoken_of:
            continue
        speakers.append(mention)
    if behalf_at is not None:
        speakers = [m for m in speakers if m[0] >= mentions[behalf_at][0]]
    elif len(speakers) == 2:
        first, second = speakers
        between = keys[first[1] : second[0]]
        if between == ["("] and (second[2] in who.groups) != (first[2] in who.groups):
            speakers = [first if first[2] in who.groups else second]
    for start, end, code in speakers:
        if code not in reading.codes:
            reading.codes.append(code)
        reading.spellings.append(" ".join(t.text for t in tokens[start:end]))
    for number in sorted(agreed):
        code = mentions[number][2]
        if code not in reading.agrees:
            reading.agrees.append(code)


def _marker_before(
    tokens: list[_Token], keys: list[str], used: list[bool], start: int, table: _Phrases
) -> list[int] | None:
    """The tokens of a marker phrase that ends just before tokens[start] (articles aside)."""
    end = start
    while end > 0 and keys[end - 1] in _ARTICLES:
        end -= 1
    for begin in range(max(0, end - 4), end):
        if any(used[begin:end]) or tokens[begin].kind not in ("word", "punct"):
            continue
        found = table.match(keys, begin)
        if found is not None and begin + found[0] == end:
            return list(range(begin, end))
    return None


def _only_joiners(keys: list[str], start: int, end: int) -> bool:
    return all(key in _JOINERS for key in keys[start:end])


def _span_text(tokens: list[_Token], start: int, end: int) -> str:
    words = [t.text for t in tokens[start:end] if t.kind in ("word", "quote") or t.key not in ",:"]
    return " ".join(words).strip(" .,;:")


_EDGE_PUNCTUATION = frozenset({":", "-", ",", ".", ")", "]", "(", "["})
_CLAUSE_ENDS = frozenset({",", ".", ";", "?", "!", ":"})
_CLAUSE_STARTS = frozenset({",", ".", ";", ":", "-"})


def _next_index(keys: list[str], wanted: frozenset[str]) -> list[int]:
    """For each position, the first position at or after it whose key is `wanted` (or the
    end): one pass, so that every look-up after it costs nothing."""
    found = [len(keys)] * (len(keys) + 1)
    for i in range(len(keys) - 1, -1, -1):
        found[i] = i if keys[i] in wanted else found[i + 1]
    return found


_REPLACE = frozenset({"replace", "replaces", "replaced", "replacing", "substitute", "substitutes",
                      "change", "changes", "changing", "amend", "amends"})
_PREFER = frozenset({"prefer", "prefers", "preferred", "preference"})


def _replacement(
    tokens: list[_Token], keys: list[str], used: list[bool], reading: _Reading
) -> None:
    """replace X with Y, change X to Y (objections to X); Y instead of X, Y rather than X,
    prefer Y to X, not X but Y (proposals). Linear: every search is a table made in one pass."""
    n = len(keys)
    ends = _next_index(keys, _CLAUSE_ENDS)
    withs = _next_index(keys, frozenset({"with", "by", "to", "into"}))
    tos = _next_index(keys, frozenset({"to", "over"}))
    buts = _next_index(keys, frozenset({"but"}))
    starts = [0] * (n + 1)
    for i in range(1, n + 1):
        starts[i] = i if keys[i - 1] in _CLAUSE_STARTS or used[i - 1] else starts[i - 1]
    for i, key in enumerate(keys):
        if used[i]:
            continue
        old = new = None
        objects = False
        first = last = i
        if key in _REPLACE and i + 2 < n:
            end = ends[i + 1]
            middle = withs[i + 2]
            if middle + 1 < end:
                old, new = _span_text(tokens, i + 1, middle), _span_text(tokens, middle + 1, end)
                objects, last = True, end
        elif key in ("instead", "rather") and i + 1 < n and keys[i + 1] in ("of", "than"):
            start, end = starts[i], ends[i + 2] if i + 2 < n else n
            if start < i and i + 2 < end:
                new, old = _span_text(tokens, start, i), _span_text(tokens, i + 2, end)
                first, last = start, end
        elif key in _PREFER and i + 2 < n and keys[i + 1] != "to":
            end = ends[i + 1]
            middle = tos[i + 2]
            if middle + 1 < end:
                new, old = _span_text(tokens, i + 1, middle), _span_text(tokens, middle + 1, end)
                last = end
        elif (key == "→" or (key == ">" and keys[i - 1] in ("-", "="))) and 0 < i < n - 1:
            at = i - 1 if key == ">" else i
            start, end = starts[at], ends[i + 1]
            if start < at and i + 1 < end:
                old, new = _span_text(tokens, start, at), _span_text(tokens, i + 1, end)
                first, last = start, end
        elif key == "not" and i + 2 < n:
            end = ends[i + 1]
            middle = buts[i + 2]
            if middle + 1 < end and middle <= i + 8:
                old, new = _span_text(tokens, i + 1, middle), _span_text(tokens, middle + 1, end)
                last = end
        if old and new:
            reading.replacement = (old, new)
            if objects:
                reading.stance = "-"
                reading.quotes.append(old)
            for j in range(first, last):
                used[j] = True
            return


def _stop(tokens: list[_Token], keys: list[str], used: list[bool], reading: _Reading) -> None:
    """`end after X`, `stop at X`: an objection to what follows X."""
    for i in range(len(keys)):
        if used[i] or tokens[i].kind != "word":
            continue
        found = _STOPS.match(keys, i)
        if found is None:
            continue
        after = i + found[0]
        if after < len(tokens):
            ends = _next_index(keys, _CLAUSE_ENDS)
            end = after + 1 if tokens[after].kind == "quote" else ends[after]
            reading.stop_after = _span_text(tokens, after, end)
            reading.stance = "-"
            for j in range(i, end):
                used[j] = True
        return


def _scope(tokens: list[_Token], keys: list[str], used: list[bool], reading: _Reading) -> None:
    for i, token in enumerate(tokens):
        if token.kind == "quote":
            if not used[i] and token.text:
                reading.quotes.append(token.text)
            used[i] = True
    for i in range(len(keys)):
        if used[i]:
            continue
        key = keys[i]
        number = _paragraph_number(key)
        if number is not None:  # PP3, OP5
            reading.paragraphs.append(number)
            reading.scope = "paragraph"
            used[i] = True
            continue
        found = _SCOPES.match(keys, i)
        if found is None:
            continue
        length, scope = found
        for j in range(i, i + length):
            used[j] = True
        after = i + length
        if after < len(keys) and keys[after] == ".":
            after += 1
        if scope == "paragraph" and after < len(keys) and keys[after][:1].isdigit():
            reading.paragraphs.append(tokens[after].text)
            used[after] = True
            after += 1
            while after + 1 < len(keys) and keys[after] in (",", "and", "&", "-") and keys[
                after + 1
            ][:1].isdigit():
                reading.paragraphs.append(tokens[after + 1].text)
                used[after] = used[after + 1] = True
                after += 2
        if reading.scope == "anchor" or scope in ("section", "throughout"):
            reading.scope = scope  # type: ignore[assignment]


_PP = re.compile(r"(?:pp|op)(\d+\w*)\Z")


def _paragraph_number(key: str) -> str | None:
    match = _PP.match(key)
    return match.group(1) if match else None


def _stance(tokens: list[_Token], keys: list[str], used: list[bool], reading: _Reading) -> None:
    """The stance phrases, negation, composition and hedging (module docstring)."""
    found: list[tuple[int, int, Stance, bool]] = []  # start, end, stance, weak
    i = 0
    while i < len(keys):
        if used[i] or tokens[i].kind not in ("word",):
            i += 1
            continue
        match = _STANCES.match(keys, i)
        if match is not None and any(used[i : i + match[0]]):
            match = None
        if match is None:
            slip = _slip(keys[i])
            if slip is not None:
                match = (1, slip)
        if match is None:
            i += 1
            continue
        length, stance = match
        phrase = tuple(keys[i : i + length])
        if phrase[-1] == "by" and not (i + length < len(keys) and used[i + length]):
            i += length  # "proposed by" the co-facilitators: nobody named
            continue
        found.append((i, i + length, stance, phrase in _WEAK_KEYS))  # type: ignore[arg-type]
        i += length
    if not found:
        _sign(tokens, keys, used, reading)
        return
    composed: list[tuple[int, int, Stance, bool]] = []
    k = 0
    while k < len(found):
        start, end, stance, weak = found[k]
        if tuple(keys[start:end]) in _TAKES_OBJECT and k + 1 < len(found):
            o_start, o_end, o_stance, _ = found[k + 1]
            if o_start - end <= 3 and all(keys[j] in _FILLERS for j in range(end, o_start)):
                combined: Stance = "tcb" if "tcb" in (stance, o_stance) else (
                    "+" if stance == o_stance else "-"
                )
                composed.append((start, o_end, combined, False))
                k += 2
                continue
        composed.append((start, end, stance, weak))
        k += 1
    stated: list[tuple[int, Stance, bool]] = []  # start, stance after negation, weak
    for start, _end, stance, weak in composed:
        said: Stance = stance
        if stance != "+" and _withdrawn(keys, used, start):
            said = "+"
        elif _negated(keys, used, start):
            if stance == "tcb":
                continue
            said = "-" if stance == "+" else "+"
        stated.append((start, said, weak))
    strong = [s for s in stated if not s[2]] or stated
    if not strong:
        return
    last_contrast = max((j for j, key in enumerate(keys) if key in CONTRAST), default=-1)
    after = [s for s in strong if s[0] > last_contrast]
    chosen = after[0] if after and last_contrast >= 0 else strong[0]
    if reading.stance is None:
        reading.stance = chosen[1]
    reading.hedged = any(key in HEDGES for key in keys)
    for start, end, _, _ in composed:
        for j in range(start, end):
            used[j] = True


_SIGNS: dict[str, Stance] = {"+": "+", "-": "-", "yes": "+", "no": "-"}


def _withdrawn(keys: list[str], used: list[bool], start: int) -> bool:
    """Whether an objection or reservation is taken back ("withdrew its objection")."""
    for j in range(start - 1, max(-1, start - 4), -1):
        if keys[j] in _CLAUSE_ENDS:
            return False
        if not used[j] and keys[j] in WITHDRAWALS:
            return True
    return False


def _negated(keys: list[str], used: list[bool], start: int) -> bool:
    """Whether a negation stands up to three words before `start`, within its clause."""
    for j in range(start - 1, max(-1, start - 4), -1):
        if keys[j] in _CLAUSE_ENDS or keys[j] in CONTRAST:
            return False
        if not used[j] and keys[j] in NEGATIONS:
            return True
    return False


def _sign(tokens: list[_Token], keys: list[str], used: list[bool], reading: _Reading) -> None:
    """A bare "+" or "-" beside the delegations is their stance ("US +", "-CHN")."""
    if reading.stance is not None or reading.agrees or reading.quotes:
        return
    signs = [i for i, t in enumerate(tokens) if not used[i] and t.key in _SIGNS]
    others = [
        i
        for i, t in enumerate(tokens)
        if not used[i] and t.key not in _SIGNS and t.key not in (":", ",", ".", "(", ")", "!")
    ]
    words = [i for i in signs if keys[i] in ("yes", "no")]
    signs = words or signs
    if len(signs) == 1 and not others:
        reading.stance = _SIGNS[keys[signs[0]]]
        used[signs[0]] = True


# -- the comment ------------------------------------------------------------------------------


def read_statements(
    text: str, registry: Names, *, author: str | None = None
) -> tuple[Statement, ...]:
    """The statements of one comment, by the module's grammar.

    >>> from brackets.delegations import Registry
    >>> [(s.delegations, s.stance, s.quotes) for s in read_statements(
    ...     "CAN, UK delete / US: keep “authorized”", Registry.default())]
    [(('CAN', 'GBR'), '-', ()), (('USA',), '+', ('authorized',))]
    """
    who = _who(registry)
    tokens = _tokens(text)
    author_code = _author(author, who) if author is not None else None
    statements: list[Statement] = []
    pending: tuple[list[str], list[str], int] | None = None  # codes, spellings, start
    previous: _Reading | None = None
    for segment in _clauses(_segments(text, tokens, who), who):
        reading = _read(segment, who)
        first = next((t for t in segment.tokens if t.key not in _EDGE_PUNCTUATION), None)
        start = (first or segment.tokens[0]).start
        end = segment.tokens[-1].end
        if reading.codes and not reading.content and not reading.agrees:
            if pending is None:
                pending = ([], [], start)
            pending[0].extend(c for c in reading.codes if c not in pending[0])
            pending[1].extend(reading.spellings)
            continue
        if not reading.content and not reading.codes:
            continue
        if pending is not None:
            reading.codes[:0] = [c for c in pending[0] if c not in reading.codes]
            reading.spellings[:0] = pending[1]
            start = pending[2]
            pending = None
        elif (
            not reading.codes
            and reading.unknown is None
            and previous is not None
            and segment.after == "sentence"
            and previous.codes
        ):
            reading.codes = list(previous.codes)
        if reading.also and reading.codes and previous is not None and previous.stance:
            reading.stance, reading.reason = previous.stance, None
            reading.agrees = list(previous.codes)
            reading.quotes = reading.quotes or list(previous.quotes)
            reading.scope = previous.scope if reading.scope == "anchor" else reading.scope
        statements.append(_statement(reading, segment, start, end, author, author_code))
        previous = reading
    if pending is not None:
        statements.append(
            Statement(tuple(pending[0]), None, "no stance", tuple(pending[1]), start=pending[2],
                      end=len(text.rstrip()))
        )
    return _supersede(_agreements(statements))


def _author(author: str, who: _Who) -> str | None:
    """The delegation a comment's author is, or None for a person."""
    tokens = _tokens(author)
    keys = [t.key for t in tokens]
    for index in range(len(tokens)):
        found = who.match(tokens, keys, index)
        if found is not None and all(
            k in ("delegation", "of", "the", "delegacion", "de", "la", "del", "delegue")
            or tokens[j].kind != "word"
            for j, k in enumerate(keys) if not index <= j < index + found[0]
        ):
            return found[1]
    return None


def _statement(
    reading: _Reading,
    segment: _Segment,
    start: int,
    end: int,
    author: str | None,
    author_code: str | None,
) -> Statement:
    codes = tuple(reading.codes)
    stance, reason = reading.stance, reading.reason
    if not codes and reading.unknown is not None:
        codes = (reading.unknown,)
    if not codes and author is not None:
        if author_code is not None:
            codes = (author_code,)
        elif stance is not None or reading.agrees:
            stance, reason = None, "person"
    if stance is not None:
        reason = None
    return Statement(
        delegations=codes,
        stance=stance,
        reason=reason,
        spellings=tuple(reading.spellings) or ((reading.unknown,) if reading.unknown else ()),
        quotes=tuple(reading.quotes),
        paragraphs=tuple(reading.paragraphs),
        scope=reading.scope,
        replacement=reading.replacement,
        agrees_with=tuple(reading.agrees),
        stop_after=reading.stop_after,
        date=segment.date,
        hedged=reading.hedged and stance is not None,
        start=start,
        end=end,
    )


def _place(statement: Statement) -> tuple[object, ...]:
    return (statement.quotes, statement.paragraphs, statement.scope)


def _agreements(statements: list[Statement]) -> list[Statement]:
    """An agreement takes the stance of the delegation agreed with, from an earlier statement
    on the same place; otherwise it stays without position."""
    latest: dict[tuple[str, tuple[object, ...]], Stance] = {}
    anywhere: dict[str, Stance] = {}
    out: list[Statement] = []
    for statement in statements:
        if statement.stance is None and statement.agrees_with and statement.reason == "agreement":
            place = _place(statement)
            stance = next(
                (latest.get((code, place)) or anywhere.get(code) for code in statement.agrees_with
                 if latest.get((code, place)) or anywhere.get(code)),
                None,
            )
            if stance is not None and statement.delegations:
                statement = replace(statement, stance=stance, reason=None)
        if statement.stance is not None:
            for code in statement.delegations:
                latest[(code, _place(statement))] = statement.stance
                anywhere[code] = statement.stance
        out.append(statement)
    return out


def _supersede(statements: list[Statement]) -> tuple[Statement, ...]:
    """Mark, for each delegation, an earlier statement on the same place that a later one
    replaces (both are kept)."""
    last: dict[tuple[str, tuple[object, ...]], int] = {}
    superseded: dict[int, list[str]] = {}
    for index, statement in enumerate(statements):
        if statement.stance is None:
            continue
        for code in statement.delegations or ("*",):
            key = (code, _place(statement))
            if key in last:
                superseded.setdefault(last[key], []).append(code)
            last[key] = index
    return tuple(
        replace(s, superseded=tuple(superseded[i])) if i in superseded else s
        for i, s in enumerate(statements)
    )
