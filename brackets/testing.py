"""Hypothesis strategies and laws for testing code that handles bracketed drafts.

Install with ``pip install 'brackets[testing]'``. Then, in a drafting script's CI::

    from hypothesis import given
    import brackets
    from brackets.testing import assert_lossless, decisions, drafts

    @given(drafts())
    def test_my_script_keeps_every_objection(text):
        assert_lossless(text)
        ...

`drafts()` builds drafts from the shipped grammar (``grammars/brackets.lark``) with
`hypothesis.extra.lark.from_lark`: the bracket terminals are the grammar's own, and the
terminals that need realism (words, attribution groups with the registry's delegation codes,
paragraph labels) get explicit strategies. Every generated draft parses strictly.
``st.from_type(brackets.Draft)`` gives parsed drafts once the package is installed (the
``hypothesis`` entry point registers `parsed_drafts()`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

try:
    from hypothesis import assume
    from hypothesis import strategies as st
except ModuleNotFoundError as missing:  # pragma: no cover - depends on the installed extras
    raise ModuleNotFoundError(
        "brackets.testing needs hypothesis: pip install 'brackets[testing]'", name=missing.name
    ) from None
from lark import Lark

from .codes import parse
from .delegations import Registry
from .model import Bracket, Draft, Group, Text
from .notation import grammar_text
from .positions import positions
from .resolve import POLICIES, Policy, Resolution, resolve

__all__ = [
    "LABELS",
    "WORDS",
    "Decisions",
    "assert_agreed_is_clean",
    "assert_idempotent",
    "assert_lossless",
    "assert_positions_consistent",
    "assert_resolution_only_deletes",
    "decisions",
    "drafts",
    "generation_grammar",
    "groups",
    "mutations",
    "parsed_drafts",
]

#: Words of real drafts, mixed with arbitrary text so that odd characters get exercised too.
WORDS = (
    "Promote",
    "tolerance",
    "and",
    "shall",
    "should",
    "the",
    "Member States",
    "volunteers’",
    "intercultural",
    "dialogue",
    "in accordance with",
    "Article 2/XX",
    "«réunion»",
    "Привет",
    "合作",
    "4.2",
    "e.g.",
    "RMT",
)
LABELS = (
    "1. ", "13. ", "1.10 ", "11altern. ", "11 bis ", "(a) ", "(iv) ", "a) ", "- ",
    # other processes (NOTATION 3a)
    "Pp12 ", "Op3 ", "11 ter ", "Article 4 ", "Annex I ", "Section B ", "(a)(i) ", "8. Alt. ",
)
#: Options opening a paragraph, labelled alternatives opening a bracket, and placeholders
#: (NOTATION 3a), as `drafts(conventions=True)` writes them.
OPTIONS = ("Option 1: ", "Option 2: ", "**Option 2:** ", "Option A: ", "Option II: ", "Option 3:")
ALTERNATIVE_LABELS = ("Alt. 1 ", "Alt.2. ", "Alt 2 ", "Alt. ", "Option A: ", "Option B: ")
PLACEHOLDERS = (
    "[x]", "[X]", "[XX]", "[20XX]", "[…]", "[...]", "[date]", "[number]",
    "[document symbol to be added]", "[name of the body]", "{Placeholder for annex}",
)
_NOT_TEXT = "[]()\r\n"
_SEPARATORS = (" ", " ", ", ", "; ", ": ", " – ", ".", "\t")


def _words() -> st.SearchStrategy[str]:
    arbitrary = st.text(
        alphabet=st.characters(exclude_characters=_NOT_TEXT, exclude_categories=["Cs"]),
        min_size=1,
        max_size=10,
    )
    word = st.one_of(st.sampled_from(WORDS), arbitrary)
    return st.lists(st.tuples(word, st.sampled_from(_SEPARATORS)), min_size=1, max_size=4).map(
        lambda pairs: "".join(w + s for w, s in pairs)
    )


def groups(codes: Sequence[str]) -> st.SearchStrategy[str]:
    """Attribution groups such as `(+IRAN)`, `(-CHN, -IND)`, `(AZER tcb)`, `(tcb)`."""
    code = st.sampled_from(list(codes))
    entry = st.one_of(
        st.builds(lambda s, c: f"{s}{c}", st.sampled_from(["+", "-", "\u2212", "\u2013"]), code),
        st.builds(lambda c, t: f"{c} {t}", code, st.sampled_from(["tcb", "TCB"])),
        st.just("tcb"),
    )
    return st.lists(entry, min_size=1, max_size=3).map(lambda e: "(" + ", ".join(e) + ")")


def generation_grammar(
    *,
    max_depth: int = 3,
    max_items: int = 3,
    max_paragraphs: int = 6,
    alternatives: bool = True,
    labels: bool = True,
    paragraph_positions: bool = True,
    conventions: bool = True,
) -> str:
    """A Lark grammar for drafts, bounded in depth and width, importing the shipped terminals.

    Sequences at depth d are `_seq_d`; a bracket at depth d holds `_seq_{d+1}`, and the
    deepest sequence holds text only, so no draft nests deeper than `max_depth`.
    """
    if max_depth < 0 or max_items < 1 or max_paragraphs < 1:
        raise ValueError("max_depth >= 0, max_items >= 1 and max_paragraphs >= 1 are required")
    rules = [
        "start: paragraph"
        + (f" (NEWLINE paragraph)~0..{max_paragraphs - 1}" if max_paragraphs > 1 else ""),
        "paragraph: " + ("LABEL? " if labels else "") + ("OPTION? " if conventions else "")
        + "_seq_0"
        + (" PARAGRAPH_POSITION?" if paragraph_positions else ""),
    ]
    if labels and max_depth >= 1:
        rules.append("         | LSQB LABEL _seq_1 RSQB _groups")
    rules.append("_groups: (GLUE? GROUP)~0..2")
    for depth in range(max_depth + 1):
        text = "TEXT" if depth == 0 else "INNER_TEXT"
        rules.append(f"_seq_{depth}: _item_{depth}~0..{max_items}")
        if depth == max_depth:
            rules.append(f"_item_{depth}: {text}")
            continue
        choices = [text, f"positioned_{depth}"]
        if conventions:
            choices += ["PLACEHOLDER_ITEM", f"labelled_{depth}"]
            rules.append(
                f"labelled_{depth}: LSQB ALT _seq_{depth + 1} RSQB SPACES LSQB ALT"
                f" _seq_{depth + 1} RSQB _groups"
            )
        if alternatives:
            choices.append(f"alternatives_{depth}")
            rules.append(f"alternatives_{depth}: bracket_{depth} bracket_{depth}~1..2 _groups")
        rules.append(f"_item_{depth}: " + " | ".join(choices))
        rules.append(f"positioned_{depth}: bracket_{depth} _groups")
        rules.append(f"bracket_{depth}: LSQB _seq_{depth + 1} RSQB")
    used = [name for name in _DECLARED if re.search(rf"\b{name}\b", "\n".join(rules))]
    rules += ["%declare " + " ".join(used), "%import brackets (LSQB, RSQB, GROUP)"]
    return "\n".join(rules) + "\n"


#: Terminals that `drafts()` gives explicit strategies (the others come from the shipped grammar).
_DECLARED = (
    "TEXT", "INNER_TEXT", "LABEL", "NEWLINE", "GLUE", "PARAGRAPH_POSITION",
    "OPTION", "ALT", "SPACES", "PLACEHOLDER_ITEM",
)


def _shipped(base_path: str, grammar_path: str) -> tuple[str, str]:
    """Lark import loader: `%import brackets (...)` reads the grammar inside the package."""
    if grammar_path != "brackets.lark":
        raise OSError(grammar_path)
    return "brackets/grammars/brackets.lark", grammar_text()


@lru_cache(maxsize=32)
def _lark(grammar: str) -> Lark:
    return Lark(grammar, parser="earley", import_paths=[_shipped])


def drafts(
    *,
    max_depth: int = 3,
    max_items: int = 3,
    max_paragraphs: int = 6,
    codes: Sequence[str] | None = None,
    alternatives: bool = True,
    labels: bool | Sequence[str] = True,
    paragraph_positions: bool = True,
    multiline: bool = True,
    text: st.SearchStrategy[str] | None = None,
    conventions: bool = True,
) -> st.SearchStrategy[str]:
    """Draft texts in the notation that parse strictly, as `brackets.parse` reads them.

    They hold nested brackets (at most `max_depth` deep, at most `max_items` items in any
    sequence), sets of alternatives, attribution groups with `codes` (default: the registry's
    codes, so no unknown-code warnings), paragraph labels (`labels`: True for `LABELS`, or the
    labels to use, each with its trailing space) and whole bracketed paragraphs,
    paragraph-level positions, and with `multiline` brackets that run across paragraphs.
    `text` replaces the strategy for words between brackets (it must not produce `[`, `]`,
    `(`, `)` or line breaks). With `conventions` they mix in the conventions of other
    processes (NOTATION 3a): options opening paragraphs (`OPTIONS`), labelled alternatives
    apart by spaces (`ALTERNATIVE_LABELS`), placeholders (`PLACEHOLDERS`) and the labels
    `Pp12`, `Article 4`, `(a)(i)`, `8. Alt.` among `LABELS`.

    Many examples: hypothesis keeps what one test run generated in memory (about 0.3 MB an
    example at the default bounds), so a run of tens of thousands of examples in one process
    runs out of memory. For long runs, lower the bounds (`max_depth=2, max_items=2,
    max_paragraphs=3` keeps most of what the laws exercise), pass
    `settings(max_examples=2_000, database=None)`, and repeat the run in chunks (one pytest
    process per chunk, e.g. `for i in $(seq 20); do pytest tests/test_laws.py; done`): each
    chunk starts from a fresh random seed.
    """
    source = generation_grammar(
        max_depth=max_depth,
        max_items=max_items,
        max_paragraphs=max_paragraphs,
        alternatives=alternatives,
        labels=bool(labels),
        paragraph_positions=paragraph_positions,
        conventions=conventions,
    )
    chosen = list(codes) if codes is not None else list(Registry.default().names)
    if not chosen:
        raise ValueError("codes must name at least one delegation")
    words = text if text is not None else _words()
    group = groups(chosen)
    inner = st.one_of(words, words, words, st.just("\n")) if multiline else words
    explicit = {
        "TEXT": words,
        "INNER_TEXT": inner,
        "GROUP": group,
        "GLUE": st.sampled_from([" ", ".", ". ", ",", ";", ": ", " ."]),
        "LABEL": st.sampled_from(LABELS if labels is True else list(labels or ["1. "])),
        "NEWLINE": st.sampled_from(["\n", "\n", "\r\n", "\n\n"]),
        "OPTION": st.sampled_from(OPTIONS),
        "ALT": st.sampled_from(ALTERNATIVE_LABELS),
        "SPACES": st.sampled_from([" ", "  ", "\t"]),
        "PLACEHOLDER_ITEM": st.sampled_from(PLACEHOLDERS),
        "PARAGRAPH_POSITION": st.builds(
            lambda w, end, g: f" {w}{end} {g}",
            st.sampled_from(["Review implementation", "meeting", "texte", "合作"]),
            st.sampled_from(["", ".", ";"]),
            group,
        ),
    }
    # Imported here: its default alphabet reads Unicode tables, too slow for a plugin's import.
    from hypothesis.extra.lark import from_lark

    used = {k: v for k, v in explicit.items() if re.search(rf"\b{k}\b", source)}
    return from_lark(_lark(source), explicit=used)


def parsed_drafts(**bounds: Any) -> st.SearchStrategy[Draft]:
    """`drafts(**bounds)`, parsed strictly: `Draft` objects (what `st.from_type(Draft)` gives)."""
    return drafts(**bounds).map(parse)


# -- decisions and mutations -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decisions:
    """A policy and what-if decisions that are valid for one draft (`brackets.resolve` args)."""

    policy: Policy
    withdraw: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()

    def resolve(self, draft: Draft) -> Resolution:
        return resolve(
            draft, self.policy, withdraw=self.withdraw, accept=self.accept, reject=self.reject
        )


def decisions(
    draft: Draft, *, policies: Sequence[str] = POLICIES
) -> st.SearchStrategy[Decisions]:
    """Withdrawals of delegations the draft names, and disjoint accept/reject sets of its ids."""
    codes = sorted(positions(draft).delegations)
    ids = [b.id for b in draft.brackets] + [p.id for p in draft.paragraphs if p.groups]

    @st.composite
    def build(draw: st.DrawFn) -> Decisions:
        policy = draw(st.sampled_from([p for p in policies if p in POLICIES]))
        withdraw = draw(st.lists(st.sampled_from(codes), unique=True)) if codes else []
        accept = draw(st.lists(st.sampled_from(ids), unique=True, max_size=5)) if ids else []
        rest = [i for i in ids if i not in accept]
        reject = draw(st.lists(st.sampled_from(rest), unique=True, max_size=5)) if rest else []
        return Decisions(cast(Policy, policy), tuple(withdraw), tuple(accept), tuple(reject))

    return build()


def _texts_outside_tails(draft: Draft) -> list[Text]:
    """Text nodes of the draft and of bracket contents (not the glue after a `]`)."""
    found = [n for n in draft.nodes if isinstance(n, Text)]
    for bracket in draft.brackets:
        found.extend(n for n in bracket.children if isinstance(n, Text))
    return found


def _open_lines(draft: Draft) -> set[int]:
    """Lines crossed by a bracket that runs across paragraphs (not safe to cut there)."""
    crossed: set[int] = set()
    for bracket in draft.brackets:
        first, last = draft.locate(bracket.start)[0], draft.locate(bracket.end - 1)[0]
        if first != last:
            crossed.update(range(first, last + 1))
    return crossed


_WORD = re.compile(r"\w+")


def _mutation(draw: st.DrawFn, draft: Draft, codes: tuple[str, ...]) -> Draft:
    source = draft.source
    group = groups(codes)
    last_of_set = [
        b for b in draft.brackets if b.alternative is None or b.alternative[0] == b.alternative[1]
    ]
    attached: list[Group] = [g for b in draft.brackets for g in b.groups]
    attached += [g for p in draft.paragraphs for g in p.groups]
    texts = [t for t in _texts_outside_tails(draft) if _WORD.search(t.text)]
    crossed = _open_lines(draft)
    whole_lines = [p for p in draft.paragraphs if p.line not in crossed]
    kinds: list[str] = ["new paragraph"]
    if last_of_set:
        kinds.append("new position")
    if attached:
        kinds.append("position withdrawn")
    if draft.brackets:
        kinds += ["bracket dropped", "bracket accepted"]
    if texts:
        kinds += ["text bracketed", "word changed"]
    if len(whole_lines) > 1:
        kinds.append("paragraph deleted")
    kind = draw(st.sampled_from(kinds))

    def splice(start: int, end: int, new: str = "") -> str:
        return source[:start] + new + source[end:]

    if kind == "new position":
        bracket: Bracket = draw(st.sampled_from(last_of_set))
        revised = splice(bracket.tail_end, bracket.tail_end, " " + draw(group))
    elif kind == "position withdrawn":
        gone: Group = draw(st.sampled_from(attached))
        start = gone.start
        while start > 0 and source[start - 1] in " \t":
            start -= 1
        revised = splice(start, gone.end)
    elif kind == "bracket dropped":
        bracket = draw(st.sampled_from(draft.brackets))
        revised = splice(bracket.start, bracket.tail_end)
    elif kind == "bracket accepted":
        bracket = draw(st.sampled_from(draft.brackets))
        inner = source[bracket.inner_start : bracket.inner_end]
        revised = splice(bracket.start, bracket.tail_end, inner)
    elif kind in ("text bracketed", "word changed"):
        node: Text = draw(st.sampled_from(texts))
        words = list(_WORD.finditer(node.text))
        first = draw(st.integers(0, len(words) - 1))
        last = first if kind == "word changed" else draw(st.integers(first, len(words) - 1))
        start, end = node.start + words[first].start(), node.start + words[last].end()
        if "\n" in source[start:end] or "\r" in source[start:end]:
            last, end = first, node.start + words[first].end()
        if kind == "word changed":
            word = source[start:end]
            revised = splice(start, end, draw(st.sampled_from(WORDS).filter(lambda w: w != word)))
        else:
            positions_text = draw(st.one_of(st.just(""), group.map(lambda g: " " + g)))
            revised = splice(start, end, "[" + source[start:end] + "]" + positions_text)
    elif kind == "paragraph deleted":
        paragraph = draw(st.sampled_from(whole_lines))
        starts = draft.lines.starts
        following = paragraph.line  # index of the next line's start
        end = starts[following] if following < len(starts) else len(source)
        revised = splice(paragraph.start, end)
    else:
        lines = draft.lines.starts
        at = draw(st.sampled_from([len(source), *(lines[i] for i in range(len(lines)))]))
        line_index = bisect.bisect_right(lines, at)
        assume(line_index not in crossed or at == len(source))
        new = draw(drafts(max_depth=2, max_paragraphs=1, codes=codes, multiline=False))
        new = new.replace("\r", "").replace("\n", " ")
        revised = splice(at, at, new + "\n") if at < len(source) else source + "\n" + new
    try:
        return parse(revised, path=draft.path)
    except ValueError:
        assume(False)
        raise  # pragma: no cover - assume() does not return when False


def mutations(draft: Draft, *, codes: Sequence[str] | None = None) -> st.SearchStrategy[Draft]:
    """A revised version of `draft`, as the next round of negotiation might produce it.

    One edit: a new position on a bracket, a position withdrawn, a bracket dropped or
    accepted (its text kept, its markup removed), words newly bracketed, a word changed, a
    paragraph deleted or a new paragraph inserted. The result parses strictly.
    """
    chosen = tuple(codes) if codes is not None else tuple(Registry.default().names)

    @st.composite
    def revised(draw: st.DrawFn) -> Draft:  # a closure: the strategy's repr omits the draft
        return _mutation(draw, draft, chosen)

    return revised()


# -- laws ----------------------------------------------------------------------------------


def _fail(law: str, detail: str, text: str) -> AssertionError:
    shown = text if len(text) <= 400 else text[:400] + "…"
    return AssertionError(f"{law}: {detail}\ninput: {shown!r}")


def assert_lossless(text: str) -> None:
    """Parsing then writing back gives the input exactly (leniently always, strictly if valid)."""
    lenient = parse(text, lenient=True)
    if lenient.to_text() != text:
        raise _fail("lossless", "lenient parse does not write back the input", text)
    try:
        strict = parse(text)
    except ValueError:
        return
    if strict.to_text() != text:
        raise _fail("lossless", "strict parse does not write back the input", text)
    if len(strict.brackets) != text.count("["):
        raise _fail("lossless", "a strict draft lost or invented brackets", text)


def assert_resolution_only_deletes(draft: Draft, resolution: Resolution) -> None:
    """The resolved text is the draft's source minus `resolution.deletions`, and nothing else."""
    source, position, rebuilt = draft.source, 0, []
    for start, end in resolution.deletions:
        if not position <= start < end <= len(source):
            raise _fail(
                "only deletes",
                f"deletions not sorted, disjoint and inside the source at {start}..{end}",
                source,
            )
        rebuilt.append(source[position:start])
        position = end
    rebuilt.append(source[position:])
    if "".join(rebuilt) != resolution.text:
        raise _fail("only deletes", "the text is not the source minus the deletions", source)


def assert_idempotent(
    draft: Draft | str, policy: str = "agreed", *, withdraw: Sequence[str] = ()
) -> None:
    """Resolving the resolved text again (parsed leniently, same policy and withdrawals)
    changes nothing: a resolution never leaves markup that a second one would act on."""
    if isinstance(draft, str):
        draft = parse(draft, lenient=True)
    once = resolve(draft, policy, withdraw=withdraw).text
    again = parse(once, lenient=True)
    present = set(positions(again).delegations)
    twice = resolve(again, policy, withdraw=[c for c in withdraw if c in present]).text
    if twice != once:
        raise _fail(
            "idempotent", f"{policy}: resolving {once!r} again gives {twice!r}", draft.source
        )


def assert_agreed_is_clean(draft: Draft) -> None:
    """Under `agreed`, a strictly parsed draft keeps no bracket but its placeholders (NOTATION
    3a) and no attribution group."""
    clean = resolve(draft, "agreed").text
    left = parse(clean, lenient=True)
    strays = [b.id for b in left.disputed] + [
        g.source for p in left.paragraphs for g in p.groups
    ]
    unmatched = any(d.code in ("unclosed", "unopened") for d in left.diagnostics)
    if unmatched or strays:
        raise _fail("agreed is clean", f"markup left in {clean!r}", draft.source)


def assert_positions_consistent(draft: Draft) -> None:
    """The positions report says per delegation exactly what the brackets and paragraphs say."""
    report = positions(draft)
    expected: dict[str, tuple[set[str], set[str], set[str]]] = {}
    holders: list[Any] = [*draft.brackets, *(p for p in draft.paragraphs if p.groups)]
    for holder in holders:
        for kind, codes in enumerate((holder.supporters, holder.objectors, holder.reservations)):
            for code in codes:
                expected.setdefault(code, (set(), set(), set()))[kind].add(holder.id)
    got = {
        code: (set(held.supports), set(held.objects), set(held.reserves))
        for code, held in report.delegations.items()
    }
    if got != expected:
        raise _fail("positions", f"report {got} differs from the draft {expected}", draft.source)
    objecting = tuple(sorted(code for code, held in expected.items() if held[1]))
    if report.objecting != objecting:
        raise _fail("positions", f"objecting {report.objecting} != {objecting}", draft.source)
