"""The notation's rules (NOTATION.md sections 2-3, 5.1), in one place, read from the grammar.

`grammars/brackets.lark` defines the notation's vocabulary as terminals: brackets, attribution
groups and their entries, the glue allowed between `]` and its groups, paragraph labels. This
module compiles those terminals once and says what they mean: which stance an entry states,
how an entry is written back, where a group may attach, which label opens a paragraph, what
`Naltern.` refers to, and which spaces go with a group. The parser, the resolver and the Word
reader and writer ask it rather than spelling the notation again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from lark import Lark

from .model import ANONYMOUS, Attribution, Stance

GRAMMAR_FILE = "brackets.lark"

#: What the notation counts as a space: around entries, before groups, at resolution seams.
SPACES = " \t"


def grammar_text() -> str:
    """The grammar shipped inside the package (or beside it in a source checkout)."""
    try:
        return (resources.files("brackets.grammars") / GRAMMAR_FILE).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        here = Path(__file__).resolve().parent.parent / "grammars" / GRAMMAR_FILE
        return here.read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class _Rules:
    """The grammar's terminals, compiled, and the rules composed from them."""

    terminals: dict[str, str]  # terminal name -> regular expression
    group: re.Pattern[str]
    entry: re.Pattern[str]
    sign: re.Pattern[str]
    code: re.Pattern[str]
    tcb: re.Pattern[str]
    glue: re.Pattern[str]
    trailing: re.Pattern[str]  # only glue and groups, to the end
    paragraph_end: re.Pattern[str]  # only spaces and groups, to the end of the line
    label: re.Pattern[str]
    number: re.Pattern[str]
    altern: re.Pattern[str]


@functools.cache
def _rules() -> _Rules:
    # A lexer-only Lark keeps every terminal of the grammar, used by a rule or not.
    lark = Lark(grammar_text(), parser=None, lexer="basic")
    terminals = {t.name: str(t.pattern.to_regexp()) for t in lark.terminals}
    group, glue, label = terminals["GROUP"], terminals["GLUE"], terminals["LABEL"]
    number, altern = terminals["NUMBER"], terminals["ALTERN"]
    return _Rules(
        terminals=terminals,
        group=re.compile(group),
        entry=re.compile(terminals["ENTRY"]),
        sign=re.compile(terminals["SIGN"]),
        code=re.compile(terminals["CODE"]),
        tcb=re.compile(terminals["TCB"]),
        glue=re.compile(glue),
        trailing=re.compile(rf"(?:(?>{glue})|{group})*+\Z"),
        paragraph_end=re.compile(rf"(?:[ \t]*{group})*[ \t]*(?:\r|\n|\Z)"),
        # A label opens the paragraph, maybe inside brackets, and a space or the end follows.
        label=re.compile(rf"[ \t]*\[*[ \t]*(?P<label>{label})(?=[ \t]|$)"),
        # "13.", "1.1" or "1.10": the paragraph number of a numbered label, maybe inside
        # brackets as labels are ("[13."); a number without a final dot needs a dot inside.
        number=re.compile(
            rf"[ \t]*\[*[ \t]*({number})(?:\.|(?<=\.\d)|(?<=\.\d\d)|(?<=\.\d\d\d))(?=[ \t]|$)"
        ),
        # "11altern." (or "11 altern."): an alternative to paragraph 11, a label only when a
        # space or the end follows (as every label), so that "11altern.11altern." is not one.
        altern=re.compile(rf"[ \t]*\[*[ \t]*({number})([ \t]?{altern})\.(?=[ \t]|$)"),
    )


def terminal(name: str) -> str:
    """The regular expression of one of the grammar's terminals ("GROUP", "LABEL", ...)."""
    return _rules().terminals[name]


# -- attribution groups and their entries (NOTATION 2) -----------------------------------------


def group_pattern() -> str:
    """The regular expression of one attribution group, as the grammar defines it."""
    return _rules().group.pattern


def group_regex() -> re.Pattern[str]:
    """The compiled attribution group, for finding groups in a run of text."""
    return _rules().group


def read_entries(group: str) -> tuple[Attribution, ...]:
    """The entries of an attribution group, in order: `(+RUS, −IND, AZER tcb, tcb)` gives
    support RUS, objection IND, reservations AZER and `*` (no delegation named)."""
    rules = _rules()
    entries: list[Attribution] = []
    for match in rules.entry.finditer(group, 1, len(group) - 1):
        text = match.group()
        stance: Stance
        sign = rules.sign.match(text)
        if sign is not None:  # "+CODE", "-CODE"
            stance = "support" if sign.group() == "+" else "object"
            code = rules.code.search(text, sign.end())
        elif rules.tcb.fullmatch(text):  # "tcb"
            stance, code = "reserve", None
        else:  # "CODE tcb"
            stance, code = "reserve", rules.code.match(text)
        entries.append(Attribution(stance, code.group() if code else ANONYMOUS, text))
    return tuple(entries)


def sign_stance(sign: str) -> Stance | None:
    """The stance a sign states: "+" support, a minus ("-", U+2212, U+2013) objection; None
    when `sign` is not one of the grammar's signs."""
    if _rules().sign.fullmatch(sign) is None:
        return None
    return "support" if sign == "+" else "object"


#: The grammar's minus signs other than "-" (U+2212 minus, U+2013 en dash), mapped to "-".
_MINUS = str.maketrans(dict.fromkeys("\u2212\u2013", "-"))


def normalize_minus(text: str) -> str:
    """`text` with every minus sign the grammar accepts written as "-", so that words such as
    "\u2212" or "\u2013 delete" read as "-" and "- delete" do."""
    return text.translate(_MINUS)


def format_entry(stance: Stance, delegation: str = ANONYMOUS) -> str:
    """An entry as the notation writes it: "+CHN", "-IND", "IRAN tcb", or "tcb" when the
    reservation names no delegation (`*` or empty)."""
    if stance == "reserve":
        return "tcb" if delegation in (ANONYMOUS, "") else f"{delegation} tcb"
    return f"{'+' if stance == 'support' else '-'}{delegation}"


def format_group(entries: Iterable[tuple[Stance, str]]) -> str:
    """A group holding `entries` (stance, delegation): "(+RUS, -CHN)"."""
    return "(" + ", ".join(format_entry(stance, code) for stance, code in entries) + ")"


# -- where a group attaches (NOTATION 2) ---------------------------------------------------------


def glue_regex() -> re.Pattern[str]:
    """The compiled glue: what may stand between `]` and a group."""
    return _rules().glue


def is_glue(text: str) -> bool:
    """Whether `text` may stand between `]` and a group: spaces and closing punctuation."""
    return not text or _rules().glue.fullmatch(text) is not None


def ends_paragraph(text: str, offset: int) -> bool:
    """Whether only spaces and groups stand from `offset` to the end of its line, so that a
    group ending there with no bracket before it states a position on the paragraph."""
    return _rules().paragraph_end.match(text, offset) is not None


def group_would_attach(line: str) -> bool:
    """Whether a group appended to `line` would attach to a bracket (only glue and groups
    follow its last `]`) rather than state a position on the paragraph."""
    close = line.rfind("]")
    return close >= 0 and _rules().trailing.match(line, close + 1) is not None


def group_with_spaces(source: str, start: int, end: int) -> tuple[int, int]:
    """The span a group at [start, end) of `source` takes when it goes: the group and the
    spaces before it (NOTATION 5.1)."""
    while start > 0 and source[start - 1] in SPACES:
        start -= 1
    return start, end


# -- paragraph labels (NOTATION 3, 5.4) ----------------------------------------------------------


def label(text: str, start: int = 0, end: int | None = None) -> str | None:
    """The label opening the paragraph `text[start:end]`: "13.", "1.10", "11altern.", "11 bis",
    "(a)", "(iv)", "a)", "-"; it may stand inside brackets ("[11altern. Promote")."""
    match = _rules().label.match(text, start, len(text) if end is None else end)
    return match.group("label") if match else None


#: A list label as Word's number formats draw it and no typed label reads: a roman numeral or
#: a letter, then "." or ")" ("IV.", "A.", "b)"), as a Word draft's text shows its headings.
_LIST_LABEL = re.compile(r"[ \t]*\[*[ \t]*\(?(?:[IVXLCDM]+|[ivxlcdm]+|[A-Za-z])[.)][ \t]*\Z")


def is_bare_label(text: str) -> bool:
    """True for a paragraph holding nothing but its label ("2.", "11altern.", "(a)", "-",
    and the list labels Word draws, "IV.", "A.")."""
    if _LIST_LABEL.match(text.rstrip()):
        return True
    text = text.rstrip() + " "  # a bullet is a label only when something may follow it
    match = _rules().label.match(text)
    return match is not None and not text[match.end() :].strip()


def label_number(text: str) -> str | None:
    """The paragraph number a paragraph opens with: "13." gives "13", "1.1 A" and "1.10 A"
    give "1.1" and "1.10", "[13. A" gives "13"; None for "11altern.", "(a)" or "2023 was"."""
    match = _rules().number.match(text)
    return match.group(1) if match else None


def altern(text: str) -> tuple[str, int, int] | None:
    """For a paragraph opening with `Naltern.` (maybe inside brackets): N, and the span of
    "altern" (with a space before it, if any) in `text`, which goes when `Naltern.` becomes
    `N.`; None for any other paragraph."""
    match = _rules().altern.match(text)
    return (match.group(1), match.start(2), match.end(2)) if match else None
