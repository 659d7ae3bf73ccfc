"""The negotiation summary of a comparison as sentences a delegate would write, or JSON.

`brackets.compare.summary` computes the `Summary` (plain data); this module only renders it:
`summary_text` is what `brackets compare --summary` prints, `summary_sections` the same
sentences by section, which the HTML page shows under headings.
"""

from __future__ import annotations

import json

from ..compare.options import OptionSetChange
from ..compare.summary import BracketChange, Move, ParagraphChange, Summary

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
    """The sentences by section: ("Counts", …), ("Brackets", …), ("Options", …) (what became
    of each set of options), ("Positions", …), ("Paragraphs", …)."""
    counts = [
        f"Brackets: {summary.count('agreed')} agreed, {summary.count('dropped')} dropped, "
        f"{summary.count('new')} new, {summary.count('open')} still open.",
        '(bN is a bracket\'s number in the old version; "now bM" and "new bM" number '
        "it in the new one.)",
    ]
    brackets = [line for line in map(_bracket_sentence, summary.brackets) if line]
    moves = [
        _move_sentence(code, verb, move)
        for code, changes in sorted(summary.delegations.items())
        for verb, group in (("withdrew", changes.withdrew), ("added", changes.added))
        for move in group
    ]
    paragraphs = [_paragraph_sentence(para) for para in summary.paragraphs]
    return [
        ("Counts", counts),
        ("Brackets", brackets),
        ("Options", [_option_sentence(change) for change in summary.options]),
        ("Positions", moves),
        ("Paragraphs", paragraphs),
    ]


def _option_sentence(change: OptionSetChange) -> str:
    """"Options o12 (para Pp12): o12.2 kept, the others dropped." and the like."""
    where = f"Options {change.set_id}" + (f" (para {change.label})" if change.label else "")
    if change.outcome == "resolved":
        return f"{where}: {change.winner} kept, the others dropped."
    if change.outcome == "removed":
        return f"{where}: all {len(change.options)} options removed."
    return f"{where}: still open ({', '.join(change.options)})."


def _bracket_sentence(change: BracketChange) -> str:
    """`b1 agreed: "…" (line 196, para 1.10)`, `New b4: …`; empty for a bracket still open."""
    if change.outcome in ("agreed", "dropped"):
        where = _where(change.old_line, change.label)
        return f'{change.old} {change.outcome}: "{snippet(change.text)}" ({where})'
    if change.outcome == "new":
        where = _where(change.new_line, change.label)
        return f'New {change.new}: "{snippet(change.text)}" ({where})'
    return ""


def _move_sentence(code: str, verb: str, move: Move) -> str:
    """`IRAN withdrew its objection to b3 (now b2) (line 270, para -)`."""
    who = "An unnamed delegation" if code == "*" else code
    ident = _ident(move.old, move.new)
    extra = f"; {ident} was {move.outcome}" if move.outcome in ("agreed", "dropped") else ""
    noun = _NOUN[move.position]
    return f"{who} {verb} its {noun} {ident} ({_where(move.line, move.label)}{extra})"


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
