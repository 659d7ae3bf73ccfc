"""The low Word XML layer on its own, on documents python-docx makes."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import docx
import pytest
from lxml import etree
from readkit import paragraph_elements
from writekit import XML_SPACE, W, ooxml_problems, part, text_of

from brackets.docx.ooxml import body, revisions, runs
from brackets.docx.ooxml.body import BodyBuilder, IdAllocator, RunStyle
from brackets.docx.ooxml.comments_part import CommentsPart
from brackets.docx.ooxml.package import open_package
from brackets.docx.ooxml.runs import run
from brackets.errors import DocxError as OoxmlError
from brackets.output import write_output


def _document_with_ids(path: Path) -> Path:
    """A python-docx document with a comment (id 0) and a bookmark whose id is 41."""
    document = docx.Document()
    first = document.add_paragraph("Hello ").add_run("world")
    document.add_comment([first], text="a note", author="Chair", initials="C")
    body = paragraph_elements(document)[0]
    etree.SubElement(body, f"{W}bookmarkStart", {f"{W}id": "41", f"{W}name": "here"})
    etree.SubElement(body, f"{W}bookmarkEnd", {f"{W}id": "41"})
    document.add_paragraph("Second paragraph.")
    document.save(str(path))
    return path


def test_run_preserves_edge_spaces_and_maps_tabs_and_breaks() -> None:
    element = run(" a\tb\vc\u2011d ", RunStyle(italic=True))
    names = [etree.QName(child).localname for child in element]
    assert names == ["rPr", "t", "tab", "t", "br", "t", "noBreakHyphen", "t"]
    texts = element.findall(f"{W}t")
    assert texts[0].get(XML_SPACE) == "preserve" and texts[-1].get(XML_SPACE) == "preserve"
    assert texts[1].get(XML_SPACE) is None
    assert element.find(f"{W}rPr/{W}i") is not None


def test_deleted_run_uses_deltext() -> None:
    element = run(" gone", deleted=True)
    assert element.find(f"{W}t") is None
    leaf = element.find(f"{W}delText")
    assert leaf is not None and leaf.text == " gone" and leaf.get(XML_SPACE) == "preserve"


def test_colour_and_highlight_follow_the_schema_order() -> None:
    element = run("IND", RunStyle(bold=True, italic=True, color="C00000", highlight="yellow"))
    rpr = element.find(f"{W}rPr")
    assert rpr is not None
    assert [etree.QName(c).localname for c in rpr] == ["b", "i", "color", "highlight"]
    assert rpr[2].get(f"{W}val") == "C00000"


def test_ids_start_above_every_id_in_the_document(tmp_path: Path) -> None:
    package = open_package(_document_with_ids(tmp_path / "ids.docx"))
    ids = IdAllocator(package)
    assert [ids(), ids()] == ["42", "43"]


def test_comments_are_appended_to_an_existing_part(tmp_path: Path) -> None:
    source = _document_with_ids(tmp_path / "c.docx")
    package = open_package(source)
    comments = CommentsPart(package, IdAllocator(package))
    new_id = comments.add("IRAN", "objects", body.format_date(datetime(2026, 1, 1)))
    out = tmp_path / "out.docx"
    write_output(out, package.to_bytes(), inputs=[source])
    root = part(out, "word/comments.xml")
    assert [(c.get(f"{W}author"), text_of(c)) for c in root] == [
        ("Chair", "a note"), ("IRAN", "objects"),
    ]
    assert new_id == "42"
    with zipfile.ZipFile(out) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert rels.count("comments.xml") == 1


def test_comments_part_is_created_with_relationship_and_content_type(tmp_path: Path) -> None:
    source = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("Nothing to say.")
    document.save(str(source))
    package = open_package(source)
    CommentsPart(package, IdAllocator(package)).add("AZER", "to come back", "2026-01-01T00:00:00Z")
    out = tmp_path / "out.docx"
    write_output(out, package.to_bytes())
    assert ooxml_problems(out, source_rsids=True) == []
    reopened = docx.Document(str(out))
    assert [c.author for c in reopened.comments] == ["AZER"]
    assert [c.text for c in reopened.comments] == ["to come back"]


def test_paragraph_mark_revision_goes_before_the_section_break() -> None:
    p = etree.fromstring(
        f'<w:p xmlns:w="{W[1:-1]}"><w:pPr><w:jc w:val="both"/><w:sectPr/></w:pPr></w:p>'
    )
    revisions.mark_paragraph(p, "ins", "CHN", "2026-01-01T00:00:00Z", IdAllocator())
    ppr = p[0]
    assert [etree.QName(c).localname for c in ppr] == ["jc", "rPr", "sectPr"]
    mark = ppr.find(f"{W}rPr/{W}ins")
    assert mark is not None and mark.get(f"{W}author") == "CHN" and mark.get(f"{W}id") == "0"


def test_split_run_copies_its_properties() -> None:
    paragraph = etree.fromstring(
        f'<w:p xmlns:w="{W[1:-1]}"><w:r><w:rPr><w:b/></w:rPr><w:t>Promote dialogue</w:t>'
        "<w:tab/><w:t>now</w:t></w:r></w:p>"
    )
    left = paragraph[0]
    right = runs.split_run(left, left[1], 7)
    assert [text_of(r) for r in paragraph] == ["Promote", " dialoguenow"]
    assert right.find(f"{W}rPr/{W}b") is not None and left.find(f"{W}rPr/{W}b") is not None
    assert right.find(f"{W}t") is not None
    assert right[1].get(XML_SPACE) == "preserve"
    assert right.find(f"{W}tab") is not None


def test_delete_characters_edits_or_removes_a_leaf() -> None:
    r = run("Promote tolerance and dialogue")
    leaf = r.find(f"{W}t")
    assert leaf is not None
    runs.delete_characters(leaf, 8, 22)
    assert leaf.text == "Promote dialogue"
    runs.delete_characters(leaf, 0, 16)
    assert r.find(f"{W}t") is None and not runs.has_content(r)


def test_settle_revisions_accepts_or_rejects() -> None:
    xml = (
        f'<w:body xmlns:w="{W[1:-1]}"><w:p><w:r><w:t>keep</w:t></w:r>'
        '<w:ins w:id="1" w:author="A"><w:r><w:t> new</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="B"><w:r><w:delText> old</w:delText></w:r></w:del></w:p></w:body>'
    )
    cases = (("accept", "keep new"), ("reject", "keep old"), ("brackets", "keep new old"))
    for mode, expected in cases:
        root = etree.fromstring(xml)
        revisions.settle_revisions(root, mode)
        assert text_of(root) == expected
        assert root.find(f".//{W}ins") is None and root.find(f".//{W}del") is None
        assert root.find(f".//{W}delText") is None


def test_dates_are_written_in_utc() -> None:
    assert body.format_date(datetime(2026, 1, 1, 12, 0, tzinfo=UTC)) == "2026-01-01T12:00:00Z"
    east = timezone(timedelta(hours=5))
    assert body.format_date(datetime(2026, 1, 1, 12, 0, tzinfo=east)) == "2026-01-01T07:00:00Z"


def test_body_builder_groups_one_authors_text_in_one_insertion(tmp_path: Path) -> None:
    builder = BodyBuilder(datetime(2026, 1, 1, tzinfo=UTC))
    builder.paragraph()
    builder.text("Plain ")
    builder.text("one", change=("ins", "IND"))
    builder.text(" two", RunStyle(italic=True), change=("ins", "IND"))
    builder.text(" three", change=("ins", "CHN"))
    builder.text(" gone", change=("del", "CHN"))
    comment = builder.comment("IRAN", "objects & more <here>")
    builder.comment_start(comment)
    builder.text("x")
    builder.comment_end(comment)
    out = tmp_path / "b.docx"
    out.write_bytes(builder.to_package().to_bytes())
    document = part(out, "word/document.xml")
    revisions = [(etree.QName(e).localname, e.get(f"{W}author"), text_of(e))
                 for e in document.iter(f"{W}ins", f"{W}del")]
    assert revisions == [
        ("ins", "IND", "one two"), ("ins", "CHN", " three"), ("del", "CHN", " gone"),
    ]
    assert ooxml_problems(out) == []
    assert [c.text for c in docx.Document(str(out)).comments] == ["objects & more <here>"]


def test_broken_files_raise_a_plain_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(OoxmlError, match="not a Word document"):
        open_package(bad)
