"""A note-taker's comment read as statements: who says what, on which words (issue 16).

Format-neutral: the text of one comment in, its statements out; the Word reader places them.
`read_statements(text, registry, author=...)` reads a comment by a small grammar over the
vocabulary tables below:

    comment    := statement (SEPARATOR statement)*
    SEPARATOR  := ";" | " / " | new line | a date | "." "!" "?" before a capital
    statement  := [DATE] [who] [":" | "-"] body        (who and body in any order)
    who        := delegation (JOINER delegation)*      JOINER := "," "and" "/" "+" "&" "y" "et"
                | speaker BEHALF group                 "Egypt on behalf of the Arab Group"
                | state "(" group ")"                  "Canada (Umbrella Group)"
    body       := stance phrases, AGREEMENT who, a replacement, SCOPE words, quotes, prose

Tokens: words ("U.S." and "can't" are one word), quoted texts (“…” "…" ‘…’ «…» „…“ '…'),
punctuation one character at a time. Every pattern is a bounded regular expression or a
look-up in a table keyed by words, so a comment is read in time linear in its length.

- **Who**: every delegation the statement names outside quotes, found by the longest run of
  words that is a name or code of the registry (`G77/China`, `Grupo de los 77 y China`,
  `Saint Vincent and the Grenadines`). Codes count in capitals only (`US` the state, `us` a
  word), except the groups' short forms in `LOWERCASE_CODES`; names count in any case from four
  letters on (`china supports`), except `LOWERCASE_UNSAFE`. A line (or a part before " / ")
  that names delegations and says nothing else lends them to the next: `Japan` then, on the next
  line, `would like it deleted`. A statement after ";" or a sentence end that names nobody
  continues its predecessor's. `X on behalf of / for / obo G` is G alone; so is `X (G)` for one
  state X. An unknown code in capitals before a colon at the start (`FOO: tcb`) is kept as
  written. With nobody named, the statement is the author's: `author=None` leaves
  `delegations` empty (the caller attributes it), an author who is a delegation gives its code,
  a person gives no position (reason "person").
- **Stance**: the phrases of `OBJECTS` ("-"), `SUPPORTS` ("+") and `RESERVES` ("tcb"), longest
  first, and one-letter slips of the key verbs in `FUZZY` (`delte`, `oppse`, `suport`,
  `reserv`). A `NEGATIONS` word up to three words before a phrase flips "+" and "-" (`not
  support`, `don't agree` -> "-"; `not opposed`, `no objection` -> "+": not opposing a text
  lets it stand) and cancels "tcb". A phrase of `TAKES_OBJECT` followed by another phrase
  composes with it (`supports deletion` "-", `opposes deleting` "+", `cannot accept removal`
  "+"). Several stances: the one after the last `CONTRAST` word ("but", "however") wins,
  else the first; a weak phrase ("supported by") only when alone. A bare sign `+`/`-` beside
  the delegations is a stance. `HEDGES` (could, in principle, leaning) keep the stance and set
  `hedged`. A statement ending with "?" or opening with a `QUESTIONS` word is a question: no
  position.
- **Replacement**: `replace X with Y`, `change X to Y`, `substitute X by Y` object to X (X
  becomes the quoted scope); `Y instead of X`, `Y rather than X`, `prefer Y to X`, `not X but
  Y` are proposals with no stance of their own. Either way `replacement` is (X, Y).
- **Agreement**: `agree(s) with D`, `same as D`, `+1 D`, `joins D`, `associates with D`,
  `supports D`: `agrees_with` D; the stance is D's in an earlier statement of the comment on the
  same scope, else none (reason "agreement"). `also`, `too`, `as well`, `ditto` with no stance
  copy the statement before.
- **Scope** (`Scope`): quoted texts (`quotes`); `para 12`, `paragraph 4bis`, `PP3`, `OP 5`
  (`paragraphs`, scope "paragraph"); `this para`, `the paragraph` ("paragraph"); `section`,
  `whole section`, `chapter` ("section"); `throughout`, `everywhere`, `all occurrences`
  ("throughout"); else "anchor": the commented range. `end after X` / `stop at X` objects to
  the rest and records X in `stop_after`.
- **Dates**: `17 November`, `Nov 17`, `2024-11-17`, `17/11/2024`, a weekday, `17/11` at a line's
  start; initials after the date (`17 Nov – IC`) are dropped. A statement carries the last date
  before it. A later statement by the same delegation on the same scope supersedes an earlier
  one: both are kept, the earlier lists that delegation in `superseded`.
- No position, with `reason`: "question", "editorial" (`EDITORIAL` words and nobody named),
  "proposal" (a replacement or wording with no stance), "person" (the author is not a
  delegation), "agreement" (with a delegation that stated nothing here), "no stance".
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, NamedTuple, Protocol

from .delegations import GROUPS

Stance = Literal["+", "-", "tcb"]
Scope = Literal["anchor", "paragraph", "section", "throughout"]
Reason = Literal["question", "editorial", "proposal", "person", "agreement", "no stance"]

# -- the vocabulary ---------------------------------------------------------------------------

#: Phrases stating an objection (words as the tokenizer cuts them; any case).
OBJECTS: tuple[str, ...] = (
    "delete", "deletes", "deleted", "deleting", "deletion", "to be deleted", "del",
    "object", "objects", "objected", "objecting", "objection", "objections", "object to",
    "objects to", "oppose", "opposes", "opposed", "opposing", "opposition", "against",
    "reject", "rejects", "rejected", "not acceptable", "unacceptable", "cannot accept",
    "can't accept", "can not accept", "could not accept", "couldn't accept", "unable to accept",
    "cannot agree", "can't agree", "cannot support", "can't support", "cannot go along",
    "can't go along", "cannot live with", "can't live with", "cannot join",
    "remove", "removes", "removed", "removal", "removing", "strike", "strikes", "struck",
    "strike out", "drop", "drops", "dropped", "bracket", "brackets it", "bracket it",
    "put in brackets", "square brackets", "not needed", "unnecessary", "not necessary",
    "redundant", "problem with", "problems with", "has a problem", "have a problem",
    "has problems", "concerns with", "concern with", "serious concerns", "beyond the mandate",
    "beyond mandate", "goes beyond", "go beyond", "beyond its mandate", "beyond our mandate",
    "beyond their mandate",
    "outside the mandate", "outside mandate", "not within the mandate", "not in the mandate",
    "exceeds the mandate", "not in a position to accept", "not in a position to support",
    "not in a position to agree", "no place", "does not belong", "doesn't belong", "gone",
    "get rid of", "take out", "taken out", "out", "delete it", "scrap", "suppress",
    "problematic", "concerned", "concerns", "not convinced", "does not want", "doesn't want",
    "don't want", "do not want", "not want", "not agreeable", "red line", "redline",
    "supprimer", "suppression", "eliminar", "suprimir", "rechaza", "s'oppose", "se opone",
    "no acepta", "n'accepte pas", "-",
)
#: Phrases stating a support.
SUPPORTS: tuple[str, ...] = (
    "support", "supports", "supported", "supporting", "supportive", "keep", "keeps", "kept",
    "keeping", "retain", "retains", "retained", "retaining", "retention", "maintain",
    "maintains", "favour", "favours", "favor", "favors", "in favour", "in favor",
    "in favour of", "in favor of", "favourable", "favorable", "accept", "accepts", "acceptable",
    "can accept", "could accept", "accepted", "can live with", "could live with",
    "fine with", "is fine", "fine", "ok", "okay", "o.k", "agree", "agrees", "agreed",
    "agreeable", "welcome", "welcomes", "welcomed", "endorse", "endorses", "endorsed",
    "stresses its importance", "stresses the importance", "stressed the importance",
    "importance of", "important", "essential", "crucial", "key", "critical", "vital",
    "remove brackets", "remove the brackets", "removes brackets", "delete brackets",
    "delete the brackets", "lift brackets", "lift the brackets", "unbracket", "go clean",
    "can go clean", "clean", "no brackets", "happy with", "content with", "comfortable with",
    "flexible", "can go along", "go along with", "goes along with", "prefer to keep",
    "go with", "can go with", "stay", "stays", "should stay", "should remain", "remain",
    "prefers to keep", "like", "likes", "wants to keep", "want to keep", "as is", "as it is",
    "appuie", "soutient", "apoya", "respalda", "mantener", "maintenir", "conserver",
    "de acuerdo", "d'accord", "+",
)
#: Phrases stating a reservation: the delegation will come back to it ("tcb").
RESERVES: tuple[str, ...] = (
    "tcb", "t.c.b", "to come back", "come back", "comes back", "coming back", "will come back",
    "reserve", "reserves", "reserved", "reservation", "reservations", "study reservation",
    "reserves its position", "reserve its position", "revert", "reverts", "will revert",
    "consult capital", "consult its capital", "consult their capital", "consult with capital",
    "consult with its capital", "check with capital", "check with its capital",
    "check with their capital", "with capital", "capital", "needs more time",
    "need more time", "more time", "more work needed", "needs more work", "need more work",
    "further work", "more work", "further consideration", "under review", "reviewing",
    "under consideration", "considering", "consider", "to consider", "still considering",
    "placeholder", "to be discussed", "discuss with capital", "pending", "not yet in a position",
    "await", "awaiting", "awaits", "instructions", "reserva", "réserve",
)
#: Phrases that state a stance only when the statement has no other ("supported by US").
WEAK: tuple[str, ...] = (
    "supported by", "proposed by", "retained by", "kept by", "opposed by", "objected by",
    "objected to by", "deleted by", "reserved by", "important", "key", "critical", "essential",
    "crucial", "vital", "importance of", "like", "likes", "out", "clean", "gone", "drop",
    "consider", "considering", "capital", "with capital", "pending", "await", "awaiting",
    "awaits", "instructions", "to consider", "concerned", "concerns", "stay", "stays",
    "remain", "go with",
)
_WEAK_STANCES: dict[str, Stance] = {
    "supported by": "+", "proposed by": "+", "retained by": "+", "kept by": "+",
    "opposed by": "-", "objected by": "-", "objected to by": "-", "deleted by": "-",
    "reserved by": "tcb",
}
#: Phrases that take another phrase as their object: `supports deletion` objects.
TAKES_OBJECT: tuple[str, ...] = (
    "support", "supports", "supported", "supporting", "supportive", "favour", "favours",
    "favor", "favors", "in favour of", "in favor of", "in favour", "in favor", "accept",
    "accepts", "can accept", "could accept", "agree", "agrees", "agreed", "fine with",
    "happy with", "content with", "comfortable with", "can live with", "could live with",
    "welcome", "welcomes", "endorse", "endorses", "oppose", "opposes", "opposed", "opposing",
    "object", "objects", "object to", "objects to", "against", "reject", "rejects",
    "cannot accept", "can't accept", "can not accept", "cannot support", "can't support",
    "cannot agree", "can't agree", "cannot live with", "can't live with", "problem with",
    "problems with", "concerns with", "concern with", "not in a position to accept",
    "not in a position to support", "not in a position to agree", "unable to accept",
    "reserve", "reserves", "reservation", "like", "likes", "go along with", "goes along with",
)
#: Key verbs whose one-letter slips are read (`delte`, `oppse`, `suport`, `reserv`).
FUZZY: Mapping[str, Stance] = {
    "delete": "-", "deleted": "-", "deletion": "-", "oppose": "-", "opposes": "-",
    "opposed": "-", "object": "-", "objects": "-", "objection": "-", "support": "+",
    "supports": "+", "supported": "+", "retain": "+", "retains": "+", "accept": "+",
    "reserve": "tcb", "reserves": "tcb", "reservation": "tcb", "remove": "-", "strike": "-",
}
#: Words that are one slip from a key verb and mean something else.
NOT_SLIPS: frozenset[str] = frozenset(
    {"deplete", "depleted", "remain", "remains", "preserve", "preserves", "reverse", "sport",
     "report", "reports", "expect", "except", "suppose", "opposite", "objective", "strife",
     "stroke", "retail", "detain", "reserved", "deleted", "supported", "objected", "resolve",
     "deleter", "abject", "elect", "select", "deletes", "objets", "reverses", "remote",
     "remover", "resort", "accent", "accepts"}
)
#: Words that negate a phrase up to three words after them.
NEGATIONS: frozenset[str] = frozenset(
    {"not", "no", "never", "cannot", "can't", "cant", "don't", "dont", "doesn't", "doesnt",
     "won't", "wont", "isn't", "isnt", "aren't", "wouldn't", "couldn't", "shouldn't",
     "unable", "neither", "nor", "didn't", "ne", "pas", "nunca"}
)
#: Words that take back an objection or a reservation: `withdraws its reservation` supports.
WITHDRAWALS: frozenset[str] = frozenset(
    {"withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing", "lift", "lifts", "lifted",
     "lifting", "retracts", "retracted"}
)
#: Words after which a later stance replaces an earlier one.
CONTRAST: frozenset[str] = frozenset(
    {"but", "however", "although", "though", "yet", "mais", "pero"}
)
#: Words that soften a stance without changing it.
HEDGES: frozenset[str] = frozenset(
    {"could", "might", "may", "possibly", "perhaps", "tentatively", "principle", "leaning",
     "inclined", "probably", "generally", "broadly", "some", "open", "flexibility", "likely"}
)
#: Words that open a question.
QUESTIONS: frozenset[str] = frozenset(
    {"why", "what", "how", "whether", "which", "who", "asks", "asked", "ask", "query", "queries",
     "queried", "wonders", "wondered", "clarify", "clarification", "clarifications", "questions",
     "question"}
)
#: Words of an editorial note (no position when nobody is named).
EDITORIAL: frozenset[str] = frozenset(
    {"editorial", "editorially", "typo", "typos", "check", "checks", "align", "alignment",
     "consistency", "consistent", "format", "formatting", "numbering", "renumber", "cross",
     "reference", "note", "nb", "secretariat", "spelling", "grammar", "wording", "move",
     "moved", "fix", "footnote", "update", "updated", "conform", "language", "verify"}
)
#: Words of a wording proposal ("US: prefers “should”", "proposes new text").
PROPOSALS: frozenset[str] = frozenset(
    {"prefer", "prefers", "preferred", "preference", "propose", "proposes", "proposed",
     "proposal", "suggest", "suggests", "suggested", "suggestion", "add", "adds", "insert",
     "inserts", "amend", "amends", "reformulate", "rephrase", "alternative", "option",
     "instead", "rather", "replace", "replaces", "change", "changes", "new", "text"}
)
#: Words after which the delegations named are the ones agreed with.
AGREEMENT: tuple[str, ...] = (
    "agree with", "agrees with", "agreed with", "agreeing with", "same as", "as per", "+ 1",
    "joins", "join", "joined", "echoes", "echo", "associates with", "associates itself with",
    "aligns with", "aligns itself with", "align with", "supports", "support", "like",
    "in line with", "follows", "along with", "seconds", "second", "concurs with", "concur with",
)
#: Words that copy the statement before ("Canada too").
ALSO: frozenset[str] = frozenset(
    {"also", "too", "well", "ditto", "same", "likewise", "idem", "similarly", "similar"}
)
#: Words after which the delegations named are those a speaker spoke for.
BEHALF: tuple[str, ...] = (
    "on behalf of", "obo", "speaking for", "speaking on behalf of", "on behalf", "au nom de",
    "au nom du", "au nom des", "en nombre de", "en nombre del", "representing", "for",
)
#: Scope words.
SCOPES: Mapping[str, Scope] = {
    "throughout": "throughout", "everywhere": "throughout", "all occurrences": "throughout",
    "each occurrence": "throughout", "every occurrence": "throughout", "wherever": "throughout",
    "all instances": "throughout", "whole text": "throughout", "entire text": "throughout",
    "section": "section", "sections": "section", "whole section": "section",
    "entire section": "section", "chapter": "section", "heading": "section",
    "para": "paragraph", "paras": "paragraph", "paragraph": "paragraph",
    "paragraphs": "paragraph", "pp": "paragraph", "op": "paragraph", "§": "paragraph",
    "whole para": "paragraph", "whole paragraph": "paragraph", "entire paragraph": "paragraph",
}
#: Words that introduce the words a text should end with ("end after “Parties”").
STOPS: tuple[str, ...] = (
    "end after", "ends after", "end at", "ends at", "stop after", "stops after", "stop at",
    "stop at", "full stop after", "period after", "cut after", "end with", "finish after",
)
#: Group codes read in any case (`aosis`, `Ldcs`): none of them is an English word.
LOWERCASE_CODES: frozenset[str] = frozenset(
    {"AOSIS", "LMDC", "AGN", "LDC", "AILAC", "SIDS", "EIG", "CFRN", "LLDC", "G77", "AGGM",
     "ALBA", "SICA", "CACAM"}
)
#: Names never read in lower case: they are also common words in a comment.
LOWERCASE_UNSAFE: frozenset[str] = frozenset(
    {"chair", "chairmanship", "secretariat", "basic", "umbrella", "arab", "chad",
     "jordan", "guinea", "georgia", "turkey", "israel"}
)
#: Words that may stand between a verb and its object, or a marker and its delegation.
_FILLERS = frozenset({"the", "a", "an", "of", "to", "this", "that", "it", "its", "their", "with",
                      "text", "para", "paragraph", "proposal", "position", "la", "le", "el"})
_ARTICLES = frozenset({"the", "la", "le", "les", "los", "las", "el", "l"})
_JOINERS = frozenset({",", "and", "/", "+", "&", "y", "et", "e", "-", ":", "(", ")"})
_ABBREVIATIONS = frozenset({"para", "paras", "no", "art", "e.g", "i.e", "cf", "mr", "ms", "dr",
                            "st", "vs", "op", "pp", "sec", "ch"})
_NOT_CODES = frozenset({"NB", "NOTE", "PS", "FYI", "TBD", "TBC", "ALL", "OK", "TCB", "NEW",
                        "ALT", "OPTION", "PARA", "OP", "PP", "RE", "QUESTION", "COMMENT", "UPDATE"})

_QUOTE = (
    "“[^“”\n]*”|\"[^\"\n]*\"|‘[^‘’\n]*’|«[^«»\n]*»|„[^„“”\n]*[“”]|(?<!\\w)'[^'\n]*'(?!\\w)"
)
_TOKEN = re.compile(
    rf"(?P<quote>{_QUOTE})"
    r"|(?P<word>[^\W\d_](?:\.[^\W\d_])+\.?|[^\W_]+(?:['’][^\W_]+)*)"
    r"|(?P<line>\n)"
    r"|(?P<punct>[^\s\w])",
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    r"(?<![\w/.])(?:\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[ \-]{{1,3}}{_MONTH}(?:[ \-]{{1,3}}\d{{4}})?"
    rf"|{_MONTH}[ ]{{1,3}}\d{{1,2}}(?:st|nd|rd|th)?(?:,?[ ]{{1,3}}\d{{4}})?"
    r"|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?"
    r"|(?m:^)[ \t(\[]{0,3}\d{1,2}/\d{1,2}(?=[ \t]{0,3}[:)\]\u2013\u2014-]))(?![\w/])",
    re.IGNORECASE,
)
_DASHES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-") | {"＋": "+"}
)
_APOSTROPHES = str.maketrans(dict.fromkeys("’ʼ`", "'"))


class Names(Protocol):
    """What reading a comment needs of a registry: every delegation's names and aliases."""

    @property
    def names(self) -> Mapping[str, tuple[str, ...]]: ...


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
        if marker is not None and (keys[marker[0]] != "for" or code in who.groups):
            behalf_at = number
            for i in marker:
                used[i] = True
    for number, mention in enumerate(mentions):
        if number in agreed:
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
