"""Who stands where: per bracket, per paragraph and per delegation (NOTATION section 4)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Bracket, Draft, Note, Paragraph, gc_paused

#: A report row quotes at most this many characters of a bracket's text, so that the report
#: stays linear in the draft's size however deeply brackets nest (each row would otherwise
#: repeat the text of every bracket inside it).
EXCERPT = 200


@dataclass(frozen=True, slots=True)
class BracketPositions:
    """One bracket's positions. `text` is its inner text as written (nested markup included),
    cut after `EXCERPT` characters with "…"; `start` and `end` locate the whole inner text in
    `draft.source`."""

    id: str
    line: int
    column: int
    depth: int
    label: str | None
    text: str
    supporters: tuple[str, ...]
    objectors: tuple[str, ...]
    reservations: tuple[str, ...]
    start: int = 0
    end: int = 0
    #: A placeholder (`[x]`, `[date]`, NOTATION 3a): a value to fill in, not disputed text.
    placeholder: bool = False


@dataclass(frozen=True, slots=True)
class ParagraphPositions:
    """A paragraph's own positions, and every delegation keeping something in it open."""

    id: str
    line: int
    label: str | None
    supporters: tuple[str, ...]
    objectors: tuple[str, ...]
    reservations: tuple[str, ...]
    open_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DelegationPositions:
    supports: tuple[str, ...]
    objects: tuple[str, ...]
    reserves: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OptionSetRow:
    """A set of options (NOTATION 3a) as reports list it: its id (`o12`), line, the label of
    the paragraph holding it (`Pp12`), and its options as (id, label as written, excerpt)."""

    id: str
    line: int
    label: str | None
    options: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True, slots=True)
class Positions:
    brackets: tuple[BracketPositions, ...]
    paragraphs: tuple[ParagraphPositions, ...]
    delegations: dict[str, DelegationPositions]
    #: The draft's notes (Word comments, read in every mode), listed as "comments" in JSON.
    comments: tuple[Note, ...] = ()
    #: Each delegation as shown (the draft's own spelling, `spellings`) -> its canonical code,
    #: the registry's identity, for scripts that merge drafts ("UAE" -> "ARE").
    canonical: dict[str, str] = field(default_factory=dict)
    #: The draft's sets of options, listed as "option_sets" in JSON when there are any.
    option_sets: tuple[OptionSetRow, ...] = ()

    @property
    def objecting(self) -> tuple[str, ...]:
        """The delegations with at least one objection."""
        return tuple(sorted(code for code, held in self.delegations.items() if held.objects))

    @property
    def reserving(self) -> tuple[str, ...]:
        return tuple(sorted(code for code, held in self.delegations.items() if held.reserves))

    def _comment(self, note: Note, ids: dict[tuple[int, int], str]) -> dict[str, object]:
        """One comment as read: where it is, its statements, where its positions went (a
        bracket's id, or a paragraph's), or why it gave none."""
        return {
            "id": note.id,
            "author": note.author,
            "date": note.date,
            "line": note.line,
            "text": note.text,
            "reply_to": note.reply_to,
            "statements": [
                {
                    "text": s.text,
                    "delegations": list(s.delegations),
                    "stance": s.stance,
                    "scope": s.scope,
                    "quotes": list(s.quotes),
                    "paragraphs": list(s.paragraphs),
                    "replacement": list(s.replacement) if s.replacement else None,
                    "agrees_with": list(s.agrees_with),
                    "date": s.date,
                    "superseded": s.superseded,
                    "reason": s.reason,
                }
                for s in note.statements
            ],
            "positions": list(note.positions),
            "places": [
                ids.get((line, column), f"{line}:{column}") if column else f"p{line}"
                for line, column in note.places
            ],
            "reason": note.reason,
        }

    def as_json(self) -> dict[str, object]:
        with gc_paused():
            return self._as_json()

    def _as_json(self) -> dict[str, object]:
        ids = {(b.line, b.column): b.id for b in self.brackets}
        return {
            "brackets": [
                {
                    "id": b.id,
                    "line": b.line,
                    "column": b.column,
                    "depth": b.depth,
                    "label": b.label,
                    "text": b.text,
                    "supporters": list(b.supporters),
                    "objectors": list(b.objectors),
                    "reservations": list(b.reservations),
                    "placeholder": b.placeholder,
                }
                for b in self.brackets
            ],
            "paragraphs": [
                {
                    "id": p.id,
                    "line": p.line,
                    "label": p.label,
                    "supporters": list(p.supporters),
                    "objectors": list(p.objectors),
                    "reservations": list(p.reservations),
                    "open_by": list(p.open_by),
                }
                for p in self.paragraphs
            ],
            "delegations": {
                code: {
                    "canonical": self.canonical.get(code, code),
                    "supports": list(held.supports),
                    "objects": list(held.objects),
                    "reserves": list(held.reserves),
                }
                for code, held in sorted(self.delegations.items())
            },
            **(
                {
                    "option_sets": [
                        {
                            "id": s.id,
                            "line": s.line,
                            "label": s.label,
                            "options": [
                                {"id": i, "label": label, "text": text}
                                for i, label, text in s.options
                            ],
                        }
                        for s in self.option_sets
                    ]
                }
                if self.option_sets
                else {}
            ),
            **(
                {"comments": [self._comment(c, ids) for c in self.comments]}
                if self.comments
                else {}
            ),
        }


def spellings(draft: Draft) -> dict[str, str]:
    """Each delegation's canonical code -> the code the draft names it by: its most frequent
    spelling in the draft's groups (ties: the first written), or the name a reader kept for a
    code it made up (a Word author the registry does not know: "Maria Lopez Garcia").

    The registry's canonical identity is for matching ("US", "USA" and "United States" are
    one delegation); what a user reads is the draft's own code, in every report."""
    groups = [g for b in draft.brackets for g in b.groups]
    groups += [g for p in draft.paragraphs for g in p.groups]
    groups.sort(key=lambda g: g.start)
    counts: dict[str, dict[str, int]] = {}
    for group in groups:
        for entry in group.entries:
            written = counts.setdefault(entry.delegation, {})
            spelling = entry.code_as_written
            written[spelling] = written.get(spelling, 0) + 1
    names = draft.origin.names if draft.origin is not None else {}
    shown = {}
    for code, written in counts.items():
        best = max(written.items(), key=lambda item: item[1])[0]  # max keeps the first of ties
        shown[code] = names.get(best, best)
    return shown


def positions(draft: Draft) -> Positions:
    """Every position the draft records, each delegation named as the draft names it
    (`spellings`), its canonical code in `Positions.canonical`."""
    with gc_paused():
        return _positions(draft)


def _positions(draft: Draft) -> Positions:
    source = draft.source
    held: dict[str, tuple[list[str], list[str], list[str]]] = {}
    open_by: dict[int, dict[str, None]] = {}
    shown = spellings(draft)

    def show(codes: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(shown.get(code, code) for code in codes)

    def record(holder: Bracket | Paragraph, line: int) -> None:
        for kind, codes in enumerate((holder.supporters, holder.objectors, holder.reservations)):
            for code in show(codes):
                held.setdefault(code, ([], [], []))[kind].append(holder.id)
                if kind:
                    open_by.setdefault(line, {})[code] = None

    bracket_rows = []
    for bracket in draft.brackets:
        line, column = draft.locate(bracket.start)
        record(bracket, line)
        bracket_rows.append(
            BracketPositions(
                id=bracket.id,
                line=line,
                column=column,
                depth=bracket.depth,
                label=draft.paragraphs[line - 1].label,
                text=_excerpt(source, bracket.inner_start, bracket.inner_end),
                supporters=show(bracket.supporters),
                objectors=show(bracket.objectors),
                reservations=show(bracket.reservations),
                start=bracket.inner_start,
                end=bracket.inner_end,
                placeholder=bracket.placeholder,
            )
        )
    lines_with_brackets = {row.line for row in bracket_rows}
    paragraph_rows = []
    for paragraph in draft.paragraphs:
        if paragraph.groups:
            record(paragraph, paragraph.line)
    for paragraph in draft.paragraphs:
        if paragraph.groups or paragraph.line in lines_with_brackets:
            paragraph_rows.append(
                ParagraphPositions(
                    id=paragraph.id,
                    line=paragraph.line,
                    label=paragraph.label,
                    supporters=show(paragraph.supporters),
                    objectors=show(paragraph.objectors),
                    reservations=show(paragraph.reservations),
                    open_by=tuple(sorted(open_by.get(paragraph.line, ()))),
                )
            )
    delegations = {
        code: DelegationPositions(tuple(s), tuple(o), tuple(r)) for code, (s, o, r) in held.items()
    }
    canonical = {name: code for code, name in shown.items()}
    option_sets = tuple(
        OptionSetRow(
            s.id,
            s.line,
            s.label,
            tuple(
                (o.id, o.label, _excerpt(source, o.label_end, max(o.label_end, o.end)))
                for o in s.options
            ),
        )
        for s in draft.option_sets
    )
    return Positions(
        tuple(bracket_rows),
        tuple(paragraph_rows),
        delegations,
        draft.notes,
        canonical,
        option_sets,
    )


def _excerpt(source: str, start: int, end: int) -> str:
    if end - start <= EXCERPT:
        return source[start:end]
    return source[start : start + EXCERPT - 1] + "…"
