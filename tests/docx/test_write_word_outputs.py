"""Word outputs that are right (issue 8, section 4), checked through pandoc, our own XML view
and reading the output back: alternatives in a redline, redlines of Word files that already
have tracked changes, the visible markup of a Word draft."""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from drafts import SAMPLES
from lxml import etree
from readkit import paragraph_elements
from writekit import (
    W,
    libreoffice_text,
    normalise,
    ooxml_problems,
    pandoc_text,
    part,
    revisions,
    view,
)

import brackets
from brackets.docx import write_clean, write_redline

DATE = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
XAVIER = "Xavier Tibau Alberdi"


def _unlabelled(text: str) -> list[str]:
    lines = (re.sub(r"^\d+\. ?", "", line) for line in normalise(text))
    return [line for line in lines if line]


def _tracked_source(path: Path) -> Path:
    """A Word draft with a reviewer's deletion and insertion, a delegation's insertion and a
    set of alternatives typed in the text."""
    document = docx.Document()
    document.add_paragraph("Parties [shall][should][will] (+IND) report")
    paragraph = paragraph_elements(document)[-1]
    deleted = etree.SubElement(paragraph, f"{W}del", {f"{W}id": "7", f"{W}author": XAVIER,
                                                       f"{W}date": "2026-01-01T00:00:00Z"})
    _text(deleted, " annually", "delText")
    _text(paragraph, " on progress")
    inserted = etree.SubElement(paragraph, f"{W}ins", {f"{W}id": "8", f"{W}author": "China",
                                                        f"{W}date": "2026-01-01T00:00:00Z"})
    _text(inserted, " and trust")
    _text(paragraph, ".")
    document.add_paragraph("Second paragraph [kept] (-CHN).")
    document.save(str(path))
    return path


def _text(parent: etree._Element, text: str, tag: str = "t") -> None:
    leaf = etree.SubElement(etree.SubElement(parent, f"{W}r"), f"{W}{tag}")
    leaf.text = text
    leaf.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


# -- alternatives ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "3. [Invite][Request][Urge] the Secretariat to report;\n",
        "Parties [shall][should] (+X)[will] act.\n",
        "[a [shall][should [now] (-CHN)] (+IND) b] (+TUR) c\n",
        "1. Decide;\n[2. [Invite][Urge] all Parties;] (-IND)\n[2altern. Encourage;] (+IND)\n",
    ],
)
def test_pandoc_accept_all_is_the_all_resolution_with_alternatives(
    text: str, tmp_path: Path
) -> None:
    draft = brackets.parse(text)
    out = tmp_path / "redline.docx"
    out.write_bytes(write_redline(draft, date=DATE))
    assert normalise(pandoc_text(out, "accept")) == normalise(brackets.resolve(draft, "all").text)
    assert normalise(pandoc_text(out, "reject")) == normalise(
        brackets.resolve(draft, "agreed").text
    )


def test_every_later_alternative_is_a_readable_comment(tmp_path: Path) -> None:
    draft = brackets.parse("Parties [shall][should][will] (+IND) report.\n")
    out = tmp_path / "redline.docx"
    out.write_bytes(write_redline(draft, date=DATE))
    assert view(out, "accept") == "Parties shall report."
    assert sorted(revisions(out).comment_texts) == [
        ("IND", "alternative 3 of 3: [will] (+IND)"),
        ("Unattributed", "alternative 1 of 3"),
        ("Unattributed", "alternative 2 of 3: [should]"),
    ]
    assert ooxml_problems(out) == []


# -- a Word file that already has tracked changes ----------------------------------------------


@pytest.mark.parametrize("mode", ["accept", "reject", "brackets"])
def test_prior_tracked_changes_are_settled_then_redlined(mode: str, tmp_path: Path) -> None:
    source = _tracked_source(tmp_path / "source.docx")
    draft = brackets.read(source, track_changes=mode, lenient=True)
    out = tmp_path / "redline.docx"
    out.write_bytes(write_redline(draft, date=DATE))
    assert _unlabelled(pandoc_text(out, "accept")) == _unlabelled(
        brackets.resolve(draft, "all").text
    )
    assert _unlabelled(pandoc_text(out, "reject")) == _unlabelled(
        brackets.resolve(draft, "agreed").text
    )
    assert ooxml_problems(out, source_rsids=True) == []


def test_a_revision_read_from_word_keeps_its_authors_name(tmp_path: Path) -> None:
    source = _tracked_source(tmp_path / "source.docx")
    draft = brackets.read(source, track_changes="brackets", lenient=True)
    assert "(-XAVIERTIBAUALBERDI)" in draft.source
    out = tmp_path / "redline.docx"
    out.write_bytes(write_redline(draft, date=DATE))
    found = revisions(out)
    authors = {author for _, author in found.changes} | set(found.comments)
    # one delegation, one name: the CHN typed in the text is China too
    assert authors == {XAVIER, "China", "IND", "Unattributed"}
    assert (XAVIER, "objects") in found.comment_texts
    with zipfile.ZipFile(out) as archive:
        assert b"XAVIERTIBAUALBERDI" not in b"".join(archive.read(n) for n in archive.namelist())
    # Read back, a comment by a person the registry does not know states no position (a
    # note-taker's "Delete" names nobody); once the list names the reviewer, the objection
    # comes back under the same code as before.
    back = brackets.read(out, track_changes="brackets", lenient=True)
    assert "(+CHN)" in back.source and "XAVIERTIBAUALBERDI" not in back.source
    names = {**brackets.Registry.default().names, "XAVIERTIBAUALBERDI": (XAVIER,)}
    known = brackets.Registry.from_mapping(names)
    back = brackets.read(out, track_changes="brackets", lenient=True, registry=known)
    assert "(-XAVIERTIBAUALBERDI)" in back.source and "(+CHN)" in back.source


# -- the visible markup of a Word draft ----------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "mode"),
    [("volunteerism-draft.docx", "accept"), ("tracked-changes.docx", "brackets")],
)
def test_visible_markup_of_a_word_draft_edits_a_copy(
    sample: str, mode: str, tmp_path: Path
) -> None:
    source = SAMPLES / sample
    draft = brackets.read(source, track_changes=mode, lenient=True, notes=True)
    out = tmp_path / "visible.docx"
    out.write_bytes(write_redline(draft, markup="visible"))
    # what Word shows is the draft as read, brackets and groups included
    assert brackets.read(out, lenient=True, notes=True).source == draft.source
    assert ooxml_problems(out, source_rsids=True) == []
    document = part(out, "word/document.xml")
    assert document.find(f".//{W}ins") is None and document.find(f".//{W}del") is None
    # every other part (styles, numbering, footnotes...) is the source's, byte for byte
    with zipfile.ZipFile(source) as before, zipfile.ZipFile(out) as after:
        assert sorted(before.namelist()) == sorted(after.namelist())
        for name in before.namelist():
            if name != "word/document.xml":
                assert before.read(name) == after.read(name), name
    original = part(source, "word/document.xml")
    for tag in ("pStyle", "numPr", "tbl", "footnoteReference"):
        assert len(document.findall(f".//{W}{tag}")) == len(original.findall(f".//{W}{tag}"))


def test_visible_markup_colours_each_delegation_and_keeps_run_formatting(
    tmp_path: Path,
) -> None:
    draft = brackets.read(SAMPLES / "volunteerism-draft.docx", lenient=True)
    out = tmp_path / "visible.docx"
    out.write_bytes(write_redline(draft, markup="visible"))
    tokens: list[tuple[str, str]] = []  # consecutive runs of one colour ("" for none)
    bold_brackets = 0
    for r in part(out, "word/document.xml").iter(f"{W}r"):
        text = "".join(t.text or "" for t in r.iter(f"{W}t"))
        colour = r.find(f"{W}rPr/{W}color")
        value = "" if colour is None else colour.get(f"{W}val", "")
        if tokens and tokens[-1][1] == value:
            tokens[-1] = (tokens[-1][0] + text, value)
        else:
            tokens.append((text, value))
        if text in ("[", "]") and r.find(f"{W}rPr/{W}b") is not None:
            bold_brackets += 1
    colours: dict[str, set[str]] = {}
    for text, value in tokens:
        if value:
            code = text.lstrip("+-−").split()[0]
            colours.setdefault(code, set()).add(value)
    assert {"IRAN", "CHN", "IND", "TUR", "AZER", "KAZ", "RUS", "SEC"} <= set(colours)
    assert all(len(found) == 1 for found in colours.values())
    assert len({next(iter(found)) for found in colours.values()}) > 1
    assert bold_brackets == 2 * len(draft.brackets)


def test_visible_markup_of_tracked_changes_adds_the_brackets_read(tmp_path: Path) -> None:
    source = _tracked_source(tmp_path / "source.docx")
    draft = brackets.read(source, track_changes="brackets", lenient=True)
    out = tmp_path / "visible.docx"
    out.write_bytes(write_redline(draft, markup="visible"))
    shown = brackets.read(out, lenient=True).source
    assert shown == draft.source
    assert "[annually] (-XAVIERTIBAUALBERDI)" in shown and "[and trust] (+CHN)" in shown


# -- clean copies of numbered drafts, as LibreOffice shows them --------------------------------

NUMBERED = SAMPLES / "numbered-tracked-draft.docx"


@pytest.mark.parametrize("policy", ["agreed", "silence", "all"])
def test_libreoffice_shows_the_clean_text_number_by_number(policy: str, tmp_path: Path) -> None:
    draft = brackets.read(NUMBERED, lenient=True)
    resolution = brackets.resolve(draft, policy, withdraw=["CHN"] if policy == "silence" else ())
    out = tmp_path / "clean.docx"
    out.write_bytes(write_clean(draft, resolution))
    assert libreoffice_text(out, tmp_path) == normalise(resolution.text)


def test_the_altern_paragraph_takes_the_removed_paragraphs_place(tmp_path: Path) -> None:
    draft = brackets.read(NUMBERED, lenient=True)
    resolution = brackets.resolve(draft, "silence")
    assert resolution.text.split("\n")[-2:] == [
        "3. Encourages Parties to submit their views;",
        "4. Decides to [continue][conclude] consideration of this matter at its next session.",
    ]  # silence leaves an unattributed set of alternatives open
    out = tmp_path / "clean.docx"
    out.write_bytes(write_clean(draft, resolution))
    assert brackets.read(out).source == resolution.text
    shown = libreoffice_text(out, tmp_path)
    assert shown == normalise(resolution.text)
    numbered = [p for p in part(out, "word/document.xml").iter(f"{W}p")
                if p.find(f"{W}pPr/{W}numPr") is not None]
    # 3altern. is in the list now, with its number drawn by Word; paragraph 1 keeps its own
    # paragraph (and number) after the bracket that ran into it from the heading (NOTATION 5.5)
    assert len(numbered) == 4


@pytest.mark.parametrize("mode", ["accept", "reject", "brackets"])
def test_pandoc_accept_and_reject_all_of_the_numbered_sample(mode: str, tmp_path: Path) -> None:
    draft = brackets.read(NUMBERED, track_changes=mode, lenient=True)
    out = tmp_path / "redline.docx"
    out.write_bytes(write_redline(draft, date=DATE))
    assert _unlabelled(pandoc_text(out, "accept")) == _unlabelled(
        brackets.resolve(draft, "all").text
    )
    assert _unlabelled(pandoc_text(out, "reject")) == _unlabelled(
        brackets.resolve(draft, "agreed").text
    )
