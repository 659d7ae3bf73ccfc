"""One renderer for every result: `render(result, format)` returns `str` or `bytes`.

Results are plain data (`CheckReport`, `Positions`, `StatsRun`, `Summary`, `History`,
`Comparison`, `Draft`, `Resolution`); the renderers are small functions chosen here by the
result's type and a format name, as markdown-it-py chooses a renderer by output format. Nothing here
writes a file: the command line writes what `render` returns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..compare import Comparison
from ..compare.summary import Summary
from ..model import Draft
from ..positions import Positions
from ..resolve import Resolution
from ..stats import StatsRun
from ..timeline import History
from .check import CheckReport, diagnostics_json, diagnostics_text
from .comparison import (
    comparison_docx_bytes,
    comparison_html,
    comparison_json,
    comparison_markup,
)
from .history import history_html, history_json, history_markdown, history_text
from .html import render_html
from .positions import positions_csv, positions_json, positions_table
from .stats import stats_csv, stats_json, stats_table
from .summary import summary_json, summary_text
from .text import draft_encoded, draft_text, resolution_encoded, resolution_text

__all__ = ["RENDERERS", "formats", "render"]

Renderer = Callable[..., "str | bytes"]


def check_text(report: CheckReport) -> str:
    """What `brackets check` prints: one line per problem."""
    return diagnostics_text(report.diagnostics)


def check_json(report: CheckReport) -> str:
    """What `brackets check --format json` prints: a list of diagnostics."""
    return diagnostics_json(report.diagnostics)


#: The renderers by result type, then format: the first format is the command's default.
RENDERERS: Mapping[type, Mapping[str, Renderer]] = {
    CheckReport: {"text": check_text, "json": check_json},
    Positions: {"table": positions_table, "json": positions_json, "csv": positions_csv},
    StatsRun: {"table": stats_table, "json": stats_json, "csv": stats_csv},
    Summary: {"text": summary_text, "json": summary_json},
    History: {
        "text": history_text,
        "json": history_json,
        "md": history_markdown,
        "html": history_html,
    },
    Comparison: {
        "md": comparison_markup,
        "html": comparison_html,
        "json": comparison_json,
        "docx": comparison_docx_bytes,
    },
    Draft: {"text": draft_text, "encoded": draft_encoded, "html": render_html},
    Resolution: {"text": resolution_text, "encoded": resolution_encoded},
}


def formats(kind: type) -> tuple[str, ...]:
    """The format names `render` accepts for results of type `kind`."""
    return tuple(RENDERERS[kind])


def render(result: object, format: str, **options: Any) -> str | bytes:
    """`result` in `format` (see `RENDERERS`): text as `str`, a Word document as `bytes`.

    `options` go to the renderer: `author`, `date` for a Comparison, `title` for HTML pages.

    >>> import brackets
    >>> render(brackets.positions(brackets.parse("[a] (-CHN)")), "csv").splitlines()[1]
    'b1,1,1,1,,,CHN,,a'
    """
    by_format = RENDERERS.get(type(result))
    if by_format is None:
        raise TypeError(f"no renderer for {type(result).__name__}")
    renderer = by_format.get(format)
    if renderer is None:
        raise ValueError(
            f"cannot render a {type(result).__name__} as {format!r}: "
            f"choose {', '.join(by_format)}"
        )
    return renderer(result, **options)
