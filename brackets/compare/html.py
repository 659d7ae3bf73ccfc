"""The comparison as one self-contained HTML page: summary first, then the redline.

No script, no external style sheet, font or image: the page opens the same anywhere,
offline. Insertions are `<ins>`, deletions `<del>`; the text keeps its line breaks
(`white-space: pre-wrap`).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .script import Op
from .summary import Summary

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


def to_html(script: Sequence[Op], summary: Summary, title: str, byline: str = "") -> str:
    """The page: a title, the negotiation summary, then the text with its changes marked."""
    parts = [
        "<!DOCTYPE html>\n",
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n",
        f"<h1>{escape(title)}</h1>\n",
        f'<p class="legend">Changes by {escape(byline)}</p>\n' if byline else "",
        '<section class="summary">\n<h2>What changed in the negotiation</h2>\n',
    ]
    (_, counts), *sections = summary.sections()
    parts.extend(f"<p>{escape(line)}</p>\n" for line in counts)
    for title, lines in sections:
        if not lines:
            continue
        # Long lists are folded so that the redline stays one click away.
        opened = " open" if len(lines) <= _OPEN_UP_TO else ""
        parts.append(f"<details{opened}>\n<summary>{title} ({len(lines)})</summary>\n<ul>\n")
        parts.extend(f"<li>{escape(line)}</li>\n" for line in lines)
        parts.append("</ul>\n</details>\n")
    parts.append("</section>\n<h2>Redline</h2>\n")
    parts.append(
        '<p class="legend"><ins>inserted</ins> text is in the new version only, '
        "<del>deleted</del> text in the old version only.</p>\n"
    )
    parts.append('<div class="redline">')
    for op in script:
        text = escape(op.text, quote=False)
        if op.kind == "equal":
            parts.append(text)
        elif op.kind == "insert":
            parts.append(f"<ins>{text}</ins>")
        else:
            parts.append(f"<del>{text}</del>")
    parts.append("</div>\n</body>\n</html>\n")
    return "".join(parts)
