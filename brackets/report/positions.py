"""The `objections` report as the command prints it: an 80-column table, CSV or JSON.

Each renderer takes the `Positions` that `brackets.positions(draft)` returns and gives the
exact text `brackets objections --format ...` writes, so a script gets what the command shows.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Sequence

from ..notation import format_entry
from ..positions import Positions

#: The table fits a terminal this wide (every line is at most WIDTH - 1 characters).
WIDTH = 80

_CSV_HEADER = (
    "id",
    "line",
    "column",
    "depth",
    "label",
    "supporters",
    "objectors",
    "reservations",
    "text",
    "kind",
)


def stances(
    supporters: Sequence[str], objectors: Sequence[str], reservations: Sequence[str]
) -> str:
    """Positions as they are written in a draft: `+IND, -CHN, AZER tcb, tcb`."""
    parts = [format_entry("support", c) for c in supporters]
    parts += [format_entry("object", c) for c in objectors]
    parts += [format_entry("reserve", c) for c in reservations]
    return ", ".join(parts)


def positions_table(report: Positions) -> str:
    """Brackets, paragraph positions, who keeps each paragraph open, and each delegation."""
    out = io.StringIO()
    out.write(f"{'ID':<8}{'LINE:COL':<10}{'LABEL':<10}{'POSITIONS':<22}TEXT\n")
    out.write("-" * (WIDTH - 1) + "\n")
    text_width = WIDTH - 1 - 50
    for row in report.brackets:
        stance = stances(row.supporters, row.objectors, row.reservations)
        if row.placeholder:  # a value to fill in (NOTATION 3a), not disputed text
            stance = f"placeholder, {stance}" if stance else "placeholder"
        wrapped = textwrap.wrap(stance, 21)
        first, *more = wrapped or [""]
        snippet = " ".join(row.text.split())
        if len(snippet) > text_width:
            snippet = snippet[: text_width - 1] + "…"
        ident = " " * min(row.depth - 1, 2) + row.id
        where = f"{row.line}:{row.column}"
        label = (row.label or "")[:9]
        out.write(f"{ident:<7} {where:<9} {label:<9} {first:<21} {snippet}".rstrip() + "\n")
        for line in more:
            out.write(f"{'':<28}{line}\n")
    own = [p for p in report.paragraphs if p.supporters or p.objectors or p.reservations]
    if own:
        out.write("\nParagraph positions\n")
        for para in own:
            stance = stances(para.supporters, para.objectors, para.reservations)
            out.write(f"{para.id:<6} {(para.label or '')[:10]:<10} {stance}\n")
    if report.option_sets:
        out.write("\nOption sets\n")
        for option_set in report.option_sets:
            where = f"line {option_set.line}"
            where += f" (para {option_set.label})" if option_set.label else ""
            out.write(f"{option_set.id:<7} {where}\n")
            for ident, label, text in option_set.options:
                snippet = " ".join(text.split())
                room = WIDTH - 1 - 28 - len(label)
                snippet = snippet if len(snippet) <= room else snippet[: max(room - 1, 0)] + "…"
                out.write(f"  {ident:<11}{label} {snippet}".rstrip() + "\n")
    open_rows = [p for p in report.paragraphs if p.open_by]
    if open_rows:
        out.write("\nKept open by\n")
        for para in open_rows:
            where = f"line {para.line}" + (f" (para {para.label})" if para.label else "")
            out.write(_fill(", ".join(para.open_by), f"{where:<26}", 26))
    out.write("\nDelegations\n")
    for code, held in sorted(report.delegations.items()):
        parts = [
            f"{name} {', '.join(ids)}"
            for name, ids in (
                ("supports", held.supports),
                ("objects to", held.objects),
                ("reserves", held.reserves),
            )
            if ids
        ]
        if len(code) > 7:  # a long code ("MARIA LOPEZ GARCIA") stands on its own line
            out.write(f"  {code}\n")
            out.write(_fill("; ".join(parts), " " * 10, 10))
        else:
            out.write(_fill("; ".join(parts), f"  {code:<8}", 10))
    out.write(_fill(f"Delegations objecting: {', '.join(report.objecting) or 'none'}", "", 0))
    return out.getvalue()


def _fill(text: str, first: str, indent: int) -> str:
    return (
        textwrap.fill(text, WIDTH - 1, initial_indent=first, subsequent_indent=" " * indent) + "\n"
    )


def positions_csv(report: Positions) -> str:
    """One row per bracket, option and paragraph that states its own positions, its `kind`
    saying which (`bracket`, `placeholder`, `option`, `paragraph`; RFC 4180: lines end with
    CRLF, and a field holding a line break is quoted)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180: quotes fields with \r or \n
    writer.writerow(_CSV_HEADER)
    for row in report.brackets:
        writer.writerow(
            [
                row.id,
                row.line,
                row.column,
                row.depth,
                row.label or "",
                " ".join(row.supporters),
                " ".join(row.objectors),
                " ".join(row.reservations),
                row.text,
                "placeholder" if row.placeholder else "bracket",
            ]
        )
    for option_set in report.option_sets:  # one row per option: its id, set line and label
        for ident, label, text in option_set.options:
            writer.writerow(
                [ident, option_set.line, 1, 0, option_set.label or "", "", "", "",
                 f"{label} {text}", "option"]
            )
    for para in report.paragraphs:
        if para.supporters or para.objectors or para.reservations:
            writer.writerow(
                [
                    para.id,
                    para.line,
                    1,
                    0,
                    para.label or "",
                    " ".join(para.supporters),
                    " ".join(para.objectors),
                    " ".join(para.reservations),
                    "",
                    "paragraph",
                ]
            )
    return out.getvalue()


def positions_json(report: Positions) -> str:
    """`report.as_json()` as indented UTF-8 JSON text, ending with a line break."""
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"

