"""Parse text drafts into the `Draft` model with the Lark grammar in `grammars/brackets.lark`.

The grammar's terminals tokenize the text in one compiled regex pass. Brackets are paired on
the token stream, so that every unmatched `[` or `]` is reported at once (strict mode) or
turned back into text (lenient mode). The paired brackets are driven through the LALR table
that Lark builds from the grammar, by a small loop whose reductions build the model directly:
no parse tree is kept, no token objects are made, and nothing recurses, whatever the nesting
depth. A RUN is by definition the whole gap between two brackets, so runs are not shifted one
by one: each reduction reads the gaps between its brackets as the grammar's `run` rule says
(text and attribution groups), with the grammar's own terminals.
"""

from __future__ import annotations

import functools
import gc
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lark import Lark
from lark.parsers.lalr_analysis import Shift

from .model import (
    ANONYMOUS,
    Alternatives,
    Attribution,
    Bracket,
    Diagnostic,
    Draft,
    DraftSyntaxError,
    Group,
    LineIndex,
    Node,
    Paragraph,
    Severity,
    Stance,
    Text,
    fast_constructor,
    stances,
)

_Text = fast_constructor(Text)
_Group = fast_constructor(Group)
_Bracket = fast_constructor(Bracket)

if TYPE_CHECKING:
    from .delegations import Registry

GRAMMAR_FILE = "brackets.lark"

#: Text allowed between `]` and an attribution group: spaces and closing punctuation.
_GLUE = re.compile(r"[ \t.,;:]*")
_ENTRY = re.compile(
    r"(?P<sign>[+\-\u2212\u2013])[ \t]*(?P<code>[A-Z][A-Z0-9_]*)"
    r"|(?P<rcode>[A-Z][A-Z0-9_]*)[ \t]+(?:tcb|TCB)"
    r"|(?P<tcb>tcb|TCB)"
)
#: A paragraph label: "13.", "1.10", "11altern.", "11 bis", "(a)", "(iv)", "a)", a bullet "- ".
_LABEL = re.compile(
    r"[ \t]*\[*[ \t]*(?P<label>"
    r"\d+(?:\.\d+)*[ \t]?(?:altern|bis|ter|quater|quinquies|sexies)\.?"
    r"|\d+(?:\.\d+)+\.?"
    r"|\d+\."
    r"|\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3})\)"
    r"|(?:[a-z]|[ivxlc]{1,6})\)"
    r"|[-\u2022\u2013*](?=[ \t])"
    r")(?=[ \t]|$)"
)


def is_bare_label(text: str) -> bool:
    """True for a paragraph holding nothing but its label ("2.", "11altern.", "(a)", "-")."""
    text = text.rstrip() + " "  # a bullet is a label only when something may follow it
    match = _LABEL.match(text)
    return match is not None and not text[match.end() :].strip()


def grammar_text() -> str:
    """The grammar shipped inside the package (or beside it in a source checkout)."""
    try:
        return (resources.files("brackets.grammars") / GRAMMAR_FILE).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        here = Path(__file__).resolve().parent.parent / "grammars" / GRAMMAR_FILE
        return here.read_text(encoding="utf-8")


#: A bracket reduced by the parser, waiting for its sequence to give it a tail and a set:
#: (offset of `[`, offset after `]`, nodes inside, number, parent number).
_Pending = tuple[int, int, tuple["Node", ...], int, int]


@dataclass(slots=True)
class _Context:
    """State of one parse, shared by the reductions."""

    source: str
    lines: LineIndex
    lenient: bool
    path: str | None
    groups: re.Pattern[str]  # finds attribution groups in a run (the rest of a run is TEXT)
    paragraph_end: re.Pattern[str]  # only groups and spaces until the end of the line
    entries: dict[str, tuple[Attribution, ...]] = field(default_factory=dict)
    stances: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    brackets: list[Bracket] = field(default_factory=list)
    paragraph_groups: list[Group] = field(default_factory=list)

    def report(self, severity: Severity, offset: int, message: str, code: str) -> None:
        line, column = self.lines.locate(offset)
        self.diagnostics.append(Diagnostic(severity, message, line, column, self.path, code))


@dataclass(frozen=True, slots=True)
class _Machinery:
    """What the grammar compiles to: the LALR table and the terminals' regular expressions."""

    lark: Lark
    #: state -> terminal or rule name -> (True, next state) to shift or (False, rule) to reduce
    states: dict[int, dict[str, tuple[bool, int]]]
    #: rule -> (number of symbols, name of the rule it reduces to)
    rules: tuple[tuple[int, str], ...]
    start_state: int
    end_state: int
    brackets: re.Pattern[str]  # the draft level: LSQB or RSQB (single characters)
    closing: str  # RSQB
    groups: re.Pattern[str]  # inside a run: GROUP (all else is TEXT)
    paragraph_end: re.Pattern[str]  # only groups and spaces until the end of the line


@functools.cache
def _machinery() -> _Machinery:
    lark = Lark(grammar_text(), parser="lalr", lexer="contextual", start=["start", "run"])
    # The LALR table Lark computed from the grammar (lark 1.x; the version is pinned <2).
    table = lark.parser.parser._parse_table
    group = lark.get_terminal("GROUP").pattern.to_regexp()
    rules: dict[Any, int] = {}
    states: dict[int, dict[str, tuple[bool, int]]] = {}
    for state, actions in table.states.items():
        states[state] = {}
        for symbol, (action, argument) in actions.items():
            if action is Shift:
                states[state][str(symbol)] = (True, argument)
            else:
                states[state][str(symbol)] = (False, rules.setdefault(argument, len(rules)))
    return _Machinery(
        lark=lark,
        states=states,
        rules=tuple((len(rule.expansion), str(rule.origin.name)) for rule in rules),
        start_state=table.start_states["start"],
        end_state=table.end_states["start"],
        brackets=re.compile(
            "["
            + "".join(re.escape(lark.get_terminal(name).pattern.value) for name in ("LSQB", "RSQB"))
            + "]"
        ),
        closing=lark.get_terminal("RSQB").pattern.value,
        groups=re.compile(group),
        paragraph_end=re.compile(rf"(?:[ \t]*{group})*[ \t]*(?:\r|\n|\Z)"),
    )


def group_pattern() -> str:
    """The regular expression of one attribution group, as the grammar defines it."""
    return str(_machinery().lark.get_terminal("GROUP").pattern.to_regexp())


def _drive(machinery: _Machinery, ctx: _Context, tokens: list[tuple[Any, ...]]) -> Any:
    """Run the LALR automaton over the tokens; reductions call the model builders."""
    states = machinery.states
    end_state = machinery.end_state
    rules = [(size, name, _reducer(name, ctx)) for size, name in machinery.rules]
    state_stack = [machinery.start_state]
    value_stack: list[Any] = []
    tokens.append(("$END", len(ctx.source)))
    for token in tokens:
        kind = token[0]
        while True:
            shift, argument = states[state_stack[-1]][kind]
            if shift:
                state_stack.append(argument)
                value_stack.append(token)
                break
            size, name, reduce = rules[argument]
            if size:
                children = value_stack[-size:]
                del value_stack[-size:]
                del state_stack[-size:]
            else:
                children = []
            state_stack.append(states[state_stack[-1]][name][1])
            value_stack.append(reduce(children))
            if kind == "$END" and state_stack[-1] == end_state:
                return value_stack[-1]
    raise AssertionError("the parser did not reach the end of the draft")


def _reducer(name: str, ctx: _Context) -> Any:
    """What reducing a rule of the grammar builds."""
    if name.startswith("__") and "_star_" in name:  # a repetition: collect its items

        def collect(children: list[Any]) -> list[Any]:
            if len(children) == 2:
                children[0].append(children[1])
                return children[0]  # type: ignore[no-any-return]
            return [children[0]]

        return collect
    if name.startswith("_"):  # an inlined rule: pass its one child through
        return lambda children: children[0]
    if name == "bracket":  # LSQB _item* RSQB

        def bracket(children: list[Any]) -> _Pending:
            _, opening, number, depth, parent = children[0]
            closing = children[-1][1]
            inner = children[1] if len(children) == 3 else []
            nodes = _assemble(ctx, opening + 1, closing, inner, depth)
            return (opening, closing + 1, nodes, number, parent)

        return bracket
    if name == "start":  # _item*
        return lambda children: _assemble(
            ctx, 0, len(ctx.source), children[0] if children else [], 0
        )
    if name == "run":  # the second start rule: runs are read with its terminals in _assemble
        return lambda children: children
    raise AssertionError(f"no builder for grammar rule {name}")


def parse(
    text: str,
    *,
    lenient: bool = False,
    path: str | None = None,
    registry: Registry | None = None,
    encoding: str = "utf-8",
    bom: bool = False,
) -> Draft:
    """Parse a draft. Strict mode raises `DraftSyntaxError`; lenient mode never fails.

    Every diagnostic (errors first found in strict mode, warnings in both) is kept on the
    returned draft, with line and column.
    """
    if registry is None:
        from .delegations import Registry

        registry = Registry.default()
    collecting = gc.isenabled()
    gc.disable()  # the model holds no cycles; collecting while it is built costs a third
    try:
        return _parse(text, lenient, path, registry, encoding, bom)
    finally:
        if collecting:
            gc.enable()


def _parse(
    text: str, lenient: bool, path: str | None, registry: Registry, encoding: str, bom: bool
) -> Draft:
    machinery = _machinery()
    lines = LineIndex(text)
    positions = [match.start() for match in machinery.brackets.finditer(text)]
    ctx = _Context(text, lines, lenient, path, machinery.groups, machinery.paragraph_end)
    tokens = _pair_brackets(ctx, positions, machinery.closing)
    nodes: tuple[Node, ...] = _drive(machinery, ctx, tokens)

    brackets = tuple(sorted(ctx.brackets, key=lambda b: b.number))
    _check_brackets(ctx, brackets, registry)
    paragraphs = _paragraphs(ctx)
    diagnostics = tuple(sorted(ctx.diagnostics, key=lambda d: (d.line, d.column)))
    if not lenient and any(d.severity == "error" for d in diagnostics):
        raise DraftSyntaxError(diagnostics)
    return Draft(
        source=text,
        nodes=nodes,
        brackets=brackets,
        paragraphs=paragraphs,
        diagnostics=diagnostics,
        lines=lines,
        path=path,
        lenient=lenient,
        encoding=encoding,
        bom=bom,
    )


def _pair_brackets(ctx: _Context, positions: list[int], closing: str) -> list[tuple[Any, ...]]:
    """The bracket tokens, matched ones numbered in the order of their `[`.

    Unmatched brackets are reported (errors, or warnings when lenient) and left out: they
    stay in the runs around them, as text.
    """
    source = ctx.source
    stack: list[int] = []
    strays: list[int] = []
    for i, position in enumerate(positions):
        if source[position] != closing:
            stack.append(i)
        elif stack:
            stack.pop()
        else:
            strays.append(i)
    severity: Severity = "warning" if ctx.lenient else "error"
    for i in stack:
        ctx.report(severity, positions[i], "bracket opened here is never closed", "unclosed")
    for i in strays:
        ctx.report(severity, positions[i], "']' closes no open bracket", "unopened")
    if stack or strays:
        unmatched = {*stack, *strays}
        positions = [p for i, p in enumerate(positions) if i not in unmatched]
    # LSQB tokens carry the bracket's number, depth and parent number for the model.
    tokens: list[tuple[Any, ...]] = []
    open_numbers: list[int] = [0]
    number = 0
    for position in positions:
        if source[position] != closing:
            number += 1
            tokens.append(("LSQB", position, number, len(open_numbers), open_numbers[-1]))
            open_numbers.append(number)
        else:
            open_numbers.pop()
            tokens.append(("RSQB", position))
    return tokens


def _assemble(
    ctx: _Context, start: int, end: int, inner: list[_Pending], depth: int
) -> tuple[Node, ...]:
    """One reduced sequence as nodes, in one pass over its runs and brackets.

    The runs between brackets are read as text and attribution groups; a group goes to the
    bracket before it when only glue (spaces, . , ; :) stands between; touching brackets form
    a set of alternatives; an unattached group ending a top-level line is a paragraph
    position; any other group is stray (an error, or text when lenient).
    """
    source = ctx.source
    entries = ctx.entries
    find_groups = ctx.groups.finditer
    nodes: list[Node] = []
    touching: list[tuple[_Pending, list[Text | Group]]] = []  # the current set of brackets
    tail: list[Text | Group] | None = None  # where groups may still attach, if anywhere
    tail_end = -1  # where the last bracket (and its tail) ends

    def close_set() -> None:
        n = len(touching)
        if n == 1:
            pending, rest = touching[0]
            nodes.append(_make_bracket(ctx, pending, tuple(rest), depth + 1, 1, 1))
        else:
            nodes.append(
                Alternatives(
                    tuple(
                        _make_bracket(ctx, pending, tuple(rest), depth + 1, k, n)
                        for k, (pending, rest) in enumerate(touching, 1)
                    )
                )
            )
        touching.clear()

    def add_text(text: Text) -> None:
        last = nodes[-1] if nodes else None
        if type(last) is Text:  # text beside text a stray group left
            nodes[-1] = _Text(last.start, text.end, last.text + text.text)
        else:
            nodes.append(text)

    gap_start = start
    for item in (*inner, None):
        gap_end = end if item is None else item[0]
        if gap_end > gap_start:
            text_start = gap_start
            if source.find("(", gap_start, gap_end) >= 0:
                for match in find_groups(source, gap_start, gap_end):
                    group_start, group_end = match.span()
                    if group_start > text_start:
                        text = _Text(text_start, group_start, source[text_start:group_start])
                        if tail is not None and _GLUE.fullmatch(text.text):
                            tail.append(text)
                        else:
                            if touching:
                                close_set()
                            tail = None
                            add_text(text)
                    raw = match.group()
                    found = entries.get(raw)
                    if found is None:
                        found = entries[raw] = _entries(raw)
                    group = _Group(group_start, group_end, raw, found)
                    text_start = group_end
                    if tail is not None:
                        tail.append(group)
                        tail_end = group_end
                        continue
                    if depth == 0 and ctx.paragraph_end.match(source, group_end):
                        ctx.paragraph_groups.append(group)
                        nodes.append(group)
                        continue
                    ctx.report(
                        "warning" if ctx.lenient else "error",
                        group_start,
                        f"attribution group {raw} follows no bracket "
                        "(only spaces and . , ; : may stand between ']' and its groups)",
                        "stray-group",
                    )
                    add_text(_Text(group_start, group_end, raw))
            if gap_end > text_start:
                if touching:
                    close_set()
                tail = None
                add_text(_Text(text_start, gap_end, source[text_start:gap_end]))
        if item is None:
            break
        if touching and (tail or tail_end != item[0]):
            close_set()
        tail = []
        tail_end = item[1]
        touching.append((item, tail))
        gap_start = item[1]
    if touching:
        close_set()
    return tuple(nodes)


def _make_bracket(
    ctx: _Context, pending: _Pending, tail: tuple[Text | Group, ...], depth: int, k: int, n: int
) -> Bracket:
    start, end, children, number, parent = pending
    supporters: tuple[str, ...] = ()
    objectors: tuple[str, ...] = ()
    reservations: tuple[str, ...] = ()
    if tail:
        key = tuple(t.source for t in tail if type(t) is Group)
        found = ctx.stances.get(key)
        if found is None:
            entries = tuple(e for t in tail if type(t) is Group for e in t.entries)
            found = ctx.stances[key] = stances(entries)
        supporters, objectors, reservations = found
    bracket = _Bracket(
        number,
        start,
        end,
        children,
        tail,
        depth,
        parent,
        (k, n) if n > 1 else None,
        supporters,
        objectors,
        reservations,
        ctx.lines,
    )
    ctx.brackets.append(bracket)
    return bracket


def _entries(source: str) -> tuple[Attribution, ...]:
    entries: list[Attribution] = []
    for match in _ENTRY.finditer(source, 1, len(source) - 1):
        stance: Stance
        if match.group("sign"):
            stance = "support" if match.group("sign") == "+" else "object"
            code = match.group("code")
        elif match.group("rcode"):
            stance, code = "reserve", match.group("rcode")
        else:
            stance, code = "reserve", ANONYMOUS
        entries.append(Attribution(stance, code, match.group()))
    return tuple(entries)


def _check_brackets(ctx: _Context, brackets: tuple[Bracket, ...], registry: Registry) -> None:
    """Warnings that need the whole bracket: across paragraphs, contradictions, unknown codes."""
    starts = ctx.lines.starts
    for bracket in brackets:
        open_line = bisect_right(starts, bracket.start)
        close_line = bisect_right(starts, bracket.end - 1)
        if close_line != open_line:
            ctx.report(
                "warning",
                bracket.start,
                f"bracket {bracket.id} runs across paragraphs (closes at line {close_line}); "
                "check that no ']' is missing",
                "across-paragraphs",
            )
        if bracket.objectors and bracket.supporters:
            for code in sorted(set(bracket.supporters) & set(bracket.objectors)):
                ctx.report(
                    "warning",
                    bracket.start,
                    f"{code} both supports and objects to bracket {bracket.id}",
                    "contradiction",
                )
    known = registry.names
    for source in ctx.entries:
        unknown = [
            e.delegation
            for e in ctx.entries[source]
            if e.delegation != ANONYMOUS and e.delegation not in known
        ]
        if not unknown:
            continue
        groups = [g for b in brackets for g in b.tail if type(g) is Group and g.source == source]
        for group in groups + [g for g in ctx.paragraph_groups if g.source == source]:
            for code in unknown:
                hint = registry.suggest(code)
                more = f"; did you mean {hint}?" if hint else ""
                ctx.report(
                    "warning",
                    group.start,
                    f"unknown delegation code {code}{more}",
                    "unknown-delegation",
                )


def _paragraphs(ctx: _Context) -> tuple[Paragraph, ...]:
    source = ctx.source
    starts = ctx.lines.starts
    by_line: dict[int, list[Group]] = {}
    for group in ctx.paragraph_groups:
        by_line.setdefault(ctx.lines.locate(group.start)[0], []).append(group)
    paragraphs: list[Paragraph] = []
    total = len(source)
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else total
        if source.startswith("\r\n", end - 2) and end - 2 >= start:
            end -= 2
        elif end > start and source[end - 1] in "\r\n":
            end -= 1
        match = _LABEL.match(source, start, end)
        line = index + 1
        paragraphs.append(
            Paragraph(
                line=line,
                start=start,
                end=end,
                label=match.group("label") if match else None,
                groups=tuple(by_line.get(line, ())),
            )
        )
    return tuple(paragraphs)
