"""Figures over a session of drafts: per file the paragraphs, brackets, depth and positions.

`collect(paths)` reads text and Word drafts (mixed; folders are searched for them) in a
process pool, one file per task, so that one bad file is reported with its place and the
others are still counted. The result is a small object that renders itself as a table, CSV
or JSON; the `brackets stats` command only prints it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BracketsError, Diagnostic, DraftSyntaxError
from .inputs import read
from .model import Draft, Enter, Leave, Text

if TYPE_CHECKING:
    from .delegations import Registry

__all__ = ["DRAFT_SUFFIXES", "DraftStats", "StatsRun", "collect", "draft_stats", "expand"]

#: What a folder given to `stats` is searched for.
DRAFT_SUFFIXES = (".txt", ".md", ".docx")
#: A word: letters or digits, joined by an apostrophe, hyphen or point ("volunteers’", "5.2").
_WORD = re.compile(r"\w+(?:[’'.\-]\w+)*")


@dataclass(frozen=True, slots=True)
class DraftStats:
    """The figures of one draft."""

    path: str
    paragraphs: int  # non-blank paragraphs (lines)
    brackets: int
    depth: int  # deepest nesting, 0 without brackets
    alternative_sets: int
    attributed: int  # brackets with at least one attribution group
    objecting: tuple[str, ...]  # delegations with at least one objection
    words: int
    words_in_brackets: int  # words of text inside at least one bracket (groups not counted)

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "paragraphs": self.paragraphs,
            "brackets": self.brackets,
            "depth": self.depth,
            "alternative_sets": self.alternative_sets,
            "attributed": self.attributed,
            "objecting": list(self.objecting),
            "words": self.words,
            "words_in_brackets": self.words_in_brackets,
        }


def draft_stats(draft: Draft, path: str | None = None) -> DraftStats:
    """The figures of a parsed draft, in one walk over it."""
    source = draft.source
    depth = words = inside = 0
    for event in draft.walk():
        if isinstance(event, Enter):
            depth += 1
        elif isinstance(event, Leave):
            depth -= 1
        elif isinstance(event, Text):
            count = sum(1 for _ in _WORD.finditer(event.text))
            words += count
            if depth:
                inside += count
    objecting = {code for b in draft.brackets for code in b.objectors}
    objecting.update(code for p in draft.paragraphs for code in p.objectors)
    return DraftStats(
        path=path or draft.path or "<text>",
        paragraphs=sum(1 for p in draft.paragraphs if source[p.start : p.end].strip()),
        brackets=len(draft.brackets),
        depth=max((b.depth for b in draft.brackets), default=0),
        alternative_sets=sum(1 for b in draft.brackets if b.alternative and b.alternative[0] == 1),
        attributed=sum(1 for b in draft.brackets if b.groups),
        objecting=tuple(sorted(objecting)),
        words=words,
        words_in_brackets=inside,
    )


@dataclass(frozen=True, slots=True)
class StatsRun:
    """Figures for every draft read, and a diagnostic for every file that could not be."""

    files: tuple[DraftStats, ...]
    failures: tuple[Diagnostic, ...]

    @property
    def exit_status(self) -> int:
        return 1 if self.failures else 0

    @property
    def failed(self) -> tuple[str, ...]:
        """The files that could not be read, in order."""
        return tuple(dict.fromkeys(d.path or "" for d in self.failures))

    def failure_lines(self) -> list[str]:
        """One line per bad file: `file:line:col: error: message`, and how many more."""
        first: dict[str | None, tuple[Diagnostic, int]] = {}
        for d in self.failures:
            seen = first.get(d.path)
            first[d.path] = (seen[0], seen[1] + 1) if seen else (d, 1)
        lines = []
        for d, count in first.values():
            line = f"{d.path}: {d.severity}: {d.message}" if d.line == 0 else str(d)
            lines.append(line + (f" (and {count - 1} more)" if count > 1 else ""))
        return lines

    def as_json(self) -> dict[str, object]:
        return {
            "files": [f.as_json() for f in self.files],
            "errors": [d.as_json() for d in self.failures],
        }

    def render(self, form: str = "table") -> str:
        """What `brackets stats --format FORM` prints: one of STATS_FORMATS."""
        if form == "json":
            return json.dumps(self.as_json(), ensure_ascii=False, indent=2) + "\n"
        if form == "csv":
            return self.as_csv()
        if form == "table":
            return self.as_table()
        raise ValueError(f"unknown format {form!r}: use table, json or csv")

    def as_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
        writer.writerow(
            ["path", "paragraphs", "brackets", "depth", "alternative_sets", "attributed",
             "objecting", "words", "words_in_brackets"]
        )
        for f in self.files:
            writer.writerow(
                [f.path, f.paragraphs, f.brackets, f.depth, f.alternative_sets, f.attributed,
                 " ".join(f.objecting), f.words, f.words_in_brackets]
            )
        return out.getvalue()

    def as_table(self) -> str:
        """Fits 80 columns: long file names are shortened from the left."""
        head = f"{'FILE':<26}{'PARAS':>6}{'BRKTS':>7}{'DEPTH':>6}{'ALTS':>5}{'ATTR':>6}"
        head += f"{'OBJ':>4}{'WORDS IN []':>14}  "
        out = [head.rstrip(), "-" * 79]
        total = [0] * 7
        objecting: set[str] = set()
        names = _short_names([f.path for f in self.files])
        for f in self.files:
            name = names[f.path]
            name = name if len(name) <= 25 else "…" + name[-24:]
            share = f"{f.words_in_brackets} ({_percent(f.words_in_brackets, f.words)})"
            out.append(
                f"{name:<26}{f.paragraphs:>6}{f.brackets:>7}{f.depth:>6}{f.alternative_sets:>5}"
                f"{f.attributed:>6}{len(f.objecting):>4}{share:>14}"
            )
            figures = (f.paragraphs, f.brackets, f.depth, f.alternative_sets, f.attributed,
                       f.words, f.words_in_brackets)
            total = [max(a, b) if i == 2 else a + b for i, (a, b) in
                     enumerate(zip(total, figures, strict=True))]
            objecting.update(f.objecting)
        if len(self.files) > 1:
            share = f"{total[6]} ({_percent(total[6], total[5])})"
            out.append("-" * 79)
            out.append(
                f"{f'{len(self.files)} drafts':<26}{total[0]:>6}{total[1]:>7}{total[2]:>6}"
                f"{total[3]:>5}{total[4]:>6}{len(objecting):>4}{share:>14}"
            )
        for f in self.files:
            if f.objecting:
                line = f"{names[f.path]} objecting: {', '.join(f.objecting)}"
                out.append(line if len(line) < 80 else line[:78] + "…")
        if self.failures:
            out.append(f"{len(self.failed)} file(s) could not be read (see stderr)")
        return "\n".join(out) + "\n"


def _short_names(paths: list[str]) -> dict[str, str]:
    """Each path relative to the folder all of them share (just the name for one file)."""
    if len(paths) == 1:
        return {paths[0]: os.path.basename(paths[0])}
    try:
        common = os.path.commonpath([os.path.abspath(p) for p in paths])
    except ValueError:
        return {p: p for p in paths}
    return {p: os.path.relpath(os.path.abspath(p), common) for p in paths}


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def expand(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The paths, with each folder replaced by the drafts inside it (recursively, sorted)."""
    found: list[str] = []
    for path in paths:
        name = os.fspath(path)
        if os.path.isdir(name):
            found.extend(
                str(p)
                for p in sorted(Path(name).rglob("*"))
                if p.suffix.lower() in DRAFT_SUFFIXES and p.is_file()
                and not p.name.startswith((".", "~$"))
            )
        else:
            found.append(name)
    return found


def _one(path: str, options: dict[str, Any]) -> DraftStats | list[Diagnostic]:
    """Read and count one file; a failure comes back as diagnostics, never as an exception."""
    try:
        return draft_stats(read(path, **options), path)
    except DraftSyntaxError as exc:
        return list(exc.errors or exc.diagnostics)
    except BracketsError as exc:
        return list(exc.diagnostics)
    except Exception as exc:  # one broken file must not stop a whole session's figures
        return [Diagnostic("error", f"cannot read: {type(exc).__name__}: {exc}", 0, 0, path)]


def _task(job: tuple[str, dict[str, Any]]) -> DraftStats | list[Diagnostic]:
    return _one(*job)


#: The formats of `brackets stats --format`.
STATS_FORMATS = ("table", "json", "csv")


def collect(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    lenient: bool = False,
    registry: Registry | None = None,
    track_changes: str = "accept",
    notes: bool = False,
    progress: bool = False,
) -> StatsRun:
    """Figures for every draft in `paths` (files or folders), `jobs` processes at a time.

    `jobs` defaults to the number of cores (so does 0); 1 reads in this process. `progress` shows a
    progress bar on stderr (the command line asks for it only when stderr is a terminal).
    """
    given = [os.fspath(p) for p in paths]
    files = expand(given)
    empty = [
        Diagnostic("error", f"no drafts ({', '.join(DRAFT_SUFFIXES)}) in this folder", 0, 0, p)
        for p in given
        if os.path.isdir(p) and not expand([p])
    ]
    options = {
        "lenient": lenient,
        "registry": registry,
        "track_changes": track_changes,
        "notes": notes,
    }
    wanted = jobs if jobs and jobs > 0 else os.cpu_count() or 1
    workers = max(1, min(wanted, len(files)))
    results: list[DraftStats] = []
    failures: list[Diagnostic] = list(empty)
    for outcome in _progress(_run(files, options, workers), len(files), progress):
        if isinstance(outcome, DraftStats):
            results.append(outcome)
        else:
            failures.extend(outcome)
    return StatsRun(tuple(results), tuple(failures))


def _run(
    files: list[str], options: dict[str, Any], workers: int
) -> Iterator[DraftStats | list[Diagnostic]]:
    """Outcomes in the order of `files`."""
    jobs = [(path, options) for path in files]
    if workers == 1:
        yield from map(_task, jobs)
        return
    chunk = max(1, len(jobs) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_task, jobs, chunksize=chunk)


def _progress(
    outcomes: Iterator[DraftStats | list[Diagnostic]], total: int, show: bool
) -> Iterable[DraftStats | list[Diagnostic]]:
    if not show:
        return outcomes
    from tqdm import tqdm

    try:  # a terminal that reports no size (some ptys) would get no bar at all
        size = os.get_terminal_size(sys.stderr.fileno())
        columns, rows = size.columns or 80, size.lines or 24
    except (OSError, ValueError):
        columns, rows = 80, 24
    bar: Callable[..., Iterable[DraftStats | list[Diagnostic]]] = tqdm
    return bar(
        outcomes,
        total=total,
        unit="draft",
        desc="brackets stats",
        leave=False,
        ncols=columns,
        nrows=rows,
    )
