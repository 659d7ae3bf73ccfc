"""A note-taker's Word comment read as statements: who takes which position, on what.

Real comments on UNFCCC drafts: `US: Delete “authorized”`, `CAN, UK delete`, `China
supports`, `Russia, China supports the format`, `US ok`, `U.S, Canada, Japan: Delete the
recalling paras / EU: As a reminder, recalling paras may sometimes be needed`, `UK, CFRN –
“shall” / US – “should”`, a leading date line `17 November – IC`, several paragraphs each
naming delegations. The rules (`read_comment`):

- Each comment paragraph is cut into statements at " / " (a slash with spaces; "UK/US" stays a
  list) and at ";". A statement is a list of delegations (`Registry.read_list`: names, codes,
  groups, separated by commas, "and", "/"), then the rest, after ":", a dash with spaces, or
  just a space (`China supports`). A statement that is only a list ("UK / US delete") lends
  its delegations to the next one. With no list, a statement is the comment author's. A
  "CODE:" prefix that is one unknown code (`FOO: tcb`) names that code. A speaker for a group
  is the group: `Egypt on behalf of the African Group: delete`, `Mali for AGN: keep`.
  `Supported by US, EU`, `Opposed by CHN` (supported, proposed, retained, kept / opposed,
  objected (to), deleted / reserved, then "by" and a list) are statements too.
- The rest states a position when it starts or ends with a position word or phrase:
  `OBJECTS` (delete, to be deleted, against, object, oppose, not acceptable...), `SUPPORTS`
  (support, retain, keep, ok, agree, in favour...) or `RESERVES` (tcb, to come back, reserve,
  reservation). A support phrase after a negation ("cannot support", "do not agree") is an
  objection. Anything else states no position: a preference for one alternative
  (`UK – “shall”`) is not a position unless a position word says so, and a question
  ("US: delete?", ending with "?") or prose are no position. A leading date stamp
  ("17 November – IC", "3 Dec 2024:") is skipped.
- What the position is on: each quoted text of the rest (“…”, "…", ‘…’, «…»), when the
  commented paragraph holds it; else the whole paragraph when the rest says "section",
  "para(s)" or "paragraph(s)"; else the commented range (the reader widens a point or part of
  a word to the word).

Text analysis only: the reader (reader.py) anchors the statements in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from ..notation import normalize_minus

#: Words and phrases that state an objection, a support, a reservation (case-folded).
OBJECTS = (
    "delete",
    "deletes",
    "deleted",
    "deletion",
    "to be deleted",
    "should be deleted",
    "against",
    "object",
    "objects",
    "oppose",
    "opposes",
    "opposed",
    "not acceptable",
    "unacceptable",
    "cannot accept",
    "can't accept",
    "can not accept",
    "remove",
    "-",
)
SUPPORTS = (
    "support",
    "supports",
    "supported",
    "retain",
    "retains",
    "keep",
    "keeps",
    "ok",
    "okay",
    "agree",
    "agrees",
    "in favour",
    "in favor",
    "+",
)
RESERVES = (
    "tcb",
    "to come back",
    "come back",
    "will come back",
    "reserve",
    "reserves",
    "reservation",
)
_KINDS = {
    **dict.fromkeys(OBJECTS, "-"),
    **dict.fromkeys(SUPPORTS, "+"),
    **dict.fromkeys(RESERVES, "tcb"),
}
_ALTERNATION = "|".join(
    re.escape(word) for word in sorted(_KINDS, key=len, reverse=True) if word not in "+-"
)
_AT_START = re.compile(rf"(?:{_ALTERNATION})(?![\w’'])")
_AT_END = re.compile(rf"(?<![\w’'])(?:{_ALTERNATION})\Z")
_NEGATION = re.compile(
    r"(?:\bnot|\bno|\bcannot|\bcan[’']t|\bdon[’']t|\bdoesn[’']t|\bwon[’']t|\bnever)\s*\Z"
)
_STATEMENTS = re.compile(r"\s+/\s+|\s*;\s*")
_HEAD = re.compile(r"\s*(?::|\s[\u2013\u2014-]\s|\s[\u2013\u2014-]\Z)\s*")
_QUOTES = re.compile(r"“([^“”]+)”|\"([^\"]+)\"|‘([^‘’]+)’|«\s*([^«»]+?)\s*»|„([^„“”]+)[“”]")
_PARAGRAPH = re.compile(r"\b(?:sections?|paras?|paragraphs?|PP\d*|OP\d*)\b", re.IGNORECASE)
_ONE_CODE = re.compile(r"[A-Z][A-Z0-9]{2,11}\Z")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
#: A note-taker's date stamp, with their initials: "17 November – IC", "3 Dec 2024 - AB:".
_DATE = re.compile(
    rf"\s*\d{{1,2}}\s+(?:{_MONTHS})\.?(?:\s+\d{{4}})?"
    r"(?:\s*[\u2013\u2014-]\s*[A-Z]{1,4}\b)?\s*[:\u2013\u2014-]?\s*",
    re.IGNORECASE,
)
_ON_BEHALF = re.compile(r"(.+?)\s+(?:on behalf of|for)\s+(.+)", re.IGNORECASE)
_BY = re.compile(
    r"(supported|proposed|retained|kept|opposed|objected to|objected|deleted|reserved)\s+by\s+"
    r"(.+?)[\s.;,]*\Z",
    re.IGNORECASE,
)
_BY_KINDS = {
    **dict.fromkeys(("supported", "proposed", "retained", "kept"), "+"),
    **dict.fromkeys(("opposed", "objected to", "objected", "deleted"), "-"),
    "reserved": "tcb",
}
_EDGES = " \t.,;:!?\u2013\u2014()"
#: Most words a list of delegations written without ":" may span ("Russia, China supports").
_LONGEST_LIST = 12


class Lists(Protocol):
    """What reading a comment needs of a registry."""

    def read_list(self, text: str) -> tuple[str, ...] | None: ...


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement of a comment: `delegations` (canonical codes; empty for the comment's
    author), its `kind` ("+", "-", "tcb", or None: no position), the texts it quotes, and
    whether it speaks of the whole paragraph."""

    delegations: tuple[str, ...]
    kind: str | None
    quotes: tuple[str, ...] = ()
    paragraph: bool = False


def read_comment(text: str, registry: Lists) -> tuple[Statement, ...]:
    """The statements of a comment (paragraphs separated by "\\n"), by the module's rules.

    >>> from brackets.delegations import Registry
    >>> [(s.delegations, s.kind, s.quotes) for s in read_comment(
    ...     "CAN, UK delete / US: keep “authorized”", Registry.default())]
    [(('CAN', 'GBR'), '-', ()), (('USA',), '+', ('authorized',))]
    """
    found: list[Statement] = []
    for paragraph in text.split("\n"):
        pending: tuple[str, ...] = ()
        date = _DATE.match(paragraph)
        if date is not None:
            paragraph = paragraph[date.end() :]
        for segment in _STATEMENTS.split(paragraph.strip()):
            if not segment.strip():
                continue
            by = _BY.match(segment.strip())
            named = registry.read_list(by.group(2)) if by is not None else None
            if by is not None and named is not None:
                found.append(Statement((*pending, *named), _BY_KINDS[by.group(1).casefold()]))
                pending = ()
                continue
            codes, rest = _split(segment, registry)
            if codes and not rest.strip(_EDGES):
                pending = (*pending, *(c for c in codes if c not in pending))
                continue
            if pending:
                codes = (*pending, *(c for c in codes if c not in pending))
                pending = ()
            found.append(_statement(codes, rest))
        if pending:
            found.append(Statement(pending, None))
    return tuple(found)


def _split(segment: str, registry: Lists) -> tuple[tuple[str, ...], str]:
    """A statement's delegations and the rest of its text ((), whole text when none)."""
    head = _HEAD.search(segment)
    if head is not None and head.start() > 0:
        before = segment[: head.start()].strip()
        codes = registry.read_list(before)
        behalf = _ON_BEHALF.match(before) if codes is None else None
        if behalf is not None:
            codes = registry.read_list(behalf.group(2))
        if codes is None and _ONE_CODE.match(before):
            codes = (before,)
        if codes is not None:
            return codes, segment[head.end() :]
    words = list(re.finditer(r"\S+", segment))
    for count in range(min(len(words), _LONGEST_LIST), 0, -1):
        end = words[count - 1].end()
        codes = registry.read_list(segment[:end])
        if codes is not None:
            return codes, segment[end:]
    return (), segment


def _statement(codes: tuple[str, ...], rest: str) -> Statement:
    words = normalize_minus(" ".join(rest.split()))
    folded = words.casefold()
    quotes = tuple(next(g for g in match.groups() if g) for match in _QUOTES.finditer(words))
    bare = _QUOTES.sub(" ", folded).strip(_EDGES + "\"'“”‘’«»")
    kind: str | None = None
    if folded.endswith("?"):
        pass  # a question ("US: delete?") states no position
    elif folded.strip(" .") in ("+", "-"):
        kind = folded.strip(" .")
    elif (match := _AT_START.match(bare)) is not None:
        kind = _KINDS[match.group()]
    elif (match := _AT_END.search(bare)) is not None:
        kind = _KINDS[match.group()]
        if kind == "+" and _NEGATION.search(bare[: match.start()]):
            kind = "-"
        elif _NEGATION.search(bare[: match.start()]):
            kind = None
    paragraph = kind is not None and not quotes and _PARAGRAPH.search(words) is not None
    return Statement(codes, kind, quotes if kind is not None else (), paragraph)


#: Comment texts that state a position by themselves (after an optional "CODE:" prefix,
#: case-folded, spaces collapsed, a final full stop dropped): "+" support, "-" objection,
#: "tcb" reservation. The reader reads comments more generally (comments.py); this is the
#: strict vocabulary of `comment_position`.
POSITION_WORDS: dict[str, str] = {
    **dict.fromkeys(("object", "objects", "delete", "oppose", "-"), "-"),
    **dict.fromkeys(("tcb", "to come back", "reserve", "reservation", "come back"), "tcb"),
    **dict.fromkeys(("support", "supports", "retain", "keep", "+"), "+"),
}


def comment_position(text: str) -> tuple[str, str | None] | None:
    """The position a comment states when its whole text is a position word, as (kind,
    delegation named by a "CODE:" prefix or None), kind being "+", "-" or "tcb"; None for
    any other text. The reader itself reads comments as statements (`comments.read_comment`).

    >>> comment_position("AZER: tcb"), comment_position(" Delete. "), comment_position("why?")
    (('tcb', 'AZER'), ('-', None), None)
    """
    kind = POSITION_WORDS.get(_position_word(text))
    if kind is not None:
        return kind, None
    prefix, colon, rest = text.partition(":")
    if colon and prefix.strip():
        kind = POSITION_WORDS.get(_position_word(rest))
        if kind is not None:
            return kind, " ".join(prefix.split())
    return None


def _position_word(text: str) -> str:
    word = normalize_minus(" ".join(text.split()).casefold())
    return word[:-1].rstrip() if word.endswith(".") else word

