"""Parse text drafts into the `Draft` model with the Lark grammar in `grammars/brackets.lark`.

The grammar's terminals tokenize the text in one compiled regex pass. Brackets are then
paired on the token stream, so that every unmatched `[` or `]` is reported at once (strict
mode) or turned back into text (lenient mode). The paired tokens go through Lark's LALR
parser, whose reductions build the model directly (no parse tree is kept, and nothing
recurses, whatever the nesting depth).
"""

from __future__ import annotations

import contextvars
import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError

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
)

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


def grammar_text() -> str:
    """The grammar shipped inside the package (or beside it in a source checkout)."""
    try:
        return (resources.files("brackets.grammars") / GRAMMAR_FILE).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        here = Path(__file__).resolve().parent.parent / "grammars" / GRAMMAR_FILE
        return here.read_text(encoding="utf-8")


@dataclass(slots=True)
class _Pending:
    """A bracket reduced by the parser, waiting for its sequence to give it a tail and a set."""

    start: int
    end: int
    children: tuple[Node, ...]


@dataclass(slots=True)
class _Slot:
    """A bracket being placed in its sequence: tail and alternative set still open."""

    pending: _Pending
    tail: list[Text | Group] = field(default_factory=list)


@dataclass(slots=True)
class _Context:
    """State of one parse, shared by the reductions."""

    source: str
    lines: LineIndex
    lenient: bool
    path: str | None
    numbering: dict[int, tuple[int, int, int]]  # `[` offset -> (number, depth, parent number)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    brackets: list[Bracket] = field(default_factory=list)
    paragraph_groups: list[Group] = field(default_factory=list)

    def report(self, severity: Severity, offset: int, message: str, code: str) -> None:
        line, column = self.lines.locate(offset)
        self.diagnostics.append(Diagnostic(severity, message, line, column, self.path, code))


_CONTEXT: contextvars.ContextVar[_Context] = contextvars.ContextVar("brackets_parse")


class _Build(Transformer[Token, Any]):
    """The grammar's reductions, building model nodes as the LALR parser reduces."""

    def bracket(self, children: list[Any]) -> _Pending:
        ctx = _CONTEXT.get()
        first, last = children[0], children[-1]
        number, depth, _ = ctx.numbering[first.start_pos]
        return _Pending(first.start_pos, last.start_pos + 1, _assemble(ctx, children[1:-1], depth))

    def start(self, children: list[Any]) -> tuple[Node, ...]:
        return _assemble(_CONTEXT.get(), children, 0)


@functools.cache
def _machinery() -> tuple[Lark, re.Pattern[str], dict[str, str]]:
    """The Lark parser and one compiled regex of its terminals (same order as Lark's lexer)."""
    lark = Lark(grammar_text(), parser="lalr", lexer="basic", transformer=_Build())
    terminals = sorted(
        lark.terminals,
        key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
    )
    names = {f"T{i}": t.name for i, t in enumerate(terminals)}
    pattern = "|".join(f"(?P<T{i}>{t.pattern.to_regexp()})" for i, t in enumerate(terminals))
    return lark, re.compile(pattern, re.DOTALL), names


def group_pattern() -> str:
    """The regular expression of one attribution group, as the grammar defines it."""
    lark = _machinery()[0]
    return next(t.pattern.to_regexp() for t in lark.terminals if t.name == "GROUP")


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
    lark, regex, names = _machinery()
    lines = LineIndex(text)

    tokens: list[Token] = []
    pos = 0
    for match in regex.finditer(text):
        if match.start() != pos:  # cannot happen: TEXT matches any other character
            raise AssertionError(f"untokenized text at offset {pos}")
        kind = names[match.lastgroup or ""]
        tokens.append(Token(kind, match.group(), match.start()))
        pos = match.end()

    ctx = _Context(text, lines, lenient, path, {})
    _pair_brackets(ctx, tokens)

    reset = _CONTEXT.set(ctx)
    try:
        parser = lark.parse_interactive(text)
        for token in tokens:
            parser.feed_token(token)
        nodes: tuple[Node, ...] = parser.feed_eof(tokens[-1] if tokens else None)
    except LarkError as exc:  # the pairing above leaves the grammar nothing to reject
        raise AssertionError(f"grammar rejected paired tokens: {exc}") from exc
    finally:
        _CONTEXT.reset(reset)

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


def _pair_brackets(ctx: _Context, tokens: list[Token]) -> None:
    """Number matched brackets in the order of their `[`; unmatched ones become text."""
    severity: Severity = "warning" if ctx.lenient else "error"
    stack: list[int] = []
    strays: list[int] = []
    for i, token in enumerate(tokens):
        if token.type == "LSQB":
            stack.append(i)
        elif token.type == "RSQB":
            if stack:
                stack.pop()
            else:
                strays.append(i)
    unmatched = set(stack) | set(strays)
    for i in stack:
        ctx.report(severity, tokens[i].start_pos, "bracket opened here is never closed", "unclosed")
    for i in strays:
        ctx.report(severity, tokens[i].start_pos, "']' closes no open bracket", "unopened")
    for i in unmatched:
        tokens[i] = Token("TEXT", tokens[i].value, tokens[i].start_pos)
    depth_stack: list[int] = []
    number = 0
    for i, token in enumerate(tokens):
        if token.type == "LSQB":
            number += 1
            parent = depth_stack[-1] if depth_stack else 0
            depth_stack.append(number)
            ctx.numbering[token.start_pos] = (number, len(depth_stack), parent)
        elif token.type == "RSQB":
            depth_stack.pop()


def _assemble(ctx: _Context, items: list[Any], depth: int) -> tuple[Node, ...]:
    """Turn one reduced sequence into nodes: groups onto brackets, touching brackets into sets."""
    # 1. Merge consecutive text tokens.
    elements: list[Text | Group | _Pending] = []
    buffer: list[str] = []
    buffer_start = 0
    for item in items:
        if isinstance(item, Token) and item.type == "TEXT":
            if not buffer:
                buffer_start = item.start_pos
            buffer.append(item.value)
            continue
        if buffer:
            joined = "".join(buffer)
            elements.append(Text(buffer_start, buffer_start + len(joined), joined))
            buffer = []
        if isinstance(item, Token):  # GROUP
            elements.append(
                Group(item.start_pos, item.start_pos + len(item.value), item.value, _entries(item.value))
            )
        else:
            elements.append(item)
    if buffer:
        joined = "".join(buffer)
        elements.append(Text(buffer_start, buffer_start + len(joined), joined))

    # 2. Place each element: tails, alternative sets, paragraph groups, stray groups.
    out: list[Text | Group | list[_Slot]] = []
    open_slot: _Slot | None = None  # the last bracket, while groups may still attach to it
    count = len(elements)
    for i, element in enumerate(elements):
        if isinstance(element, _Pending):
            slot = _Slot(element)
            previous = out[-1] if out else None
            if (
                isinstance(previous, list)
                and open_slot is previous[-1]
                and not open_slot.tail
                and open_slot.pending.end == element.start
            ):
                previous.append(slot)
            else:
                out.append([slot])
            open_slot = slot
        elif isinstance(element, Text):
            following = elements[i + 1] if i + 1 < count else None
            if open_slot is not None and isinstance(following, Group) and _GLUE.fullmatch(element.text):
                open_slot.tail.append(element)
                continue
            open_slot = None
            out.append(element)
        elif open_slot is not None:
            open_slot.tail.append(element)
        elif depth == 0 and _ends_paragraph(ctx, elements, i):
            ctx.paragraph_groups.append(element)
            out.append(element)
        else:
            severity: Severity = "warning" if ctx.lenient else "error"
            ctx.report(
                severity,
                element.start,
                f"attribution group {element.source} follows no bracket "
                "(only spaces and . , ; : may stand between ']' and its groups)",
                "stray-group",
            )
            out.append(Text(element.start, element.end, element.source))

    # 3. Build the final nodes, merging text that stray groups left side by side.
    nodes: list[Node] = []
    for entry in out:
        if isinstance(entry, list):
            made = [_make_bracket(ctx, slot, depth + 1, k + 1, len(entry)) for k, slot in enumerate(entry)]
            nodes.append(Alternatives(tuple(made)) if len(made) > 1 else made[0])
        elif isinstance(entry, Text) and nodes and isinstance(nodes[-1], Text):
            last = nodes[-1]
            nodes[-1] = Text(last.start, entry.end, last.text + entry.text)
        else:
            nodes.append(entry)
    return tuple(nodes)


def _make_bracket(ctx: _Context, slot: _Slot, depth: int, k: int, n: int) -> Bracket:
    pending = slot.pending
    number, _, parent = ctx.numbering[pending.start]
    bracket = Bracket(
        id=f"b{number}",
        number=number,
        start=pending.start,
        end=pending.end,
        children=pending.children,
        tail=tuple(slot.tail),
        depth=depth,
        parent=f"b{parent}" if parent else None,
        alternative=(k, n) if n > 1 else None,
        lines=ctx.lines,
    )
    ctx.brackets.append(bracket)
    return bracket


def _ends_paragraph(ctx: _Context, elements: list[Text | Group | _Pending], i: int) -> bool:
    """True when only spaces and further groups follow element i up to the end of its line."""
    for element in elements[i + 1 :]:
        if isinstance(element, Group):
            continue
        if isinstance(element, Text):
            rest = element.text.lstrip(" \t")
            return rest == "" or rest[0] in "\r\n"
        return False
    return True


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
    lines = ctx.lines
    for bracket in brackets:
        open_line = lines.locate(bracket.start)[0]
        close_line = lines.locate(bracket.end - 1)[0]
        if close_line != open_line:
            ctx.report(
                "warning",
                bracket.start,
                f"bracket {bracket.id} runs across paragraphs (closes at line {close_line}); "
                "check that no ']' is missing",
                "across-paragraphs",
            )
        both = set(bracket.supporters) & set(bracket.objectors)
        for code in sorted(both):
            ctx.report(
                "warning",
                bracket.start,
                f"{code} both supports and objects to bracket {bracket.id}",
                "contradiction",
            )
    groups = [g for b in brackets for g in b.groups] + ctx.paragraph_groups
    for group in groups:
        for entry in group.entries:
            if entry.delegation != ANONYMOUS and not registry.knows(entry.delegation):
                hint = registry.suggest(entry.delegation)
                more = f"; did you mean {hint}?" if hint else ""
                ctx.report(
                    "warning",
                    group.start,
                    f"unknown delegation code {entry.delegation}{more}",
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
                id=f"p{line}",
                line=line,
                start=start,
                end=end,
                label=match.group("label") if match else None,
                groups=tuple(by_line.get(line, ())),
            )
        )
    return tuple(paragraphs)
