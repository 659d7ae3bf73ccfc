"""What `brackets stats` prints: the figures of a `StatsRun` as a table, CSV or JSON.

`collect` (in `brackets.stats`) computes; these functions only render, to `str`.
"""

from __future__ import annotations

import csv
import io
import json
import os

from ..stats import DraftStats, StatsRun

__all__ = ["failure_lines", "stats_csv", "stats_json", "stats_table"]

_CSV_HEADER = (
    "path",
    "paragraphs",
    "brackets",
    "depth",
    "alternative_sets",
    "attributed",
    "objecting",
    "words",
    "words_in_brackets",
    "options",
    "option_sets",
    "placeholders",
)


def stats_json(run: StatsRun) -> str:
    """`run.as_json()` as indented UTF-8 JSON text, ending with a line break."""
    return json.dumps(run.as_json(), ensure_ascii=False, indent=2) + "\n"


def stats_csv(run: StatsRun) -> str:
    """One row per draft (RFC 4180: lines end with CRLF)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_CSV_HEADER)
    for f in run.files:
        writer.writerow(
            [f.path, f.paragraphs, f.brackets, f.depth, f.alternative_sets, f.attributed,
             " ".join(f.objecting), f.words, f.words_in_brackets, f.options, f.option_sets,
             f.placeholders]
        )
    return out.getvalue()


def stats_table(run: StatsRun) -> str:
    """One row per draft and a total; fits 80 columns (long names shortened from the left)."""
    head = f"{'FILE':<26}{'PARAS':>6}{'BRKTS':>7}{'DEPTH':>6}{'ALTS':>5}{'ATTR':>6}"
    head += f"{'OBJ':>4}{'WORDS IN []':>14}  "
    out = [head.rstrip(), "-" * 79]
    names = _short_names([f.path for f in run.files])
    for f in run.files:
        name = names[f.path]
        name = name if len(name) <= 25 else "…" + name[-24:]
        share = f"{f.words_in_brackets} ({_percent(f.words_in_brackets, f.words)})"
        out.append(
            f"{name:<26}{f.paragraphs:>6}{f.brackets:>7}{f.depth:>6}{f.alternative_sets:>5}"
            f"{f.attributed:>6}{len(f.objecting):>4}{share:>14}"
        )
    if len(run.files) > 1:
        out.append("-" * 79)
        out.append(_total(run.files))
    for f in run.files:
        if f.objecting:
            line = f"{names[f.path]} objecting: {', '.join(f.objecting)}"
            out.append(line if len(line) < 80 else line[:78] + "…")
    for f in run.files:
        if f.options or f.placeholders:
            out.append(
                f"{names[f.path]}: {f.options} options in {f.option_sets} sets, "
                f"{f.placeholders} placeholders"
            )
    if run.failures:
        out.append(f"{len(run.failed)} file(s) could not be read (see stderr)")
    return "\n".join(out) + "\n"


def _total(files: tuple[DraftStats, ...]) -> str:
    """The total row: sums, except the depth (the deepest) and the delegations objecting."""
    total = [0] * 7
    objecting: set[str] = set()
    for f in files:
        figures = (f.paragraphs, f.brackets, f.depth, f.alternative_sets, f.attributed,
                   f.words, f.words_in_brackets)
        total = [max(a, b) if i == 2 else a + b for i, (a, b) in
                 enumerate(zip(total, figures, strict=True))]
        objecting.update(f.objecting)
    share = f"{total[6]} ({_percent(total[6], total[5])})"
    return (
        f"{f'{len(files)} drafts':<26}{total[0]:>6}{total[1]:>7}{total[2]:>6}"
        f"{total[3]:>5}{total[4]:>6}{len(objecting):>4}{share:>14}"
    )


def failure_lines(run: StatsRun) -> list[str]:
    """One line per bad file: its first diagnostic, and how many more it has."""
    first: dict[str | None, tuple[str, int]] = {}
    for d in run.failures:
        seen = first.get(d.path)
        first[d.path] = (seen[0], seen[1] + 1) if seen else (str(d), 1)
    return [line + (f" (and {count - 1} more)" if count > 1 else "") for line, count in
            first.values()]


def _short_names(paths: list[str]) -> dict[str, str]:
    """Each path relative to the folder all of them share (just the name for one file)."""
    if len(paths) == 1:
        return {paths[0]: os.path.basename(paths[0])}
    try:
        common = os.path.commonpath([os.path.abspath(p) for p in paths])
    except ValueError:
        return {p: p for p in paths}
    if os.path.dirname(common) == common:
        return {p: p for p in paths}  # they share only the root: each path as given
    return {p: os.path.relpath(os.path.abspath(p), common) for p in paths}


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"
