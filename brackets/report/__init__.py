"""What the commands print, as library calls: a script gets exactly what a command shows.

Each command of `brackets` is one library call plus one renderer from here (black's
`report.py` beside `format_str` is the model): the result of a run is a small object, and
rendering it is a pure function to `str` (or `bytes` for files).

>>> import brackets
>>> from brackets.report import positions_csv
>>> draft = brackets.parse("Promote [tolerance] (-CHN) and dialogue.")
>>> for row in positions_csv(brackets.positions(draft)).splitlines():
...     print(row)
id,line,column,depth,label,supporters,objectors,reservations,text
b1,1,9,1,,,CHN,,tolerance
"""

from .check import (
    CHECK_FORMATS,
    INPUT_ERRORS,
    CheckReport,
    check,
    diagnostic_line,
    diagnostics_json,
    diagnostics_of,
    diagnostics_text,
)
from .html import render_html, write_html
from .positions import (
    POSITIONS_FORMATS,
    WIDTH,
    positions_csv,
    positions_json,
    positions_table,
    stances,
)
from .text import terminal_text, text_bytes

__all__ = [
    "CHECK_FORMATS",
    "INPUT_ERRORS",
    "POSITIONS_FORMATS",
    "WIDTH",
    "CheckReport",
    "check",
    "diagnostic_line",
    "diagnostics_json",
    "diagnostics_of",
    "diagnostics_text",
    "positions_csv",
    "positions_json",
    "positions_table",
    "render_html",
    "stances",
    "terminal_text",
    "text_bytes",
    "write_html",
]
