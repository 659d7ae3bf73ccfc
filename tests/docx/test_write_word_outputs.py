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
from lxml import etree
from writekit import W, normalise, ooxml_problems, pandoc_text, revisions, view

import brackets
from brackets.docx import write_redline

DATE = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
XAVIER = "Xavier Tibau Alberdi"


def _unlabelled(text: str) -> list[str]:
    lines = (re.sub(r"^\d+\. ?", "", line) for line in normalise(text))
    return [line for line in lines if line]


def _tracked_source(path: Path) -> Path:
    """A Word draft with a reviewer's deletion and insertion, a delegation's insertion and a
    set of alternatives typed in the text."""
    document = docx.Document()
    p = document.add_paragraph("Parties [shall][should][will] (+IND) report")
    deleted = etree.SubElement(p._p, f"{W}del", {f"{W}id": "7", f"{W}author": XAVIER,
                                                  f"{W}date": "2026-01-01T00:00:00Z"})
    _text(deleted, " annually", "delText")
    _text(p._p, " on progress")
    inserted = etree.SubElement(p._p, f"{W}ins", {f"{W}id": "8", f"{W}author": "China",
                                                   f"{W}date": "2026-01-01T00:00:00Z"})
    _text(inserted, " and trust")
    _text(p._p, ".")
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
    write_redline(draft, out, date=DATE)
    assert normalise(pandoc_text(out, "accept")) == normalise(brackets.resolve(draft, "all").text)
    assert normalise(pandoc_text(out, "reject")) == normalise(
        brackets.resolve(draft, "agreed").text
    )


def test_every_later_alternative_is_a_readable_comment(tmp_path: Path) -> None:
    draft = brackets.parse("Parties [shall][should][will] (+IND) report.\n")
    out = tmp_path / "redline.docx"
    write_redline(draft, out, date=DATE)
    assert view(out, "accept") == "Parties shall report."
    assert sorted(revisions(out).comment_texts) == [
        ("IND", "alternative 3 of 3: will (+IND)"),
        ("Unattributed", "alternative 1 of 3"),
        ("Unattributed", "alternative 2 of 3: should"),
    ]
    assert ooxml_problems(out) == []


# -- a Word file that already has tracked changes ----------------------------------------------


@pytest.mark.parametrize("mode", ["accept", "reject", "brackets"])
def test_prior_tracked_changes_are_settled_then_redlined(mode: str, tmp_path: Path) -> None:
    source = _tracked_source(tmp_path / "source.docx")
    draft = brackets.read(source, track_changes=mode, lenient=True)
    out = tmp_path / "redline.docx"
    write_redline(draft, out, date=DATE)
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
    write_redline(draft, out, date=DATE)
    found = revisions(out)
    authors = {author for _, author in found.changes} | set(found.comments)
    # one delegation, one name: the CHN typed in the text is China too
    assert authors == {XAVIER, "China", "IND", "Unattributed"}
    assert (XAVIER, "objects") in found.comment_texts
    with zipfile.ZipFile(out) as archive:
        assert b"XAVIERTIBAUALBERDI" not in b"".join(archive.read(n) for n in archive.namelist())
    # read back, the reviewer is the same delegation code as before
    back = brackets.read(out, track_changes="brackets", lenient=True)
    assert "(-XAVIERTIBAUALBERDI)" in back.source and "(+CHN)" in back.source
