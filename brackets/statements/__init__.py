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

from .reader import Statement, positions, read_statements
from .tokens import Names
from .vocabulary import (
    AGREEMENT,
    ALSO,
    BEHALF,
    CONTRAST,
    EDITORIAL,
    FUZZY,
    HEDGES,
    LOWERCASE_CODES,
    LOWERCASE_UNSAFE,
    NEGATIONS,
    NOT_SLIPS,
    OBJECTS,
    PROPOSALS,
    QUESTIONS,
    RESERVES,
    SCOPES,
    STOPS,
    SUPPORTS,
    TAKES_OBJECT,
    WEAK,
    WITHDRAWALS,
    Reason,
    Scope,
    Stance,
)

__all__ = [
    "AGREEMENT",
    "ALSO",
    "BEHALF",
    "CONTRAST",
    "EDITORIAL",
    "FUZZY",
    "HEDGES",
    "LOWERCASE_CODES",
    "LOWERCASE_UNSAFE",
    "NEGATIONS",
    "NOT_SLIPS",
    "OBJECTS",
    "PROPOSALS",
    "QUESTIONS",
    "RESERVES",
    "SCOPES",
    "STOPS",
    "SUPPORTS",
    "TAKES_OBJECT",
    "WEAK",
    "WITHDRAWALS",
    "Names",
    "Reason",
    "Scope",
    "Stance",
    "Statement",
    "positions",
    "read_statements",
]
