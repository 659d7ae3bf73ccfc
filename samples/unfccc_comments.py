"""A UNFCCC-style draft whose delegations' positions are in 61 note-takers' comments, in
varied forms (issue 16), each labelled by hand with the positions a person reads in it.

`build(path)` writes samples/unfccc-comments-draft.docx (called by make_docx_samples.py):
headings in a Heading 1 style, paragraphs numbered as typed ("5. ..."), comments on words,
passages, whole paragraphs and one letter of a heading, two replies in threads
(commentsExtended.xml) with no range of their own. `COMMENTS` holds each comment with its
expected positions (entries as `objections --format json` lists them: "-USA", "+EU",
"RUS tcb"), written by reading the comment as a delegate would, not by running the reader.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path

import docx
from lxml import etree

DATE = "2026-03-12T10:00:00Z"
STAMP = datetime(2026, 3, 12, 10, 0, 0)
NOTE_TAKER = "Xavier Tibau Alberdi"  # secretariat staff taking notes: not a delegation
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_W15 = "http://schemas.microsoft.com/office/word/2012/wordml"

#: The draft: (style, text) with {name:words} for the runs comments anchor on.
PARAGRAPHS: tuple[tuple[str, str], ...] = (
    ("Heading 1", "{h1:I}. Preamble"),
    ("", "{rec:Recalling} Article 2 of the Convention and Article 4 of the {pa:Paris Agreement},"),
    ("", "Recognizing the {urgent:urgent} need to scale up finance for adaptation in "
         "{dev:developing country Parties},"),
    ("", "{ack:Acknowledging} the special needs and special circumstances of the least "
         "developed countries,"),
    ("Heading 1", "{h2:I}I. Finance"),
    ("", "1. Decides that developed country Parties {shall:shall} provide new and additional "
         "financial resources of {usd:at least USD 100 billion per year};"),
    ("", "2. Urges Parties, as appropriate, to enhance the mobilization of {private:private "
         "finance} through {blended:blended instruments};"),
    ("", "3. Requests the {scf:Standing Committee on Finance} to prepare a {biennial:biennial} "
         "report on progress;"),
    ("", "4. {inv:Invites} multilateral development banks to {align:align their portfolios "
         "with the Paris Agreement};"),
    ("Heading 1", "{h3:I}II. Adaptation"),
    ("", "5. Invites Parties to submit national adaptation plans {by2027:by 2027}, as "
         "appropriate;"),
    ("", "6. Encourages the operating entities of the Financial Mechanism to provide support "
         "for {ld:loss and damage};"),
    ("", "7. {notes:Notes with concern} the gap between adaptation needs and the support "
         "provided;"),
    ("", "8. Requests the secretariat to prepare a synthesis report on the {goal:global goal "
         "on adaptation};"),
    ("Heading 1", "IV. Transparency"),
    ("", "9. Decides that each Party shall report on its progress {every:every two years} "
         "using the {ctf:common tabular formats};"),
    ("", "10. Requests the secretariat to organize {workshops:technical workshops}, subject to "
         "the availability of resources;"),
    ("", "11. {conclude:Decides to conclude consideration of this matter at its next "
         "session.}"),
)

#: (first run, last run, author, text, expected entries, the comment it replies to: its index
#: in this tuple, the reply then having no range of its own).
COMMENTS: tuple[tuple[str, str, str, str, tuple[str, ...], int | None], ...] = (
    ("rec", "pa", NOTE_TAKER, "US: delete the recalling para", ("-USA",), None),
    ("pa", "pa", NOTE_TAKER, "EU, Norway: retain", ("+EU", "+NOR"), None),
    ("urgent", "urgent", NOTE_TAKER, "Saudi Arabia: delete \u201curgent\u201d", ("-SAU",), None),
    ("urgent", "urgent", NOTE_TAKER, "Kuwait: same as Saudi Arabia", ("-KWT",), None),
    ("dev", "dev", NOTE_TAKER,
     "G77 and China: prefer \u201cdeveloping countries\u201d to \u201cdeveloping country "
     "Parties\u201d", (), None),
    ("ack", "ack", NOTE_TAKER, "LDC Group supports this paragraph; AOSIS too",
     ("+LDC", "+AOSIS"), None),
    ("ack", "ack", "Delegation of Japan", "We could accept this para", ("+JPN",), None),
    ("h2", "h2", NOTE_TAKER, "Arab Group: delete the whole section", ("-ARAB",), None),
    ("shall", "shall", NOTE_TAKER, "US, Japan: replace \u201cshall\u201d with \u201cshould\u201d",
     ("-USA", "-JPN"), None),
    ("shall", "shall", NOTE_TAKER, "AGN: retain \u201cshall\u201d", ("+AGN",), None),
    ("usd", "usd", NOTE_TAKER, "LMDC: bracket the number, tcb", ("LMDC tcb",), None),
    ("usd", "usd", NOTE_TAKER, "Switzerland (EIG): needs to consult capital", ("EIG tcb",), None),
    ("private", "private", NOTE_TAKER,
     "Bolivia on behalf of LMDC: opposes reference to private finance", ("-LMDC",), None),
    ("private", "private", NOTE_TAKER, "Norway: strongly supports", ("+NOR",), None),
    ("blended", "blended", NOTE_TAKER, "Brazil: question \u2013 what are blended instruments?",
     (), None),
    ("scf", "scf", NOTE_TAKER, "South Africa: fine with this", ("+ZAF",), None),
    ("biennial", "biennial", NOTE_TAKER, "Canada: change \u201cbiennial\u201d to \u201cannual\u201d",
     ("-CAN",), None),
    ("biennial", "biennial", NOTE_TAKER, "Australia: agree with Canada", ("-AUS",), None),
    ("inv", "align", NOTE_TAKER, "China, India: this goes beyond the mandate",
     ("-CHN", "-IND"), None),
    ("align", "align", NOTE_TAKER, "EU: keep; UK: keep", ("+EU", "+GBR"), None),
    ("align", "align", NOTE_TAKER, "Russian Federation: reservation", ("RUS tcb",), None),
    ("by2027", "by2027", NOTE_TAKER, "AILAC: delete \u201cby 2027\u201d", ("-AILAC",), None),
    ("by2027", "by2027", NOTE_TAKER, "Colombia, Chile: support AILAC", ("-COL", "-CHL"), None),
    ("by2027", "by2027", "Delegation of Mexico", "Mexico: +1 AILAC", ("-MEX",), 21),
    ("ld", "ld", NOTE_TAKER, "AOSIS, LDCs: retain loss and damage", ("+AOSIS", "+LDC"), None),
    ("ld", "ld", NOTE_TAKER,
     "US: not in a position to accept reference to loss and damage", ("-USA",), None),
    ("ld", "ld", NOTE_TAKER, "Japan: will come back to this", ("JPN tcb",), None),
    ("notes", "notes", NOTE_TAKER, "Philippines: prefer \u201cNotes with grave concern\u201d",
     (), None),
    ("notes", "notes", NOTE_TAKER, "Umbrella Group: delete \u201cwith concern\u201d",
     ("-UMBRELLA",), None),
    ("goal", "goal", NOTE_TAKER, "Egypt for the African Group: supports", ("+AGN",), None),
    ("goal", "goal", NOTE_TAKER, "Maldives: important para for SIDS, keep", ("+MDV",), None),
    ("every", "every", NOTE_TAKER, "China: delete \u201cevery two years\u201d", ("-CHN",), None),
    ("every", "every", NOTE_TAKER, "17 November \u2013 US: supports\n18 November \u2013 US: "
     "now opposes", ("-USA",), None),
    ("ctf", "ctf", NOTE_TAKER, "India: reservation on \u201ccommon tabular formats\u201d",
     ("IND tcb",), None),
    ("ctf", "ctf", NOTE_TAKER, "EU: no objection", ("+EU",), None),
    ("workshops", "workshops", NOTE_TAKER, "Indonesia: ok", ("+IDN",), None),
    ("workshops", "workshops", NOTE_TAKER, "Korea: support", ("+KOR",), None),
    ("conclude", "conclude", NOTE_TAKER, "G77/China: delete this paragraph", ("-G77",), None),
    ("conclude", "conclude", NOTE_TAKER, "EU: can live with it", ("+EU",), None),
    ("conclude", "conclude", NOTE_TAKER, "Please align with the CMA decision", (), None),
    ("rec", "pa", "Delegation of China", "Delete", ("-CHN",), None),
    ("blended", "blended", NOTE_TAKER, "Bangladesh: tcb", ("BGD tcb",), None),
    ("urgent", "urgent", NOTE_TAKER, "Tuvalu: para 6 \u2013 support", ("+TUV",), None),
    ("workshops", "workshops", NOTE_TAKER,
     "Switzerland: delete \u201cas appropriate\u201d throughout", ("-CHE",), None),
    ("ld", "ld", NOTE_TAKER, "Saudi Arabia: opposes", ("-SAU",), None),
    ("scf", "scf", NOTE_TAKER, "UK: in favour", ("+GBR",), None),
    ("dev", "dev", NOTE_TAKER, "Bolivia: cannot go along with this", ("-BOL",), None),
    ("usd", "usd", NOTE_TAKER, "AOSIS: the figure is too low, but can accept for now",
     ("+AOSIS",), None),
    ("notes", "notes", NOTE_TAKER, "Chile: doesn't support", ("-CHL",), None),
    ("inv", "inv", NOTE_TAKER, "Mexico: OK with the para", ("+MEX",), None),
    ("every", "every", NOTE_TAKER, "Norway: we would like to come back to this",
     ("NOR tcb",), None),
    ("goal", "goal", NOTE_TAKER, "Canada: needs more work", ("CAN tcb",), None),
    ("private", "private", NOTE_TAKER, "Switzerland: agrees", ("+CHE",), None),
    ("ld", "ld", NOTE_TAKER, "Tuvalu on behalf of AOSIS: this is a red line, must stay",
     ("+AOSIS",), None),
    ("ack", "ack", NOTE_TAKER, "Bangladesh: no position yet", (), None),
    ("conclude", "conclude", "Delegation of Brazil", "Brazil: +1 G77", ("-BRA",), 37),
    ("shall", "shall", NOTE_TAKER, "EU: flexible on shall/should", (), None),
    ("by2027", "by2027", NOTE_TAKER, "Indonesia: delte \u201cby 2027\u201d", ("-IDN",), None),
    ("workshops", "workshops", NOTE_TAKER, "Korea, Japan / Australia: support",
     ("+KOR", "+JPN", "+AUS"), None),
    ("biennial", "biennial", NOTE_TAKER, "Egypt: objects", ("-EGY",), None),
    ("h3", "h3", NOTE_TAKER, "Maldives: support the whole section", ("+MDV",), None),
)

_RUN = re.compile(r"\{(\w+):([^}]*)\}")


def build(path: str | Path) -> None:
    """Write the sample: the draft, its comments, then the replies made into threads."""
    document = docx.Document()
    runs = {}
    for style, text in PARAGRAPHS:
        paragraph = document.add_paragraph(style=style or None)
        at = 0
        for match in _RUN.finditer(text):
            if match.start() > at:
                paragraph.add_run(text[at : match.start()])
            runs[match.group(1)] = paragraph.add_run(match.group(2))
            at = match.end()
        if at < len(text):
            paragraph.add_run(text[at:])
    for first, last, author, text, _, _ in COMMENTS:
        lines = text.split("\n")
        comment = document.add_comment(
            [runs[first], runs[last]], text=lines[0], author=author, initials=author[:2]
        )
        comment._comment_elm.set(f"{{{_W}}}date", DATE)
        for more in lines[1:]:
            comment.add_paragraph(more)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "UNFCCC secretariat"
    properties.created = properties.modified = STAMP
    document.save(str(path))
    _threads(Path(path))


def _threads(path: Path) -> None:
    """Give every comment paragraph a w14:paraId, write commentsExtended.xml naming each
    reply's parent, and take the replies' own range marks out of the body (as a reply
    written in a thread has none of its own); fixed zip timestamps."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    comments = etree.fromstring(parts["word/comments.xml"])
    para_ids = []
    for number, comment in enumerate(comments.iter(f"{{{_W}}}comment")):
        paragraphs = list(comment.iter(f"{{{_W}}}p"))
        for k, paragraph in enumerate(paragraphs):
            paragraph.set(f"{{{_W14}}}paraId", f"{number + 1:04X}{k:04X}")
        para_ids.append(paragraphs[-1].get(f"{{{_W14}}}paraId"))
    parts["word/comments.xml"] = etree.tostring(comments, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    replies = {str(n): parent for n, (*_, parent) in enumerate(COMMENTS) if parent is not None}
    entries = "".join(
        f'<w15:commentEx w15:paraId="{para_ids[n]}" w15:done="0"'
        + (f' w15:paraIdParent="{para_ids[replies[str(n)]]}"' if str(n) in replies else "")
        + "/>"
        for n in range(len(COMMENTS))
    )
    parts["word/commentsExtended.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w15:commentsEx xmlns:w15="{_W15}">{entries}</w15:commentsEx>'
    ).encode()
    body = etree.fromstring(parts["word/document.xml"])
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        for mark in list(body.iter(f"{{{_W}}}{tag}")):
            if mark.get(f"{{{_W}}}id") in replies:
                holder = mark.getparent()
                holder.remove(mark)
                if tag == "commentReference" and len(holder) == 0 or (
                    tag == "commentReference" and all(c.tag.endswith("rPr") for c in holder)
                ):
                    holder.getparent().remove(holder)
    parts["word/document.xml"] = etree.tostring(body, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdCommentsEx" Type="http://schemas.microsoft.com/office/2011/'
        'relationships/commentsExtended" Target="commentsExtended.xml"/></Relationships>',
    ).encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/word/commentsExtended.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/></Types>',
    ).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=STAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
