"""Delegation codes, a pass over the parsed draft: canonical identity and unknown codes.

The parser reads syntax and knows no registry; this pass hands it the registry's
`canonical` (so that "(+US)" and "(+USA)" are one delegation, the written code staying in each
`Attribution.source`) and adds a warning for every group naming a code the registry does not
know, with a suggestion. `parse` is the library's parse: syntax, then this pass, then, in
strict mode, the `DraftSyntaxError`.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from .errors import Diagnostic, DraftSyntaxError
from .model import ANONYMOUS, Draft, gc_paused
from .nearmiss import with_near_misses
from .parse import parse_syntax

if TYPE_CHECKING:
    from .delegations import Registry

__all__ = ["check_codes", "parse"]


def parse(
    text: str,
    *,
    lenient: bool = False,
    path: str | None = None,
    registry: Registry | None = None,
    encoding: str = "utf-8",
    bom: bool = False,
) -> Draft:
    """Parse a draft. Strict mode raises `DraftSyntaxError`; lenient mode never fails.

    Every diagnostic (errors first found in strict mode, warnings in both) is kept on the
    returned draft, with line and column. Codes are checked against `registry` (by default
    every UN member and observer, the groups and CICA's codes).
    """
    if registry is None:
        from .delegations import Registry

        registry = Registry.default()
    with gc_paused():
        draft = parse_syntax(
            text,
            lenient=lenient,
            path=path,
            canonical=registry.canonical,
            encoding=encoding,
            bom=bom,
        )
        draft = check_codes(draft, registry)
        draft = with_near_misses(draft, registry)
    if not lenient and any(d.severity == "error" for d in draft.diagnostics):
        raise DraftSyntaxError(draft.diagnostics, text)
    return draft


def check_codes(draft: Draft, registry: Registry) -> Draft:
    """The draft with a warning for each group entry naming a code `registry` does not know.

    One pass over the groups, bracket tails first then paragraph positions, and one
    suggestion per distinct unknown code, however many distinct codes a draft has.
    """
    known = registry.names
    unknown: dict[str, list[str]] = {}  # group source -> its unknown codes ([] when none)
    hints: dict[str, str | None] = {}
    found: list[Diagnostic] = []
    groups = [g for b in draft.brackets for g in b.groups]
    groups += [g for p in draft.paragraphs for g in p.groups]
    for group in groups:
        codes = unknown.get(group.source)
        if codes is None:
            codes = unknown[group.source] = [
                e.delegation
                for e in group.entries
                if e.delegation != ANONYMOUS and e.delegation not in known
            ]
        for code in codes:
            if code not in hints:
                hints[code] = registry.suggest(code)
            hint = hints[code]
            more = f"; did you mean {hint}?" if hint else ""
            line, column = draft.locate(group.start)
            found.append(
                Diagnostic(
                    "warning",
                    f"unknown delegation code {code}{more}",
                    line,
                    column,
                    draft.path,
                    "unknown-delegation",
                    group.start,
                    subject=code,
                )
            )
    if not found:
        return draft
    diagnostics = tuple(sorted((*draft.diagnostics, *found), key=lambda d: (d.line, d.column)))
    return dataclasses.replace(draft, diagnostics=diagnostics)
