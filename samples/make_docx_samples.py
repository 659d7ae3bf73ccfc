"""Write the Word samples in samples/: `python samples/make_docx_samples.py [OUT_DIR]`.

- volunteerism-draft.docx: a CICA-style statement with Word auto-numbered operative paragraphs
  (two levels: "1." and "(a)"), italic preambular verbs, runs split inside brackets and inside
  attribution groups (as Word splits them), a table, and a footnote.
- note-takers-comments.docx: a UNFCCC-style draft whose positions are note-takers' comments
  ("US: Delete “authorized”", "CAN, UK delete", a date line...), with a staff editor's typo fix
  and a delegation's replacement (`build_note_takers`).
- tracked-changes.docx: numbered paragraphs with tracked insertions and deletions by two
  authors, "China" and "Delegation of India", including a whole inserted paragraph and a whole
  deleted one (paragraph marks tracked too).
- numbered-tracked-draft.docx: what the Word writers must get right: auto-numbered operative
  paragraphs with a whole bracketed one and a "3altern." typed by hand after it, a bracket
  that runs from a bold heading into the first numbered paragraph, sets of alternatives, and
  tracked changes already in the file (an insertion by a staff member, "Xavier Tibau Alberdi",
  and a deletion by "China").

The documents are built with python-docx; footnotes, numbering definitions and tracked changes,
which python-docx has no API for, are built with lxml. Each sample is described as data
(`VOLUNTEERISM`, `TRACKED`), and the text Word shows is written beside the spec, so tests can
compare what the reader extracts with what a person sees.
"""

from __future__ import annotations

import sys
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DATE = "2026-03-12T10:00:00Z"
STAMP = datetime(2026, 3, 12, 10, 0, 0)
#: numId of the operative paragraphs' list ("%1." then "(%2)").
OPERATIVE = 90


@dataclass(frozen=True)
class Run:
    """Plain text with its formatting: "" plain, "i" italic, "b" bold, "bi" both."""

    text: str
    fmt: str = ""


@dataclass(frozen=True)
class Ins:
    author: str
    text: str


@dataclass(frozen=True)
class Del:
    author: str
    text: str


@dataclass(frozen=True)
class NoteRef:
    """A footnote reference mark (Word shows a superscript number; not part of the text)."""

    note_id: int


Segment = Run | Ins | Del | NoteRef


@dataclass(frozen=True)
class Para:
    segments: tuple[Segment, ...]
    level: int | None = None  # auto-numbering level of the OPERATIVE list, None = unnumbered
    label: str = ""  # the label Word shows for that numbering (documentation and tests)
    mark: str | None = None  # "ins" / "del": the paragraph mark itself is a tracked change
    mark_author: str = ""


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[tuple[Segment, ...], ...], ...]


@dataclass
class Sample:
    blocks: list[Para | Table]
    notes: dict[int, str] = field(default_factory=dict)


def _p(*segments: Segment | str, level: int | None = None, label: str = "") -> Para:
    return Para(tuple(Run(s) if isinstance(s, str) else s for s in segments), level, label)


VOLUNTEERISM = Sample(
    blocks=[
        _p(Run("DRAFT CICA MINISTERIAL STATEMENT ON VOLUNTEERISM", "b")),
        _p(
            "We, the Ministers for Foreign Affairs of the Member States of the Conference on "
            "Interaction and Confidence Building Measures in Asia (CICA),"
        ),
        _p(
            Run("Recognizing", "i"),
            " that volunteering is a ",
            "[",
            "power",
            Run("ful and ", "b"),
            "cross-cutting",
            "] (",
            "+IR",
            "AN)",
            " means of implementing the 2030 Agenda for Sustainable Development,",
        ),
        _p(
            Run("Noting", "i"),
            " the contribution of volunteers to [intercultural ",
            Run("[and interfaith]", "i"),
            " (−",
            "CHN) dialogue] (+IND) and to the resilience of local communities,",
        ),
        _p(
            Run("Stressing", "i"),
            " the role of young people [and women",
            "] (+TUR",
            ") (-IRAN) in volunteer activities,",
            NoteRef(1),
        ),
        _p("Agree to:"),
        _p(
            "Encourage the exchange of experience among volunteer organizations of the "
            "Member States;",
            level=0,
            label="1.",
        ),
        _p(
            "Promote [the participation of volunteers in] (+AZER) programmes [of common "
            "interest] (-IND) [at the regional level] (CHN ",
            "tcb);",
            level=0,
            label="2.",
        ),
        _p("Support volunteer initiatives:", level=0, label="3."),
        _p("in education [and science] (+RUS);", level=1, label="(a)"),
        _p("in emergency response and disaster relief;", level=1, label="(b)"),
        _p(
            "[Consider establishing a CICA volunteer award;", "] (-CHN) (+KAZ)", level=0, label="4."
        ),
        _p(
            "4altern. Consider [recognizing][honouring] (+TUR) outstanding volunteers at "
            "CICA events;"
        ),
        _p(
            "Request the Secretariat to report on the implementation of this Statement. (tcb)",
            level=0,
            label="5.",
        ),
        Table(
            rows=(
                ((Run("Activity", "b"),), (Run("Proposed by", "b"),)),
                ((Run("[Annual volunteer forum"), Run("] (+KAZ)")), (Run("KAZ"),)),
                ((Run("Online volunteer platform"),), (Run("[CHN] ("), Run("SEC tcb)"))),
            )
        ),
        _p(
            "Decide to review progress at the next meeting of the Ministerial Council.",
            level=0,
            label="6.",
        ),
    ],
    notes={1: " See the report of the Secretary General on volunteering in Asia, 2025."},
)

CHINA = "China"
INDIA = "Delegation of India"

TRACKED = Sample(
    blocks=[
        _p(
            "Promote ",
            Ins(CHINA, "regional "),
            "cooperation among volunteer centres",
            Del(INDIA, " and youth groups"),
            ";",
            level=0,
        ),
        _p(
            "Welcome the ",
            Del(INDIA, "annual"),
            Ins(CHINA, "biennial"),
            " volunteer forum;",
            level=0,
        ),
        Para((Ins(INDIA, "Invite observers to join volunteer exchanges;"),), 0, "", "ins", INDIA),
        _p("Request the Secretariat to report on progress.", level=0),
        Para((Del(CHINA, "Establish a volunteer fund."),), 0, "", "del", CHINA),
        _p("Decide to remain seized of the matter.", level=0),
    ]
)

XAVIER = "Xavier Tibau Alberdi"

#: numbered-tracked-draft.docx: what the Word writers must get right (issue 8, section 4).
NUMBERED_TRACKED = Sample(
    blocks=[
        _p(Run("DRAFT DECISION -/CMA.6", "b")),
        _p(Run("Guidance on cooperative approaches", "b"), " [and on reporting"),
        _p(
            "by Parties] (-USA) Decides that Parties [shall][should][will] (+IND) report "
            "annually;",
            level=0,
            label="1.",
        ),
        _p(
            "Requests the secretariat to ",
            Ins(XAVIER, "prepare "),
            "a ",
            Del(CHINA, "technical "),
            "paper [on corresponding adjustments] (+AOSIS) (-USA);",
            level=0,
            label="2.",
        ),
        _p("[Invites Parties to submit their views by 1 March;] (-CHN)", level=0, label="3."),
        _p("3altern. Encourages Parties to submit their views;"),
        _p(
            "Decides to [continue][conclude] consideration of this matter at its next session.",
            level=0,
            label="4.",
        ),
    ]
)

#: What Word shows for tracked-changes.docx under each --track-changes mode.
TRACKED_TEXT = {
    "accept": "1. Promote regional cooperation among volunteer centres;\n"
    "2. Welcome the biennial volunteer forum;\n"
    "3. Invite observers to join volunteer exchanges;\n"
    "4. Request the Secretariat to report on progress.\n"
    "5. Decide to remain seized of the matter.",
    "reject": "1. Promote cooperation among volunteer centres and youth groups;\n"
    "2. Welcome the annual volunteer forum;\n"
    "3. Request the Secretariat to report on progress.\n"
    "4. Establish a volunteer fund.\n"
    "5. Decide to remain seized of the matter.",
    "brackets": "1. Promote [regional] (+CHN) cooperation among volunteer centres "
    "[and youth groups] (-IND);\n"
    "2. Welcome the [annual] (-IND)[biennial] (+CHN) volunteer forum;\n"
    "3. [Invite observers to join volunteer exchanges;] (+IND)\n"
    "4. Request the Secretariat to report on progress.\n"
    "5. [Establish a volunteer fund.] (-CHN)\n"
    "6. Decide to remain seized of the matter.",
}


def plain_text(segments: tuple[Segment, ...]) -> str:
    return "".join(s.text for s in segments if isinstance(s, Run))


def expected_text(sample: Sample, *, notes: bool = False) -> str:
    """What Word shows for a sample without tracked changes: one line per paragraph."""
    lines: list[str] = []
    for block in sample.blocks:
        if isinstance(block, Table):
            lines.extend(plain_text(cell) for row in block.rows for cell in row)
        else:
            label = f"{block.label} " if block.label else ""
            lines.append(label + plain_text(block.segments))
    if notes and sample.notes:
        lines.append("")
        lines.extend(sample.notes[key] for key in sorted(sample.notes))
    return "\n".join(lines)


# -- building -------------------------------------------------------------------------------


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _text_run(text: str, fmt: str = "", *, deleted: bool = False) -> etree._Element:
    r = etree.Element(_w("r"))
    if fmt:
        rpr = etree.SubElement(r, _w("rPr"))
        if "b" in fmt:
            etree.SubElement(rpr, _w("b"))
        if "i" in fmt:
            etree.SubElement(rpr, _w("i"))
    t = etree.SubElement(r, _w("delText" if deleted else "t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


class _Ids:
    def __init__(self) -> None:
        self.next = 100

    def __call__(self) -> str:
        self.next += 1
        return str(self.next)


def _revision(kind: str, author: str, ids: _Ids) -> etree._Element:
    return etree.Element(_w(kind), {_w("id"): ids(), _w("author"): author, _w("date"): DATE})


def fill_paragraph(p: etree._Element, segments: tuple[Segment, ...], ids: _Ids) -> None:
    """Append runs for `segments` to a w:p (lxml): tracked changes wrap their runs."""
    for segment in segments:
        if isinstance(segment, Run):
            p.append(_text_run(segment.text, segment.fmt))
        elif isinstance(segment, Ins):
            ins = _revision("ins", segment.author, ids)
            ins.append(_text_run(segment.text))
            p.append(ins)
        elif isinstance(segment, Del):
            deletion = _revision("del", segment.author, ids)
            deletion.append(_text_run(segment.text, deleted=True))
            p.append(deletion)
        else:
            r = etree.SubElement(p, _w("r"))
            rpr = etree.SubElement(r, _w("rPr"))
            etree.SubElement(rpr, _w("vertAlign"), {_w("val"): "superscript"})
            etree.SubElement(r, _w("footnoteReference"), {_w("id"): str(segment.note_id)})


def _numbering(document: docx.document.Document) -> None:
    """Add the operative list: level 0 "%1." decimal, level 1 "(%2)" lower letter."""
    numbering = document.part.numbering_part.element
    abstract = etree.SubElement(numbering, _w("abstractNum"), {_w("abstractNumId"): "90"})
    for ilvl, (fmt, text) in enumerate((("decimal", "%1."), ("lowerLetter", "(%2)"))):
        lvl = etree.SubElement(abstract, _w("lvl"), {_w("ilvl"): str(ilvl)})
        etree.SubElement(lvl, _w("start"), {_w("val"): "1"})
        etree.SubElement(lvl, _w("numFmt"), {_w("val"): fmt})
        etree.SubElement(lvl, _w("lvlText"), {_w("val"): text})
        etree.SubElement(lvl, _w("lvlJc"), {_w("val"): "left"})
        ppr = etree.SubElement(lvl, _w("pPr"))
        etree.SubElement(ppr, _w("ind"), {_w("left"): str(567 * (ilvl + 1)), _w("hanging"): "567"})
    # w:abstractNum elements must precede every w:num.
    first_num = numbering.find(_w("num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    num = etree.SubElement(numbering, _w("num"), {_w("numId"): str(OPERATIVE)})
    etree.SubElement(num, _w("abstractNumId"), {_w("val"): "90"})


def _number(p: etree._Element, level: int) -> None:
    ppr = p.find(_w("pPr"))
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        p.insert(0, ppr)
    numpr = etree.SubElement(ppr, _w("numPr"))
    etree.SubElement(numpr, _w("ilvl"), {_w("val"): str(level)})
    etree.SubElement(numpr, _w("numId"), {_w("val"): str(OPERATIVE)})


def _mark(p: etree._Element, kind: str, author: str, ids: _Ids) -> None:
    ppr = p.find(_w("pPr"))
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        p.insert(0, ppr)
    rpr = etree.SubElement(ppr, _w("rPr"))
    rpr.append(_revision(kind, author, ids))


def _footnotes(document: docx.document.Document, notes: dict[int, str], ids: _Ids) -> None:
    root = etree.Element(_w("footnotes"), nsmap={"w": W_NS})
    for note_id, kind in ((-1, "separator"), (0, "continuationSeparator")):
        note = etree.SubElement(root, _w("footnote"), {_w("type"): kind, _w("id"): str(note_id)})
        r = etree.SubElement(etree.SubElement(note, _w("p")), _w("r"))
        etree.SubElement(r, _w("separator" if note_id < 0 else "continuationSeparator"))
    for note_id, text in sorted(notes.items()):
        note = etree.SubElement(root, _w("footnote"), {_w("id"): str(note_id)})
        p = etree.SubElement(note, _w("p"))
        r = etree.SubElement(p, _w("r"))
        rpr = etree.SubElement(r, _w("rPr"))
        etree.SubElement(rpr, _w("vertAlign"), {_w("val"): "superscript"})
        etree.SubElement(r, _w("footnoteRef"))
        fill_paragraph(p, (Run(text),), ids)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(
        PackURI("/word/footnotes.xml"),
        CONTENT_TYPE.WML_FOOTNOTES,
        blob,
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def build(sample: Sample, path: str | Path) -> None:
    """Write `sample` as a .docx at `path`."""
    document = docx.Document()
    _numbering(document)
    ids = _Ids()
    for block in sample.blocks:
        if isinstance(block, Table):
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            for row, cells in zip(table.rows, block.rows, strict=True):
                for cell, segments in zip(row.cells, cells, strict=True):
                    fill_paragraph(cell.paragraphs[0]._p, segments, ids)
            continue
        p = document.add_paragraph()._p
        fill_paragraph(p, block.segments, ids)
        if block.level is not None:
            _number(p, block.level)
        if block.mark:
            _mark(p, block.mark, block.mark_author, ids)
    if sample.notes:
        _footnotes(document, sample.notes, ids)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "CICA Secretariat"
    properties.created = properties.modified = STAMP
    document.save(str(path))
    _normalise_zip(Path(path))


def _normalise_zip(path: Path) -> None:
    """Fixed timestamps in the zip, so that regenerating a sample gives the same bytes."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=STAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)

# -- note-takers' comments (issue 8): comments, staff edits, a replacement --------------------

NOTE_TAKER = "Xavier Tibau Alberdi"  # secretariat staff taking notes: not a delegation
EDITOR = "Maria Lopez"  # secretariat staff fixing typos: an editor (--editor "Maria Lopez")
UNITED_STATES = "United States"

#: Paragraphs of note-takers-comments.docx: plain strings, or (text, name) runs that the
#: comments below anchor on, or Ins/Del tracked changes.
_COMMENTED: tuple[tuple[str | tuple[str, str] | Ins | Del, ...], ...] = (
    (("Recalling Article 6, paragraph 2, of the Paris Agreement,", "p1"),),
    (("Recalling also decision 2/CMA.3,", "p2"),),
    (
        ("Requests each participating Party to ensure that the authorized cooperative approach "
         "is consistent with its nationally determined contribution;", "p3"),
    ),
    (
        ("Decides", "decides"),
        " that the achievement of an NDC or the overall mitigation in global emissions ",
        Del(UNITED_STATES, "shall"),
        Ins(UNITED_STATES, "should"),
        " be reported annually;",
    ),
    (
        "Encourages Parties to use the ",
        ("agreed electronic format", "format"),
        " for reporting",
        Ins("Delegation of India", " and capacity-building"),
        ";",
    ),
    (
        "Invites the secretariat to ",
        Del(EDITOR, "recieve"),
        Ins(EDITOR, "receive"),
        " submissions ",
        ("and to prepare", "prepare"),
        " a ",
        ("synthesis report", "report"),
        ";",
    ),
    (
        "Also invites Parties to provide information on ",
        ("corresponding", "corresponding"),
        " ",
        ("adjust", "adjust"),
        "ments;",
    ),
    (
        ("Decides to continue consideration of this matter at its ", "p8"),
        ("next session", "session"),
        (".", "p8 end"),
    ),
)

#: (first run, last run, author, paragraphs of the comment), as note-takers write them.
_NOTES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "p1",
        "p2",
        NOTE_TAKER,
        (
            "U.S, Canada, Japan: Delete the recalling paras / EU: As a reminder, recalling "
            "paras may sometimes be needed",
        ),
    ),
    ("p3", "p3", NOTE_TAKER, ("US: Delete \u201cauthorized\u201d",)),
    ("decides", "decides", NOTE_TAKER, ("AOSIS: Delete \u201cthe achievement of an NDC or\u201d",)),
    ("shall", "should", NOTE_TAKER, ("UK, CFRN \u2013 \u201cshall\u201d / US \u2013 \u201cshould\u201d",)),
    ("format", "format", NOTE_TAKER, ("Russia, China supports the format",)),
    ("format", "format", NOTE_TAKER, ("CAN, UK delete",)),
    (" and capacity-building", " and capacity-building", NOTE_TAKER, ("Brazil: keep",)),
    ("report", "report", NOTE_TAKER, ("China supports",)),
    ("prepare", "prepare", NOTE_TAKER, ("Delete",)),
    (
        "corresponding",
        "corresponding",
        NOTE_TAKER,
        ("17 November \u2013 IC", "US ok", "Saudi Arabia: tcb"),
    ),
    ("adjust", "adjust", NOTE_TAKER, ("EU: reserve",)),
    ("p8", "p8 end", "Delegation of China", ("Delete",)),
    ("session", "session", NOTE_TAKER, ("Please check the wording against the CMA decision.",)),
)


def build_note_takers(path: str | Path) -> None:
    """Write note-takers-comments.docx: a UNFCCC-style draft whose positions are in comments
    written by a note-taker (`_NOTES`: the forms of issue 8), with a staff editor's typo fix,
    a delegation's replacement (a deletion and an insertion) and an insertion by a delegation.
    tests/docx/test_note_takers.py counts its positions by hand."""
    from docx.text.run import Run as DocxRun

    document = docx.Document()
    ids = _Ids()
    runs: dict[str, DocxRun] = {}
    tracked: list[tuple[DocxRun, Ins | Del]] = []
    for segments in _COMMENTED:
        paragraph = document.add_paragraph()
        for segment in segments:
            if isinstance(segment, str):
                paragraph.add_run(segment)
            elif isinstance(segment, tuple):
                runs[segment[1]] = paragraph.add_run(segment[0])
            else:
                run = runs[segment.text] = paragraph.add_run(segment.text)
                tracked.append((run, segment))
    for first, last, author, texts in _NOTES:
        comment = document.add_comment(
            [runs[first], runs[last]], text=texts[0], author=author, initials=author[:2]
        )
        comment._comment_elm.set(_w("date"), DATE)  # a fixed date: the same bytes each time
        for more in texts[1:]:
            comment.add_paragraph(more)
    for run, change in tracked:
        wrapper = _revision("ins" if isinstance(change, Ins) else "del", change.author, ids)
        run._r.addprevious(wrapper)
        wrapper.append(run._r)
        if isinstance(change, Del):
            for text in run._r.iter(_w("t")):
                text.tag = _w("delText")
    properties = document.core_properties
    properties.author = properties.last_modified_by = "UNFCCC secretariat"
    properties.created = properties.modified = STAMP
    document.save(str(path))
    _normalise_zip(Path(path))


# -- a revision pair, for `brackets compare` -----------------------------------------------------

#: An earlier version of a statement, and the later one the negotiation made of it.
REVISION_OLD = Sample(
    blocks=[
        _p(Run("DRAFT STATEMENT ON WATER COOPERATION", "b")),
        _p(
            Run("Recognizing", "i"),
            " that [transboundary] (+IRAN) water cooperation supports peace and "
            "[sustainable] development,",
            NoteRef(1),
        ),
        _p(Run("Noting", "i"), " the work of river basin organizations in the region,"),
        _p("Agree to:"),
        _p("Exchange hydrological data [on a regular basis] (-CHN);", level=0, label="1."),
        _p("Hold an annual meeting of experts;", level=0, label="2."),
        _p("Establish a joint fund. Invite donors to contribute to it;", level=0, label="3."),
        _p("Report to the Council", level=0, label="4."),
        _p("at its next session.", level=0, label="5."),
        Table(
            rows=(
                ((Run("Activity", "b"),), (Run("Lead", "b"),)),
                ((Run("Data portal"),), (Run("[KAZ] (+KAZ)"),)),
            )
        ),
    ],
    notes={1: " See the regional water report, 2024."},
)

REVISION_NEW = Sample(
    blocks=[
        _p(Run("DRAFT STATEMENT ON WATER COOPERATION", "b")),
        _p(
            Run("Recognizing", "i"),
            " that transboundary water cooperation supports peace, security and "
            "[sustainable] development,",
            NoteRef(1),
        ),
        _p("Agree to:"),
        _p("Exchange hydrological data [on a regular basis] (-CHN) (+IND);", level=0, label="1."),
        _p("Strengthen the capacity of national water agencies;", level=0, label="2."),
        _p("Hold a biennial meeting of experts;", level=0, label="3."),
        _p("Establish a joint fund.", level=0, label="4."),
        _p("Invite donors to contribute to it;", level=0, label="5."),
        _p("Report to the Council at its next session.", level=0, label="6."),
        Table(
            rows=(
                ((Run("Activity", "b"),), (Run("Lead", "b"),)),
                ((Run("Data portal"),), (Run("KAZ and UZB"),)),
            )
        ),
    ],
    notes={1: " See the regional water reports, 2024 and 2025."},
)


def build_revision_pair(out: Path) -> tuple[Path, Path]:
    """water-cooperation-rev1.docx and its edited copy -rev2.docx: words changed, a bracket
    agreed, a paragraph removed, one added, one split and two joined, a table cell and the
    footnote edited."""
    old, new = out / "water-cooperation-rev1.docx", out / "water-cooperation-rev2.docx"
    build(REVISION_OLD, old)
    build(REVISION_NEW, new)
    return old, new


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    build(VOLUNTEERISM, out / "volunteerism-draft.docx")
    build(TRACKED, out / "tracked-changes.docx")
    print(f"wrote {out / 'volunteerism-draft.docx'} and {out / 'tracked-changes.docx'}")
    print("wrote {} and {}".format(*build_revision_pair(out)))
    build_note_takers(out / "note-takers-comments.docx")
    print(f"wrote {out / 'note-takers-comments.docx'}")
    build(NUMBERED_TRACKED, out / "numbered-tracked-draft.docx")
    print(f"wrote {out / 'numbered-tracked-draft.docx'}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import unfccc_comments

    unfccc_comments.build(out / "unfccc-comments-draft.docx")
    print(f"wrote {out / 'unfccc-comments-draft.docx'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
