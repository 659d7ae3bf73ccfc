"""Resolve the accepted text of a draft under a policy and what-if decisions (NOTATION section 5).

A resolution only ever deletes characters of the source: dropped brackets, the markup of
kept ones, spaces at the seams, emptied paragraphs with their line break, `altern`. It is
computed as a deletion mask over the source, so that writers can apply the same deletions to
other representations (a Word document's runs) and every kept character keeps its origin.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, TypeAlias, get_args

from .model import Alternatives, Bracket, Diagnostic, Draft, Group, Node, Paragraph
from .notation import SPACES, altern, group_with_spaces, is_bare_label, label_number

Policy: TypeAlias = Literal["agreed", "silence", "all"]
POLICIES: tuple[str, ...] = get_args(Policy)

_BREAK = "\r\n"
#: A space at a seam is removed before these (NOTATION 5.2), and after "(" (our choice).
_NO_SPACE_BEFORE = ",;:.)"
_NO_SPACE_AFTER = "("
#: A paragraph left with at most this many characters may be only its label.
_LABEL_ONLY = 16


class ResolutionError(ValueError):
    """Decisions that cannot be applied: unknown ids, an id both accepted and rejected."""


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
    #: Ids of brackets (bN) and paragraph positions (pN) whose text survives.
    kept: frozenset[str]
    unresolved: tuple[Unresolved, ...]
    warnings: tuple[Diagnostic, ...]


class _Mask:
    """Which source characters are deleted (1) or kept (0)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.bits = bytearray(len(source))

    def delete(self, start: int, end: int) -> None:
        if end > start:
            self.bits[start:end] = b"\x01" * (end - start)

    def delete_group(self, group: Group) -> None:
        """A group goes with the spaces before it (NOTATION 5.1)."""
        self.delete(*group_with_spaces(self.source, group.start, group.end))

    def runs(self, value: bytes = b"\x01") -> Iterator[tuple[int, int]]:
        for match in re.finditer(re.escape(value) + b"+", self.bits):
            yield match.start(), match.end()

    def kept_count(self, start: int, end: int) -> int:
        return (end - start) - self.bits.count(b"\x01", start, end)


def resolve(
    draft: Draft,
    policy: Policy | str = "agreed",
    *,
    withdraw: Iterable[str] = (),
    accept: Iterable[str] = (),
    reject: Iterable[str] = (),
) -> Resolution:
    """Resolve `draft` under `policy` ("agreed", "silence" or "all") after the decisions.

    `withdraw` removes delegations' objections and reservations everywhere; `accept` and
    `reject` keep or drop brackets (`bN`) and paragraph positions (`pN`).
    """
    if policy not in POLICIES:
        raise ResolutionError(f"unknown policy '{policy}' (choose agreed, silence or all)")
    resolver = _Resolver(
        draft,
        policy,  # type: ignore[arg-type]
        set(withdraw),
        {i.strip().lower() for i in accept},
        {i.strip().lower() for i in reject},
    )
    return resolver.run()


class _Resolver:
    def __init__(
        self, draft: Draft, policy: Policy, withdraw: set[str], accept: set[str], reject: set[str]
    ) -> None:
        self.draft = draft
        self.policy = policy
        self.withdraw = withdraw
        self.accept = accept
        self.reject = reject
        self.mask = _Mask(draft.source)
        self.kept: set[str] = set()
        self.unresolved: list[Unresolved] = []
        self.warnings: list[Diagnostic] = []
        self._check_decisions()

    # -- decisions ------------------------------------------------------------------------
    def _check_decisions(self) -> None:
        draft = self.draft
        known = {b.id for b in draft.brackets} | {p.id for p in draft.paragraphs if p.groups}
        for position_id in sorted(self.accept | self.reject):
            if position_id not in known:
                hint = ""
                if position_id.startswith("p"):
                    hint = " (a paragraph is named pN only when it carries its own attribution)"
                raise ResolutionError(
                    f"no bracket or paragraph position named '{position_id}'{hint}"
                )
        both = self.accept & self.reject
        if both:
            raise ResolutionError(f"{', '.join(sorted(both))} both accepted and rejected")
        holders: list[Bracket | Paragraph] = [*draft.brackets]
        holders += [p for p in draft.paragraphs if p.groups]
        present = {entry.delegation for holder in holders for entry in holder.attributions}
        for code in sorted(self.withdraw - present):
            self.warnings.append(
                Diagnostic(
                    "warning",
                    f"withdraw {code}: {code} takes no position in this draft",
                    1,
                    1,
                    draft.path,
                )
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
        mask = self.mask
        dropped_lines: set[int] = set()
        for paragraph in draft.paragraphs:
            if not paragraph.groups:
                continue
            if self._keeps(paragraph):
                self.kept.add(paragraph.id)
                for group in paragraph.groups:
                    mask.delete_group(group)
            else:
                dropped_lines.add(paragraph.line)
                mask.delete(paragraph.start, paragraph.end)

        stack: list[Iterator[Node]] = [iter(draft.nodes)]
        while stack:
            node = next(stack[-1], None)
            if node is None:
                stack.pop()
            elif isinstance(node, Bracket):
                if self._keeps(node):
                    stack.append(self._keep(node))
                else:
                    self._drop(node)
            elif isinstance(node, Alternatives):
                self._alternatives(node, dropped_lines, stack)

        self._seams()
        self._paragraphs()
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

    def _keep(self, bracket: Bracket) -> Iterator[Node]:
        self.kept.add(bracket.id)
        self.mask.delete(bracket.start, bracket.start + 1)
        self.mask.delete(bracket.end - 1, bracket.end)
        self._drop_groups(bracket)
        return iter(bracket.children)

    def _drop(self, bracket: Bracket) -> None:
        self.mask.delete(bracket.start, bracket.end)
        self._drop_groups(bracket)

    def _drop_groups(self, bracket: Bracket) -> None:
        for item in bracket.tail:
            if isinstance(item, Group):
                self.mask.delete_group(item)

    def _alternatives(
        self, node: Alternatives, dropped_lines: set[int], stack: list[Iterator[Node]]
    ) -> None:
        options = node.options
        accepted = [o for o in options if o.id in self.accept]
        if accepted:
            survivors = accepted[:1]
            if len(accepted) > 1:
                self._warn(
                    node.start,
                    f"{', '.join(o.id for o in accepted)} are alternatives; "
                    f"only {accepted[0].id} is kept",
                )
        else:
            candidates = [o for o in options if o.id not in self.reject]
            if self.policy == "all":
                survivors = candidates[:1]
            else:
                survivors = [o for o in candidates if self._policy_keeps(o)]
        if len(survivors) > 1:
            line, column = self.draft.locate(node.start)
            if line in dropped_lines:
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
                stack.append(self._keep(option))
            else:
                self._drop(option)

    def _warn(self, offset: int, message: str) -> None:
        line, column = self.draft.locate(offset)
        self.warnings.append(
            Diagnostic("warning", message, line, column, self.draft.path, "unresolved")
        )

    # -- seams (NOTATION 5.2) -------------------------------------------------------------
    def _seams(self) -> None:
        mask = self.mask
        bits = mask.bits
        source = mask.source
        runs = list(mask.runs())
        run_end = {start: end for start, end in runs}
        run_start = {end: start for start, end in runs}
        for start, end in runs:
            spaces: list[int] = []
            # leftwards from the seam, over kept spaces and other deleted runs
            i = start - 1
            left = ""
            while i >= 0:
                if bits[i]:
                    i = run_start.get(i + 1, i) - 1
                    continue
                char = source[i]
                if char in SPACES:
                    spaces.append(i)
                    i -= 1
                    continue
                left = char
                break
            spaces.reverse()
            i = end
            right = ""
            size = len(source)
            while i < size:
                if bits[i]:
                    i = run_end.get(i, i + 1)
                    continue
                char = source[i]
                if char in SPACES:
                    spaces.append(i)
                    i += 1
                    continue
                right = char
                break
            if not spaces:
                continue
            at_edge = left in ("", "\r", "\n") or right in ("", "\r", "\n")
            if at_edge or right in _NO_SPACE_BEFORE or left in _NO_SPACE_AFTER:
                doomed = spaces
            else:
                doomed = spaces[1:]
            for position in doomed:
                bits[position] = 1

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

    def _kept(self, start: int, end: int, limit: int) -> tuple[str, list[int]]:
        """The first `limit` kept characters of [start, end), and where they stand."""
        bits = self.mask.bits
        source = self.draft.source
        chars: list[str] = []
        where: list[int] = []
        i = start
        while i < end and len(chars) < limit:
            if not bits[i]:
                chars.append(source[i])
                where.append(i)
            i += 1
        return "".join(chars), where

    def _only_label(self, start: int, end: int) -> bool:
        """A paragraph whose text the resolution removed, leaving only its label ("2.")."""
        return is_bare_label(self._kept(start, end, _LABEL_ONLY)[0])

    def _altern(self, outputs: list[list[int]]) -> None:
        """A surviving `Naltern.` becomes `N.` when no paragraph `N` survived (NOTATION 5.4)."""
        bits = self.mask.bits
        prefixes = [self._kept(start, end, 40) for start, end, _, _ in outputs]
        numbers = set()
        for prefix, _ in prefixes:
            number = label_number(prefix)
            if number is not None:
                numbers.add(number)
        for prefix, where in prefixes:
            found = altern(prefix)
            if found is not None and found[0] not in numbers:
                number, start, end = found
                for position in where[start:end]:
                    bits[position] = 1
                numbers.add(number)
