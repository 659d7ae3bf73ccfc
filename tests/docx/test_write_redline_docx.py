"""The redline of a Word draft is an edited copy of the source: the brackets become tracked
insertions in place, everything else of the document stays as it was."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from lxml import etree
from readkit import paragraph_elements
from writekit import (
    W,
    libreoffice_report,
    make_word_draft,
    normalise,
    ooxml_problems,
    pandoc_text,
    part,
    revisions,
    text_of,
    view,
)

import brackets
from brackets.docx import everything_kept, write_redline


def _unlabelled(text: str) -> list[str]:
    """Lines without auto-number labels (Word draws them; they are not text in the XML) and
    without lines that were only a label."""
    lines = (re.sub(r"^\d+\. ?", "", line) for line in normalise(text))
    return [line for line in lines if line]


def _redline(tmp_path: Path) -> tuple[Path, brackets.Draft, Path]:
    source = make_word_draft(tmp_path / "source.docx")
    draft = brackets.read(source, lenient=True)
    out = tmp_path / "redline.docx"
    out.write_bytes(write_redline(draft))
    return source, draft, out


def test_reject_all_is_agreed_and_accept_all_keeps_everything(tmp_path: Path) -> None:
    _, draft, out = _redline(tmp_path)
    assert _unlabelled(view(out, "reject")) == _unlabelled(brackets.resolve(draft, "agreed").text)
    assert _unlabelled(view(out, "accept")) == _unlabelled(everything_kept(draft))
    assert ooxml_problems(out, source_rsids=True) == []


def test_everything_else_of_the_source_is_untouched(tmp_path: Path) -> None:
    source, _, out = _redline(tmp_path)
    added = {"word/comments.xml"}
    changed = {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}
    # a list restarted where Reject All would renumber (issue 18 §7): w:num added, none changed
    changed.add("word/numbering.xml")
    with zipfile.ZipFile(source) as before, zipfile.ZipFile(out) as after:
        old_nums = before.read("word/numbering.xml").count(b"<w:num ")
        assert after.read("word/numbering.xml").count(b"<w:num ") == old_nums + 1
        assert set(after.namelist()) == set(before.namelist()) | added
        for name in before.namelist():
            if name not in changed:
                assert before.read(name) == after.read(name), name


def test_insertions_keep_their_formatting_and_styles(tmp_path: Path) -> None:
    _, _, out = _redline(tmp_path)
    document = part(out, "word/document.xml")
    inserted_bold = [
        text_of(r) for ins in document.iter(f"{W}ins") for r in ins.iter(f"{W}r")
        if r.find(f"{W}rPr/{W}b") is not None
    ]
    assert inserted_bold == ["development"]
    styles = [s.get(f"{W}val") for s in document.iter(f"{W}pStyle")]
    assert styles.count("ListNumber") == 3
    # the whole bracketed numbered paragraph: its text and its mark are insertions by KAZ;
    # the break inside the bracket that runs across two paragraphs survives the bracket
    # (NOTATION 5.5), so it is no insertion
    marks = {
        text_of(p): mark.get(f"{W}author") for p in document.iter(f"{W}p")
        for mark in p.findall(f"{W}pPr/{W}rPr/{W}ins")
    }
    assert marks == {"Establish an expert group;": "KAZ"}
    reopened = docx.Document(str(out))
    assert reopened.sections[0].header.paragraphs[0].text == "CICA/SOC/2026/1 [header]"


def test_positions_are_comments_by_delegation(tmp_path: Path) -> None:
    _, _, out = _redline(tmp_path)
    found = revisions(out)
    assert sorted(found.comment_texts) == [
        ("AZER", "objects"), ("CHN", "objects"), ("CHN", "objects"), ("IRAN", "objects"),
        ("Unattributed", "to come back"),
    ]
    assert {author for _, author in found.changes} == {"KAZ", "IND", "Unattributed"}


def test_ids_are_allocated_above_the_source_ids(tmp_path: Path) -> None:
    source = make_word_draft(tmp_path / "source.docx")
    document = docx.Document(str(source))
    paragraph = paragraph_elements(document)[1]
    etree.SubElement(paragraph, f"{W}bookmarkStart", {f"{W}id": "500", f"{W}name": "mark"})
    etree.SubElement(paragraph, f"{W}bookmarkEnd", {f"{W}id": "500"})
    document.save(str(source))
    draft = brackets.read(source, lenient=True)
    out = tmp_path / "redline.docx"
    out.write_bytes(write_redline(draft))
    root = part(out, "word/document.xml")
    ids = [int(e.get(f"{W}id", "0")) for e in root.iter(f"{W}ins", f"{W}commentRangeStart")]
    assert ids and min(ids) > 500
    assert ooxml_problems(out, source_rsids=True) == []


def test_source_tracked_changes_read_as_brackets_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "tracked.docx"
    document = docx.Document()
    document.add_paragraph("Promote dialogue")
    paragraph = paragraph_elements(document)[-1]
    ins = etree.SubElement(paragraph, f"{W}ins", {f"{W}id": "1", f"{W}author": "China",
                                                   f"{W}date": "2026-01-01T00:00:00Z"})
    etree.SubElement(etree.SubElement(ins, f"{W}r"), f"{W}t").text = " and trust"
    etree.SubElement(etree.SubElement(paragraph, f"{W}r"), f"{W}t").text = " among States."
    document.save(str(source))
    draft = brackets.read(source, track_changes="brackets")
    assert [(b.supporters) for b in draft.brackets] == [("CHN",)]
    out = tmp_path / "redline.docx"
    out.write_bytes(write_redline(draft))
    assert view(out, "reject") == "Promote dialogue among States."
    assert view(out, "accept") == "Promote dialogue and trust among States."
    back = brackets.read(out, track_changes="brackets")
    assert [(b.supporters, text_of_bracket(back, b)) for b in back.brackets] == [
        (("CHN",), "and trust"),
    ]


def text_of_bracket(draft: brackets.Draft, bracket: brackets.Bracket) -> str:
    return draft.source[bracket.inner_start : bracket.inner_end].strip()


def test_pandoc_reads_agreed_text_from_the_copy(tmp_path: Path) -> None:
    _, draft, out = _redline(tmp_path)
    expected = _unlabelled(brackets.resolve(draft, "agreed").text)
    assert _unlabelled(pandoc_text(out, "reject")) == expected
    assert _unlabelled(pandoc_text(out, "accept")) == _unlabelled(everything_kept(draft))


def test_libreoffice_reports_the_same_authors(tmp_path: Path) -> None:
    _, _, out = _redline(tmp_path)
    report = libreoffice_report(out, tmp_path)
    ours = revisions(out)
    assert report.comments == ours.comments
    assert {author for _, author in report.changes} == {author for _, author in ours.changes}
