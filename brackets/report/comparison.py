"""A `Comparison` rendered: CriticMarkup, one self-contained HTML page, JSON, or a Word redline.

The HTML page shows the summary first, then the redline.

No script, no external style sheet, font or image: the page opens the same anywhere,
offline. Insertions are `<ins>`, deletions `<del>`; the text keeps its line breaks
(`white-space: pre-wrap`).
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from html import escape

from ..compare import Comparison
from ..compare.script import to_criticmarkup
from ..docx.sourcemap import source_map
from .summary import summary_sections

__all__ = ["comparison_docx_bytes", "comparison_html", "comparison_json", "comparison_markup"]

_STYLE = """
body { font: 16px/1.5 Georgia, "Times New Roman", serif; margin: 2em auto; max-width: 60em;
       padding: 0 1em; color: #111; background: #fff; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.5em; }
.summary { background: #f6f6f2; border: 1px solid #ddd; padding: 0.5em 1em; }
.summary li { margin: 0.2em 0; }
.summary summary { cursor: pointer; font-weight: bold; margin: 0.4em 0; }
.redline { white-space: pre-wrap; overflow-wrap: anywhere; }
ins { color: #05612a; background: #e3f6e8; text-decoration: underline; }
del { color: #9b1c1c; background: #fbe5e5; text-decoration: line-through; }
.legend { color: #555; font-size: 0.9em; }
"""


#: A section of the summary with more sentences than this starts folded.
_OPEN_UP_TO = 25


def comparison_markup(
    comparison: Comparison, *, author: str | None = None, date: datetime | None = None
) -> str:
    """CriticMarkup of the edit script, line endings the drafts' own (`author` and `date` are
    not part of it): `apply_criticmarkup` gives NEW, or OLD backwards."""
    return to_criticmarkup(comparison.script)


def comparison_json(
    comparison: Comparison, *, author: str | None = None, date: datetime | None = None
) -> str:
    """The edit script (`{op, text, old: [start, end], new: [start, end]}`) and the summary."""
    data = {
        "old": comparison.old.path,
        "new": comparison.new.path,
        "author": author,
        "date": date.isoformat() if date else None,
        "script": [op.as_json() for op in comparison.script],
        "summary": comparison.summary().as_json(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def comparison_docx_bytes(
    comparison: Comparison,
    *,
    author: str | None = None,
    date: datetime | None = None,
    name: str = "",
) -> bytes:
    """The Word redline as .docx bytes: Accept All gives NEW, Reject All OLD.

    Changes are by `author` (default: NEW's file name) dated `date` (default: now). When
    NEW was read from Word, the redline is an edited copy of it (styles, numbering, tables
    and notes stay); otherwise a document is generated. `name` names it in messages.
    """
    from ..compare.docx import comparison_docx  # the Word writers, loaded only for a .docx

    old, new = comparison.old_input, comparison.new_input
    new_origin = source_map(new) if not isinstance(new, str) else None
    old_origin = source_map(old) if not isinstance(old, str) and new_origin is not None else None
    return comparison_docx(
        comparison.script,
        author or _default_author(comparison),
        date,
        new_origin=new_origin,
        old_origin=old_origin,
        name=name or "comparison.docx",
    )


def _default_author(comparison: Comparison) -> str:
    new = comparison.new_input
    path = new.path if not isinstance(new, str) else None
    return os.path.basename(path) if path else "brackets compare"


def _title(comparison: Comparison) -> str:
    old = os.path.basename(comparison.old.path) if comparison.old.path else "old"
    new = os.path.basename(comparison.new.path) if comparison.new.path else "new"
    return f"Comparison of {old} and {new}"


def comparison_html(
    comparison: Comparison,
    *,
    title: str | None = None,
    author: str | None = None,
    date: datetime | None = None,
) -> str:
    """One self-contained page: a title, the negotiation summary, then the text with its
    changes marked."""
    byline = ", ".join(x for x in (author, date.isoformat() if date else None) if x)
    title = title or _title(comparison)
    parts = [
        "<!DOCTYPE html>\n",
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n",
        f"<h1>{escape(title)}</h1>\n",
        f'<p class="legend">Changes by {escape(byline)}</p>\n' if byline else "",
        '<section class="summary">\n<h2>What changed in the negotiation</h2>\n',
    ]
    (_, counts), *sections = summary_sections(comparison.summary())
    parts.extend(f"<p>{escape(line)}</p>\n" for line in counts)
    for heading, lines in sections:
        if not lines:
            continue
        # Long lists are folded so that the redline stays one click away.
        opened = " open" if len(lines) <= _OPEN_UP_TO else ""
        parts.append(f"<details{opened}>\n<summary>{heading} ({len(lines)})</summary>\n<ul>\n")
        parts.extend(f"<li>{escape(line)}</li>\n" for line in lines)
        parts.append("</ul>\n</details>\n")
    parts.append("</section>\n<h2>Redline</h2>\n")
    parts.append(
        '<p class="legend"><ins>inserted</ins> text is in the new version only, '
        "<del>deleted</del> text in the old version only.</p>\n"
    )
    parts.append('<div class="redline">')
    for op in comparison.script:
        text = escape(op.text, quote=False)
        if op.kind == "equal":
            parts.append(text)
        elif op.kind == "insert":
            parts.append(f"<ins>{text}</ins>")
        else:
            parts.append(f"<del>{text}</del>")
    parts.append("</div>\n</body>\n</html>\n")
    return "".join(parts)
