"""Resolve the accepted text of a draft under a policy and what-if decisions (NOTATION section 5).

A resolution only ever deletes characters of the source: dropped brackets, the markup of
kept ones, spaces at the seams, emptied paragraphs with their line break, `altern`. It is
computed as a deletion mask over the source, so that writers can apply the same deletions to
other representations (a Word document's runs) and every kept character keeps its origin.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias, get_args

from .codes import parse
from .decisions import decision_values, no_such_id, withdrawals
from .errors import Diagnostic, ResolutionError
from .mask import Mask
from .model import (
    Alternatives,
    Bracket,
    Draft,
    Node,
    Option,
    OptionSet,
    Paragraph,
)
from .notation import (
    SPACES,
    altern,
    alternative_label,
    group_pattern,
    group_with_spaces,
    is_bare_label,
    label_number,
    may_hold_altern,
)

if TYPE_CHECKING:
    from .delegations import Registry

Policy: TypeAlias = Literal["agreed", "silence", "all"]
POLICIES: tuple[str, ...] = get_args(Policy)

_BREAK = "\r\n"
#: A space at a seam is removed before these (NOTATION 5.2), and after "(" (our choice).
_NO_SPACE_BEFORE = ",;:.)"
_NO_SPACE_AFTER = "("
#: A paragraph left with at most this many characters may be only its label.
_LABEL_ONLY = 16
_ONLY_SPACES = re.compile(r"[ \t]*")
#: For `_seams`' quick case: what after or before a seam makes its one space go, or longer.
_EDGES, _SEAM_LEFT = f"\r\n{_NO_SPACE_BEFORE}{SPACES}", f"\r\n{_NO_SPACE_AFTER}{SPACES}"
#: Beyond any offset.
_FAR = 1 << 62


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A set of alternatives of which more than one survives: it stays bracketed."""

    options: tuple[str, ...]
    line: int
    column: int
    label: str | None


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of a resolution: the clean text, and how it was obtained."""

    draft: Draft
    policy: Policy
    text: str
    #: Sorted, disjoint [start, end) ranges of `draft.source` that the resolution removes.
    deletions: tuple[tuple[int, int], ...]
    #: Ids of brackets (bN), options (oN.K) and paragraph positions (pN) whose text survives.
    kept: frozenset[str]
    unresolved: tuple[Unresolved, ...]
    warnings: tuple[Diagnostic, ...]


def resolve(
    draft: Draft,
    policy: Policy | str = "agreed",
    *,
    withdraw: Iterable[str] = (),
    accept: Iterable[str] = (),
    reject: Iterable[str] = (),
    registry: Registry | None = None,
) -> Resolution:
    """Resolve `draft` under `policy` ("agreed", "silence" or "all") after the decisions.

    `withdraw` removes delegations' objections and reservations everywhere; it takes codes,
    names and aliases ("China", "Delegation of China" -> CHN, through `registry`, by default
    the CICA list) and `*` for anonymous reservations. `accept` and `reject` keep or drop
    brackets (`bN`), options (`oN.K`, option K of the set opening on line N) and paragraph
    positions (`pN`). Each value may be a comma-separated list
    ("IRAN,CHN"). A value that names nothing in the draft raises `ResolutionError`, with a
    suggestion when one is close ("did you mean AZER?").
    """
    if policy not in POLICIES:
        raise ResolutionError(
            f"unknown policy '{policy}' (choose agreed, silence or all)", draft.path
        )
    resolver = _Resolver(
        draft,
        policy,  # type: ignore[arg-type]
        withdrawals(draft, withdraw, registry),
        {i.lower() for i in decision_values(draft, "accept", accept)},
        {i.lower() for i in decision_values(draft, "reject", reject)},
    )
    return resolver.run()


@dataclass(frozen=True, slots=True)
class Marking:
    """A resolution without its text (what a tracked redline needs of its two resolutions):
    which source characters it deletes, and what it keeps."""

    #: One byte per character of `draft.source`: 1 deleted, 0 kept (`Resolution.deletions`).
    deleted: bytes
    kept: frozenset[str]  # as `Resolution.kept`


def resolve_pair(draft: Draft) -> tuple[Resolution, Resolution]:
    """`resolve(draft, "agreed")` and `resolve(draft, "all")`, marked in one walk of the
    draft's nodes (Reject All and Accept All of a tracked redline)."""
    agreed, everything = _resolve_pair(draft)
    return agreed.result(), everything.result()


def mark_pair(draft: Draft) -> tuple[Marking, Marking]:
    """The markings of `resolve_pair(draft)`, without joining their texts."""
    agreed, everything = _resolve_pair(draft)
    return agreed.marking(), everything.marking()


def _resolve_pair(draft: Draft) -> tuple[_Resolver, _Resolver]:
    """The resolvers of `agreed` and `all`, marked in one walk: `agreed` drops every outermost
    bracket (the walk's first level), `all` takes it whole. A draft with stray groups (whose
    resolutions' texts are read again) is resolved twice."""
    agreed = _Resolver(draft, "agreed", set(), set(), set())
    everything = _Resolver(draft, "all", set(), set(), set())
    if any(d.code == "stray-group" for d in draft.diagnostics):
        agreed.run()
        everything.run()
        return agreed, everything
    agreed_lines, all_lines = agreed.begin(), everything.begin()
    agreed_dropped, all_dropped = agreed.options(), everything.options()
    stack: list[tuple[Iterator[Node], bool]] = [(iter(draft.items), True)]  # (nodes, outermost)
    pushed: list[Iterator[Node]] = []
    while stack:
        nodes, outermost = stack[-1]
        node = next(nodes, None)
        if node is None or not isinstance(node, (Bracket, Alternatives)):
            if node is None:
                stack.pop()
            continue  # text and groups: nothing to mark
        in_agreed = outermost and not (agreed_dropped and _gone(agreed_dropped, node))
        in_all = not (all_dropped and _gone(all_dropped, node))
        if isinstance(node, Bracket):
            if node.placeholder:  # a value to fill in: kept as written (NOTATION 3a)
                for lane, present in ((agreed, in_agreed), (everything, in_all)):
                    if present:
                        lane.kept.add(node.id)
            else:
                if in_agreed:
                    agreed.drop(node)
                if in_all:
                    stack.append((everything.keep(node), False))
        elif isinstance(node, Alternatives):
            if in_agreed:
                agreed.alternatives(node, agreed_lines, pushed)
                assert not pushed  # `agreed` keeps no alternative without decisions
            if in_all:
                everything.alternatives(node, all_lines, pushed)
                stack.extend((kept, False) for kept in pushed)
                pushed.clear()
    agreed.tidy()
    everything.tidy()
    return agreed, everything


class _Resolver:
    def __init__(
        self, draft: Draft, policy: Policy, withdraw: set[str], accept: set[str], reject: set[str]
    ) -> None:
        self.draft = draft
        self.policy = policy
        self.withdraw = withdraw
        self.accept = accept
        self.reject = reject
        self.mask = Mask(draft.source)
        self.kept: set[str] = set()
        self.unresolved: list[Unresolved] = []
        self.warnings: list[Diagnostic] = []
        self.forced: set[tuple[int, int]] = set()  # stray groups deleted, with their spaces
        self._check_decisions()
        self.decision_warnings = tuple(self.warnings)

    # -- decisions ------------------------------------------------------------------------
    def _check_decisions(self) -> None:
        draft = self.draft
        known = {b.id for b in draft.brackets} | {p.id for p in draft.paragraphs if p.groups}
        known |= {o.id for o in draft.options}
        for decision, ids in (("accept", self.accept), ("reject", self.reject)):
            for position_id in sorted(ids - known):
                raise ResolutionError(no_such_id(draft, decision, position_id), draft.path)
        both = self.accept & self.reject
        if both:
            raise ResolutionError(
                f"{', '.join(sorted(both))} both accepted and rejected", draft.path
            )

    def _policy_keeps(self, holder: Bracket | Paragraph) -> bool:
        if self.policy == "agreed":
            return False
        if self.policy == "all":
            return True
        withdrawn = self.withdraw
        return not any(
            e.stance in ("object", "reserve") and e.delegation not in withdrawn
            for e in holder.attributions
        )

    def _keeps(self, holder: Bracket | Paragraph) -> bool:
        identifier = holder.id
        if identifier in self.reject:
            return False
        if identifier in self.accept:
            return True
        return self._policy_keeps(holder)

    # -- walk -----------------------------------------------------------------------------
    def run(self) -> Resolution:
        draft = self.draft
        self._mark()
        if any(d.code == "stray-group" for d in draft.diagnostics):
            # A group that was text in the input must not become a position in the output.
            while found := self._stray_markup() - self.forced:
                self.forced |= found
                self._mark()
            for start, end in sorted(self.forced):
                self._warn(
                    start,
                    f"attribution group {draft.source[start:end]} follows no bracket; it is left "
                    "out of the resolved text, where it would read as a position",
                    "stray-group",
                )
        return self.result()

    def result(self) -> Resolution:
        """The resolution the marks made so far describe."""
        draft = self.draft
        mask = self.mask
        deletions = tuple(mask.runs())
        text = "".join(draft.source[start:end] for start, end in mask.runs(b"\x00"))
        return Resolution(
            draft=draft,
            policy=self.policy,
            text=text,
            deletions=deletions,
            kept=frozenset(self.kept),
            unresolved=tuple(self.unresolved),
            warnings=tuple(self.warnings),
        )

    def marking(self) -> Marking:
        """The deletions and the kept ids the marks made so far describe."""
        return Marking(bytes(self.mask.bits), frozenset(self.kept))

    def _mark(self) -> None:
        """Mark every deletion of the resolution in a fresh mask."""
        draft = self.draft
        dropped_lines = self.begin()
        dropped = self.options()
        stack: list[Iterator[Node]] = [iter(draft.items)]  # texts: nothing to mark
        while stack:
            node = next(stack[-1], None)
            if node is None:
                stack.pop()
            elif dropped and _gone(dropped, node):
                continue  # in a dropped option: gone with it
            elif isinstance(node, Bracket):
                if node.placeholder:  # a value to fill in: kept as written (NOTATION 3a)
                    self.kept.add(node.id)
                elif self._keeps(node):
                    stack.append(self.keep(node))
                else:
                    self.drop(node)
            elif isinstance(node, Alternatives):
                self.alternatives(node, dropped_lines, stack)
        self.tidy()

    def tidy(self) -> None:
        """Tidy the seams and paragraphs the marks made (NOTATION 5.2-5.4)."""
        self._seams()
        self._paragraphs()

    def options(self) -> list[tuple[int, int]]:
        """Resolve the draft's option sets: the spans of the dropped options, sorted."""
        return self._options(self.draft.option_sets)

    def begin(self) -> list[int]:
        """A fresh mask with the forced deletions and the paragraph positions marked; the
        lines of the paragraphs dropped, ascending."""
        self.mask = Mask(self.draft.source)
        self.kept = set()
        self.unresolved = []
        self.warnings = list(self.decision_warnings)
        for start, end in self.forced:
            self.mask.delete_span(start, end)
        draft = self.draft
        mask = self.mask
        dropped_lines: list[int] = []  # ascending
        for paragraph in draft.paragraphs:
            if not paragraph.groups:
                continue
            if self._keeps(paragraph):
                self.kept.add(paragraph.id)
                for group in paragraph.groups:
                    mask.delete_group(group)
            else:
                dropped_lines.append(paragraph.line)
                mask.delete(paragraph.start, paragraph.end)
        return dropped_lines

    def _options(self, option_sets: tuple[OptionSet, ...]) -> list[tuple[int, int]]:
        """Resolve the sets of options like sets of touching brackets (NOTATION 3a): `all`
        keeps the first, `agreed` and `silence` leave a set of several in place; the survivor
        loses its label. A lone option is no choice and stays as written, unless accepted or
        rejected, or under `all`, which keeps every survivor without its label (a set whose
        other options a resolution left apart would otherwise join it on a second reading).
        The spans of the dropped options, sorted."""
        dropped: list[tuple[int, int]] = []
        for option_set in option_sets:
            if dropped and _inside(dropped, option_set.start):
                continue  # a set inside a dropped option goes with it
            options = option_set.options
            if (
                len(options) == 1
                and self.policy != "all"
                and options[0].id not in self.accept | self.reject
            ):
                continue  # a lone option offers no choice: it stays as written
            accepted = [o for o in options if o.id in self.accept]
            if len(accepted) > 1:
                named = ", ".join(o.id for o in accepted)
                message = f"{named} are options of one set; only {accepted[0].id} is kept"
                self._warn(option_set.start, message)
            candidates = accepted[:1] or [
                o for o in options if o.id not in self.reject and self._option_keeps(o)
            ]
            survivors = candidates[:1] if self.policy == "all" else candidates
            if len(survivors) > 1:
                ids = tuple(o.id for o in options)
                line, column = self.draft.locate(options[0].label_start)
                self.unresolved.append(Unresolved(ids, line, column, option_set.label))
                which = ", ".join(o.id for o in survivors)
                which = "all" if len(survivors) == len(options) else which
                self._warn(
                    options[0].label_start,
                    f"options {', '.join(ids)} left open: {which} survive under '{self.policy}'",
                )
                continue
            for option in options:
                if option in survivors:
                    self.kept.add(option.id)
                    self.mask.delete(option.label_start, option.label_end)
                else:
                    self.mask.delete_keeping_breaks(option.start, option.end)
                    insort(dropped, (option.start, option.end))
        return dropped

    def _option_keeps(self, option: Option) -> bool:
        """Groups ending an option's first paragraph state positions on the option, as on a
        bracket: the policy may drop it (the paragraph goes as a whole, NOTATION 2)."""
        paragraph = self.draft.paragraphs[option.line - 1]
        return not paragraph.groups or self._keeps(paragraph)

    def _stray_markup(self) -> set[tuple[int, int]]:
        """Stray groups of the input (text) that the resolved text would read as markup."""
        draft = self.draft
        source = draft.source
        pattern = re.compile(group_pattern())
        strays: dict[int, int] = {}
        for diagnostic in draft.diagnostics:
            if diagnostic.code == "stray-group":
                offset = draft.lines.starts[diagnostic.line - 1] + diagnostic.column - 1
                match = pattern.match(source, offset)
                if match:
                    strays[offset] = match.end()
        kept = list(self.mask.runs(b"\x00"))
        output_starts: list[int] = []
        total = 0
        for start, end in kept:
            output_starts.append(total)
            total += end - start
        text = "".join(source[start:end] for start, end in kept)
        again = parse(text, lenient=True)
        groups = [g for p in again.paragraphs for g in p.groups]
        groups += [g for b in again.brackets for g in b.groups]
        found: set[tuple[int, int]] = set()
        for group in groups:
            run = bisect_right(output_starts, group.start) - 1
            offset = kept[run][0] + group.start - output_starts[run]
            if offset in strays:
                found.add((offset, strays[offset]))
        return found

    def keep(self, bracket: Bracket) -> Iterator[Node]:
        self.kept.add(bracket.id)
        bits = self.mask.bits
        bits[bracket.start] = bits[bracket.end - 1] = 1  # "[" and "]"
        self._drop_groups(bracket)
        return iter(bracket.items)  # its texts: nothing to mark

    def drop(self, bracket: Bracket) -> None:
        """A dropped bracket goes with its groups; the paragraph breaks inside it stay
        (NOTATION 5.5): the text before it ends its paragraph, the text after starts the
        next, and the paragraphs it empties go by rule 3."""
        self.mask.delete_keeping_breaks(bracket.start, bracket.end)
        self._drop_groups(bracket)

    def _drop_groups(self, bracket: Bracket) -> None:
        """The groups of a bracket go with the spaces before them (NOTATION 5.1)."""
        bits = self.mask.bits
        source = self.mask.source
        for group in bracket.groups:
            start, end = group_with_spaces(source, group.start, group.end)
            bits[start:end] = b"\x01" * (end - start)

    def alternatives(
        self, node: Alternatives, dropped_lines: list[int], stack: list[Iterator[Node]]
    ) -> None:
        if any(o.placeholder for o in node.options):  # a placeholder is no alternative
            self.kept.update(o.id for o in node.options if o.placeholder)
            rest = tuple(o for o in node.options if not o.placeholder)
            if len(rest) == 1:
                if self._keeps(rest[0]):
                    stack.append(self.keep(rest[0]))
                else:
                    self.drop(rest[0])
            if len(rest) < 2:
                return
            node = Alternatives(rest, node.labelled)
        options = node.options
        accepted = [o for o in options if o.id in self.accept] if self.accept else []
        if accepted:
            survivors = accepted[:1]
            if len(accepted) > 1:
                self._warn(
                    node.start,
                    f"{', '.join(o.id for o in accepted)} are alternatives; "
                    f"only {accepted[0].id} is kept",
                )
        else:
            rejected = self.reject
            candidates = [o for o in options if o.id not in rejected] if rejected else [*options]
            if self.policy == "all":
                survivors = candidates[:1]
            else:
                survivors = [o for o in candidates if self._policy_keeps(o)]
        if len(survivors) > 1:
            line, column = self.draft.locate(node.start)
            last_line = self.draft.locate(node.end - 1)[0]
            first_dropped = bisect_left(dropped_lines, line)
            if self.mask.bits[node.start] or (
                first_dropped < len(dropped_lines) and dropped_lines[first_dropped] <= last_line
            ):
                # A dropped paragraph, or a dropped option its `[` opens in, cuts through the
                # set: it cannot stay verbatim.
                for option in options:
                    self.drop(option)
                return
            ids = tuple(o.id for o in options)
            label = self.draft.paragraphs[line - 1].label
            self.unresolved.append(Unresolved(ids, line, column, label))
            which = "all" if len(survivors) == len(options) else ", ".join(o.id for o in survivors)
            self._warn(
                node.start,
                f"alternatives {', '.join(ids)} left open: {which} survive under '{self.policy}'",
            )
            return
        for option in options:
            if option in survivors:
                stack.append(self.keep(option))
                # The survivor loses its alternative label (NOTATION 3a), in a set of labelled
                # alternatives and in one they join (`[Option B: x] [Alt 2 y][b]`): a label
                # left opening a paragraph would read as an option the second time.
                label_end = alternative_label(self.draft.source, option.inner_start, option.end)
                if label_end is not None:
                    self.mask.delete(option.inner_start, label_end)
            else:
                self.drop(option)

    def _warn(self, offset: int, message: str, code: str = "unresolved") -> None:
        line, column = self.draft.locate(offset)
        self.warnings.append(Diagnostic("warning", message, line, column, self.draft.path, code))

    # -- seams (NOTATION 5.2) -------------------------------------------------------------
    def _seams(self) -> None:
        """Tidy the spaces at every seam, in one pass over the deleted runs.

        A seam is a stretch of deleted runs and the kept spaces around and between them,
        bounded by kept characters that are not spaces (or the ends of the text). Deleted runs
        separated only by spaces share one seam, so each character is looked at a bounded
        number of times, however many brackets stand on one line. Of a seam's spaces one
        stays, unless the seam is at the edge of a paragraph, before punctuation or after "(".
        """
        bits = self.mask.bits
        source = self.mask.source
        size = len(source)
        runs = list(self.mask.runs())
        count = len(runs)
        index = 0
        while index < count:
            start, end = runs[index]
            before = source[start - 1] if start else "\n"
            after = source[end] if end < size else "\n"
            if after not in SPACES and (
                before not in SPACES
                or (
                    after not in _EDGES
                    and start > 1
                    and source[start - 2] not in _SEAM_LEFT
                    and not bits[start - 2]
                )
            ):
                index += 1  # no space at the seam, or one after a word and before one: as is
                continue
            i = start - 1
            while i >= 0 and source[i] in SPACES and not bits[i]:
                i -= 1
            left = source[i] if i >= 0 else ""
            left_at = i
            spaces = [(i + 1, start)] if i + 1 < start else []  # kept stretches, in order
            while (
                index + 1 < count
                and end < size
                and source[end] in SPACES
                and _ONLY_SPACES.fullmatch(source, end, runs[index + 1][0])
            ):
                spaces.append((end, runs[index + 1][0]))
                index += 1
                end = runs[index][1]
            i = end
            while i < size and source[i] in SPACES and not bits[i]:
                i += 1
            right = source[i] if i < size else ""
            if i > end:
                spaces.append((end, i))
            index += 1
            if not spaces:
                continue
            at_edge = left in ("", "\r", "\n") or right in ("", "\r", "\n")
            # The space after a paragraph's label is not a seam's: `1. [] .` keeps `1. .`.
            punctuation = right in _NO_SPACE_BEFORE and not self._ends_label(left_at)
            if not (at_edge or punctuation or left in _NO_SPACE_AFTER):
                first, stop = spaces[0]
                if len(spaces) == 1 and stop == first + 1:
                    continue  # the one space stays: most seams
                spaces[0] = (first + 1, stop)  # the first space stays
            for low, high in spaces:
                if high > low:
                    bits[low:high] = b"\x01" * (high - low)

    def _ends_label(self, offset: int) -> bool:
        """Whether source[offset] ends the label that opens its paragraph (NOTATION 3)."""
        if offset < 0:
            return False
        draft = self.draft
        paragraph = draft.paragraphs[bisect_right(draft.lines.starts, offset) - 1]
        label = paragraph.label
        if not label or offset + 1 < paragraph.start + len(label):
            return False
        begin = offset + 1 - len(label)
        source = draft.source
        return source.startswith(label, begin) and not source[paragraph.start : begin].strip(" \t[")

    # -- paragraphs (NOTATION 5.3, 5.4) ---------------------------------------------------
    def _paragraphs(self) -> None:
        mask = self.mask
        bits = mask.bits
        source = self.draft.source
        size = len(source)
        # Output paragraphs: source lines joined where their line break was deleted.
        outputs: list[list[int]] = []  # [start, content end, break end, state]
        current_start = 0
        starts = self.draft.lines.starts
        for paragraph in self.draft.paragraphs:
            break_end = starts[paragraph.line] if paragraph.line < len(starts) else size
            if break_end < size and paragraph.end < break_end and bits[paragraph.end]:
                continue  # line break deleted: the next line joins this output paragraph
            outputs.append([current_start, paragraph.end, break_end, 0])
            current_start = break_end
        content, blank, removed = 0, 1, 2
        for entry in outputs:
            start, end, _, _ = entry
            kept = mask.kept_count(start, end)
            touched = kept != end - start
            if touched and (kept == 0 or (kept <= _LABEL_ONLY and self._only_label(start, end))):
                entry[3] = removed
            elif kept == 0 or (not source[start:end].strip() and not touched):
                entry[3] = blank
        # Blank lines around removed paragraphs: at most one between two paragraphs, none at
        # the ends of the document.
        index = 0
        count = len(outputs)
        while index < count:
            if outputs[index][3] == content:
                index += 1
                continue
            stop = index
            while stop < count and outputs[stop][3] != content:
                stop += 1
            run = outputs[index:stop]
            if any(entry[3] == removed for entry in run):
                allowed = 0 if index == 0 or stop == count else 1
                for entry in run:
                    if entry[3] == blank and allowed:
                        allowed -= 1
                        continue
                    mask.delete(entry[0], entry[2])
                    entry[3] = removed
            index = stop
        survivors = [entry for entry in outputs if entry[3] != removed]
        if survivors and outputs[-1][3] == removed and outputs[-1][2] == outputs[-1][1]:
            last = survivors[-1]
            mask.delete(last[1], last[2])  # the document ended without a line break: so does this
        self._altern([entry for entry in survivors if entry[3] == content])

    def _kept(self, start: int, end: int, limit: int) -> list[tuple[int, int]]:
        """The stretches of the first `limit` kept characters of [start, end), found with
        `find` on the mask: a paragraph opening with a long dropped bracket costs no walk."""
        bits = self.mask.bits
        stretches: list[tuple[int, int]] = []
        count = 0
        kept = bits.find(0, start, end)
        while kept >= 0 and count < limit:
            deleted = bits.find(1, kept, end)
            stop = min(end if deleted < 0 else deleted, kept + limit - count)
            stretches.append((kept, stop))
            count += stop - kept
            kept = bits.find(0, stop, end) if deleted >= 0 else -1
        return stretches

    def _kept_text(self, start: int, end: int, limit: int) -> str:
        source = self.draft.source
        return "".join([source[low:high] for low, high in self._kept(start, end, limit)])

    def _only_label(self, start: int, end: int) -> bool:
        """A paragraph whose text the resolution removed, leaving only its label ("2.")."""
        return is_bare_label(self._kept_text(start, end, _LABEL_ONLY))

    def _altern(self, outputs: list[list[int]]) -> None:
        """A surviving `Naltern.` becomes `N.` when no paragraph `N` survived (NOTATION 5.4)."""
        if not may_hold_altern(self.draft.source):
            return
        bits = self.mask.bits
        prefixes = [(self._kept_text(start, end, 40), start, end) for start, end, _, _ in outputs]
        numbers = set()
        for prefix, _, _ in prefixes:
            number = label_number(prefix)
            if number is not None:
                numbers.add(number)
        for prefix, start, end in prefixes:
            found = altern(prefix)
            if found is not None and found[0] not in numbers:
                number, low, high = found
                where = [i for a, b in self._kept(start, end, 40) for i in range(a, b)]
                for position in where[low:high]:
                    bits[position] = 1
                numbers.add(number)


def _gone(spans: list[tuple[int, int]], node: Node) -> bool:
    """Whether `node` lies wholly in one of the sorted, disjoint `spans` (dropped options),
    and goes with it. A bracket opening in a dropped option and closing after it is resolved
    as a bracket (its part in the option goes with the option either way): skipped, its `]`
    would be left behind."""
    index = bisect_right(spans, (node.start, _FAR)) - 1
    return index >= 0 and spans[index][0] <= node.start and node.end <= spans[index][1]


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` lies in one of the sorted, disjoint `spans`."""
    index = bisect_right(spans, (offset, _FAR)) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]
