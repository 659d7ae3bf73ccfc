"""The `brackets` command: a thin layer over the Python API.

Every command maps to one call: check -> `read`, objections -> `positions`, resolve ->
`resolve` (+ `docx.write_clean` for a .docx output), convert -> `read` + `Draft.to_text`,
redline -> `docx.write_redline`. Bad input prints diagnostics and exits 1, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TextIO

from .delegations import DelegationFileError, Registry
from .docx import NEUTRAL_AUTHOR, DocxError, write_clean, write_redline
from .files import InputError, read, write_atomic
from .model import Diagnostic, Draft, DraftSyntaxError
from .positions import Positions, positions
from .report import write_html
from .resolve import POLICIES, ResolutionError, resolve
from .stats import collect

WIDTH = 80


class _Failure(Exception):
    """Raised inside a command to stop with diagnostics and exit status 1."""

    def __init__(self, diagnostics: Sequence[Diagnostic | str]) -> None:
        self.diagnostics = diagnostics


def _load(args: argparse.Namespace, path: str) -> Draft:
    registry = _registry(args)
    try:
        return read(
            path,
            lenient=getattr(args, "lenient", False),
            registry=registry,
            track_changes=getattr(args, "track_changes", "accept"),
            notes=getattr(args, "notes", False),
        )
    except DraftSyntaxError as exc:
        raise _Failure(exc.diagnostics) from None
    except InputError as exc:
        raise _Failure([exc.diagnostic]) from None
    except DocxError as exc:
        raise _Failure([exc.location]) from None


def _registry(args: argparse.Namespace) -> Registry | None:
    file = getattr(args, "delegations", None)
    if not file:
        return None
    try:
        return Registry.from_file(file)
    except DelegationFileError as exc:
        raise _Failure([exc.diagnostic]) from None
    except OSError as exc:
        raise _Failure([f"{file}: error: cannot read delegation list: {exc.strerror}"]) from None


def _print_diagnostics(diagnostics: Sequence[Diagnostic | str], stream: TextIO) -> None:
    for diagnostic in diagnostics:
        if isinstance(diagnostic, Diagnostic) and diagnostic.line == 0:
            stream.write(f"{diagnostic.path}: {diagnostic.severity}: {diagnostic.message}\n")
        else:
            stream.write(f"{diagnostic}\n")


def _write_output(out: str, data: bytes, source: str) -> None:
    try:
        write_atomic(out, data, inputs=[source])
    except InputError as exc:
        raise _Failure([exc.diagnostic]) from None
    except OSError as exc:
        raise _Failure([f"{out}: error: cannot write: {exc.strerror or exc}"]) from None


# -- commands -----------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    found: list[Diagnostic] = []
    for path in args.paths:
        try:
            found.extend(_load(args, path).diagnostics)
        except _Failure as failure:
            for item in failure.diagnostics:
                found.append(
                    item
                    if isinstance(item, Diagnostic)
                    else Diagnostic("error", item.split(": error: ", 1)[-1], 0, 0, path, "input")
                )
    if args.format == "json":
        sys.stdout.write(
            json.dumps([d.as_json() for d in found], ensure_ascii=False, indent=2) + "\n"
        )
    else:
        _print_diagnostics(found, sys.stdout)
    return 1 if any(d.severity == "error" for d in found) else 0


def cmd_objections(args: argparse.Namespace) -> int:
    draft = _load(args, args.path)
    _print_diagnostics(draft.warnings, sys.stderr)
    report = positions(draft)
    if args.format == "json":
        sys.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        sys.stdout.write(_csv(report))
    else:
        sys.stdout.write(_table(report))
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    draft = _load(args, args.path)
    registry = _registry(args) or Registry.default()
    withdraw = [registry.code_for(name) or name for name in args.withdraw]
    try:
        resolution = resolve(
            draft, args.policy, withdraw=withdraw, accept=args.accept, reject=args.reject
        )
    except ResolutionError as exc:
        raise _Failure([f"brackets: error: {exc}"]) from None
    _print_diagnostics([*draft.warnings, *resolution.warnings], sys.stderr)
    if args.output and args.output.lower().endswith(".docx"):
        _call_writer(lambda: write_clean(draft, resolution, args.output), args.output)
    elif args.output:
        _write_output(args.output, _encode(draft, resolution.text), args.path)
    else:
        sys.stdout.buffer.write(resolution.text.encode("utf-8"))
        sys.stdout.flush()
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    draft = _load(args, args.path)
    _print_diagnostics(draft.warnings, sys.stderr)
    if args.output:
        _write_output(args.output, _encode(draft, draft.to_text()), args.path)
    else:
        sys.stdout.buffer.write(draft.to_text().encode("utf-8"))
        sys.stdout.flush()
    return 0


def cmd_redline(args: argparse.Namespace) -> int:
    draft = _load(args, args.path)
    _print_diagnostics(draft.warnings, sys.stderr)
    date = None
    if args.date:
        try:
            date = datetime.fromisoformat(args.date)
        except ValueError:
            raise _Failure(
                [f"brackets: error: --date {args.date}: use ISO form, e.g. 2026-11-23T10:00"]
            ) from None
    _call_writer(
        lambda: write_redline(
            draft, args.output, neutral_author=args.neutral_author, date=date, markup=args.markup
        ),
        args.output,
    )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    draft = _load(args, args.path)
    _print_diagnostics(draft.warnings, sys.stderr)
    _call_writer(lambda: write_html(draft, args.output), args.output)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    run = collect(
        args.paths,
        jobs=args.jobs,
        lenient=args.lenient,
        registry=_registry(args),
        track_changes=args.track_changes,
        notes=args.notes,
        progress=sys.stderr.isatty(),
    )
    sys.stdout.write(run.render(args.format))
    sys.stdout.flush()
    for line in run.failure_lines():
        sys.stderr.write(line + "\n")
    return run.exit_status


def _call_writer(write: Callable[[], None], output: str) -> None:
    try:
        write()
    except InputError as exc:
        raise _Failure([exc.diagnostic]) from None
    except (OSError, ValueError) as exc:
        raise _Failure([f"{output}: error: {exc}"]) from None


def _encode(draft: Draft, text: str) -> bytes:
    """Text in the input's own encoding and byte order mark (UTF-8 for Word input)."""
    if draft.origin is not None:
        return text.encode("utf-8")
    data = text.encode(draft.encoding)
    return ("\ufeff".encode(draft.encoding) + data) if draft.bom else data


# -- reports ------------------------------------------------------------------------------


def _stances(
    supporters: Sequence[str], objectors: Sequence[str], reservations: Sequence[str]
) -> str:
    parts = [f"+{c}" for c in supporters] + [f"-{c}" for c in objectors]
    parts += ["tcb" if c == "*" else f"{c} tcb" for c in reservations]
    return ", ".join(parts)


def _table(report: Positions) -> str:
    out = io.StringIO()
    header = f"{'ID':<8}{'LINE:COL':<10}{'LABEL':<10}{'POSITIONS':<22}TEXT"
    out.write(header + "\n" + "-" * (WIDTH - 1) + "\n")
    text_width = WIDTH - 1 - 50
    for row in report.brackets:
        stances = textwrap.wrap(_stances(row.supporters, row.objectors, row.reservations), 21) or [
            ""
        ]
        snippet = " ".join(row.text.split())
        if len(snippet) > text_width:
            snippet = snippet[: text_width - 1] + "…"
        ident = " " * min(row.depth - 1, 2) + row.id
        where = f"{row.line}:{row.column}"
        label = (row.label or "")[:9]
        out.write(f"{ident:<7} {where:<9} {label:<9} {stances[0]:<21} {snippet}".rstrip() + "\n")
        for more in stances[1:]:
            out.write(f"{'':<28}{more}\n")
    own = [p for p in report.paragraphs if p.supporters or p.objectors or p.reservations]
    if own:
        out.write("\nParagraph positions\n")
        for para in own:
            stance = _stances(para.supporters, para.objectors, para.reservations)
            out.write(f"{para.id:<7}{(para.label or ''):<11}{stance}\n")
    open_rows = [p for p in report.paragraphs if p.open_by]
    if open_rows:
        out.write("\nKept open by\n")
        for para in open_rows:
            where = f"line {para.line}" + (f" (para {para.label})" if para.label else "")
            out.write(
                textwrap.fill(
                    ", ".join(para.open_by),
                    WIDTH - 1,
                    initial_indent=f"{where:<26}",
                    subsequent_indent=" " * 26,
                )
                + "\n"
            )
    out.write("\nDelegations\n")
    for code, held in sorted(report.delegations.items()):
        parts = []
        for name, ids in (
            ("supports", held.supports),
            ("objects to", held.objects),
            ("reserves", held.reserves),
        ):
            if ids:
                parts.append(f"{name} {', '.join(ids)}")
        out.write(
            textwrap.fill(
                "; ".join(parts),
                WIDTH - 1,
                initial_indent=f"  {code:<8}",
                subsequent_indent=" " * 10,
            )
            + "\n"
        )
    objecting = ", ".join(report.objecting) or "none"
    out.write(textwrap.fill(f"Delegations objecting: {objecting}", WIDTH - 1) + "\n")
    return out.getvalue()


def _csv(report: Positions) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "id",
            "line",
            "column",
            "depth",
            "label",
            "supporters",
            "objectors",
            "reservations",
            "text",
        ]
    )
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
            ]
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
                ]
            )
    return out.getvalue()


# -- parser -------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="brackets",
        description="Parse, analyse and resolve bracketed negotiation drafts (text or .docx).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def draft_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--lenient",
            action="store_true",
            help="accept unmatched brackets and stray groups as text, with warnings",
        )
        sub.add_argument(
            "--delegations",
            metavar="FILE",
            help="extra delegation codes: lines 'CODE: name; alias; ...'",
        )
        sub.add_argument(
            "--track-changes",
            choices=("accept", "reject", "brackets"),
            default="accept",
            help="Word input: how to read tracked changes",
        )
        sub.add_argument(
            "--notes",
            action="store_true",
            help="Word input: read footnotes and endnotes after the body",
        )

    check = commands.add_parser("check", help="report syntax errors and warnings")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", choices=("text", "json"), default="text")
    draft_options(check)
    check.set_defaults(run=cmd_check)

    objections = commands.add_parser("objections", help="who supports, objects to, reserves what")
    objections.add_argument("path", metavar="PATH")
    objections.add_argument("--format", choices=("table", "json", "csv"), default="table")
    draft_options(objections)
    objections.set_defaults(run=cmd_objections)

    res = commands.add_parser("resolve", help="the accepted text under a policy and decisions")
    res.add_argument("path", metavar="PATH")
    res.add_argument("--policy", choices=POLICIES, default="agreed")
    res.add_argument(
        "--withdraw",
        action="append",
        default=[],
        metavar="CODE",
        help="remove CODE's objections and reservations (repeatable)",
    )
    res.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="ID",
        help="keep bracket bN or paragraph pN (repeatable)",
    )
    res.add_argument(
        "--reject",
        action="append",
        default=[],
        metavar="ID",
        help="drop bracket bN or paragraph pN (repeatable)",
    )
    res.add_argument("-o", "--output", metavar="OUT", help="write here (.txt or .docx), not stdout")
    draft_options(res)
    res.set_defaults(run=cmd_resolve)

    convert = commands.add_parser("convert", help="a Word draft as bracketed text")
    convert.add_argument("path", metavar="IN")
    convert.add_argument("-o", "--output", metavar="OUT")
    draft_options(convert)
    convert.set_defaults(run=cmd_convert, lenient=True)

    redline = commands.add_parser(
        "redline", help="a Word document with tracked changes by delegation"
    )
    redline.add_argument("path", metavar="IN")
    redline.add_argument("-o", "--output", metavar="OUT.docx", required=True)
    redline.add_argument("--markup", choices=("tracked", "visible"), default="tracked")
    redline.add_argument(
        "--neutral-author",
        default=NEUTRAL_AUTHOR,
        help=f"author of brackets nobody supports (default: {NEUTRAL_AUTHOR})",
    )
    redline.add_argument("--date", help="revision date, ISO form (default: now)")
    draft_options(redline)
    redline.set_defaults(run=cmd_redline)

    report = commands.add_parser("report", help="a self-contained HTML positions report")
    report.add_argument("path", metavar="DRAFT")
    report.add_argument("-o", "--output", metavar="OUT.html", required=True)
    draft_options(report)
    report.set_defaults(run=cmd_report)

    stats = commands.add_parser("stats", help="figures per draft over many drafts (and folders)")
    stats.add_argument("paths", nargs="+", metavar="PATH")
    stats.add_argument("--format", choices=("table", "json", "csv"), default="table")
    stats.add_argument(
        "--jobs", type=int, default=None, metavar="N", help="processes (default: the cores)"
    )
    draft_options(stats)
    stats.set_defaults(run=cmd_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except _Failure as failure:
        _print_diagnostics(failure.diagnostics, sys.stderr)
        return 1
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
