"""The vocabulary of the command line: a command and its options as records (`Command`,
`Option`), the options every draft-reading command shares, the help formatter, and the
`--date` reader. `brackets.cli` builds argparse from its table of `Command`s.

Imports nothing heavy, so that `brackets --version` and `--help` stay fast (issue 19).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from .errors import Diagnostic, InputError

__all__ = [
    "DATE_HELP",
    "DRAFT",
    "DRAFT_OPTIONS",
    "POSITION_SOURCES",
    "Command",
    "HelpFormatter",
    "Option",
    "decision",
    "option",
    "parse_date",
]


@dataclass(frozen=True, slots=True)
class Option:
    """One `add_argument` call: its flags (or positional name) and keyword arguments."""

    flags: tuple[str, ...]
    settings: Mapping[str, Any] = field(default_factory=dict)


def option(*flags: str, **settings: Any) -> Option:
    return Option(flags, settings)


@dataclass(frozen=True, slots=True)
class Command:
    """A subcommand: its help, its options, and the function that runs it."""

    name: str
    summary: str
    description: str
    run: Callable[[argparse.Namespace], int]
    options: tuple[Option, ...]
    defaults: Mapping[str, Any] = field(default_factory=dict)


#: The options of every command that reads drafts (added after the command's own).
DRAFT_OPTIONS = (
    option(
        "--lenient",
        action="store_true",
        help="accept unmatched brackets and stray groups as text, with warnings",
    ),
    option(
        "--delegations",
        metavar="FILE",
        help="extra delegation codes (UTF-8 lines 'CODE: name; alias; ...'), added to the "
        "default registry (every UN member and observer, the EU, the negotiating groups and "
        "CICA's codes)",
    ),
    option(
        "--track-changes",
        choices=("accept", "reject", "brackets"),
        default="accept",
        help="Word input, tracked changes: accept: read the text as Word shows it with "
        "every change accepted; reject: read the original, every change rejected; "
        "brackets: each insertion becomes [...] (+AUTHOR) and each deletion [...] (-AUTHOR); "
        "comments are read in every mode",
    ),
    option(
        "--notes",
        action="store_true",
        help="Word input: read footnotes and endnotes after the body",
    ),
    option(
        "--no-comments",
        action="store_true",
        help="Word input: do not read comments (by default every comment is read, in every "
        "--track-changes mode, for the positions it states: 'US: delete \"shall\"')",
    ),
    option(
        "--editor",
        action="append",
        default=[],
        metavar="NAME",
        help="Word input, brackets mode: a Word author who is an editor (secretariat "
        "staff), not a delegation: their tracked changes are accepted as editorial; "
        "repeatable (also 'editor: NAME; NAME' lines in --delegations FILE)",
    ),
)
DRAFT = option("path", metavar="PATH", help="the draft (.txt, .md or .docx)")
DATE_HELP = "date of the changes, ISO form: 2026-11-23 or 2026-11-23T10:00 (default: now)"


def decision(flag: str, metavar: str, what: str) -> Option:
    return option(
        flag,
        action="append",
        default=[],
        metavar=metavar,
        help=f"{what}; repeatable, or comma-separated (IRAN,CHN or b3,p28)",
    )


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Shows `(default: X)` for options that have a meaningful default."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default in (None, False, [], argparse.SUPPRESS):
            return action.help
        return super()._get_help_string(action)


#: Where a draft's positions come from, said by every --help.
POSITION_SOURCES = (
    "Positions come from brackets and groups in the text ([text] (-USA)); in a Word draft also "
    "from tracked changes (--track-changes brackets) and from comments ('US: delete \"shall\"', "
    "read in every mode; --no-comments leaves them out)."
)


_ISO_DATE = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,]\d+)?)?)?"
    r"(?:(Z)|([+-])(\d\d):?(\d\d))?\Z"
)


def parse_date(text: str) -> datetime:
    """An ISO date for `--date`; a wrong one says what is wrong with it."""
    import calendar

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
    raise InputError(Diagnostic("error", f"--date {text}: {problem}", 0, 0, "brackets", "input"))
