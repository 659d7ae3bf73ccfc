"""Figures over a session of drafts: per file the paragraphs, brackets, depth and positions.

`collect(paths)` reads text and Word drafts (mixed; folders are searched for them) in a
process pool, one file per task, so that one bad file is reported with its place and the
others are still counted. The result is plain data: `brackets.report.render(run, "table")`
(or "json", "csv") gives what the `brackets stats` command prints.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BracketsError, Diagnostic, DraftSyntaxError
from .inputs import read
from .model import Draft, Enter, Leave, Text
from .notation import brace_placeholders
from .positions import spellings

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
    brackets: int  # brackets holding disputed text: every bracket but the placeholders
    depth: int  # deepest nesting, 0 without brackets
    #: sets of alternatives: touching brackets, labelled alternatives, and sets of options
    alternative_sets: int
    attributed: int  # disputed brackets with at least one attribution group
    objecting: tuple[str, ...]  # delegations with at least one objection
    words: int
    words_in_brackets: int  # words inside at least one disputed bracket (groups not counted)
    options: int = 0  # options (`Option 1:` ...), in every set
    option_sets: int = 0
    placeholders: int = 0  # placeholder brackets (`[x]`, `[date]`) and braces (`{Placeholder …}`)
    #: Positions typed a way the notation does not read (`nearmiss`): shown on stderr.
    near_misses: tuple[Diagnostic, ...] = field(default=(), compare=False)

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
            "options": self.options,
            "option_sets": self.option_sets,
            "placeholders": self.placeholders,
        }


def draft_stats(draft: Draft, path: str | None = None) -> DraftStats:
    """The figures of a parsed draft, in one walk over it."""
    source = draft.source
    depth = words = inside = braces = 0
    for event in draft.walk():
        if isinstance(event, Enter):
            depth += not event.bracket.placeholder
        elif isinstance(event, Leave):
            depth -= not event.bracket.placeholder
        elif isinstance(event, Text):
            count = sum(1 for _ in _WORD.finditer(event.text))
            words += count
            braces += brace_placeholders(event.text)
            if depth:
                inside += count
    disputed = draft.disputed
    shown = spellings(draft)  # each delegation as the draft names it
    objecting = {shown.get(code, code) for b in draft.brackets for code in b.objectors}
    objecting.update(shown.get(code, code) for p in draft.paragraphs for code in p.objectors)
    return DraftStats(
        near_misses=tuple(d for d in draft.diagnostics if d.code == "near-miss-group"),
        path=path or draft.path or "<text>",
        paragraphs=sum(1 for p in draft.paragraphs if source[p.start : p.end].strip()),
        brackets=len(disputed),
        depth=max((b.depth for b in draft.brackets), default=0),
        alternative_sets=sum(1 for b in draft.brackets if b.alternative and b.alternative[0] == 1)
        + len(draft.option_sets),
        attributed=sum(1 for b in disputed if b.groups),
        objecting=tuple(sorted(objecting)),
        words=words,
        words_in_brackets=inside,
        options=len(draft.options),
        option_sets=len(draft.option_sets),
        placeholders=len(draft.brackets) - len(disputed) + braces,
    )


@dataclass(frozen=True, slots=True)
class StatsRun:
    """Figures for every draft read, and a diagnostic for every file that could not be."""

    files: tuple[DraftStats, ...]
    failures: tuple[Diagnostic, ...]
    #: Files that strict parsing refused (the command line then hints at --lenient).
    refused: tuple[str, ...] = ()

    @property
    def exit_status(self) -> int:
        return 1 if self.failures else 0

    @property
    def failed(self) -> tuple[str, ...]:
        """The files that could not be read, in order."""
        return tuple(dict.fromkeys(d.path or "" for d in self.failures))

    def as_json(self) -> dict[str, object]:
        return {
            "files": [f.as_json() for f in self.files],
            "errors": [d.as_json() for d in self.failures],
        }


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


@dataclass(frozen=True, slots=True)
class _Refused:
    """A file strict parsing refused, with its errors."""

    diagnostics: list[Diagnostic]


_Outcome = DraftStats | _Refused | list[Diagnostic]


def _one(path: str, options: dict[str, Any]) -> _Outcome:
    """Read and count one file; a failure comes back as diagnostics, never as an exception."""
    try:
        return draft_stats(read(path, **options), path)
    except DraftSyntaxError as exc:
        return _Refused(list(exc.errors or exc.diagnostics))
    except BracketsError as exc:
        return list(exc.diagnostics)
    except Exception as exc:  # one broken file must not stop a whole session's figures
        return [Diagnostic("error", f"cannot read: {type(exc).__name__}: {exc}", 0, 0, path)]


def _task(job: tuple[str, dict[str, Any]]) -> _Outcome:
    return _one(*job)


def collect(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    lenient: bool = False,
    registry: Registry | None = None,
    track_changes: str = "accept",
    notes: bool = False,
    comments: bool = True,
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
        "comments": comments,
    }
    wanted = jobs if jobs and jobs > 0 else os.cpu_count() or 1
    workers = max(1, min(wanted, len(files)))
    results: list[DraftStats] = []
    failures: list[Diagnostic] = list(empty)
    refused: list[str] = []
    for path, outcome in zip(
        files, _progress(_run(files, options, workers), len(files), progress), strict=True
    ):
        if isinstance(outcome, DraftStats):
            results.append(outcome)
        elif isinstance(outcome, _Refused):
            refused.append(path)
            failures.extend(outcome.diagnostics)
        else:
            failures.extend(outcome)
    return StatsRun(tuple(results), tuple(failures), tuple(refused))


def _run(
    files: list[str], options: dict[str, Any], workers: int
) -> Iterator[_Outcome]:
    """Outcomes in the order of `files`."""
    jobs = [(path, options) for path in files]
    if workers == 1:
        yield from map(_task, jobs)
        return
    chunk = max(1, len(jobs) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_task, jobs, chunksize=chunk)


def _progress(
    outcomes: Iterator[_Outcome], total: int, show: bool
) -> Iterable[_Outcome]:
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
