"""A self-contained HTML positions report: the draft highlighted, a positions matrix, counts.

A renderer over the model (`Draft.walk()`, `draft.brackets`, `draft.paragraphs`: the
positions `brackets.positions` reports): `brackets.report.render(draft, "html")` returns the
page, which only the command line writes to a file. The page needs no network: styles and
the small script are inline, and every piece of draft text is escaped. Output grows linearly
with the draft: each character of the source is written once, brackets carry only their id
and positions (never a copy of their inner text), and a matrix too large to be useful is
left out with a note rather than written cell by cell.

It gathers its rows itself (`_gather`) rather than from `brackets.positions(draft)`, which
copies each bracket's text: with deep nesting that is quadratic in memory, and the test
holding the page's peak memory linear from 2,500 to 10,000 nested brackets failed when
`positions` was used here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

from ..model import Bracket, Draft, Enter, Group, Leave, Paragraph
from ..notation import brace_placeholders
from ..positions import spellings

__all__ = ["MAX_MATRIX_CELLS", "bracket_state", "render_html"]

#: A matrix with more cells than this is left out (with a note) to keep the page usable.
MAX_MATRIX_CELLS = 1_000_000

#: Bracket states, most pressing first: the icon and word make them readable without colour.
STATES: dict[str, tuple[str, str]] = {
    "objected": ("\u2716", "objected"),
    "reserved": ("\u21bb", "reserved (tcb)"),
    "supported": ("\u271a", "supported only"),
    "unattributed": ("\u25cb", "unattributed"),
}
_STANCES = (("objects", "\u2716"), ("reserves", "\u21bb"), ("supports", "\u271a"))
_BREAK = re.compile(r"\r\n|\r|\n")


def bracket_state(holder: Bracket | Paragraph) -> str:
    """objected, reserved, supported (only) or unattributed: the state the page colours."""
    if holder.objectors:
        return "objected"
    if holder.reservations:
        return "reserved"
    return "supported" if holder.supporters else "unattributed"


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _who(code: str) -> str:
    return "(anonymous)" if code == "*" else code


def _summary(
    supporters: Sequence[str], objectors: Sequence[str], reservations: Sequence[str]
) -> str:
    parts = []
    stances = (("objects", objectors), ("reserves", reservations), ("supports", supporters))
    for name, codes in stances:
        if codes:
            parts.append(f"{name}: {', '.join(_who(c) for c in codes)}")
    return "; ".join(parts) or "no positions"


@dataclass(frozen=True, slots=True)
class _Holder:
    """A bracket or a paragraph with positions: what a matrix row needs, without its text."""

    id: str
    line: int
    label: str | None
    supporters: tuple[str, ...]
    objectors: tuple[str, ...]
    reservations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Report:
    """The positions of a draft, gathered in one pass (`brackets.positions` also copies each
    bracket's text, which deep nesting makes quadratic)."""

    brackets: list[_Holder] = field(default_factory=list)
    paragraphs: list[_Holder] = field(default_factory=list)
    delegations: dict[str, tuple[list[str], list[str], list[str]]] = field(default_factory=dict)

    @property
    def objecting(self) -> list[str]:
        return sorted(code for code, held in self.delegations.items() if held[1])


def _gather(draft: Draft, shown: dict[str, str]) -> _Report:
    """The rows, each delegation named as the draft names it (`shown`, from `spellings`)."""
    report = _Report()

    def show(codes: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(shown.get(code, code) for code in codes)

    for bracket in draft.brackets:
        line = draft.locate(bracket.start)[0]
        report.brackets.append(
            _Holder(bracket.id, line, draft.paragraphs[line - 1].label,
                    show(bracket.supporters), show(bracket.objectors),
                    show(bracket.reservations))
        )
    for paragraph in draft.paragraphs:
        if paragraph.groups:
            report.paragraphs.append(
                _Holder(paragraph.id, paragraph.line, paragraph.label,
                        show(paragraph.supporters), show(paragraph.objectors),
                        show(paragraph.reservations))
            )
    for row in (*report.brackets, *report.paragraphs):
        for kind, codes in enumerate((row.supporters, row.objectors, row.reservations)):
            for code in codes:
                report.delegations.setdefault(code, ([], [], []))[kind].append(row.id)
    return report


def render_html(draft: Draft, *, title: str | None = None) -> str:
    """The report as one HTML document (a string)."""
    shown = spellings(draft)
    report = _gather(draft, shown)
    name = title or (os.path.basename(draft.path) if draft.path else "draft")
    out: list[str] = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>Positions: {escape(name)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
        f'<header>\n<h1>Positions report: <span class="file">{escape(name)}</span></h1>\n',
    ]
    _counts(out, draft, report)
    _legend(out)
    out.append("</header>\n<main>\n")
    _matrix_section(out, draft, report)
    _draft_section(out, draft, shown)
    _comments_section(out, draft)
    out.append(f"</main>\n<script>{_JS}</script>\n</body>\n</html>\n")
    return "".join(out)


# -- counts -------------------------------------------------------------------------------


def _counts(out: list[str], draft: Draft, report: _Report) -> None:
    states = dict.fromkeys(STATES, 0)
    for bracket in draft.disputed:
        states[bracket_state(bracket)] += 1
    sets = sum(1 for b in draft.brackets if b.alternative and b.alternative[0] == 1)
    own = sum(1 for p in draft.paragraphs if p.groups)
    figures = [
        ("brackets", len(draft.disputed)),  # placeholders apart, as in `stats` (NOTATION 3a)
        ("open (objected or reserved)", states["objected"] + states["reserved"]),
        *((STATES[state][1], count) for state, count in states.items()),
        ("alternative sets unresolved", sets),
        ("paragraph positions", own),
        ("delegations objecting", len(report.objecting)),
    ]
    # NOTATION 3a: placeholder brackets and braces ({Placeholder for …}) are counted as
    # `stats` counts them, apart from the disputed brackets
    placeholders = len(draft.placeholders) + brace_placeholders(draft.source)
    if draft.option_sets or placeholders:
        figures += [
            ("option sets", len(draft.option_sets)),
            ("options", len(draft.options)),
            ("placeholders", placeholders),
        ]
    out.append('<section class="counts" aria-label="Counts"><dl>\n')
    for label, value in figures:
        out.append(f"<div><dt>{escape(label)}</dt><dd>{value}</dd></div>\n")
    out.append("</dl>\n")
    if report.delegations:
        out.append(
            '<table class="per-delegation"><caption>Per delegation</caption>\n<thead><tr>'
            '<th scope="col">delegation</th><th scope="col">objections</th>'
            '<th scope="col">reservations</th><th scope="col">supports</th></tr></thead>\n<tbody>\n'
        )
        for code, held in sorted(report.delegations.items()):
            out.append(
                f'<tr data-delegation="{_attr(code)}"><th scope="row">{escape(_who(code))}</th>'
                f"<td>{len(held[1])}</td><td>{len(held[2])}</td>"
                f"<td>{len(held[0])}</td></tr>\n"
            )
        out.append("</tbody></table>\n")
    _option_sets(out, draft)
    out.append("</section>\n")


def _option_sets(out: list[str], draft: Draft) -> None:
    """The sets of options (NOTATION 3a), each with its place and its options' labels."""
    if not draft.option_sets:
        return
    out.append(
        '<table class="option-sets"><caption>Option sets</caption>\n<thead><tr>'
        '<th scope="col">set</th><th scope="col">para</th><th scope="col">line</th>'
        '<th scope="col">options</th></tr></thead>\n<tbody>\n'
    )
    for option_set in draft.option_sets:
        options = ", ".join(f"{o.id} {o.label}" for o in option_set.options)
        out.append(
            f'<tr><th scope="row">{escape(option_set.id)}</th>'
            f"<td>{escape(option_set.label or '')}</td><td>{option_set.line}</td>"
            f"<td>{escape(options)}</td></tr>\n"
        )
    out.append("</tbody></table>\n")


def _legend(out: list[str]) -> None:
    out.append('<p class="legend" aria-label="Legend">')
    for state, (icon, words) in STATES.items():
        out.append(
            f'<span class="br s-{state}"><span class="tag" aria-hidden="true">{icon}</span>'
            f"[{escape(words)}]</span> "
        )
    out.append("</p>\n")


# -- the draft ------------------------------------------------------------------------------


def _draft_section(out: list[str], draft: Draft, shown: dict[str, str]) -> None:
    out.append(
        '<section id="draft" aria-labelledby="draft-h"><h2 id="draft-h">Draft</h2>\n'
        '<p class="hint">Hover over or tab to a bracket to see its id, line and positions.</p>\n'
        '<aside id="info" aria-live="polite">No bracket selected.</aside>\n'
        '<div class="draft">'
    )
    paragraph_groups = {g.start for p in draft.paragraphs for g in p.groups}
    group_state = {g.start: bracket_state(p) for p in draft.paragraphs for g in p.groups}
    labels = [p.label for p in draft.paragraphs]
    marks: dict[int, list[str]] = {}
    for number, note in enumerate(draft.notes, 1):
        if note.line:
            marks.setdefault(note.line, []).append(
                f'<a class="cmt" href="#C{number}" title="{_attr(note.author + ": " + note.text)}"'
                f">c{number}</a>"
            )
    line = 1
    pending: str | None = None  # the label of the line just started, until text is seen

    def line_start(number: int) -> str:
        nonlocal pending
        pending = labels[number - 1] if number <= len(labels) else None
        return (
            f'<span class="ln" id="L{number}" aria-hidden="true">{number}</span>'
            + "".join(marks.get(number, ()))
        )

    out.append(line_start(1))
    for event in draft.walk():
        if isinstance(event, Enter):
            out.append(_open_tag(event.bracket, draft, shown))
        elif isinstance(event, Leave):
            out.append('<span class="mk">]</span></span>')
        elif isinstance(event, Group):
            if event.start in paragraph_groups:
                state = group_state[event.start]
                out.append(
                    f'<span class="grp para s-{state}" title="position on paragraph p{line}">'
                    f"{escape(event.source)}</span>"
                )
            else:
                out.append(f'<span class="grp">{escape(event.source)}</span>')
        else:
            pieces = _BREAK.split(event.text)
            for index, piece in enumerate(pieces):
                if index:
                    line += 1
                    out.append("\n" + line_start(line))
                if pending and piece.strip():
                    stripped = piece.lstrip()
                    if stripped.startswith(pending):
                        lead = len(piece) - len(stripped)
                        cut = lead + len(pending)
                        out.append(
                            f"{escape(piece[:lead])}<b class=\"label\">{escape(piece[lead:cut])}"
                            f"</b>{escape(piece[cut:])}"
                        )
                        pending = None
                        continue
                    pending = None
                out.append(escape(piece))
    out.append("</div>\n</section>\n")


def _comments_section(out: list[str], draft: Draft) -> None:
    """Every comment of the source (a Word draft's notes): where it is, what it said, the
    positions read from it and where they went, or why none."""
    if not draft.notes:
        return
    out.append(
        '<section id="comments" aria-labelledby="comments-h"><h2 id="comments-h">Comments</h2>\n'
        '<ol class="comments">\n'
    )
    ids = {draft.locate(b.start): b.id for b in draft.brackets}
    for number, note in enumerate(draft.notes, 1):
        where = f'<a href="#L{note.line}">line {note.line}</a>' if note.line else "not in the text"
        read = (
            "positions: " + ", ".join(escape(entry) for entry in note.positions)
            if note.positions
            else f"no position ({escape(note.reason or 'no stance')})"
        )
        places = ", ".join(
            ids.get((line, column), f"{line}:{column}") if column else f"p{line}"
            for line, column in note.places
        )
        out.append(
            f'<li id="C{number}"><span class="who">{escape(note.author)}</span> '
            f'<span class="when">{escape(note.date)}</span> {where}'
            f"{' (a reply)' if note.reply_to else ''}<blockquote>"
            f"{escape(note.text).replace(chr(10), '<br>')}</blockquote>"
            f'<span class="read">{read}{" on " + escape(places) if places else ""}</span></li>\n'
        )
    out.append("</ol>\n</section>\n")


def _open_tag(bracket: Bracket, draft: Draft, shown: dict[str, str]) -> str:
    line, column = draft.locate(bracket.start)
    supporters, objectors, reservations = (
        tuple(shown.get(code, code) for code in codes)
        for codes in (bracket.supporters, bracket.objectors, bracket.reservations)
    )
    state = bracket_state(bracket)
    icon = STATES[state][0]
    label = draft.paragraphs[line - 1].label
    where = f"line {line}:{column}" + (f", para {label}" if label else "")
    alternative = ""
    if bracket.alternative:
        alternative = f", alternative {bracket.alternative[0]} of {bracket.alternative[1]}"
    summary = _summary(supporters, objectors, reservations)
    title = f"{bracket.id}, {where}{alternative} ({STATES[state][1]}): {summary}"
    data = "".join(
        f' data-{name}="{_attr(" ".join(codes))}"'
        for name, codes in (
            ("supporters", supporters),
            ("objectors", objectors),
            ("reservations", reservations),
        )
        if codes
    )
    return (
        f'<span class="br s-{state}" id="{bracket.id}" tabindex="0" data-line="{line}"'
        f' data-column="{column}"{data} title="{_attr(title)}">'
        f'<span class="tag" aria-hidden="true">{icon}{bracket.id}</span>'
        '<span class="mk">[</span>'
    )


# -- the matrix -----------------------------------------------------------------------------


def _matrix_section(out: list[str], draft: Draft, report: _Report) -> None:
    codes = sorted(report.delegations)
    out.append(
        '<section id="matrix" aria-labelledby="matrix-h"><h2 id="matrix-h">Positions matrix</h2>\n'
    )
    if not codes:
        out.append("<p>No delegation states a position in this draft.</p>\n</section>\n")
        return
    out.append('<div class="controls">\n<label>Delegation <select id="filter">')
    out.append('<option value="">all</option>')
    out.extend(f'<option value="{_attr(c)}">{escape(_who(c))}</option>' for c in codes)
    out.append(
        '</select></label>\n<label><input type="checkbox" id="open-only"> only what it keeps open'
        " (objects or reserves)</label>\n"
        '<label>Rows <select id="rows"><option value="paragraphs">paragraphs</option>'
        '<option value="brackets">brackets</option></select></label>\n</div>\n'
    )
    # Paragraph rows: the paragraph's own positions and those on brackets opened in it.
    by_line: dict[int, dict[str, tuple[list[str], list[str], list[str]]]] = {}
    for row in report.brackets:
        _add(by_line.setdefault(row.line, {}), row.id, row.supporters, row.objectors,
             row.reservations)
    for para in report.paragraphs:
        _add(by_line.setdefault(para.line, {}), para.id, para.supporters, para.objectors,
             para.reservations)
    paragraph_rows = [
        (f"p{line}", line, draft.paragraphs[line - 1].label, cells)
        for line, cells in sorted(by_line.items())
        if cells
    ]
    _matrix(out, "paragraphs", "Paragraph", codes, paragraph_rows, hidden=False)
    bracket_rows = []
    for row in report.brackets:
        cells: dict[str, tuple[list[str], list[str], list[str]]] = {}
        _add(cells, row.id, row.supporters, row.objectors, row.reservations)
        if cells:
            bracket_rows.append((row.id, row.line, row.label, cells))
    _matrix(out, "brackets", "Bracket", codes, bracket_rows, hidden=True)
    out.append("</section>\n")


def _add(
    cells: dict[str, tuple[list[str], list[str], list[str]]],
    holder: str,
    supporters: Iterable[str],
    objectors: Iterable[str],
    reservations: Iterable[str],
) -> None:
    for kind, codes in enumerate((objectors, reservations, supporters)):
        for code in codes:
            cells.setdefault(code, ([], [], []))[kind].append(holder)


def _matrix(
    out: list[str],
    kind: str,
    heading: str,
    codes: list[str],
    rows: list[tuple[str, int, str | None, dict[str, tuple[list[str], list[str], list[str]]]]],
    *,
    hidden: bool,
) -> None:
    hide = " hidden" if hidden else ""
    if len(rows) * len(codes) > MAX_MATRIX_CELLS:
        out.append(
            f'<p class="matrix" id="matrix-{kind}"{hide}>{len(rows)} {kind} × {len(codes)} '
            "delegations is too large a matrix for one page; see the per-delegation counts "
            "and `brackets objections`.</p>\n"
        )
        return
    out.append(
        f'<table class="matrix" id="matrix-{kind}" data-rows="{kind}"{hide}>\n'
        f"<caption>Delegations × {kind}: ✖ objects, ↻ reserves, ✚ supports</caption>\n"
        f'<thead><tr><th scope="col" data-key="line" aria-sort="ascending">'
        f'<button type="button">{heading}</button></th>'
        '<th scope="col">label</th>'
    )
    out.extend(
        f'<th scope="col" data-delegation="{_attr(c)}"><button type="button">'
        f"{escape(_who(c))}</button></th>"
        for c in codes
    )
    out.append("</tr></thead>\n<tbody>\n")
    for holder, line, label, cells in rows:
        out.append(
            f'<tr data-holder="{holder}" data-line="{line}"><th scope="row">'
            f'<a href="#{"L" + str(line) if kind == "paragraphs" else holder}">{holder}</a>'
            f' <span class="where">line {line}</span></th><td>{escape(label or "")}</td>'
        )
        for code in codes:
            held = cells.get(code)
            if held is None:
                out.append("<td></td>")
                continue
            attrs = "".join(
                f' data-{name}="{" ".join(ids)}"'
                for (name, _), ids in zip(_STANCES, held, strict=True)
                if ids
            )
            text = " ".join(
                f'<span class="st-{name}">{icon}\u00a0{" ".join(ids)}</span>'
                for (name, icon), ids in zip(_STANCES, held, strict=True)
                if ids
            )
            out.append(f'<td data-delegation="{_attr(code)}"{attrs}>{text}</td>')
        out.append("</tr>\n")
    out.append("</tbody></table>\n")


_CSS = """
:root{--obj:#d55e00;--res:#e69f00;--sup:#0072b2;--un:#6b6b6b;font-family:system-ui,sans-serif}
body{margin:1.5rem;color:#111;background:#fff;line-height:1.45}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.5rem}
a.cmt{font-size:.7rem;vertical-align:super;margin-right:.2rem;color:var(--un)}
ol.comments blockquote{margin:.2rem 0 .2rem 1rem;white-space:pre-wrap}
ol.comments .who{font-weight:600}ol.comments .when,ol.comments .read{color:var(--un)}
.counts dl{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem}
.counts dl div{border:1px solid #999;border-radius:4px;padding:.25rem .6rem}
.counts dt{font-size:.8rem;color:#444}.counts dd{margin:0;font-size:1.2rem;font-weight:600}
table{border-collapse:collapse;margin:.5rem 0}caption{text-align:left;font-weight:600}
th,td{border:1px solid #bbb;padding:.2rem .45rem;text-align:left;vertical-align:top}
.draft{white-space:pre-wrap;font-family:Georgia,serif;border:1px solid #ccc;
 padding:1rem 1rem 1rem 4.5rem;overflow-wrap:anywhere}
.ln{display:inline-block;width:3.5rem;margin-left:-4rem;margin-right:.5rem;text-align:right;
 color:#777;font:.75rem monospace;user-select:none}
.label{font-weight:700}
.br{border-radius:3px;padding:0 1px}
.br .mk{font-weight:700}
.legend{font-size:1.05rem}.legend .tag{font-size:.9em}
.tag{font-size:.65em;vertical-align:super;font-family:system-ui,sans-serif;margin-right:1px}
.s-objected{background:repeating-linear-gradient(135deg,rgba(213,94,0,.16) 0 4px,
 rgba(213,94,0,.05) 4px 8px);border-bottom:2px solid var(--obj)}
.s-objected>.mk,.s-objected>.tag{color:var(--obj)}
.s-reserved{background:rgba(230,159,0,.16);border-bottom:2px dotted #a06d00}
.s-reserved>.mk,.s-reserved>.tag{color:#8a5d00}
.s-supported{background:rgba(0,114,178,.12);border-bottom:2px solid var(--sup)}
.s-supported>.mk,.s-supported>.tag{color:var(--sup)}
.s-unattributed{background:rgba(0,0,0,.04);border-bottom:2px dashed var(--un)}
.s-unattributed>.mk,.s-unattributed>.tag{color:var(--un)}
.grp{font-size:.85em;color:#333;font-family:system-ui,sans-serif}
.grp.para{font-weight:700;padding:0 2px}
.br:focus-visible,.br:focus,button:focus-visible,select:focus-visible,input:focus-visible,
a:focus-visible{outline:3px solid #000;outline-offset:2px}
.br:hover{outline:1px solid #000}
#info{position:sticky;top:0;z-index:1;background:#ffffe6;border:1px solid #999;
 padding:.3rem .6rem;margin:.4rem 0;font-size:.9rem}
.controls{display:flex;flex-wrap:wrap;gap:1rem;margin:.5rem 0}
th button{font:inherit;font-weight:700;background:none;border:0;padding:0;cursor:pointer}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
.matrix td{white-space:nowrap;font-size:.9rem}
.st-objects{color:var(--obj);font-weight:700}.st-reserves{color:#8a5d00;font-style:italic}
.st-supports{color:var(--sup)}
.where{font-weight:400;font-size:.8em;color:#555}
th.active,td.active{box-shadow:inset 0 0 0 2px #000}
@media print{
 body{margin:0;font-size:10pt}.controls,#info,.hint{display:none}
 .draft{border:0;padding:0 0 0 4.5rem}.br{print-color-adjust:exact;-webkit-print-color-adjust:exact}
 table.matrix[hidden]{display:table}table.matrix tr[hidden]{display:table-row}
 tr,.counts dl div{break-inside:avoid}a{color:inherit;text-decoration:none}
 table.matrix{width:100%;table-layout:fixed;font-size:7pt}
 table.matrix th,table.matrix td{white-space:normal;overflow-wrap:anywhere;padding:1px 2px}
 table.matrix th[data-delegation]{writing-mode:vertical-rl;text-align:left}
 table.matrix tr>:first-child{width:7em}table.matrix tr>:nth-child(2){width:4em}
}
"""

_JS = """
(function(){
"use strict";
var info=document.getElementById("info");
function describe(el){
  var text=el.id+" \\u2014 line "+el.dataset.line+":"+el.dataset.column;
  var parts=[["objectors","objects"],["reservations","reserves (tcb)"],["supporters","supports"]];
  var any=false;
  parts.forEach(function(p){var v=el.dataset[p[0]];if(v){any=true;text+=" \\u2014 "+
    p[1]+": "+v.split(" ").map(function(c){return c==="*"?"(anonymous)":c;}).join(", ");}});
  if(!any){text+=" \\u2014 no positions";}
  info.textContent=text;
}
function pick(ev){var el=ev.target.closest&&ev.target.closest(".draft .br");if(el){describe(el);}}
document.addEventListener("mouseover",pick);document.addEventListener("focusin",pick);
function goTo(){/* report.html#b5 focuses bracket b5, as the matrix links do */
  var el=/^#b\\d+$/.test(location.hash)&&document.getElementById(location.hash.slice(1));
  if(el){el.focus();describe(el);}
}
window.addEventListener("hashchange",goTo);goTo();
var rank={objects:3,reserves:2,supports:1};
function cellKey(td){
  if(!td){return 0;}for(var k in rank){if(td.dataset[k]){return rank[k];}}return 0;
}
document.querySelectorAll("table.matrix").forEach(function(table){
  var heads=table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads,function(th,col){
    var button=th.querySelector("button");if(!button){return;}
    button.addEventListener("click",function(){
      var now=th.getAttribute("aria-sort");
      var down=now==="ascending"?true:(now==="descending"?false:th.dataset.delegation!==undefined);
      Array.prototype.forEach.call(heads,function(h){h.removeAttribute("aria-sort");});
      th.setAttribute("aria-sort",down?"descending":"ascending");
      var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var d=th.dataset.delegation!==undefined?cellKey(a.cells[col])-cellKey(b.cells[col]):0;
        if(!d){d=(+a.dataset.line)-(+b.dataset.line);}
        return down?-d:d;
      });
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
});
var filter=document.getElementById("filter"),openOnly=document.getElementById("open-only"),
  rowsSel=document.getElementById("rows");
function apply(){
  if(!filter){return;}
  var code=filter.value,open=openOnly.checked;
  document.querySelectorAll("table.matrix").forEach(function(table){
    var heads=table.tHead.rows[0].cells,col=-1;
    Array.prototype.forEach.call(heads,function(th,i){
      var on=code!==""&&th.dataset.delegation===code;th.classList.toggle("active",on);
      if(on){col=i;}
    });
    Array.prototype.forEach.call(table.tBodies[0].rows,function(row){
      var show=true;
      if(code!==""){var td=row.cells[col];
        show=!!td&&(open?!!(td.dataset.objects||td.dataset.reserves):cellKey(td)>0);
        Array.prototype.forEach.call(row.cells,function(c,i){c.classList.toggle("active",i===col);});
      }else if(open){show=Array.prototype.some.call(row.cells,function(td){
        return !!(td.dataset.objects||td.dataset.reserves);});}
      row.hidden=!show;
    });
  });
}
function showRows(){
  if(!rowsSel){return;}
  document.querySelectorAll(".matrix[data-rows], p.matrix").forEach(function(el){
    el.hidden=el.id!=="matrix-"+rowsSel.value;});
}
function remember(){
  var parts=[];if(filter.value){parts.push("delegation="+encodeURIComponent(filter.value));}
  if(openOnly.checked){parts.push("open");}
  if(rowsSel.value!=="paragraphs"){parts.push("rows="+rowsSel.value);}
  try{history.replaceState(null,"","#"+parts.join("&"));}catch(e){}
}
if(filter){
  filter.addEventListener("change",function(){apply();remember();});
  openOnly.addEventListener("change",function(){apply();remember();});
  rowsSel.addEventListener("change",function(){showRows();remember();});
  /* The view can be linked: report.html#delegation=CHN&open&rows=brackets&sort=CHN */
  var params=new URLSearchParams(location.hash.slice(1));
  if(params.has("rows")){rowsSel.value=params.get("rows");showRows();}
  if(params.has("delegation")){filter.value=params.get("delegation");}
  openOnly.checked=params.has("open");apply();
  if(params.has("sort")){document.querySelectorAll("table.matrix th[data-delegation]").forEach(
    function(th){if(th.dataset.delegation===params.get("sort")){th.querySelector("button").click();}});}
}
})();
"""

#: The house style of our HTML pages (the positions report; the history page reuses it).
HOUSE_CSS = _CSS
