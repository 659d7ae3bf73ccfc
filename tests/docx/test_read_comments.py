"""Word comments that state positions, read in "brackets" mode.

A comment "objects" / "IRAN: delete" / "AZER: tcb" / "US: retain" on a tracked change adds a
group to the bracket the reader makes of it; one on a whole paragraph adds a paragraph-level
group. Documents come from our own redline writer and from python-docx with hand-made
tracked changes.
"""

from __future__ import annotations

import itertools
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from readkit import W_NS, body, p, run_element, write_package

import brackets
from brackets.docx import read_docx, reader, write_clean, write_redline

W = f"{{{W_NS}}}"
NEUTRAL = "Unattributed"


# -- the vocabulary -------------------------------------------------------------------------


# -- a Word document built by hand: python-docx, tracked changes added with lxml ---------------


def _track(element: etree._Element, kind: str, author: str, revision: int) -> None:
    """Wrap a run (w:r) in w:ins or w:del by `author` (its text becoming w:delText for a
    deletion)."""
    wrapper = etree.Element(
        f"{W}{kind}",
        {f"{W}id": str(1000 + revision), f"{W}author": author, f"{W}date": "2026-01-01T00:00:00Z"},
    )
    element.addprevious(wrapper)
    wrapper.append(element)
    if kind == "del":
        for text in element.iter(f"{W}t"):
            text.tag = f"{W}delText"


def _comment(
    document: docx.document.Document, runs: Run | Sequence[Run], text: str, author: str
) -> None:
    document.add_comment(runs, text=text, author=author, initials=author[:2])


def _hand_made(path: Path, *, comments: bool = True) -> Path:
    """Four paragraphs: tracked insertions with position comments (prefixed, by author, inside
    the w:ins), a deletion, a plain paragraph commented whole, and comments on plain text."""
    document = docx.Document()
    first = document.add_paragraph("1. Promote ")
    tolerance = first.add_run("tolerance and")
    first.add_run(" dialogue ")
    peoples = first.add_run("among peoples")
    first.add_run(";")
    second = document.add_paragraph("2. Establish ")
    group = second.add_run("an expert group")
    second.add_run(" and ")
    report = second.add_run("a report")
    second.add_run(".")
    third = document.add_paragraph("3. Review implementation at the next meeting.")
    fourth = document.add_paragraph("4. Note the ")
    plain = fourth.add_run("plain words")
    fourth.add_run(" here.")
    if comments:
        _comment(document, tolerance, "AZER: tcb", "Delegation of Turkey")
        _comment(document, tolerance, "Please check the wording.", "Delegation of China")
        _comment(document, tolerance, "US: retain", "Delegation of China")
        _comment(document, peoples, "IRAN: delete", "Delegation of China")
        _comment(document, peoples, "objects", "Delegation of India")
        _comment(document, group, "alternative 2 of 3", "Delegation of China")
        _comment(document, group, "tcb", NEUTRAL)
        _comment(document, group, "objects", NEUTRAL)
        _comment(document, report, "supports", "Delegation of China")
        _comment(document, third.runs, "AZER: tcb", "Delegation of China")
        _comment(document, third.runs, "keep", "Delegation of India")
        _comment(document, plain, "IRAN: delete", "Delegation of China")
    _track(run_element(document, "tolerance and"), "ins", "Delegation of Turkey", 1)
    _track(run_element(document, "among peoples"), "ins", "Delegation of China", 2)
    group_element = run_element(document, "an expert group")
    _track(group_element, "ins", NEUTRAL, 3)
    _track(run_element(document, "a report"), "del", "Delegation of India", 4)
    if comments:  # a range that starts inside the w:ins, as Word sometimes writes it
        p_element = group_element.getparent().getparent()
        start = p_element.find(f"{W}commentRangeStart")
        assert start is not None
        group_element.addprevious(start)
    document.save(str(path))
    return path


def _registry() -> brackets.Registry:
    default = brackets.Registry.default()
    for name, code in (
        ("Delegation of Turkey", "TUR"),
        ("Delegation of China", "CHN"),
        ("Delegation of India", "IND"),
    ):
        assert default.code_for(name) == code, name
    return default


HAND_MADE_TEXT = (
    "1. Promote [tolerance and] (+TUR) (AZER tcb) (+USA) dialogue [among peoples] (+CHN) (-IRAN)"
    " (-IND);\n"
    "2. Establish [an expert group] (tcb) and [a report] (-IND) (+CHN).\n"
    "3. Review implementation at the next meeting. (AZER tcb) (+IND)\n"
    "4. Note the [plain words] (-IRAN) here."
)


def test_hand_made_document_comments_become_groups(tmp_path: Path) -> None:
    path = _hand_made(tmp_path / "hand.docx")
    draft = read_docx(path, track_changes="brackets", registry=_registry())
    assert draft.source == HAND_MADE_TEXT
    b1, b2, b3, b4, b5 = draft.brackets
    assert (b1.supporters, b1.reservations) == (("TUR", "USA"), ("AZER",))
    assert (b2.supporters, b2.objectors) == (("CHN",), ("IRAN", "IND"))
    assert (b3.supporters, b3.objectors, b3.reservations) == ((), (), ("*",))
    assert (b4.supporters, b4.objectors) == (("CHN",), ("IND",))
    p3 = draft.paragraphs[2]
    assert (p3.supporters, p3.reservations) == (("IND",), ("AZER",))
    report = brackets.positions(draft)
    assert (b5.objectors, draft.source[b5.inner_start : b5.inner_end]) == (
        ("IRAN",),
        "plain words",
    )
    assert set(report.objecting) == {"IRAN", "IND"}
    # "US" is the United States (USA), not an unknown code; the comment on plain text brackets
    # it; comments that state no position are one warning (our redline's "alternative 2 of
    # 3" aside) and all are listed
    assert [(d.line, d.column, d.message[:40]) for d in draft.warnings] == [
        (1, 13, "comments that state no position: 2 (a po"),
    ]
    assert draft.warnings[0].code == "docx-comment"
    assert [(c.line, c.author, c.text, c.positions) for c in report.comments] == [
        (1, "Delegation of Turkey", "AZER: tcb", ("AZER tcb",)),
        (1, "Delegation of China", "Please check the wording.", ()),
        (1, "Delegation of China", "US: retain", ("+USA",)),
        (1, "Delegation of China", "IRAN: delete", ("-IRAN",)),
        (1, "Delegation of India", "objects", ("-IND",)),
        (2, "Delegation of China", "alternative 2 of 3", ()),
        (2, NEUTRAL, "tcb", ("tcb",)),
        (2, NEUTRAL, "objects", ()),
        (2, "Delegation of China", "supports", ("+CHN",)),
        (3, "Delegation of China", "AZER: tcb", ("AZER tcb",)),
        (3, "Delegation of India", "keep", ("+IND",)),
        (4, "Delegation of China", "IRAN: delete", ("-IRAN",)),
    ]


def test_added_groups_are_synthetic_pieces_covering_the_text(tmp_path: Path) -> None:
    draft = read_docx(_hand_made(tmp_path / "hand.docx"), track_changes="brackets")
    source = draft.origin
    assert isinstance(source, reader.SourceMap)
    pieces = source.pieces
    assert pieces[0].start == 0 and pieces[-1].end == len(draft.source)
    assert all(a.end == b.start for a, b in itertools.pairwise(pieces))
    for group in (" (AZER tcb)", " (+USA)", " (-IRAN)", " (-IND)", " (tcb)", " (+IND)"):
        at = draft.source.index(group)
        piece = source.locate(at)
        assert (piece.kind, piece.start, piece.end) == ("synthetic", at, at + len(group))
    paragraph_group = source.locate(draft.source.index(" (+IND)\n"))
    assert (paragraph_group.part, paragraph_group.paragraph) == ("document", 2)
    # run pieces still name their characters in the document
    word = draft.source.index("dialogue")
    piece = source.locate(word)
    assert piece.kind == "run" and piece.paragraph == 0


def test_clean_copy_of_a_commented_draft(tmp_path: Path) -> None:
    draft = read_docx(_hand_made(tmp_path / "hand.docx"), track_changes="brackets")
    resolution = brackets.resolve(draft, "silence", withdraw=["AZER"])
    out = tmp_path / "clean.docx"
    out.write_bytes(write_clean(draft, resolution))
    assert read_docx(out, comments=False).source == resolution.text


@pytest.mark.parametrize("mode", ["accept", "reject"])
def test_accept_and_reject_read_comments_too(tmp_path: Path, mode: str) -> None:
    """Comments are read whatever the tracked-change mode (issue 16): the commented passages
    carry the positions; without comments the text is that of the bare document."""
    commented = read_docx(_hand_made(tmp_path / "with.docx"), track_changes=mode)
    assert "(AZER tcb) (+IND)" in commented.source
    assert "(-IRAN)" in commented.source
    commented = read_docx(_hand_made(tmp_path / "with.docx"), track_changes=mode, comments=False)
    bare = read_docx(_hand_made(tmp_path / "without.docx", comments=False), track_changes=mode)
    assert commented.source == bare.source
    assert commented.diagnostics == bare.diagnostics
    assert commented.origin.pieces == bare.origin.pieces  # type: ignore[union-attr]


def test_no_comments_does_not_read_the_comments_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _hand_made(tmp_path / "hand.docx")

    def refuse(*_: object) -> None:
        raise AssertionError("comments read")

    monkeypatch.setattr(reader, "read_notes", refuse)
    monkeypatch.setattr(reader, "comment_anchors", refuse)
    assert read_docx(path, comments=False).source.startswith("1. Promote tolerance and dialogue")


def test_no_comments_costs_no_anchor_walk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a comments part the body is read as before: no search for comment marks."""
    path = _hand_made(tmp_path / "bare.docx", comments=False)
    before = read_docx(path, track_changes="brackets")

    def refuse(*_: object) -> None:
        raise AssertionError("comment marks searched")

    monkeypatch.setattr(reader, "comment_anchors", refuse)
    after = read_docx(path, track_changes="brackets")
    assert after.source == before.source


def test_a_comment_with_no_position_is_listed(tmp_path: Path) -> None:
    prose = write_package(
        tmp_path / "prose.docx",
        body('<w:p><w:commentRangeStart w:id="0"/>' + _run("Some text.") + "</w:p>"),
        extra={"word/comments.xml": _comments_xml(("0", "CHN", "Nice wording"))},
    )
    draft = read_docx(prose, track_changes="brackets")
    assert draft.source == "Some text."
    assert [d.message.split(" (")[0] for d in draft.warnings] == [
        "comments that state no position: 1"
    ]
    (listed,) = brackets.positions(draft).as_json()["comments"]  # type: ignore[misc]
    assert {k: listed[k] for k in ("id", "line", "author", "text", "positions", "places")} == {
        "id": "0",
        "line": 1,
        "author": "CHN",
        "text": "Nice wording",
        "positions": [],
        "places": [],
    }
    assert listed["reason"] == "editorial"  # prose naming nobody: the reason is recorded
    assert [s["text"] for s in listed["statements"]] == ["Nice wording"]


# -- hand-written XML: where marks stand --------------------------------------------------------


def _comments_xml(*comments: tuple[str, str, str]) -> str:
    inner = "".join(
        f'<w:comment w:id="{cid}" w:author="{author}"><w:p><w:r><w:annotationRef/></w:r>'
        f"<w:r><w:t>{text}</w:t></w:r></w:p></w:comment>"
        for cid, author, text in comments
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:comments xmlns:w="{W_NS}">{inner}</w:comments>'
    )


def _ins(author: str, text: str, rid: int = 90) -> str:
    return (
        f'<w:ins w:id="{rid}" w:author="{author}"><w:r><w:t xml:space="preserve">{text}</w:t>'
        "</w:r></w:ins>"
    )


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _read(tmp_path: Path, xml: str, *comments: tuple[str, str, str]) -> brackets.Draft:
    path = write_package(
        tmp_path / "marks.docx", body(xml), extra={"word/comments.xml": _comments_xml(*comments)}
    )
    return read_docx(path, track_changes="brackets", lenient=True)


def test_an_alternative_quoted_in_a_comment_joins_the_bracket_it_is_on(tmp_path: Path) -> None:
    # a comment on a tracked insertion gives the set back; one on plain text, or quoting
    # something that is not one bracket, is ignored with a warning
    xml = (
        f'<w:p>{_run("Parties ")}<w:commentRangeStart w:id="3"/><w:commentRangeStart w:id="1"/>'
        f'{_ins(NEUTRAL, "shall")}<w:commentRangeEnd w:id="1"/><w:commentRangeEnd w:id="3"/>'
        f'{_run(" act ")}<w:commentRangeStart w:id="2"/>'
        f'{_run("now")}<w:commentRangeEnd w:id="2"/>{_run(".")}</w:p>'
    )
    draft = _read(
        tmp_path,
        xml,
        ("3", "IND", "alternative 3 of 3: [will] (+IND)"),
        ("1", NEUTRAL, "alternative 2 of 3: [should]"),
        ("2", "IND", "alternative 2 of 2: [soon]"),
    )
    assert draft.source == "Parties [shall][should][will] (+IND) act now."
    assert [b.alternative for b in draft.brackets] == [(1, 3), (2, 3), (3, 3)]
    assert [d.message for d in draft.warnings] == [
        "comment 'alternative 2 of 2' is on no bracket: ignored"
    ]


def test_marks_between_paragraphs_cover_the_paragraphs(tmp_path: Path) -> None:
    xml = (
        '<w:commentRangeStart w:id="1"/>'
        f"<w:p>{_run('Review the text.')}</w:p>"
        '<w:commentRangeEnd w:id="1"/>'
        f"<w:p>{_run('Second.')}</w:p>"
    )
    draft = _read(tmp_path, xml, ("1", "IRAN", "tcb"))
    assert draft.source == "Review the text. (IRAN tcb)\nSecond."


def test_range_ending_in_the_next_paragraph_covers_this_one(tmp_path: Path) -> None:
    xml = (
        f'<w:p>{_run("First.")}<w:commentRangeStart w:id="1"/></w:p>'
        f"<w:p>{_run('Second.')}</w:p>"
        f'<w:p><w:commentRangeEnd w:id="1"/>{_run("Third.")}</w:p>'
    )
    assert _read(tmp_path, xml, ("1", "IRAN", "objects")).source == (
        "First.\nSecond. (-IRAN)\nThird."
    )


def test_reference_only_and_nested_changes(tmp_path: Path) -> None:
    """A comment without a range sits at its reference mark; on nested changes the innermost
    bracket holding the range gets the group."""
    xml = (
        "<w:p>"
        + _run("Promote ")
        + '<w:ins w:id="80" w:author="CHN">'
        + _run("cultural ")
        + '<w:del w:id="81" w:author="IND"><w:r><w:delText>and religious</w:delText></w:r>'
        + '<w:r><w:commentReference w:id="2"/></w:r></w:del>'
        + _run(" diversity")
        + "</w:ins>"
        + _run(" ")
        + '<w:commentRangeStart w:id="3"/>'
        + _ins("TUR", "today", 82)
        + '<w:commentRangeEnd w:id="3"/>'
        + '<w:r><w:commentReference w:id="1"/></w:r>'
        + _run(".")
        + "</w:p>"
    )
    draft = _read(
        tmp_path, xml, ("1", "AZER", "tcb"), ("2", "CHN", "IRAN: oppose"), ("3", "IRAN", "objects")
    )
    assert draft.source == (
        "Promote [cultural [and religious] (-IND) (-IRAN) diversity] (+CHN) [today] (+TUR)"
        " (-IRAN) (AZER tcb)."
    )


def test_comment_on_a_paragraph_that_ends_with_a_bracket_brackets_it(tmp_path: Path) -> None:
    """A group at the end of the line would go to the bracket: the paragraph's text is
    bracketed instead, which means the same (NOTATION section 2)."""
    xml = (
        '<w:p><w:commentRangeStart w:id="1"/>'
        + _run("Promote ")
        + _ins("CHN", "dialogue")
        + _run(".")
        + '<w:commentRangeEnd w:id="1"/></w:p>'
    )
    draft = _read(tmp_path, xml, ("1", "IRAN", "objects"))
    assert draft.source == "[Promote [dialogue] (+CHN).] (-IRAN)"
    assert draft.warnings == ()


def test_comments_on_several_paragraphs_or_part_of_a_bracket(tmp_path: Path) -> None:
    xml = (
        '<w:p><w:commentRangeStart w:id="1"/>' + _run("One.") + "</w:p>"
        "<w:p>" + _run("Two.") + '<w:commentRangeEnd w:id="1"/></w:p>'
        "<w:p>"
        + _run("Three ")
        + '<w:commentRangeStart w:id="2"/>'
        + _ins("CHN", "four")
        + _run(" five")
        + '<w:commentRangeEnd w:id="2"/></w:p>'
    )
    draft = _read(tmp_path, xml, ("1", "IRAN", "objects"), ("2", "IND", "tcb"))
    assert draft.source == "One. (-IRAN)\nTwo. (-IRAN)\nThree [[four] (+CHN) five] (IND tcb)"
    assert draft.warnings == ()


def test_comments_part_named_by_the_relationship(tmp_path: Path) -> None:
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/comments" Target="notes/remarks.xml"/></Relationships>'
    )
    xml = (
        '<w:p><w:commentRangeStart w:id="7"/>'
        + _ins("CHN", "text")
        + ('<w:commentRangeEnd w:id="7"/></w:p>')
    )
    path = write_package(
        tmp_path / "rel.docx",
        body(xml),
        extra={
            "word/_rels/document.xml.rels": rels,
            "word/notes/remarks.xml": _comments_xml(("7", "IND", "delete")),
        },
    )
    assert read_docx(path, track_changes="brackets").source == "[text] (+CHN) (-IND)"


def test_malformed_comments_part_is_a_docx_error(tmp_path: Path) -> None:
    path = write_package(
        tmp_path / "bad.docx", body(p("Text.")), extra={"word/comments.xml": "<w:comments"}
    )
    with pytest.raises(brackets.DocxError, match=r"malformed XML in word/comments\.xml"):
        read_docx(path, track_changes="brackets")
    assert read_docx(path, comments=False).source == "Text."


# -- round trip through our own redline writer --------------------------------------------------


def _round_trip(text: str, folder: Path) -> tuple[brackets.Draft, brackets.Draft]:
    draft = brackets.parse(text)
    out = folder / "redline.docx"
    out.write_bytes(write_redline(draft, neutral_author=NEUTRAL))
    return draft, read_docx(out, track_changes="brackets", lenient=True)


def test_redline_positions_come_back(tmp_path: Path) -> None:
    text = (
        "1. Promote [tolerance and] (+TUR, +KAZ) (AZER tcb) dialogue [among peoples] (-CHN, +IND);"
        "\n[2. Establish an expert group;] (+CHN) (-IND) (-IRAN)\n"
        "3. Note [the report] (tcb) today.\n"
    )
    draft, back = _round_trip(text, tmp_path)
    assert back.source == (
        "1. Promote [tolerance and] (+TUR) (+KAZ) (AZER tcb) dialogue [among peoples] (+IND)"
        " (-CHN);\n[2. Establish an expert group;] (+CHN) (-IND) (-IRAN)\n"
        "3. Note [the report] (tcb) today."
    )
    assert _positions(back) == _positions(draft)
    assert back.warnings == ()


Holder = tuple[int, str]
Positions = dict[Holder, tuple[frozenset[str], frozenset[str], frozenset[str]]]


def _positions(draft: brackets.Draft) -> Positions:
    """Per holder: supporters, objectors and reservations as sets. A holder is a bracket, named
    by its line and text, or a paragraph with positions, named by its line and text without
    groups; a paragraph-level position and a bracket holding the whole line read alike."""
    out: Positions = {}
    for bracket in draft.brackets:
        inner = " ".join(draft.source[bracket.inner_start : bracket.inner_end].split())
        out[(bracket.line, inner)] = (
            frozenset(bracket.supporters),
            frozenset(bracket.objectors),
            frozenset(bracket.reservations),
        )
    for paragraph in draft.paragraphs:
        if paragraph.groups:
            text = draft.source[paragraph.start : paragraph.groups[0].start]
            out[(paragraph.line, " ".join(text.split()))] = (
                frozenset(paragraph.supporters),
                frozenset(paragraph.objectors),
                frozenset(paragraph.reservations),
            )
    return out


def test_paragraph_positions_come_back_as_a_whole_line_bracket(tmp_path: Path) -> None:
    """The redline writes a paragraph-level position as an insertion of the whole paragraph
    plus comments on it, exactly as it writes a bracket around the whole paragraph: read back,
    the positions are those of a bracket holding the line. Nothing in the file tells the two
    apart, and a comment on a bracket made from a tracked change goes to that bracket."""
    text = "5. Note the report.\n6. Review. (tcb)\n7. Also. (-IND) (+TUR)\n"
    draft, back = _round_trip(text, tmp_path)
    assert back.source == "5. Note the report.\n[6. Review.] (tcb)\n[7. Also.] (+TUR) (-IND)"
    assert _positions(back) == _positions(draft)


def test_redline_of_a_word_draft_comes_back(tmp_path: Path) -> None:
    """The redline of a Word draft is an edited copy of it, with comments anchored on runs."""
    document = docx.Document()
    document.add_paragraph("Recognizing that water [is essential] (+KAZ) (-CHN) for all;")
    numbered: Paragraph = document.add_paragraph(style="List Number")
    numbered.add_run("Encourage the exchange of data ")
    numbered.add_run("[on a ").bold = True
    numbered.add_run("voluntary basis] (-AZER) (IRAN tcb);")
    document.add_paragraph("[Establish an expert group;] (+KAZ) (-CHN) (tcb)")
    document.add_paragraph("Review progress at the next meeting. (CHN tcb)")
    source = tmp_path / "draft.docx"
    document.save(str(source))
    draft = read_docx(source)
    out = tmp_path / "redline.docx"
    out.write_bytes(write_redline(draft))
    back = read_docx(out, track_changes="brackets", lenient=True)
    assert _positions(back) == _positions(draft)
    assert back.warnings == ()


_CODES = st.sampled_from(["CHN", "IND", "IRAN", "AZER", "TUR"])
_WORDS = st.lists(
    st.sampled_from(["the", "States", "shall", "promote", "dialogue", "peace"]),
    min_size=1,
    max_size=4,
).map(" ".join)
_ENTRY = st.one_of(
    _CODES.map(lambda code: f"+{code}"),
    _CODES.map(lambda code: f"-{code}"),
    _CODES.map(lambda code: f"{code} tcb"),
    st.just("tcb"),
)


def _groups(*, at_least_one: bool = False) -> st.SearchStrategy[str]:
    """Attribution groups, one entry each, all different."""
    entries = st.lists(_ENTRY, min_size=1 if at_least_one else 0, max_size=3, unique=True)
    return entries.map(lambda found: "".join(f" ({entry})" for entry in found))


@st.composite
def _flat_drafts(draw: st.DrawFn) -> str:
    """Lines of words with brackets that neither nest nor touch, and lines with a
    paragraph-level position (no bracket on them)."""
    lines = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        if draw(st.integers(0, 3)) == 0:
            groups = draw(_groups(at_least_one=True))
            lines.append(f"{number}. {draw(_WORDS)}.{groups}")
            continue
        pieces = [f"{number}. {draw(_WORDS)}"]
        for _ in range(draw(st.integers(0, 3))):
            pieces.append(f"[{draw(_WORDS)}]{draw(_groups())}")
            pieces.append(draw(_WORDS) + draw(st.sampled_from(["", ";", "."])))
        lines.append(" ".join(pieces))
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None)
@given(_flat_drafts())
def test_round_trip_law(text: str) -> None:
    """write_redline then read_docx(track_changes="brackets") gives back every bracket's and
    every paragraph's supporters, objectors and reservations."""
    with tempfile.TemporaryDirectory() as folder:
        draft, back = _round_trip(text, Path(folder))
        assert _positions(back) == _positions(draft)
        assert len(back.brackets) == len(draft.brackets) + sum(
            1 for paragraph in draft.paragraphs if paragraph.groups
        )


def test_our_redline_has_comments_to_read(tmp_path: Path) -> None:
    """The law above is not vacuous: the redline holds position comments."""
    _, back = _round_trip("Text [a] (+CHN) (-IND) (AZER tcb) end.\n", tmp_path)
    with zipfile.ZipFile(tmp_path / "redline.docx") as archive:
        comments = archive.read("word/comments.xml").decode()
    assert "objects" in comments and "to come back" in comments
    assert back.source == "Text [a] (+CHN) (-IND) (AZER tcb) end."


# -- comments on plain text: the passage is bracketed ------------------------------------------


def test_a_single_character_or_part_of_a_word_widens_to_the_word(tmp_path: Path) -> None:
    xml = (
        "<w:p>"
        + _run("Pro")
        + '<w:commentRangeStart w:id="1"/>'
        + _run("m")
        + '<w:commentRangeEnd w:id="1"/>'
        + _run("ote dialogue and")
        + '<w:r><w:commentReference w:id="2"/></w:r>'
        + _run(" peace.")
        + "</w:p>"
    )
    draft = _read(tmp_path, xml, ("1", "IRAN", "objects"), ("2", "CHN", "supports"))
    assert draft.source == "[Promote] (-IRAN) dialogue [and] (+CHN) peace."
    assert draft.warnings == ()


def test_a_quoted_text_is_the_bracket_and_para_is_the_paragraph(tmp_path: Path) -> None:
    xml = (
        '<w:p><w:commentRangeStart w:id="1"/>'
        + _run("Parties shall promote the agreed format.")
        + '<w:commentRangeEnd w:id="1"/></w:p>'
        + '<w:p><w:commentRangeStart w:id="2"/>'
        + _run("Decides")
        + '<w:commentRangeEnd w:id="2"/>'
        + _run(" to review.")
        + "</w:p>"
    )
    draft = _read(
        tmp_path,
        xml,
        ("1", "Note Taker", "US: Delete \u201cthe agreed\u201d"),
        ("2", "Note Taker", "EU: tcb on this para"),
    )
    assert draft.source == (
        "Parties shall promote [the agreed] (-USA) format.\nDecides to review. (EU tcb)"
    )


def test_a_bracket_that_would_cross_another_is_not_made(tmp_path: Path) -> None:
    xml = (
        "<w:p>"
        + _run("Promote [tolerance and")
        + '<w:commentRangeStart w:id="1"/>'
        + _run(" dialogue] among")
        + '<w:commentRangeEnd w:id="1"/>'
        + _run(" peoples.")
        + "</w:p>"
    )
    draft = _read(tmp_path, xml, ("1", "Note Taker", "CHN: delete"))
    assert draft.source == "Promote [tolerance and dialogue] among peoples."
    assert [d.message for d in draft.warnings] == [
        "comment by CHN on text that crosses a bracket: ignored",
        "comments that state no position: 1 (a position is delegations then a position word, "
        "such as 'US: delete'); listed by: brackets objections --format json",
    ]


def test_a_word_inside_a_tracked_change_is_bracketed_inside_it(tmp_path: Path) -> None:
    """A note-taker who selects one word of an insertion speaks of that word; a comment on
    the whole insertion, or a point inside it, speaks of the insertion."""
    xml = (
        "<w:p>"
        + _run("Promote ")
        + '<w:ins w:id="80" w:author="CHN">'
        + _run("the ")
        + '<w:commentRangeStart w:id="1"/>'
        + _run("authorized")
        + '<w:commentRangeEnd w:id="1"/>'
        + _run(" approach")
        + '<w:r><w:commentReference w:id="2"/></w:r>'
        + "</w:ins>"
        + _run(" today.")
        + "</w:p>"
    )
    draft = _read(
        tmp_path, xml, ("1", "Note Taker", "US: delete"), ("2", "Note Taker", "IND: tcb")
    )
    assert draft.source == "Promote [the [authorized] (-USA) approach] (+CHN) (IND tcb) today."


def test_a_quote_found_nowhere_is_a_warning_and_the_paragraph(tmp_path: Path) -> None:
    """Never a silent fall-back to the word the comment touches: the paragraph, and one
    warning naming the comments whose quoted text is not there."""
    draft = _read(
        tmp_path,
        '<w:p><w:r><w:t xml:space="preserve">Promote </w:t></w:r><w:commentRangeStart w:id="0"/>'
        + _run("dialogue")
        + '<w:commentRangeEnd w:id="0"/>'
        + _run(" among peoples.")
        + "</w:p>",
        ("0", "Note-taker", "US: delete \u201cabsent words\u201d"),
    )
    assert draft.source == "Promote dialogue among peoples. (-USA)"
    (warning,) = [d.message for d in draft.warnings if "quoted text" in d.message]
    assert warning.endswith("read as on their paragraph: 0")


def test_a_quote_not_in_the_paragraph_is_found_in_its_section(tmp_path: Path) -> None:
    heading = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
    draft = _read(
        tmp_path,
        f"<w:p>{heading}{_run('A. Water')}</w:p>"
        + p("1. Exchange data on rivers.")
        + '<w:p><w:commentRangeStart w:id="0"/>'
        + _run("2. Hold meetings.")
        + '<w:commentRangeEnd w:id="0"/></w:p>'
        + f"<w:p>{heading}{_run('B. Rivers')}</w:p>"
        + p("3. Exchange data on rivers."),
        ("0", "Note-taker", "CHN: delete \u201con rivers\u201d"),
    )
    assert draft.source.splitlines()[1] == "1. Exchange data [on rivers] (-CHN)."
    assert draft.source.splitlines()[4] == "3. Exchange data on rivers."


def test_para_n_and_a_section_said_anywhere(tmp_path: Path) -> None:
    heading = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
    draft = _read(
        tmp_path,
        f'<w:p>{heading}<w:commentRangeStart w:id="1"/>{_run("A")}<w:commentRangeEnd w:id="1"/>'
        f"{_run('. Water')}</w:p>"
        + p("1. Exchange data.")
        + '<w:p><w:commentRangeStart w:id="0"/>'
        + _run("2. Hold meetings.")
        + '<w:commentRangeEnd w:id="0"/></w:p>',
        ("0", "Note-taker", "Japan: para 1 \u2013 tcb"),
        ("1", "Note-taker", "Egypt: delete"),
    )
    assert draft.source.splitlines() == [
        "A. Water",
        "1. Exchange data. (-EGY) (JPN tcb)",
        "2. Hold meetings. (-EGY)",
    ]
