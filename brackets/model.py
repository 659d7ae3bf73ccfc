"""The one immutable model of a draft: every reader produces a `Draft`, every writer consumes one.

Nodes carry source offsets; line and column are derived from them through the draft's
`LineIndex`, so any message can point at the source. Nesting can be thousands of levels deep,
so nothing here recurses: walking is done with an explicit stack, and brackets compare and
print shallowly.
"""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import FrozenInstanceError, dataclass, field, fields
from typing import Any, Literal, Protocol, TypeAlias, TypeVar

from .errors import Diagnostic

_T = TypeVar("_T")
Stance: TypeAlias = Literal["support", "object", "reserve"]

_LINE_BREAK = re.compile(r"\r\n?|\n")

#: The delegation recorded for a bare `(tcb)`: a reservation with no delegation named.
ANONYMOUS = "*"


class LineIndex:
    """Maps offsets in a text to 1-based (line, column), columns counted in characters.
    Keeps the text it indexes (`text`), which the nodes of a draft read theirs from."""

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # A line ends at "\n", "\r\n" or a lone "\r", as in NOTATION's "one paragraph per line".
        if "\r" in text:
            self._starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]
            return
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts

    @property
    def starts(self) -> list[int]:
        """Offsets at which each line starts (line N starts at `starts[N - 1]`)."""
        return self._starts

    def locate(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def __len__(self) -> int:
        return len(self._starts)


class Text:
    """Text as written: outside brackets, inside them, or glue between `]` and its groups.

    Immutable, compared by (start, end, text). The parser's texts keep no copy of their
    characters: they hold the draft's source and read `text` from it (a draft has as many
    texts as brackets and groups together, and copies cost a third of a parse's memory);
    `Text(start, end, text)` holds the text it is given.
    """

    __slots__ = ("_data", "end", "start")
    __match_args__ = ("start", "end", "text")

    start: int
    end: int
    _data: str  # the text itself, or the whole source it is read from

    def __init__(self, start: int, end: int, text: str) -> None:
        if len(text) != end - start:
            raise ValueError(f"a text from {start} to {end} has {end - start} characters")
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "_data", text)

    @property
    def text(self) -> str:
        data = self._data
        return data if len(data) == self.end - self.start else data[self.start : self.end]

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not Text:
            return NotImplemented
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Text(start={self.start!r}, end={self.end!r}, text={self.text!r})"

    def __reduce__(self) -> tuple[type[Text], tuple[int, int, str]]:
        return Text, (self.start, self.end, self.text)


@dataclass(frozen=True, slots=True)
class Attribution:
    """One entry of a group: `+CODE`, `-CODE`, `CODE tcb` or a bare `tcb` (delegation `*`).

    `delegation` is the delegation's one code when parsing was given the registry's codes
    ("US" -> USA); `written` keeps the code as the draft writes it when it differs.
    """

    stance: Stance
    delegation: str
    source: str
    written: str = field(default="", compare=False)

    @property
    def code_as_written(self) -> str:
        """The delegation code as the draft writes it ("US" in `(+US)`)."""
        return self.written or self.delegation


@dataclass(frozen=True, slots=True)
class Group:
    """An attribution group such as `(+RUS, -CHN)`, with its entries in order."""

    start: int
    end: int
    source: str
    entries: tuple[Attribution, ...]


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Bracket:
    """A bracketed passage: `[` children `]` followed by its tail (glue text and groups).

    Brackets are numbered in the order their `[` appears; `id` is "b" and the number.
    """

    number: int
    start: int
    end: int
    #: The nodes it holds that are no text, in order (the texts are what lies between them,
    #: read when asked: see `children`); for a bracket holding only text, the draft's source.
    _children: tuple[Node, ...] | str
    #: Its groups; the glue between them is read when asked (see `tail`).
    _tail: tuple[Group, ...]
    #: Where its tail (glue and groups) ends: its end when it has none.
    tail_end: int
    depth: int
    parent_number: int  # 0 for an outermost bracket
    alternative: tuple[int, int] | None = None
    #: Supporters, objectors and reservations (one tuple, shared by the brackets of a parse
    #: with the same group).
    _stances: tuple[tuple[str, ...], ...] = ((), (), ())
    lines: LineIndex | None = field(default=None, compare=False)
    #: A placeholder (`[x]`, `[20XX]`, `[date]`, NOTATION 3a): a value still to be filled in,
    #: not disputed text; every policy keeps it as written.
    placeholder: bool = False

    @property
    def id(self) -> str:
        return f"b{self.number}"

    @property
    def children(self) -> tuple[Node, ...]:
        """What it holds between `[` and `]`: text, brackets and sets of them, in order."""
        children = self._children
        if type(children) is str:  # only text, read from the source
            return (source_text(self.start + 1, self.end - 1, children),)
        if not children:
            return ()
        return with_texts(children, self.start + 1, self.end - 1, self._source())  # type: ignore[arg-type]

    @property
    def items(self) -> tuple[Group | Bracket | Alternatives, ...]:
        """What it holds that is no text (brackets and sets of them), in order: `children`
        without the texts, as stored (nothing is built)."""
        children = self._children
        return () if type(children) is str else children  # type: ignore[return-value]

    @property
    def tail(self) -> tuple[Text | Group, ...]:
        """What follows its `]` and belongs to it: its groups and the glue before each (and,
        before a labelled alternative of its set, the spaces up to it)."""
        if self.tail_end == self.end:
            return ()
        return with_texts(self._tail, self.end, self.tail_end, self._source())  # type: ignore[return-value]

    @property
    def supporters(self) -> tuple[str, ...]:
        return self._stances[0]

    @property
    def objectors(self) -> tuple[str, ...]:
        return self._stances[1]

    @property
    def reservations(self) -> tuple[str, ...]:
        return self._stances[2]

    def _source(self) -> str:
        if self.lines is None:
            raise ValueError(f"{self.id} was not parsed: its texts are unknown")
        return self.lines.text

    @property
    def parent(self) -> str | None:
        """The id of the enclosing bracket, if any."""
        return f"b{self.parent_number}" if self.parent_number else None

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1

    @property
    def groups(self) -> tuple[Group, ...]:
        return self._tail

    @property
    def attributions(self) -> tuple[Attribution, ...]:
        return tuple(e for g in self.groups for e in g.entries)

    @property
    def line(self) -> int:
        return self.lines.locate(self.start)[0] if self.lines else 0

    @property
    def column(self) -> int:
        return self.lines.locate(self.start)[1] if self.lines else 0

    def __repr__(self) -> str:
        return f"Bracket(b{self.number}, start={self.start}, end={self.end}, depth={self.depth})"


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Alternatives:
    """Brackets that touch (`][`), or labelled alternatives separated only by spaces
    (`[Alt. 1 …] [Alt. 2 …]`, NOTATION 3a): a set of which at most one survives."""

    options: tuple[Bracket, ...]
    #: The members open with an alternative label ("Alt. 1", "Option A:"), which the
    #: survivor of a resolved set loses.
    labelled: bool = False

    @property
    def start(self) -> int:
        return self.options[0].start

    @property
    def end(self) -> int:
        return self.options[-1].tail_end

    def __repr__(self) -> str:
        return f"Alternatives({', '.join(o.id for o in self.options)})"


Node: TypeAlias = Text | Group | Bracket | Alternatives


def with_texts(
    items: tuple[Group | Bracket | Alternatives, ...], start: int, end: int, source: str
) -> tuple[Node, ...]:
    """`items`, the nodes from `start` to `end` of `source` that are no text, in order, with
    the texts between them: the model stores no text node, as a text is by definition
    whatever lies between two other nodes (NOTATION's runs); they are read when asked."""
    nodes: list[Node] = []
    append = nodes.append
    at = start
    for item in items:
        if item.start > at:
            append(source_text(at, item.start, source))
        append(item)
        at = item.tail_end if type(item) is Bracket else item.end
    if end > at:
        append(source_text(at, end, source))
    return tuple(nodes)


@dataclass(frozen=True, slots=True)
class Option:
    """One option of a set (NOTATION 3a): from its `Option N:` label (or the `[` before it)
    to the end of its last paragraph. Named `o<set line>.<number>`: `o12.2` is the second
    option of the set whose first option opens on line 12."""

    set_line: int
    number: int
    line: int  # the line it opens on
    last_line: int  # the last line of its text
    start: int  # where it starts: its label, or the brackets opening before the label
    label_start: int
    label_end: int  # after the label and the spaces after it
    end: int  # the end of its last line's text
    label: str  # as written: "Option 1:", "**Option 2:**"

    @property
    def id(self) -> str:
        return f"o{self.set_line}.{self.number}"


@dataclass(frozen=True, slots=True)
class OptionSet:
    """Options that follow one another under one parent: at most one of them survives."""

    line: int
    options: tuple[Option, ...]
    #: The label of the paragraph the set opens on ("Pp12"), or of its parent paragraph.
    label: str | None

    @property
    def id(self) -> str:
        return f"o{self.line}"

    @property
    def start(self) -> int:
        return self.options[0].start

    @property
    def end(self) -> int:
        return self.options[-1].end


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One line of the draft: its content span (without the line break), label and own groups.

    A paragraph's positions are named `pN`, N being its line.
    """

    line: int
    start: int
    end: int
    label: str | None
    groups: tuple[Group, ...] = ()

    @property
    def id(self) -> str:
        return f"p{self.line}"

    @property
    def attributions(self) -> tuple[Attribution, ...]:
        return tuple(e for g in self.groups for e in g.entries)

    @property
    def supporters(self) -> tuple[str, ...]:
        return _codes(self.attributions, "support")

    @property
    def objectors(self) -> tuple[str, ...]:
        return _codes(self.attributions, "object")

    @property
    def reservations(self) -> tuple[str, ...]:
        return _codes(self.attributions, "reserve")


@dataclass(frozen=True, slots=True)
class Enter:
    """Walk event: a bracket opens."""

    bracket: Bracket


@dataclass(frozen=True, slots=True)
class Leave:
    """Walk event: a bracket closes (its tail follows as Text and Group events)."""

    bracket: Bracket


class Origin(Protocol):
    """Where a draft read from a format other than text came from. The reader of that format
    defines it (Word: `docx.sourcemap.SourceMap`) and only that format's writers look inside;
    the model knows no format."""

    @property
    def path(self) -> str:
        """The file the draft was read from."""
        ...

    @property
    def names(self) -> Mapping[str, str]:
        """Codes the reader made up for names it could not map to a delegation (a Word
        author unknown to the registry), and those names as written: what reports show."""
        ...


@dataclass(frozen=True, slots=True)
class NoteStatement:
    """One statement of a note as read: its words, the delegations it names (empty: the note's
    author), its stance ("+", "-", "tcb"; None with a `reason`), what it is on (`scope`
    "anchor", "paragraph", "section" or "throughout", `quotes`, paragraph numbers), a
    replacement (old, new) proposed, the delegations it agrees with, the date of its entry and
    whether a later statement by the same delegations on the same place superseded it."""

    text: str
    delegations: tuple[str, ...]
    stance: str | None
    scope: str = "anchor"
    quotes: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    replacement: tuple[str, str] | None = None
    agrees_with: tuple[str, ...] = ()
    date: str | None = None
    superseded: bool = False
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A note the source attached to its text, read for the positions it states (a Word
    comment): the line it is anchored on (0: nowhere in the text), its author, its text
    (paragraphs separated by "\\n") and the positions it gave, as attribution entries ("-USA",
    "AZER tcb"); none for a note that states no position, with the `reason`. Also: its `id`
    and `date` in the source, the note it replies to, its statements as read and the
    `places` its positions went, as (line, column) of a bracket's "[" (column 0: the
    paragraph-level group of that line)."""

    line: int
    author: str
    text: str
    positions: tuple[str, ...]
    id: str = ""
    date: str = ""
    reply_to: str | None = None
    statements: tuple[NoteStatement, ...] = ()
    places: tuple[tuple[int, int], ...] = ()
    reason: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Draft:
    """A parsed draft. Immutable; `to_text()` gives back the input exactly."""

    source: str
    #: Its outermost nodes that are no text (see `nodes`).
    _nodes: tuple[Group | Bracket | Alternatives, ...]
    brackets: tuple[Bracket, ...]
    paragraphs: tuple[Paragraph, ...]
    diagnostics: tuple[Diagnostic, ...]
    lines: LineIndex = field(repr=False)
    path: str | None = None
    lenient: bool = False
    encoding: str = "utf-8"
    bom: bool = False
    #: Where the draft came from when it was read from another format (None for text).
    origin: Origin | None = field(default=None, repr=False)
    #: The notes read beside the text with the positions they state (Word comments read in
    #: "brackets" mode), in document order.
    notes: tuple[Note, ...] = field(default=(), repr=False)
    #: The sets of options (NOTATION 3a), in the order they open.
    option_sets: tuple[OptionSet, ...] = field(default=(), repr=False)

    @property
    def nodes(self) -> tuple[Node, ...]:
        """Its outermost nodes in order: text, brackets, sets of them and paragraph groups.
        The texts are read from the source when asked: the model stores none."""
        return with_texts(self._nodes, 0, len(self.source), self.source)

    @property
    def items(self) -> tuple[Group | Bracket | Alternatives, ...]:
        """Its outermost nodes that are no text (brackets, sets, paragraph groups), in order:
        `nodes` without the texts, as stored (nothing is built)."""
        return self._nodes

    @property
    def options(self) -> tuple[Option, ...]:
        """Every option of every set, in order."""
        return tuple(o for s in self.option_sets for o in s.options)

    @property
    def placeholders(self) -> tuple[Bracket, ...]:
        """The brackets that are placeholders (`[x]`, `[date]`), not disputed text."""
        return tuple(b for b in self.brackets if b.placeholder)

    @property
    def disputed(self) -> tuple[Bracket, ...]:
        """The brackets holding disputed text: every bracket but the placeholders."""
        return tuple(b for b in self.brackets if not b.placeholder)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Draft):
            return NotImplemented
        return (self.source, self.lenient, self.diagnostics) == (
            other.source,
            other.lenient,
            other.diagnostics,
        )

    def __hash__(self) -> int:
        return hash((self.source, self.lenient))

    def locate(self, offset: int) -> tuple[int, int]:
        return self.lines.locate(offset)

    def bracket(self, bracket_id: str) -> Bracket:
        """The bracket named `bN`; KeyError when there is none."""
        number = _number(bracket_id, "b")
        if number is None or not 1 <= number <= len(self.brackets):
            raise KeyError(bracket_id)
        return self.brackets[number - 1]

    def text_of(self, bracket: Bracket | str, *, whole: bool = False) -> str:
        """The text of a bracket of this draft (a `Bracket` or its id, "b3"), as written:
        what stands between its `[` and `]`, nested brackets and groups included; with
        `whole`, from its `[` to the end of its groups (`[text] (+IND)`).

        A Bracket holds offsets, not text (the model keeps one copy of the source): this is
        the way to its text, rather than slicing `draft.source` by hand."""
        if isinstance(bracket, str):
            bracket = self.bracket(bracket)
        found = self.bracket(bracket.id) if 0 < bracket.number <= len(self.brackets) else None
        if found is None or (found.start, found.end) != (bracket.start, bracket.end):
            raise ValueError(f"{bracket.id} is not a bracket of this draft")
        if whole:
            return self.source[bracket.start : bracket.tail_end]
        return self.source[bracket.inner_start : bracket.inner_end]

    def paragraph(self, line: int) -> Paragraph:
        return self.paragraphs[line - 1]

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "warning")

    def walk(self) -> Iterator[Text | Group | Enter | Leave]:
        """Every node in source order, brackets as Enter/Leave pairs; iterative, any depth."""
        stack: list[Iterator[Node] | Bracket] = [iter(self.nodes)]
        while stack:
            top = stack[-1]
            if isinstance(top, Bracket):
                stack.pop()
                yield Leave(top)
                yield from top.tail
                continue
            node = next(top, None)
            if node is None:
                stack.pop()
            elif isinstance(node, Bracket):
                yield Enter(node)
                stack.append(node)
                stack.append(iter(node.children))
            elif isinstance(node, Alternatives):
                stack.append(iter(node.options))
            else:
                yield node

    def to_text(self) -> str:
        """The input text, rebuilt from the nodes."""
        parts: list[str] = []
        for event in self.walk():
            if isinstance(event, Enter):
                parts.append("[")
            elif isinstance(event, Leave):
                parts.append("]")
            else:
                parts.append(event.text if isinstance(event, Text) else event.source)
        return "".join(parts)

    def to_bytes(self) -> bytes:
        """The input file's bytes: same encoding, byte order mark and line endings."""
        data = self.to_text().encode(self.encoding)
        if self.bom:
            data = "\ufeff".encode(self.encoding) + data
        return data


def stances(
    entries: tuple[Attribution, ...],
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Supporters, objectors and reservations, each in order of first mention."""
    return _codes(entries, "support"), _codes(entries, "object"), _codes(entries, "reserve")


def _codes(entries: tuple[Attribution, ...], stance: Stance) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for entry in entries:
        if entry.stance == stance:
            seen.setdefault(entry.delegation, None)
    return tuple(seen)


def _number(name: str, prefix: str) -> int | None:
    if len(name) > 1 and name[0].lower() == prefix and name[1:].isdigit():
        return int(name[1:])
    return None


def fast_constructor(cls: type[_T], slots: tuple[str, ...] | None = None) -> Callable[..., _T]:
    """A positional constructor for a frozen slotted class, for the parser's hot path: its
    arguments are the dataclass's fields in order, or `slots` when given.

    A frozen class refuses assignment, so its `__init__` goes through `object.__setattr__`
    for every field, a call each; the parser builds a few hundred thousand nodes for a large
    draft. This one fills a plain twin of `cls` (the same slots, so the same layout, but
    no refusal: each slot is stored directly, as in any plain object) and then makes it a
    `cls`: same fields, same order, no validation, and the object is as frozen as any other.
    """
    names = slots or tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    twin = type(f"_Building{cls.__name__}", (), {"__slots__": cls.__slots__})  # type: ignore[attr-defined]
    parameters = ", ".join(name.lstrip("_") for name in names)
    body = "".join(f"    obj.{name} = {name.lstrip('_')}\n" for name in names)
    code = (
        f"def make({parameters}):\n    obj = _new(_twin)\n{body}"
        "    obj.__class__ = _cls\n    return obj\n"
    )
    namespace: dict[str, Any] = {"_new": object.__new__, "_twin": twin, "_cls": cls}
    exec(code, namespace)
    return namespace["make"]  # type: ignore[no-any-return]


#: The text `source[start:end]`, read from `source` when asked, never copied: the parser's
#: constructor of `Text` (no check; `source` is shared by every text of a draft).
source_text: Callable[[int, int, str], Text] = fast_constructor(Text, ("start", "end", "_data"))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while acyclic data is built (a model, a report).

    Its full collections walk every live object, so with a large model in memory they make
    building anything big super-linear; nothing built here holds a cycle.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            _promote()
            gc.enable()


def _promote() -> None:
    """Move every object the collector tracks to its oldest generation, without walking any.

    What was built with the collector paused is long-lived and acyclic: left in the youngest
    generation, the next collection would walk all of it (a fifth of a large parse) only to
    promote it. Freezing and unfreezing splices the generations' lists instead, in constant
    time. Skipped when the program has frozen objects of its own, which it means to keep so.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
