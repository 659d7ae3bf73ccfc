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
    scan: re.Pattern[str]  # LEAF of plain text | LSQB | RSQB | GROUP
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
    placeholder_value: re.Pattern[str]  # a bracket's whole text: a short value ("20XX")
    placeholder_note: re.Pattern[str]  # a bracket's whole text: a description
    braces: re.Pattern[str]  # a brace holding a placeholder, "{Placeholder for …}"
    alt_label: re.Pattern[str]  # a labelled alternative's label and the spaces after it
    option: re.Pattern[str]  # a paragraph opening an option: label?, brackets?, option
    heading: re.Pattern[str]  # a Markdown heading's marks


@functools.cache
def _rules() -> _Rules:
    # A lexer-only Lark keeps every terminal of the grammar, used by a rule or not.
    lark = Lark(grammar_text(), parser=None, lexer="basic")
    terminals = {t.name: str(t.pattern.to_regexp()) for t in lark.terminals}
    group, glue, label = terminals["GROUP"], terminals["GLUE"], terminals["LABEL"]
    number, altern = terminals["NUMBER"], terminals["ALTERN"]
    placeholder, alt_label = terminals["PLACEHOLDER"], terminals["ALT_LABEL"]
    value, note = terminals["PLACEHOLDER_VALUE"], terminals["PLACEHOLDER_NOTE"]
    return _Rules(
        terminals=terminals,
        scan=re.compile(
            rf"{terminals['LSQB']}[^\[\]()\r\n]*{terminals['RSQB']}"
            rf"|{terminals['LSQB']}|{terminals['RSQB']}|{group}"
        ),
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
        # "8. Alt." is no paragraph 8 but an alternative to it (NOTATION 3a).
        number=re.compile(
            rf"[ \t]*\[*[ \t]*({number})(?:\.|(?<=\.\d)|(?<=\.\d\d)|(?<=\.\d\d\d))(?=[ \t]|$)"
            rf"(?![ \t]+Alt\.(?:[ \t]|$))"
        ),
        # "11altern." (or "11 altern."): an alternative to paragraph 11, a label only when a
        # space or the end follows (as every label), so that "11altern.11altern." is not one;
        # "8. Alt." is one too (NOTATION 3a), the span being " Alt.".
        altern=re.compile(
            rf"[ \t]*\[*[ \t]*({number})(?:([ \t]?{altern})\.|\.([ \t]+Alt\.))(?=[ \t]|$)"
        ),
        placeholder_value=re.compile(value),
        placeholder_note=re.compile(note),
        braces=re.compile(rf"\{{(?:{placeholder})\}}"),
        alt_label=re.compile(rf"(?:{alt_label})(?:[ \t]+|(?=\]|$))"),
        # Markup that holds no text (a `]` closing a bracket opened in an earlier paragraph,
        # an empty `[]`) may stand before the option: the paragraph's text still opens with
        # the label, and a resolution, which removes that markup, must not make an option
        # out of text that was none (NOTATION 3a; resolution is idempotent). The option
        # starts after it, so dropping the option never takes another bracket's markup. A
        # bracket touching that markup (`][Option B: …]`) is an alternative, no option.
        option=re.compile(
            rf"[ \t]*(?:(?P<label>{label})(?:[ \t]+Alt\.)?[ \t]+)?"
            rf"(?:(?:\]|\[[ \t]*\])(?!\[)[ \t]*)*"
            rf"(?P<open>\[*[ \t]*)(?P<option>{terminals['OPTION']})[ \t]*"
        ),
        heading=re.compile(r"[ \t]*(#{1,6})[ \t]"),
    )


def terminal(name: str) -> str:
    """The regular expression of one of the grammar's terminals ("GROUP", "LABEL", ...)."""
    return _rules().terminals[name]


def bracket_scan() -> re.Pattern[str]:
    """What the parser reads in one scan: a LEAF of plain text (no group can start in it and
    no paragraph end, so it is one text node), LSQB, RSQB and GROUP, from the grammar's
    terminals. A LEAF that is not plain text reads as LSQB, its run and RSQB, as a bracket
    holding a sequence does: groups inside brackets are found by the same scan."""
    return _rules().scan


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


def label_pattern() -> re.Pattern[str]:
    """The compiled paragraph label (`label`), its text in the group "label"; for a caller
    that reads the label of every line."""
    return _rules().label


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


#: What every label `altern` finds holds: "altern." (the grammar's ALTERN and its dot) or
#: "Alt.", so "ltern." or "lt."; a literal start makes the search of a whole draft quick.
_ALTERN_HINT = re.compile(r"lt(?:ern)?\.")


def may_hold_altern(text: str) -> bool:
    """False when no paragraph of `text` can open with `Naltern.` or `N. Alt.` (one quick
    search: most drafts hold none, and then no paragraph need be looked at)."""
    return _ALTERN_HINT.search(text) is not None


def altern(text: str) -> tuple[str, int, int] | None:
    """For a paragraph opening with `Naltern.` (maybe inside brackets): N, and the span of
    "altern" (with a space before it, if any) in `text`, which goes when `Naltern.` becomes
    `N.`; None for any other paragraph."""
    match = _rules().altern.match(text)
    if match is None:
        return None
    which = 2 if match.group(2) is not None else 3
    return match.group(1), match.start(which), match.end(which)


# -- conventions of other processes (NOTATION 3a) ------------------------------------------------


#: The grammar's limits: a placeholder value has at most 16 characters, a description names
#: what is missing with one of these words (PLACEHOLDER_VALUE, PLACEHOLDER_NOTE).
_VALUE_LENGTH = 16
_NOTE_LENGTH = 240


#: One of the words a placeholder's description needs (PLACEHOLDER_NOTE): a quick look
#: before the whole pattern.
_NOTE_WORDS = re.compile("to be |laceholder|LACEHOLDER| of ")


def is_placeholder(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether a bracket holding `text[start:end]` is a placeholder: "x", "20XX", "…",
    "date", "document symbol to be added", "Placeholder for …". Called for every bracket
    holding only text, so the regular expressions run only on candidates: short texts, and
    texts holding one of the words a description needs; nothing is copied."""
    if end is None:
        end = len(text)
    size = end - start
    rules = _rules()
    if size <= _VALUE_LENGTH and rules.placeholder_value.fullmatch(text, start, end) is not None:
        return True
    if size > _NOTE_LENGTH:
        return False
    return (
        _NOTE_WORDS.search(text, start, end) is not None
        and rules.placeholder_note.fullmatch(text, start, end) is not None
    )


def brace_placeholders(text: str) -> int:
    """How many braces in `text` hold a placeholder ("{Placeholder for …}", "{x}")."""
    return sum(1 for _ in _rules().braces.finditer(text)) if "{" in text else 0


def alternative_label(text: str, start: int, end: int) -> int | None:
    """Where the alternative label ("Alt. 1", "Alt.", "Option A:") opening `text[start:end]`
    ends with the spaces after it; None when it opens with none. The label must be followed by
    a space or the end, so "Alternatively" and "Altitude" are no labels."""
    if not text.startswith(("Alt", "Option"), start, end):
        return None
    match = _rules().alt_label.match(text, start, end)
    return match.end() if match else None


@dataclass(frozen=True, slots=True)
class OptionOpening:
    """Where a paragraph opens an option: its paragraph label, the option's start (its
    brackets, if any, then the label) and the label's span with the spaces after it."""

    label: str | None
    start: int
    label_start: int
    label_end: int
    text: str


#: How far into a paragraph an option's label may stand (after a long label and brackets).
_OPTION_REACH = 80


def option_opening(text: str, start: int, end: int) -> OptionOpening | None:
    """The option the paragraph `text[start:end]` opens, if any (NOTATION 3a): `Option 1:`,
    `**Option 2:**`, `Pp12 Option 1:`, `2. [Option A: …`."""
    if text.find("Option", start, min(end, start + _OPTION_REACH)) < 0:
        return None
    match = _rules().option.match(text, start, end)
    if match is None:
        return None
    return OptionOpening(
        match.group("label"),
        match.start("open"),
        match.start("option"),
        match.end(),
        match.group("option"),
    )


#: The rank of a paragraph label's kind: the lower, the higher its level in the text.
_PART_RANKS = {"Annex": 2, "Appendix": 2, "Part": 3, "Chapter": 4, "Section": 5, "Article": 6}


def level(text: str, start: int, end: int, paragraph_label: str | None) -> tuple[int, int] | None:
    """The level of a paragraph, for where an option ends: (indent, rank), the lower the
    higher; a Markdown heading stands above every indented text. None for a paragraph that
    opens with no label (text that continues what is above it)."""
    heading = _rules().heading.match(text, start, end)
    if heading is not None:
        return (-1, len(heading.group(1)) - 8)
    if paragraph_label is None:
        return None
    indent = 0
    for char in text[start : min(end, start + 40)]:
        if char == " ":
            indent += 1
        elif char == "\t":
            indent += 4
        else:
            break
    first = paragraph_label.split()[0].rstrip(".")
    if first in _PART_RANKS:
        rank = _PART_RANKS[first]
    elif paragraph_label[0].isdigit() or first[:2] in ("Pp", "PP", "Op", "OP"):
        rank = 20 + paragraph_label.rstrip(".").count(".")
    elif paragraph_label.startswith("(") or paragraph_label.endswith(")"):
        roman = paragraph_label.strip("()").split(")(")[-1]
        rank = 40 if len(paragraph_label) > 4 and ")(" in paragraph_label else 30
        rank = 35 if set(roman) <= set("ivxlc") and roman not in ("c", "l", "v", "x") else rank
    else:
        rank = 50  # a bullet
    return (indent, rank)
