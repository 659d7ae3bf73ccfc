"""The `brackets` command: a table of commands and options for argparse, then one library
call and one `brackets.report.render` per command; only this module writes files.

    check       report.check(paths)                  -> render(report, format)
    objections  positions(read(path))                -> render(positions, format)
    resolve     resolve(read(path), policy, ...)     -> render(resolution, "text"/"encoded"),
                                                        or docx.write_clean for OUT.docx
    convert     read(path)                           -> render(draft, "text"/"encoded")
    redline     docx.write_redline(read(path), out)
    report      read(path)                           -> render(draft, "html")
    stats       stats.collect(paths)                 -> render(run, format)
    compare     compare(read(old), read(new))        -> render(comparison, "md"/"html"/...),
                                                        render(comparison.summary(), format)
    history     history([read(v) for v in versions]) -> render(history, format or by -o)

Bad input prints diagnostics (`report.diagnostics_of`) and exits 1, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .arguments import (
    DATE_HELP,
    DRAFT,
    DRAFT_OPTIONS,
    POSITION_SOURCES,
    Command,
    HelpFormatter,
    decision,
    option,
    parse_date,
)
from .errors import Diagnostic, DraftSyntaxError, InputError

if TYPE_CHECKING:
    from .model import Draft

# The command table names its choices as literals, so that `brackets --version` and `--help`
# load neither the grammar nor the Word writers (issue 19); each command imports what it
# runs. tests/test_cli.py checks them against `report.formats`, `resolve.POLICIES` and
# `compare.COMPARE_EXTENSIONS`, `docx.NEUTRAL_AUTHOR`.
CHECK_FORMATS = ("text", "json")
POSITIONS_FORMATS = ("table", "json", "csv")
SUMMARY_FORMATS = ("text", "json")
HISTORY_FORMATS = ("text", "json")
STATS_FORMATS = ("table", "json", "csv")
POLICIES = ("agreed", "silence", "all")
COMPARE_EXTENSIONS = (".md", ".html", ".json", ".docx")
NEUTRAL_AUTHOR = "Unattributed"

#: What -o may end in, by command (check and objections: by --format); the names in capitals
#: stand for the extensions `output` defines.
OUTPUT_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "resolve": ("TEXT_EXTENSIONS", "DOCX_EXTENSIONS"),
    "convert": ("TEXT_EXTENSIONS",),
    "redline": ("DOCX_EXTENSIONS",),
    "text": (".txt",),
    "table": (".txt",),
    "json": (".json",),
    "csv": (".csv",),
    "compare": COMPARE_EXTENSIONS,
    "history": (".html", ".htm", ".json", ".md"),
    "report": (".html", ".htm"),
}
LENIENT_HINT = (
    "brackets: hint: the draft was read strictly; add --lenient to read unmatched brackets "
    "and stray groups as text, with warnings"
)


class _Failure(Exception):
    """Raised inside a command to stop with diagnostics and exit status 1."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = diagnostics


def _error(path: str, message: str) -> _Failure:
    return _Failure([Diagnostic("error", message, 0, 0, path)])


def _load(args: argparse.Namespace, path: str | None = None) -> Draft:
    """The draft named on the command line (or `path`); its warnings go to stderr."""
    from .inputs import read
    from .report import diagnostics_text
    from .report.check import grouped

    draft = read(
        path or args.path,
        lenient=args.lenient,
        registry=args.registry,
        track_changes=args.track_changes,
        notes=args.notes,
        editors=args.editor,
        comments=not args.no_comments,
    )
    sys.stderr.write(diagnostics_text(grouped(draft.warnings)))
    return draft


def _inputs(args: argparse.Namespace) -> list[str]:
    """Every file the run reads: an output may name none of them."""
    paths = getattr(args, "paths", None) or [
        path for path in (getattr(args, name, None) for name in ("path", "old", "new")) if path
    ]
    return [*paths, *([args.delegations] if getattr(args, "delegations", None) else [])]


def _accepted(args: argparse.Namespace) -> tuple[str, ...]:
    from .output import DOCX_EXTENSIONS, TEXT_EXTENSIONS

    kinds = {"TEXT_EXTENSIONS": TEXT_EXTENSIONS, "DOCX_EXTENSIONS": DOCX_EXTENSIONS}
    named = OUTPUT_EXTENSIONS[
        args.format if args.command in ("check", "objections") else args.command
    ]
    return tuple(extension for name in named for extension in kinds.get(name, (name,)))


def _to_stdout(args: argparse.Namespace) -> bool:
    return getattr(args, "output", None) in (None, "-")


def _check_output(args: argparse.Namespace) -> None:
    """Refuse a wrong -o (extension, an input of the run, read-only...) before any work."""
    if getattr(args, "output", None) is not None:
        from .output import check_output

        try:
            check_output(
                args.output,
                inputs=_inputs(args),
                accepted=_accepted(args),
                binary=args.command == "redline",
            )
        except InputError as exc:
            raise _Failure([exc.diagnostic]) from None


def _write_output(args: argparse.Namespace, data: str | bytes) -> None:
    """Write to -o (standard output for `-` or no -o) through `output.write_output`."""
    from .output import write_output

    out = "-" if _to_stdout(args) else args.output
    try:
        write_output(out, _utf8(data), inputs=_inputs(args), accepted=_accepted(args))
    except InputError as exc:
        raise _Failure([exc.diagnostic]) from None
    except OSError as exc:
        raise _error(out, f"cannot write: {exc.strerror or exc}") from None


def _utf8(data: str | bytes) -> bytes:
    """What `render` returned, as bytes: text is written as UTF-8."""
    return data.encode("utf-8") if isinstance(data, str) else data


def _call_writer(
    args: argparse.Namespace, write: Callable[[], bytes], warnings: Sequence[Diagnostic] = ()
) -> None:
    """Run a writer, write the bytes it returns to -o, then print its warnings to stderr."""
    from .report import INPUT_ERRORS, diagnostics_of, diagnostics_text

    try:
        data = write()
    except INPUT_ERRORS as exc:  # a bad input found while writing names that input
        raise _Failure(diagnostics_of(exc)) from None
    except (OSError, ValueError) as exc:
        raise _error(args.output, str(exc)) from None
    _write_output(args, data)
    sys.stderr.write(diagnostics_text(warnings))


def render(result: object, format: str, **options: Any) -> str | bytes:
    """`brackets.report.render`, imported on first use: it loads the grammar and writers."""
    from .report.render import render as render_result

    return render_result(result, format, **options)


# -- commands -----------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    from .report import check

    result = check(
        args.paths,
        lenient=args.lenient,
        registry=args.registry,
        track_changes=args.track_changes,
        notes=args.notes,
        editors=args.editor,
        comments=not args.no_comments,
    )
    _write_output(args, render(result, args.format))
    return result.exit_code


def cmd_objections(args: argparse.Namespace) -> int:
    from .positions import positions
    _write_output(args, render(positions(_load(args)), args.format))
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from .docx import unwritable_warnings, write_clean
    from .report import diagnostics_text
    from .report.check import grouped
    from .resolve import resolve

    draft = _load(args)
    resolution = resolve(
        draft,
        args.policy,
        withdraw=args.withdraw,
        accept=args.accept,
        reject=args.reject,
        registry=args.registry,
    )
    sys.stderr.write(diagnostics_text(grouped(resolution.warnings)))
    if args.output and args.output.lower().endswith(".docx"):
        _call_writer(
            args,
            lambda: write_clean(draft, resolution, name=args.output),
            unwritable_warnings(draft, resolution.deletions),
        )
    else:
        _write_output(args, render(resolution, "text" if _to_stdout(args) else "encoded"))
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    _write_output(args, render(_load(args), "text" if _to_stdout(args) else "encoded"))
    return 0


def cmd_redline(args: argparse.Namespace) -> int:
    from .docx import unwritable_warnings, write_redline

    date = parse_date(args.date) if args.date else None
    draft = _load(args)
    _call_writer(
        args,
        lambda: write_redline(
            draft,
            neutral_author=args.neutral_author,
            date=date,
            markup=args.markup,
            name=args.output,
        ),
        unwritable_warnings(draft),
    )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    _write_output(args, render(_load(args), "html"))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from .report import diagnostics_text, failure_lines
    from .stats import collect

    run = collect(
        args.paths,
        jobs=args.jobs,
        lenient=args.lenient,
        registry=args.registry,
        track_changes=args.track_changes,
        notes=args.notes,
        comments=not args.no_comments,
        progress=sys.stderr.isatty(),
    )
    sys.stdout.buffer.write(_utf8(render(run, args.format)))
    sys.stdout.flush()
    sys.stderr.write(diagnostics_text([d for f in run.files for d in f.near_misses]))
    for line in failure_lines(run):
        sys.stderr.write(line + "\n")
    if run.refused and not args.lenient:
        sys.stderr.write(LENIENT_HINT + "\n")
    return run.exit_status


def cmd_compare(args: argparse.Namespace) -> int:
    from .compare import compare

    date = parse_date(args.date) if args.date else None
    comparison = compare(_load(args, args.old), _load(args, args.new))
    if not _to_stdout(args):
        author = args.author or os.path.basename(args.new)
        form = _compare_format(args.output)
        options: dict[str, Any] = {"author": author, "date": date}
        if form == "docx":
            options["name"] = args.output
        _call_writer(args, lambda: _utf8(render(comparison, form, **options)))
    if args.summary:
        sys.stdout.buffer.write(_utf8(render(comparison.summary(), args.format)))
        sys.stdout.flush()
    elif _to_stdout(args):
        _write_output(args, render(comparison, "md"))
    return 0


def _compare_format(output: str) -> str:
    """The format `compare -o OUT` writes: by OUT's extension; a device, FIFO or standard
    output without a known one takes the default, CriticMarkup (md)."""
    from .compare import COMPARE_EXTENSIONS
    from .output import takes_any_content

    suffix = os.path.splitext(output)[1].lower()
    if suffix in COMPARE_EXTENSIONS or not takes_any_content(output):
        return suffix.lstrip(".")
    return "md"


def cmd_history(args: argparse.Namespace) -> int:
    from .timeline import history

    result = history([_load(args, path) for path in args.paths])
    if _to_stdout(args):
        _write_output(args, render(result, args.format))
    else:
        from .output import takes_any_content

        form = os.path.splitext(args.output)[1].lower().lstrip(".")
        if f".{form}" not in OUTPUT_EXTENSIONS["history"] and takes_any_content(args.output):
            form = args.format  # a device or FIFO: the format standard output gets
        _write_output(args, render(result, {"htm": "html"}.get(form, form)))
    return 0


# -- the command table -----------------------------------------------------------------------


COMMANDS: tuple[Command, ...] = (
    Command(
        "check",
        "report syntax errors and warnings",
        "Report syntax errors and warnings of each draft. Exit status 0 when there is no "
        "error (warnings are allowed), 1 otherwise.",
        cmd_check,
        (
            option("paths", nargs="+", metavar="PATH", help="drafts (.txt, .md or .docx)"),
            option(
                "--format",
                choices=CHECK_FORMATS,
                default="text",
                help="text: one line per problem, PATH:LINE:COLUMN: severity: message; "
                "json: a list of {path, line, column, severity, message}",
            ),
            option(
                "-o",
                "--output",
                metavar="OUT",
                help="write to OUT (.txt or .json) instead of stdout",
            ),
        ),
    ),
    Command(
        "objections",
        "who supports, objects to, reserves what",
        "Positions per bracket, per paragraph and per delegation, and the delegations "
        "objecting. The same as brackets.report.render(brackets.positions(draft), format).",
        cmd_objections,
        (
            DRAFT,
            option(
                "--format",
                choices=POSITIONS_FORMATS,
                default="table",
                help="table: for an 80-column terminal; json: brackets, paragraphs and "
                "delegations with every field; csv: one row per bracket and per paragraph "
                "position",
            ),
            option(
                "-o",
                "--output",
                metavar="OUT",
                help="write to OUT (.txt, .json or .csv, as --format) instead of stdout",
            ),
        ),
    ),
    Command(
        "resolve",
        "the accepted text under a policy and decisions",
        "The accepted text under a policy, after what-if decisions. Decisions must name "
        "delegations and brackets of the draft; a typo is an error with a suggestion.",
        cmd_resolve,
        (
            DRAFT,
            option(
                "--policy",
                choices=POLICIES,
                default="agreed",
                help="which bracketed text survives: agreed: none, only text outside every "
                "bracket; silence: brackets with no objection or reservation left; all: every "
                "bracket, and the first of each set of alternatives",
            ),
            decision(
                "--withdraw",
                "CODE",
                "remove a delegation's objections and reservations: a code (CHN), a name or "
                "alias (China), or '*' for anonymous tcb",
            ),
            decision("--accept", "ID", "keep bracket bN, option oN.K or paragraph pN"),
            decision("--reject", "ID", "drop bracket bN, option oN.K or paragraph pN"),
            option(
                "-o",
                "--output",
                metavar="OUT",
                help="write to OUT (.txt or .md in the input's encoding, or .docx); - for stdout",
            ),
        ),
    ),
    Command(
        "convert",
        "a Word draft as bracketed text",
        "A draft as bracketed text: for Word input, what Word shows, brackets included. "
        "Drafts are read leniently.",
        cmd_convert,
        (
            option("path", metavar="IN", help="the draft (.docx, or text)"),
            option(
                "-o", "--output", metavar="OUT", help="write to OUT (.txt or .md); - for stdout"
            ),
        ),
        {"lenient": True},
    ),
    Command(
        "redline",
        "a Word document with tracked changes by delegation",
        "A Word document whose brackets are tracked insertions and whose positions are "
        "comments by delegation: Reject All gives the agreed text.",
        cmd_redline,
        (
            option("path", metavar="IN", help="the draft (.txt, .md or .docx)"),
            option(
                "-o",
                "--output",
                metavar="OUT.docx",
                required=True,
                help="the document (.docx), or - for stdout when it is not a terminal",
            ),
            option(
                "--markup",
                choices=("tracked", "visible"),
                default="tracked",
                help="tracked: bracketed text as tracked insertions, positions as comments; "
                "visible: brackets and groups kept as text, each delegation in its own colour",
            ),
            option(
                "--neutral-author",
                default=NEUTRAL_AUTHOR,
                help="author of the changes for brackets nobody supports",
            ),
            option(
                "--date",
                help="date of the changes and comments, ISO form: 2026-11-23 or "
                "2026-11-23T10:00 (default: now)",
            ),
        ),
    ),
    Command(
        "compare",
        "what changed between two versions: redline and negotiation summary",
        "Compare two versions of a draft (text or .docx, in any combination): a word-level "
        "redline, and with --summary what changed in the negotiation, bracket by bracket and "
        "delegation by delegation. Without -o the redline goes to stdout as CriticMarkup. "
        "Versions are read leniently (a revision in progress may have unmatched brackets).",
        cmd_compare,
        (
            option("old", metavar="OLD", help="the earlier version (.txt, .md or .docx)"),
            option("new", metavar="NEW", help="the later version (.txt, .md or .docx)"),
            option(
                "-o",
                "--output",
                metavar="OUT",
                help="write the redline to OUT, chosen by extension: .md (CriticMarkup), .html "
                "(one self-contained page), .json (the edit script and the summary), .docx "
                "(tracked changes; a copy of NEW when NEW is a .docx); - for stdout",
            ),
            option(
                "--author",
                help="author of the changes (.docx, .html, .json; default: NEW's file name)",
            ),
            option("--date", help=DATE_HELP),
            option(
                "--summary",
                action="store_true",
                help="print what changed in the negotiation: outcome of each bracket, positions "
                "added and withdrawn, paragraphs removed, added, renumbered and promoted",
            ),
            option(
                "--format",
                choices=SUMMARY_FORMATS,
                default="text",
                help="of --summary: text: sentences a delegate would write; json: brackets, "
                "paragraphs and delegations",
            ),
        ),
        {"lenient": True},
    ),
    Command(
        "history",
        "the life of every bracket across many versions",
        "The history of a negotiation from its versions, oldest first (text and .docx "
        "mixed, read leniently like compare): each bracket followed by its text from version "
        "to version (opened, positions added and withdrawn, reworded, split, merged, agreed, "
        "dropped, reopened), each delegation's trajectory, and per version the figures of "
        "'brackets stats'. Without -o it prints sentences (or JSON with --format json).",
        cmd_history,
        (
            option("paths", nargs="+", metavar="VERSION", help="the versions, oldest first"),
            option(
                "-o",
                "--output",
                metavar="OUT",
                help="write the history to OUT, chosen by extension: .html (one "
                "self-contained page: chart, swimlane, trajectories), .json, .md; - for stdout",
            ),
            option(
                "--format",
                choices=HISTORY_FORMATS,
                default="text",
                help="without -o: text: sentences; json: versions, brackets and delegations",
            ),
        ),
        {"lenient": True},
    ),
    Command(
        "report",
        "a self-contained HTML positions report",
        "One HTML page (no network, no external resources): the draft with each bracket "
        "highlighted by its state, a sortable positions matrix with a filter by delegation, "
        "and counts at the top. Open it in a browser, print it, or send it by e-mail.",
        cmd_report,
        (
            option("path", metavar="DRAFT", help="the draft (.txt, .md or .docx)"),
            option(
                "-o",
                "--output",
                metavar="OUT.html",
                required=True,
                help="the page (.html); - for stdout",
            ),
        ),
    ),
    Command(
        "stats",
        "figures per draft over many drafts (and folders)",
        "Figures per draft over a whole session of drafts, text and Word mixed; folders are "
        "searched for .txt, .md and .docx. A bad file is reported and the others still "
        "counted (exit status 1 at the end).",
        cmd_stats,
        (
            option("paths", nargs="+", metavar="PATH", help="drafts and folders"),
            option(
                "--format",
                choices=STATS_FORMATS,
                default="table",
                help="table: one row per draft, for a terminal; json: a list of objects; csv: "
                "one row per draft",
            ),
            option(
                "--jobs",
                type=int,
                default=None,
                metavar="N",
                help="drafts read in parallel by N processes (default: the number of cores)",
            ),
        ),
    ),
)


# -- parser -------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser of `COMMANDS`: each command's options, then `DRAFT_OPTIONS`."""
    parser = argparse.ArgumentParser(
        prog="brackets",
        description="Parse, analyse and resolve bracketed negotiation drafts (text or .docx).",
        epilog=f"{POSITION_SOURCES} Run 'brackets COMMAND --help' for a command's options. "
        "Exit status: 0 on success, 1 on bad input or decisions (one line per problem), 2 on "
        "a misused option.",
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"brackets {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        sub = subparsers.add_parser(
            command.name,
            help=command.summary,
            description=command.description,
            epilog=POSITION_SOURCES,
            formatter_class=HelpFormatter,
        )
        for each in (*command.options, *DRAFT_OPTIONS):
            sub.add_argument(*each.flags, **each.settings)
        sub.set_defaults(run=command.run, **command.defaults)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from .delegations import Registry
    from .report import INPUT_ERRORS, diagnostics_of, diagnostics_text

    try:
        args.registry = Registry.from_file(args.delegations) if args.delegations else None
        _check_output(args)
        status: int = args.run(args)
    except _Failure as failure:
        sys.stderr.write(diagnostics_text(failure.diagnostics))
        return 1
    except INPUT_ERRORS as error:
        sys.stderr.write(diagnostics_text(diagnostics_of(error)))
        if isinstance(error, DraftSyntaxError) and not args.lenient:
            sys.stderr.write(LENIENT_HINT + "\n")
        return 1
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
