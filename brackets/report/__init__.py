"""What the commands print, as library calls: a script gets exactly what a command shows.

Each command of `brackets` is one library call plus `render(result, format)` (black's
`report.py` beside `format_str` is the model): the result of a run is plain data, and
rendering it is a pure function to `str` (or `bytes` for a Word document). Only the command
line writes files.

>>> import brackets
>>> from brackets.report import render
>>> draft = brackets.parse("Promote [tolerance] (-CHN) and dialogue.")
>>> for row in render(brackets.positions(draft), "csv").splitlines():
...     print(row)
id,line,column,depth,label,supporters,objectors,reservations,text,kind
b1,1,9,1,,,CHN,,tolerance,bracket
"""

from .check import (
    INPUT_ERRORS,
    CheckReport,
    check,
    diagnostics_json,
    diagnostics_of,
    diagnostics_text,
)
from .comparison import (
    comparison_docx_bytes,
    comparison_html,
    comparison_json,
    comparison_markup,
)
from .history import history_html, history_json, history_markdown, history_text
from .html import render_html
from .positions import WIDTH, positions_csv, positions_json, positions_table, stances
from .render import RENDERERS, formats, render
from .stats import failure_lines, stats_csv, stats_json, stats_table
from .summary import summary_json, summary_sections, summary_text
from .text import terminal_text, text_bytes

__all__ = [
    "INPUT_ERRORS",
    "RENDERERS",
    "WIDTH",
    "CheckReport",
    "check",
    "comparison_docx_bytes",
    "comparison_html",
    "comparison_json",
    "comparison_markup",
    "diagnostics_json",
    "diagnostics_of",
    "diagnostics_text",
    "failure_lines",
    "formats",
    "history_html",
    "history_json",
    "history_markdown",
    "history_text",
    "positions_csv",
    "positions_json",
    "positions_table",
    "render",
    "render_html",
    "stances",
    "stats_csv",
    "stats_json",
    "stats_table",
    "summary_json",
    "summary_sections",
    "summary_text",
    "terminal_text",
    "text_bytes",
]
