"""The `brackets` command: argparse, then one library call and one renderer per command.

    check       report.check(paths)                    -> report.CHECK_FORMATS[format]
    objections  positions(read(path))                  -> report.POSITIONS_FORMATS[format]
    resolve     resolve(read(path), policy, ...)       -> .text, report.text_bytes or
                                                          docx.write_clean
    convert     read(path).to_text()                   -> report.terminal_text or
                                                          report.text_bytes
    redline     docx.write_redline(read(path), out)
    report      report.render_html(read(path))          -> OUT.html
    stats       stats.collect(paths)                   -> .render(format)
    compare     compare(read(old), read(new))         -> .to_criticmarkup(), .render(out)
                                                          or .summary().to_text()/.to_json()

Bad input prints diagnostics (`report.diagnostics_of`) and exits 1, never a traceback.
"""

from __future__ import annotations

import argparse
import calendar
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone

from . import __version__
from .compare import COMPARE_EXTENSIONS, compare
from .delegations import Registry
from .docx import NEUTRAL_AUTHOR, unwritable_warnings, write_clean, write_redline
from .errors import Diagnostic, DraftSyntaxError, InputError
from .inputs import read
from .model import Draft
from .output import DOCX_EXTENSIONS, TEXT_EXTENSIONS, check_output, write_output
from .positions import positions
from .report import (
    CHECK_FORMATS,
    INPUT_ERRORS,
    POSITIONS_FORMATS,
    check,
    diagnostics_of,
    diagnostics_text,
    render_html,
    terminal_text,
    text_bytes,
)
from .report.check import grouped
from .resolve import POLICIES, resolve
from .stats import STATS_FORMATS, collect

#: What -o may end in, by command (check and objections: by --format).
OUTPUT_EXTENSIONS = {
    "resolve": (*TEXT_EXTENSIONS, *DOCX_EXTENSIONS),
    "convert": TEXT_EXTENSIONS,
    "redline": DOCX_EXTENSIONS,
    "text": (".txt",),
    "table": (".txt",),
    "json": (".json",),
    "csv": (".csv",),
    "compare": COMPARE_EXTENSIONS,
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
    draft = read(
        path or args.path,
        lenient=args.lenient,
        registry=args.registry,
        track_changes=args.track_changes,
        notes=args.notes,
        editors=args.editor,
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
    return OUTPUT_EXTENSIONS[
        args.format if args.command in ("check", "objections") else args.command
    ]


def _to_stdout(args: argparse.Namespace) -> bool:
    return getattr(args, "output", None) in (None, "-")


def _check_output(args: argparse.Namespace) -> None:
    """Refuse a wrong -o (extension, an input of the run, read-only...) before any work."""
    if getattr(args, "output", None) is not None:
        try:
            check_output(
                args.output,
                inputs=_inputs(args),
                accepted=_accepted(args),
                binary=args.command == "redline",
            )
        except InputError as exc:
            raise _Failure([exc.diagnostic]) from None


def _write_output(args: argparse.Namespace, data: bytes) -> None:
    """Write to -o (standard output for `-` or no -o) through `output.write_output`."""
    out = "-" if _to_stdout(args) else args.output
    try:
        write_output(out, data, inputs=_inputs(args), accepted=_accepted(args))
    except InputError as exc:
        raise _Failure([exc.diagnostic]) from None
    except OSError as exc:
        raise _error(out, f"cannot write: {exc.strerror or exc}") from None


def _call_writer(
    args: argparse.Namespace, write: Callable[[], bytes], warnings: Sequence[Diagnostic] = ()
) -> None:
    """Run a writer, write the bytes it returns to -o, then print its warnings to stderr."""
    try:
        data = write()
    except InputError as exc:
        raise _Failure([exc.diagnostic]) from None
    except (OSError, ValueError) as exc:
        raise _error(args.output, str(exc)) from None
    _write_output(args, data)
    sys.stderr.write(diagnostics_text(warnings))


# -- commands -----------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    result = check(
        args.paths,
        lenient=args.lenient,
        registry=args.registry,
        track_changes=args.track_changes,
        notes=args.notes,
        editors=args.editor,
    )
    _write_output(args, CHECK_FORMATS[args.format](result.diagnostics).encode("utf-8"))
    return result.exit_code


def cmd_objections(args: argparse.Namespace) -> int:
    text = POSITIONS_FORMATS[args.format](positions(_load(args)))
    _write_output(args, text.encode("utf-8"))
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
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
    elif _to_stdout(args):
        _write_output(args, resolution.text.encode("utf-8"))
    else:
        _write_output(args, text_bytes(draft, resolution.text))
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    draft = _load(args)
    if _to_stdout(args):
        _write_output(args, terminal_text(draft.to_text()).encode("utf-8"))
    else:
        _write_output(args, text_bytes(draft, draft.to_text()))
    return 0


def cmd_redline(args: argparse.Namespace) -> int:
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
    _write_output(args, render_html(_load(args)).encode("utf-8"))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    run = collect(
        args.paths,
        jobs=args.jobs,
        lenient=args.lenient,
        registry=args.registry,
        track_changes=args.track_changes,
        notes=args.notes,
        progress=sys.stderr.isatty(),
    )
    sys.stdout.buffer.write(run.render(args.format).encode("utf-8"))
    sys.stdout.flush()
    for line in run.failure_lines():
        sys.stderr.write(line + "\n")
    return run.exit_status


def cmd_compare(args: argparse.Namespace) -> int:
    date = parse_date(args.date) if args.date else None
    comparison = compare(_load(args, args.old), _load(args, args.new))
    if not _to_stdout(args):
        author = args.author or os.path.basename(args.new)
        _call_writer(args, lambda: comparison.render(args.output, author=author, date=date))
    if args.summary:
        summary = comparison.summary()
        text = summary.to_json() if args.format == "json" else summary.to_text()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    elif _to_stdout(args):
        _write_output(args, comparison.to_criticmarkup().encode("utf-8"))
    return 0


_ISO_DATE = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,]\d+)?)?)?"
    r"(?:(Z)|([+-])(\d\d):?(\d\d))?\Z"
)


def parse_date(text: str) -> datetime:
    """An ISO date for `--date`; a wrong one says what is wrong with it."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    match = _ISO_DATE.match(text.strip())
    problem = "not an ISO date or time; write YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. 2026-11-23T10:00"
    if match:
        year, month, day, hour, minute, second = (int(g or 0) for g in match.groups()[:6])
        utc, sign, zone_hours, zone_minutes = match.groups()[6:]
        days = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        if not days:
            problem = f"there is no month {month} (months are 01 to 12)"
        elif not 1 <= day <= days:
            problem = f"{calendar.month_name[month]} {year} has {days} days, not {day}"
        elif hour > 23:
            problem = f"there is no hour {hour} (hours are 00 to 23)"
        elif minute > 59:
            problem = f"there is no minute {minute} (minutes are 00 to 59)"
        elif second > 59:
            problem = f"there is no second {second} (seconds are 00 to 59)"
        elif sign and (int(zone_hours) > 23 or int(zone_minutes) > 59):
            problem = "the time zone must be Z or +HH:MM / -HH:MM, less than 24 hours"
        else:
            offset = timedelta(hours=int(zone_hours or 0), minutes=int(zone_minutes or 0))
            zone = timezone(-offset if sign == "-" else offset) if utc or sign else None
            return datetime(year, month, day, hour, minute, second, tzinfo=zone)
    raise _error("brackets", f"--date {text}: {problem}")


# -- parser -------------------------------------------------------------------------------


class _HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Shows `(default: X)` for options that have a meaningful default."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default in (None, False, [], argparse.SUPPRESS):
            return action.help
        return super()._get_help_string(action)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="brackets",
        description="Parse, analyse and resolve bracketed negotiation drafts (text or .docx).",
        epilog="Run 'brackets COMMAND --help' for a command's options. Exit status: 0 on "
        "success, 1 on bad input or decisions (one line per problem), 2 on a misused option.",
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"brackets {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name, help=summary, description=description, formatter_class=_HelpFormatter
        )

    def draft_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--lenient",
            action="store_true",
            help="accept unmatched brackets and stray groups as text, with warnings",
        )
        sub.add_argument(
            "--delegations",
            metavar="FILE",
            help="extra delegation codes (UTF-8 lines 'CODE: name; alias; ...'), "
            "added to the default CICA list",
        )
        sub.add_argument(
            "--track-changes",
            choices=("accept", "reject", "brackets"),
            default="accept",
            help="Word input, tracked changes: accept: read the text as Word shows it with "
            "every change accepted; reject: read the original, every change rejected; "
            "brackets: each insertion becomes [...] (+AUTHOR) and each deletion [...] (-AUTHOR)",
        )
        sub.add_argument(
            "--notes",
            action="store_true",
            help="Word input: read footnotes and endnotes after the body",
        )
        sub.add_argument(
            "--editor",
            action="append",
            default=[],
            metavar="NAME",
            help="Word input, brackets mode: a Word author who is an editor (secretariat "
            "staff), not a delegation: their tracked changes are accepted as editorial; "
            "repeatable (also 'editor: NAME; NAME' lines in --delegations FILE)",
        )

    sub = command(
        "check",
        "report syntax errors and warnings",
        "Report syntax errors and warnings of each draft. Exit status 0 when there is no "
        "error (warnings are allowed), 1 otherwise.",
    )
    sub.add_argument("paths", nargs="+", metavar="PATH", help="drafts (.txt, .md or .docx)")
    sub.add_argument(
        "--format",
        choices=tuple(CHECK_FORMATS),
        default="text",
        help="text: one line per problem, PATH:LINE:COLUMN: severity: message; "
        "json: a list of {path, line, column, severity, message}",
    )
    sub.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT (.txt or .json) instead of stdout"
    )
    draft_options(sub)
    sub.set_defaults(run=cmd_check)

    sub = command(
        "objections",
        "who supports, objects to, reserves what",
        "Positions per bracket, per paragraph and per delegation, and the delegations "
        "objecting. The same as brackets.report.POSITIONS_FORMATS[format]"
        "(brackets.positions(draft)).",
    )
    sub.add_argument("path", metavar="PATH", help="the draft (.txt, .md or .docx)")
    sub.add_argument(
        "--format",
        choices=tuple(POSITIONS_FORMATS),
        default="table",
        help="table: for an 80-column terminal; json: brackets, paragraphs and delegations "
        "with every field; csv: one row per bracket and per paragraph position",
    )
    sub.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT (.txt, .json or .csv, as --format) instead of stdout",
    )
    draft_options(sub)
    sub.set_defaults(run=cmd_objections)

    sub = command(
        "resolve",
        "the accepted text under a policy and decisions",
        "The accepted text under a policy, after what-if decisions. Decisions must name "
        "delegations and brackets of the draft; a typo is an error with a suggestion.",
    )
    sub.add_argument("path", metavar="PATH", help="the draft (.txt, .md or .docx)")
    sub.add_argument(
        "--policy",
        choices=POLICIES,
        default="agreed",
        help="which bracketed text survives: agreed: none, only text outside every bracket; "
        "silence: brackets with no objection or reservation left; all: every bracket, and "
        "the first of each set of alternatives",
    )
    for flag, metavar, what in (
        (
            "--withdraw",
            "CODE",
            "remove a delegation's objections and reservations: a code (CHN), a name or "
            "alias (China), or '*' for anonymous tcb",
        ),
        ("--accept", "ID", "keep bracket bN or paragraph pN"),
        ("--reject", "ID", "drop bracket bN or paragraph pN"),
    ):
        sub.add_argument(
            flag,
            action="append",
            default=[],
            metavar=metavar,
            help=f"{what}; repeatable, or comma-separated (IRAN,CHN or b3,p28)",
        )
    sub.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT (.txt or .md in the input's encoding, or .docx); - for stdout",
    )
    draft_options(sub)
    sub.set_defaults(run=cmd_resolve)

    sub = command(
        "convert",
        "a Word draft as bracketed text",
        "A draft as bracketed text: for Word input, what Word shows, brackets included. "
        "Drafts are read leniently.",
    )
    sub.add_argument("path", metavar="IN", help="the draft (.docx, or text)")
    sub.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT (.txt or .md); - for stdout"
    )
    draft_options(sub)
    sub.set_defaults(run=cmd_convert, lenient=True)

    sub = command(
        "redline",
        "a Word document with tracked changes by delegation",
        "A Word document whose brackets are tracked insertions and whose positions are "
        "comments by delegation: Reject All gives the agreed text.",
    )
    sub.add_argument("path", metavar="IN", help="the draft (.txt, .md or .docx)")
    sub.add_argument(
        "-o",
        "--output",
        metavar="OUT.docx",
        required=True,
        help="the document (.docx), or - for stdout when it is not a terminal",
    )
    sub.add_argument(
        "--markup",
        choices=("tracked", "visible"),
        default="tracked",
        help="tracked: bracketed text as tracked insertions, positions as comments; "
        "visible: brackets and groups kept as text, each delegation in its own colour",
    )
    sub.add_argument(
        "--neutral-author",
        default=NEUTRAL_AUTHOR,
        help="author of the changes for brackets nobody supports",
    )
    sub.add_argument(
        "--date",
        help="date of the changes and comments, ISO form: 2026-11-23 or 2026-11-23T10:00 "
        "(default: now)",
    )
    draft_options(sub)
    sub.set_defaults(run=cmd_redline)

    sub = command(
        "compare",
        "what changed between two versions: redline and negotiation summary",
        "Compare two versions of a draft (text or .docx, in any combination): a word-level "
        "redline, and with --summary what changed in the negotiation, bracket by bracket and "
        "delegation by delegation. Without -o the redline goes to stdout as CriticMarkup. "
        "Versions are read leniently (a revision in progress may have unmatched brackets).",
    )
    sub.add_argument("old", metavar="OLD", help="the earlier version (.txt, .md or .docx)")
    sub.add_argument("new", metavar="NEW", help="the later version (.txt, .md or .docx)")
    sub.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write the redline to OUT, chosen by extension: .md (CriticMarkup), .html (one "
        "self-contained page), .json (the edit script and the summary), .docx (tracked "
        "changes; a copy of NEW when NEW is a .docx); - for stdout",
    )
    sub.add_argument(
        "--author", help="author of the changes (.docx, .html, .json; default: NEW's file name)"
    )
    sub.add_argument(
        "--date",
        help="date of the changes, ISO form: 2026-11-23 or 2026-11-23T10:00 (default: now)",
    )
    sub.add_argument(
        "--summary",
        action="store_true",
        help="print what changed in the negotiation: outcome of each bracket, positions added "
        "and withdrawn, paragraphs removed, added, renumbered and promoted",
    )
    sub.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="of --summary: text: sentences a delegate would write; json: brackets, "
        "paragraphs and delegations",
    )
    draft_options(sub)
    sub.set_defaults(run=cmd_compare, lenient=True)

    sub = command(
        "report",
        "a self-contained HTML positions report",
        "One HTML page (no network, no external resources): the draft with each bracket "
        "highlighted by its state, a sortable positions matrix with a filter by delegation, "
        "and counts at the top. Open it in a browser, print it, or send it by e-mail.",
    )
    sub.add_argument("path", metavar="DRAFT", help="the draft (.txt, .md or .docx)")
    sub.add_argument(
        "-o", "--output", metavar="OUT.html", required=True, help="the page (.html); - for stdout"
    )
    draft_options(sub)
    sub.set_defaults(run=cmd_report)

    sub = command(
        "stats",
        "figures per draft over many drafts (and folders)",
        "Figures per draft over a whole session of drafts, text and Word mixed; folders are "
        "searched for .txt, .md and .docx. A bad file is reported and the others still "
        "counted (exit status 1 at the end).",
    )
    sub.add_argument("paths", nargs="+", metavar="PATH", help="drafts and folders")
    sub.add_argument(
        "--format",
        choices=tuple(STATS_FORMATS),
        default="table",
        help="table: one row per draft, for a terminal; json: a list of objects; csv: one "
        "row per draft",
    )
    sub.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="drafts read in parallel by N processes (default: the number of cores)",
    )
    draft_options(sub)
    sub.set_defaults(run=cmd_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
