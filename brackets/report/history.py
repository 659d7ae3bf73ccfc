"""The history of a negotiation as text, JSON, Markdown or one self-contained HTML page.

The page, in the house style of `brackets report`: the per-version figures as a table and
an inline SVG chart (brackets and words in brackets falling towards agreement), a bracket
× version swimlane with a filter by delegation, and each delegation's trajectory. No
network, no external resource; the filter is a few lines of inline script.
"""

from __future__ import annotations

import json
from html import escape

from ..timeline import History, HistoryEvent, HistoryRow, Trajectory, VersionFigures
from .html import HOUSE_CSS
from .summary import snippet

__all__ = ["history_html", "history_json", "history_markdown", "history_text"]

_NOUN = {"supports": "support", "objects": "objection", "reserves": "reservation"}


def history_json(history: History) -> str:
    """`history.as_json()` as indented UTF-8 JSON text, ending with a line break."""
    return json.dumps(history.as_json(), ensure_ascii=False, indent=2) + "\n"


def history_text(history: History) -> str:
    """The history in sentences: versions, then each bracket's life, then delegations."""
    lines = ["Versions:"]
    lines.extend(_version_line(v) for v in history.versions)
    lines.append("")
    lines.append("Brackets:")
    for row in history.brackets:
        lines.append(_row_line(row))
        lines.extend(f"  {_event_sentence(e)}" for e in row.events)
    if history.delegations:
        lines.append("")
        lines.append("Delegations:")
        for code, steps in history.delegations.items():
            lines.append(f"{code}: " + "; ".join(_step_sentence(s) for s in steps))
    return "\n".join(lines) + "\n"


def history_markdown(history: History) -> str:
    """The history as Markdown: a table of figures, a table of brackets, the trajectories."""
    out = [
        "# Negotiation history",
        "",
        "| version | file | brackets | sets | words | in brackets |",
    ]
    out.append("|---|---|---|---|---|---|")
    for v in history.versions:
        out.append(
            f"| {v.index} | {_md(v.path)} | {v.brackets} | {v.alternative_sets} | {v.words} "
            f"| {v.words_in_brackets} |"
        )
    heads = " | ".join(f"V{v.index}" for v in history.versions)
    out += ["", "## Brackets", "", f"| row | {heads} | outcome | text | events |"]
    out.append("|---|" + "---|" * len(history.versions) + "---|---|---|")
    for row in history.brackets:
        ids = " | ".join(i or "—" for i in row.ids)
        events = "; ".join(_event_sentence(e) for e in row.events)
        text = _md(snippet(_head(row)))
        out.append(f"| {row.id} | {ids} | {row.outcome} | {text} | {_md(events)} |")
    if history.delegations:
        out += ["", "## Delegations", ""]
        for code, steps in history.delegations.items():
            out.append(f"- **{_md(code)}**: " + "; ".join(_step_sentence(s) for s in steps))
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _head(row: HistoryRow) -> str:
    """At most 120 characters of the row's text, start and end (never the whole of a deep
    nesting)."""
    if row.text_end - row.text_start <= 120:
        return row.text
    return (
        row.source[row.text_start : row.text_start + 60]
        + " … "
        + row.source[row.text_end - 60 : row.text_end]
    )


def _version_line(v: VersionFigures) -> str:
    return (
        f"V{v.index} {v.path}: {v.brackets} brackets, {v.alternative_sets} sets of "
        f"alternatives, {v.words} words, {v.words_in_brackets} in brackets, "
        f"{len(v.delegations)} delegations keeping text open"
    )


def _row_line(row: HistoryRow) -> str:
    ids = " → ".join(i or "—" for i in row.ids)
    return f'{row.id} ({ids}) {row.outcome}: "{snippet(_head(row))}"'


def _event_sentence(event: HistoryEvent) -> str:
    """`V2: IND added its support`, `V3: agreed`, `V2: reworded: a → b`."""
    text = f"V{event.version}: "
    if event.delegation is not None and event.position is not None:
        noun = _NOUN[event.position]
        verbs = {
            "held": "held",
            "opened": "opened it with",
            "added": "added",
            "withdrew": "withdrew",
        }
        who = "an unnamed delegation" if event.delegation == "*" else event.delegation
        return text + f"{who} {verbs.get(event.event, event.event)} its {noun}"
    text += event.event
    return text + (f": {event.detail}" if event.detail else "")


def _step_sentence(step: Trajectory) -> str:
    noun = _NOUN[step.position] if step.position else ""
    return f"V{step.version} {step.bracket} {step.event} {noun}".rstrip()


# -- HTML -------------------------------------------------------------------------------------

_EVENT_CLASS = {
    "agreed": "ev-agreed",
    "dropped": "ev-dropped",
    "merged": "ev-merged",
    "reworded": "ev-reworded",
    "opened": "ev-opened",
    "reopened": "ev-reopened",
    "split": "ev-opened",
}


def history_html(history: History, *, title: str | None = None) -> str:
    """One self-contained page: figures and chart, swimlane with a filter, trajectories."""
    name = title or "Negotiation history"
    out = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{escape(name)}</title>\n<style>{HOUSE_CSS}{_CSS}</style>\n</head>\n<body>\n",
        f"<header>\n<h1>{escape(name)}</h1>\n</header>\n<main>\n",
    ]
    _figures(out, history)
    _swimlane(out, history)
    _trajectories(out, history)
    out.append(f"</main>\n<script>{_JS}</script>\n</body>\n</html>\n")
    return "".join(out)


def _figures(out: list[str], history: History) -> None:
    out.append('<section class="counts" aria-label="Figures per version">\n')
    out.append("<h2>Figures per version</h2>\n")
    out.append(_chart(history.versions))
    out.append(
        '<table class="figures"><thead><tr><th scope="col">version</th><th scope="col">file'
        '</th><th scope="col">brackets</th><th scope="col">sets of alternatives</th>'
        '<th scope="col">words</th><th scope="col">words in brackets</th>'
        '<th scope="col">delegations keeping text open</th></tr></thead>\n<tbody>\n'
    )
    for v in history.versions:
        out.append(
            f'<tr><th scope="row">V{v.index}</th><td>{escape(v.path)}</td><td>{v.brackets}</td>'
            f"<td>{v.alternative_sets}</td><td>{v.words}</td><td>{v.words_in_brackets}</td>"
            f"<td>{len(v.delegations)}</td></tr>\n"
        )
    out.append("</tbody></table>\n</section>\n")


def _chart(versions: tuple[VersionFigures, ...]) -> str:
    """An inline SVG line chart: brackets and words in brackets, each on its own scale."""
    width, height, pad = 640, 220, 40
    series: tuple[tuple[str, str, list[int]], ...] = (
        ("brackets", "var(--obj)", [v.brackets for v in versions]),
        ("words in brackets", "var(--sup)", [v.words_in_brackets for v in versions]),
    )
    steps = max(len(versions) - 1, 1)
    x = [pad + (width - 2 * pad) * k / steps for k in range(len(versions))]
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" aria-labelledby="chart-title">'
        '<title id="chart-title">Brackets and words in brackets per version</title>'
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
        'stroke="#999"/>'
    ]
    for k, v in enumerate(versions):
        parts.append(
            f'<text x="{x[k]:.1f}" y="{height - pad + 16}" text-anchor="middle" '
            f'font-size="12">V{v.index}</text>'
        )
    for row, (label, colour, values) in enumerate(series):
        top = max(values, default=0) or 1
        highest = max(values, default=0)
        y = [height - pad - (height - 2 * pad) * value / top for value in values]
        points = " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(x, y, strict=True))
        parts.append(
            f'<polyline class="series" data-series="{escape(label)}" fill="none" '
            f'stroke="{colour}" stroke-width="2" points="{points}"/>'
        )
        for k, value in enumerate(values):
            parts.append(
                f'<circle cx="{x[k]:.1f}" cy="{y[k]:.1f}" r="3" fill="{colour}">'
                f"<title>V{versions[k].index}: {value} {escape(label)}</title></circle>"
            )
        parts.append(
            f'<text x="{pad + 4}" y="{14 + 16 * row}" font-size="12" fill="{colour}">'
            f"{escape(label)} (max {highest})</text>"
        )
    parts.append("</svg>\n")
    return "".join(parts)


def _swimlane(out: list[str], history: History) -> None:
    codes = sorted(history.delegations)
    out.append('<section aria-label="Brackets by version">\n<h2>Brackets by version</h2>\n')
    out.append('<div class="controls"><label>Delegation <select id="filter">')
    out.append('<option value="">all</option>')
    out.extend(f'<option value="{escape(c)}">{escape(c)}</option>' for c in codes)
    out.append("</select></label></div>\n")
    out.append('<table class="swimlane"><thead><tr><th scope="col">bracket</th>')
    out.extend(f'<th scope="col">V{v.index}</th>' for v in history.versions)
    out.append('<th scope="col">outcome</th><th scope="col">text</th></tr></thead>\n<tbody>\n')
    for row in history.brackets:
        who = sorted({e.delegation for e in row.events if e.delegation is not None})
        out.append(
            f'<tr id="{row.id}" data-delegations="{escape(" ".join(who))}">'
            f'<th scope="row">{row.id}</th>'
        )
        for k, ident in enumerate(row.ids):
            events = [e for e in row.events if e.version == k + 1]
            classes = " ".join(sorted({_EVENT_CLASS.get(e.event, "") for e in events} - {""}))
            tip = "; ".join(_event_sentence(e) for e in events)
            cell = escape(ident) if ident else ""
            if not ident and any(e.event in ("agreed", "dropped", "merged") for e in events):
                cell = escape(events[-1].event)
            lane = "lane" if ident else "gap"
            out.append(f'<td class="{lane} {classes}" title="{escape(tip)}">{cell}</td>')
        out.append(
            f'<td class="out-{escape(row.outcome)}">{escape(row.outcome)}</td>'
            f"<td>{escape(snippet(_head(row)))}</td></tr>\n"
        )
    out.append("</tbody></table>\n</section>\n")


def _trajectories(out: list[str], history: History) -> None:
    out.append('<section aria-label="Delegations">\n<h2>Each delegation\'s trajectory</h2>\n')
    if not history.delegations:
        out.append("<p>No delegation held a position in any version.</p>\n")
    for code, steps in history.delegations.items():
        prevailed = sum(1 for s in steps if s.event == "prevailed")
        gave_way = sum(1 for s in steps if s.event == "gave way")
        out.append(
            f'<details class="trajectory" data-delegation="{escape(code)}" open>'
            f"<summary>{escape(code)}: {len(steps)} steps, prevailed {prevailed}, gave way "
            f"{gave_way}</summary>\n<ol>\n"
        )
        out.extend(
            f'<li><a href="#{s.bracket}">{escape(_step_sentence(s))}</a></li>\n' for s in steps
        )
        out.append("</ol>\n</details>\n")
    out.append("</section>\n")


_CSS = """
.chart{max-width:100%;height:auto;border:1px solid #ccc;margin:.5rem 0}
.swimlane td.lane{background:rgba(0,114,178,.10);text-align:center}
.swimlane td.gap{background:#fff;text-align:center;color:#555}
.swimlane td.ev-agreed,.out-agreed{background:rgba(0,158,115,.25)}
.swimlane td.ev-dropped,.out-dropped{background:rgba(213,94,0,.18)}
.swimlane td.ev-reworded{box-shadow:inset 0 -3px 0 #e69f00}
.swimlane td.ev-reopened{box-shadow:inset 0 0 0 2px var(--obj)}
.swimlane td.ev-opened{font-weight:700}
.trajectory ol{margin:.2rem 0 .6rem}
"""

_JS = """
(function(){
"use strict";
var filter=document.getElementById("filter");
if(!filter){return;}
function apply(){
  var code=filter.value;
  document.querySelectorAll("table.swimlane tbody tr").forEach(function(row){
    row.hidden=code!==""&&row.dataset.delegations.split(" ").indexOf(code)<0;
  });
  document.querySelectorAll(".trajectory").forEach(function(el){
    el.hidden=code!==""&&el.dataset.delegation!==code;
  });
}
filter.addEventListener("change",apply);
var params=new URLSearchParams(location.hash.slice(1));
if(params.has("delegation")){filter.value=params.get("delegation");}
apply();
})();
"""
