"""Reading what Word shows: paragraphs in order, tables, content controls, inline containers,
special characters, footnotes and endnotes."""

from __future__ import annotations

from pathlib import Path

import pytest
from readkit import SAMPLES, body, p, samples_module, write_package

import brackets
from brackets.docx.reader import extract_text, read_docx


@pytest.fixture(scope="module")
def volunteerism(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample rebuilt from its script, so the test also proves the script still runs."""
    path = tmp_path_factory.mktemp("samples") / "volunteerism-draft.docx"
    samples_module().build(samples_module().VOLUNTEERISM, path)
    return path


def test_sample_reads_as_word_shows_it(volunteerism: Path) -> None:
    samples = samples_module()
    text, _, warnings = extract_text(volunteerism)
    assert text == samples.expected_text(samples.VOLUNTEERISM)
    assert warnings == []
    lines = text.split("\n")
    assert lines[2] == (
        "Recognizing that volunteering is a [powerful and cross-cutting] (+IRAN) means of "
        "implementing the 2030 Agenda for Sustainable Development,"
    )
    assert lines[6].startswith("1. Encourage the exchange")
    assert lines[9] == "(a) in education [and science] (+RUS);"


def test_committed_sample_matches_its_script() -> None:
    samples = samples_module()
    text, _, _ = extract_text(SAMPLES / "volunteerism-draft.docx", notes=True)
    assert text == samples.expected_text(samples.VOLUNTEERISM, notes=True)


def test_brackets_split_over_runs_are_understood(volunteerism: Path) -> None:
    draft = read_docx(volunteerism)
    assert draft.diagnostics == ()
    first = draft.brackets[0]
    assert draft.source[first.start : first.end] == "[powerful and cross-cutting]"
    assert first.supporters == ("IRAN",)
    noting = [b for b in draft.brackets if draft.source[b.start :].startswith("[intercultural")]
    assert noting[0].supporters == ("IND",)
    inner = draft.brackets[noting[0].number]  # the next bracket, nested inside
    assert inner.parent == noting[0].id and inner.objectors == ("CHN",)  # U+2212 read as minus
    stressing = draft.bracket("b4")
    assert (stressing.supporters, stressing.objectors) == (("TUR",), ("IRAN",))
    reserved = [b for b in draft.brackets if b.reservations]
    assert [b.reservations for b in reserved] == [("CHN",), ("SEC",)]
    whole = [b for b in draft.brackets if draft.source[b.start :].startswith("[Consider")]
    assert whole[0].objectors == ("CHN",) and whole[0].supporters == ("KAZ",)
    resolved = brackets.resolve(draft, "agreed").text
    assert "2. Promote programmes;" in resolved


def test_tables_are_read_row_by_row_cell_by_cell(tmp_path: Path) -> None:
    cell = "<w:tc><w:tcPr/>{}</w:tc>"
    inner_table = "<w:tbl><w:tr>" + cell.format(p("n1")) + cell.format(p("n2")) + "</w:tr></w:tbl>"
    table = (
        "<w:tbl><w:tblPr/><w:tblGrid/>"
        "<w:tr>" + cell.format(p("a1")) + cell.format(p("b1") + inner_table) + "</w:tr>"
        "<w:tr>" + cell.format(p("a2")) + cell.format(p("b2a") + p("b2b")) + "</w:tr>"
        "</w:tbl>"
    )
    path = write_package(tmp_path / "t.docx", body(p("before") + table + p("after")))
    text, _, _ = extract_text(path)
    assert text.split("\n") == ["before", "a1", "b1", "n1", "n2", "a2", "b2a", "b2b", "after"]


def test_content_controls_hyperlinks_fields_and_smart_tags(tmp_path: Path) -> None:
    block_sdt = "<w:sdt><w:sdtPr/><w:sdtContent>" + p("in a control") + "</w:sdtContent></w:sdt>"
    inline = (
        "<w:p><w:r><w:t>See </w:t></w:r>"
        '<w:hyperlink r:id="rId9"><w:r><w:t>the portal</w:t></w:r></w:hyperlink>'
        "<w:sdt><w:sdtContent><w:r><w:t>, [the fund]</w:t></w:r></w:sdtContent></w:sdt>"
        "<w:smartTag><w:r><w:t> (+KAZ)</w:t></w:r></w:smartTag>"
        '<w:fldSimple w:instr="PAGE"><w:r><w:t> page 3</w:t></w:r></w:fldSimple>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText> REF x </w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>, ref</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:proofErr/><w:bookmarkStart w:id="1" w:name="b"/></w:p>'
    )
    path = write_package(tmp_path / "c.docx", body(block_sdt + inline))
    draft = read_docx(path)
    assert draft.source == "in a control\nSee the portal, [the fund] (+KAZ) page 3, ref"
    assert draft.brackets[0].supporters == ("KAZ",)


def test_special_characters(tmp_path: Path) -> None:
    para = (
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/>"
        "<w:t>co</w:t><w:noBreakHyphen/><w:t>op</w:t><w:softHyphen/><w:t>eration</w:t>"
        '<w:sym w:font="Symbol" w:char="F0B7"/><w:ptab w:relativeTo="margin" w:alignment="right"'
        ' w:leader="none"/><w:t>end</w:t></w:r></w:p>'
    )
    path = write_package(tmp_path / "s.docx", body(para + p("next")))
    text, _, _ = extract_text(path)
    assert text == "a\tb\vc\vco\u2011operation\u00b7\tend\nnext"
    draft = read_docx(path)
    assert len(draft.paragraphs) == 2  # a manual line break does not start a paragraph


def test_empty_paragraphs_are_kept_as_empty_lines(tmp_path: Path) -> None:
    path = write_package(tmp_path / "e.docx", body(p("one") + "<w:p/>" + p("two")))
    assert extract_text(path)[0] == "one\n\ntwo"


def _notes(kind: str, notes: dict[int, str]) -> str:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    items = [
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>',
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:{kind}>",
    ]
    for note_id, text in notes.items():
        ref = "footnoteRef" if kind == "footnote" else "endnoteRef"
        items.append(
            f'<w:{kind} w:id="{note_id}"><w:p><w:r><w:{ref}/></w:r>'
            f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
            + "".join(p(extra) for extra in ([] if note_id != 1 else ["second paragraph"]))
            + f"</w:{kind}>"
        )
    return f'<w:{kind}s xmlns:w="{w}">' + "".join(items) + f"</w:{kind}s>"


def test_footnotes_and_endnotes_are_an_option(tmp_path: Path) -> None:
    document = body(
        '<w:p><w:r><w:t>Text</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'
        '<w:r><w:endnoteReference w:id="1"/></w:r></w:p>'
    )
    path = write_package(
        tmp_path / "n.docx",
        document,
        footnotes=_notes("footnote", {1: "A note [with a bracket] (+CHN).", 2: "Two."}),
        endnotes=_notes("endnote", {5: "An endnote."}),
    )
    assert extract_text(path)[0] == "Text"
    text, source, _ = extract_text(path, notes=True)
    assert text == ("Text\n\nA note [with a bracket] (+CHN).\nsecond paragraph\nTwo.\nAn endnote.")
    parts = {piece.part for piece in source.pieces}
    assert parts == {"document", "footnotes", "endnotes"}
    draft = read_docx(path, notes=True)
    assert draft.brackets[0].supporters == ("CHN",)
    assert draft.brackets[0].line == 3


def test_notes_option_without_notes_part(tmp_path: Path) -> None:
    path = write_package(tmp_path / "x.docx", body(p("only body")))
    assert extract_text(path, notes=True)[0] == "only body"


def test_alternate_content_fallback_is_not_read_twice(tmp_path: Path) -> None:
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    xml = (
        f'<mc:AlternateContent xmlns:mc="{mc}"><mc:Choice Requires="w14">{p("choice")}'
        f"</mc:Choice><mc:Fallback>{p('fallback')}</mc:Fallback></mc:AlternateContent>"
    )
    path = write_package(tmp_path / "mc.docx", body(xml + "<w:sectPr/>"))
    assert extract_text(path)[0] == "choice"


def test_hidden_text_is_not_read(tmp_path: Path) -> None:
    para = (
        '<w:p><w:r><w:t xml:space="preserve">shown </w:t></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>[hidden] (-CHN)</w:t></w:r>"
        '<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>text</w:t></w:r></w:p>'
    )
    path = write_package(tmp_path / "h.docx", body(para))
    assert extract_text(path)[0] == "shown text"
