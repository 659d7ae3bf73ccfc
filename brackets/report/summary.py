"""The negotiation summary of a comparison as sentences a delegate would write, or JSON.

`brackets.compare.summary` computes the `Summary` (plain data); this module only renders it:
`summary_text` is what `brackets compare --summary` prints, `summary_sections` the same
sentences by section, which the HTML page shows under headings.
"""

from __future__ import annotations

import json

from ..compare.options import OptionSetChange
from ..compare.summary import AgreedTextEdit, BracketChange, Move, ParagraphChange, Summary

__all__ = ["snippet", "summary_json", "summary_sections", "summary_text"]

_NOUN = {"supports": "support for", "objects": "objection to", "reserves": "reservation on"}


def summary_json(summary: Summary) -> str:
    """`summary.as_json()` as indented UTF-8 JSON text, ending with a line break."""
    return json.dumps(summary.as_json(), ensure_ascii=False, indent=2) + "\n"


def summary_text(summary: Summary) -> str:
    """The summary in sentences, a blank line between sections (empty sections left out)."""
    head, *sections = summary_sections(summary)
    blocks = [head[1], *(lines for _, lines in sections if lines)]
    return "\n\n".join("\n".join(lines) for lines in blocks) + "\n"


def summary_sections(summary: Summary) -> list[tuple[str, list[str]]]:
    """The sentences by section: ("Counts", …), ("Agreed text edited", …), ("Brackets", …),
    ("Options", …) (what became of each set of options), ("Positions", …), ("Paragraphs",
    …). Edits to agreed text come first: text everyone had agreed, changed, is the most
    sensitive change there is."""
    still = summary.count("open") + summary.count("reworded")
    extra = "".join(
        f", {summary.count(outcome)} {outcome}"
        for outcome in ("reopened", "split", "merged")
        if summary.count(outcome)
    )
    reworded = f" ({summary.count('reworded')} reworded)" if summary.count("reworded") else ""
    counts = [
        f"Brackets: {summary.count('agreed')} agreed, {summary.count('dropped')} dropped, "
        f"{summary.count('new')} new, {still} still open{reworded}{extra}.",
        '(bN is a bracket\'s number in the old version; "now bM" and "new bM" number '
        "it in the new one.)",
    ]
    if summary.agreed_text_edits:
        counts.append(f"Agreed text edited: {len(summary.agreed_text_edits)} changes.")
    edits = [_edit_sentence(edit) for edit in summary.agreed_text_edits]
    brackets = [line for line in map(_bracket_sentence, summary.brackets) if line]
    moves = [
        _move_sentence(code, verb, move)
        for code, changes in sorted(summary.delegations.items())
        for verb, group in (
            ("withdrew", changes.withdrew),
            ("added", changes.added),
            ("held", changes.settled),
        )
        for move in group
    ]
    paragraphs = [_paragraph_sentence(para) for para in summary.paragraphs]
    return [
        ("Counts", counts),
        ("Agreed text edited", edits),
        ("Brackets", brackets),
        ("Options", [_option_sentence(change) for change in summary.options]),
        ("Positions", moves),
        ("Paragraphs", paragraphs),
    ]


def _edit_sentence(edit: AgreedTextEdit) -> str:
    """`Agreed text edited (line 275 → 275, para 2.): "the" → ""`."""
    where = f"line {edit.old_line} → {edit.new_line}"
    if edit.label:
        where += f", para {edit.label}"
    return f'Agreed text edited ({where}): "{snippet(edit.old)}" → "{snippet(edit.new)}"'


def _option_sentence(change: OptionSetChange) -> str:
    """"Options o12 (para Pp12): o12.2 kept, the others dropped." and the like."""
    where = f"Options {change.set_id}" + (f" (para {change.label})" if change.label else "")
    if change.outcome == "resolved":
        return f"{where}: {change.winner} kept, the others dropped."
    if change.outcome == "removed":
        return f"{where}: all {len(change.options)} options removed."
    return f"{where}: still open ({', '.join(change.options)})."


def _bracket_sentence(change: BracketChange) -> str:
    """One sentence per bracket whose fate is news; empty for a bracket open and unchanged."""
    text = snippet(change.head_and_tail(60))
    if change.outcome in ("agreed", "dropped"):
        where = _where(change.old_line, change.label)
        said = [change.detail] if change.detail else []
        said.extend(_standing(change))
        tail = f": {'; '.join(said)}" if said else ""
        return f'{change.old} {change.outcome}: "{text}" ({where}){tail}'
    if change.outcome in ("new", "reopened"):
        where = _where(change.new_line, change.label)
        tail = f": {change.detail}" if change.detail else ""
        return f'{change.outcome.capitalize()} {change.new}: "{text}" ({where}){tail}'
    if change.outcome == "merged":
        return f'{change.old} {change.detail} ({_where(change.old_line, change.old_label)})'
    if change.outcome == "split":
        return f'New {change.new} {change.detail} ({_where(change.new_line, change.label)})'
    ident = _ident(change.old, change.new)
    where = _where(change.new_line, change.label)
    if change.split_into:
        return f"{ident} split into {' and '.join(change.split_into)} ({where})"
    if change.merged_from:
        return f"{' and '.join(change.merged_from)} merged into {change.new} ({where})"
    if change.outcome == "reworded":
        return f"{ident} reworded: {change.detail} ({where})"
    return ""


def _standing(change: BracketChange) -> list[str]:
    """`IRAN's objection prevailed`, `AZER had supported it`: who had their way."""
    won = "supports" if change.outcome == "agreed" else "objects"
    prevailed = [p for p in change.standing if p.position == won]
    other = [p for p in change.standing if p.position != won]
    said = []
    if prevailed:
        names = " and ".join(_who(p.delegation) + "'s" for p in prevailed)
        noun = "support" if won == "supports" else "objection"
        said.append(f"{names} {noun}{'s' if len(prevailed) > 1 else ''} prevailed")
    for stance, verb in (("supports", "supported"), ("objects", "objected to"),
                         ("reserves", "reserved on")):  # fmt: skip
        codes = [_who(p.delegation) for p in other if p.position == stance]
        if codes:
            said.append(f"{' and '.join(codes)} had {verb} it")
    return said


def _who(code: str) -> str:
    return "an unnamed delegation" if code == "*" else code


def _move_sentence(code: str, verb: str, move: Move) -> str:
    """`IRAN withdrew its objection to b3 (now b2) (line 270, para -)`; on a settled bracket
    `IRAN's objection to b9 prevailed (line 291, para 11.; b9 was dropped)`."""
    who = "An unnamed delegation" if code == "*" else code
    ident = _ident(move.old, move.new)
    extra = f"; {ident} was {move.outcome}" if move.outcome in ("agreed", "dropped") else ""
    noun = _NOUN[move.position]
    where = f"({_where(move.line, move.label)}{extra})"
    if verb == "held":
        won = {"agreed": "supports", "dropped": "objects"}.get(move.outcome)
        result = "prevailed" if move.position == won else "gave way"
        return f"{who}'s {noun.split()[0]} {noun.split()[1]} {ident} {result} {where}"
    return f"{who} {verb} its {noun} {ident} {where}"


def _ident(old: str | None, new: str | None) -> str:
    if old is None:
        return f"new {new}"
    return old if new in (None, old) else f"{old} (now {new})"


def _where(line: int | None, label: str | None) -> str:
    return f"line {line}, para {label}" if label else f"line {line}"


def _paragraph_sentence(para: ParagraphChange) -> str:
    old = f"para {para.old_label} (line {para.old_line})" if para.old_label else ""
    if para.change == "removed":
        name = old or f"The paragraph at line {para.old_line}"
        return f'{name} removed: "{snippet(para.text)}"'
    if para.change == "added":
        where = _where(para.new_line, para.new_label)
        return f'Paragraph added ({where}): "{snippet(para.text)}"'
    if para.change == "moved":
        name = old or f"The paragraph at line {para.old_line}"
        return f"{name} moved to line {para.new_line}" + (
            f" as para {para.new_label}" if para.new_label != para.old_label else ""
        )
    verb = "promoted to" if para.change == "promoted" else "renumbered"
    return f"para {para.old_label} {verb} {para.new_label} (line {para.old_line} → {para.new_line})"


def snippet(text: str, width: int = 60) -> str:
    """The text on one line, shortened in the middle with `…` when longer than `width`."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    half = (width - 1) // 2
    return flat[:half].rstrip() + "…" + flat[-half:].lstrip()
