"""Every character of the extracted text maps back to where it came from in the document."""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from readkit import SAMPLES, body, p, write_package

import brackets
from brackets.docx.ooxml.walk import iter_paragraphs, leaf_text, text_nodes
from brackets.docx.reader import SourceMap, TextPiece, extract_text, read_docx

_PARTS = {"document": "word/document.xml", "footnotes": "word/footnotes.xml"}


def _roots(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        return {
            part: etree.fromstring(archive.read(name))
            for part, name in _PARTS.items()
            if name in names
        }


def check_map(path: Path, text: str, source: SourceMap) -> None:
    """The law of the source map: sorted, contiguous, and every run piece names its node."""
    assert source.pieces[0].start == 0 and source.pieces[-1].end == len(text)
    for before, after in itertools.pairwise(source.pieces):
        assert before.end == after.start
    roots = _roots(path)
    paragraphs = {part: iter_paragraphs(root) for part, root in roots.items()}
    for piece in source.pieces:
        chars = text[piece.start : piece.end]
        assert chars, piece
        if piece.kind == "run":
            node = text_nodes(paragraphs[piece.part][piece.paragraph], source.track_changes)[
                piece.node
            ]
            assert leaf_text(node)[piece.offset : piece.offset + len(chars)] == chars
        elif piece.kind == "break":
            assert chars == "\n"
        elif piece.kind == "label":
            assert chars.endswith(" ") or piece.node == -1
        else:
            assert set(chars) <= set("[]()+- ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\n")


@pytest.mark.parametrize(
    ("name", "mode", "notes"),
    [
        ("volunteerism-draft.docx", "accept", True),
        ("tracked-changes.docx", "accept", False),
        ("tracked-changes.docx", "reject", False),
        ("tracked-changes.docx", "brackets", False),
    ],
)
def test_samples_map_back(name: str, mode: str, notes: bool) -> None:
    path = SAMPLES / name
    text, source, _ = extract_text(path, track_changes=mode, notes=notes)
    check_map(path, text, source)
    assert source.track_changes == mode and source.path == str(path)


def test_locate() -> None:
    draft = read_docx(SAMPLES / "tracked-changes.docx", track_changes="brackets")
    source = draft.origin
    assert isinstance(source, SourceMap)
    assert source.locate(0) == TextPiece(0, 3, "label", "document", 0, -1, 0)
    bracket = draft.brackets[0]
    assert source.locate(bracket.start).kind == "synthetic"
    inside = source.locate(bracket.inner_start)
    assert inside.kind == "run" and draft.source[inside.start : inside.end] == "regional"
    space = source.locate(bracket.tail_end)  # the space moved out of the insertion
    assert space.kind == "run" and space.node == inside.node and space.offset == len("regional")
    assert source.locate(len(draft.source)) == source.pieces[-1]


def test_empty_document_has_no_pieces(tmp_path: Path) -> None:
    path = write_package(tmp_path / "e.docx", body(""))
    draft = read_docx(path)
    assert draft.source == ""
    source = draft.origin
    assert isinstance(source, SourceMap) and source.pieces == ()
    with pytest.raises(LookupError):
        source.locate(0)


def test_editing_through_the_map_keeps_formatting(tmp_path: Path) -> None:
    """Upper-case every bracket's text in a copy of the document, node by node, through the
    map: the copy reads back with exactly those characters changed and its italics intact."""
    original = SAMPLES / "volunteerism-draft.docx"
    draft = read_docx(original)
    source = draft.origin
    assert isinstance(source, SourceMap)
    with zipfile.ZipFile(original) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    paragraphs = iter_paragraphs(root)
    wanted = list(draft.source)
    for bracket in draft.brackets:
        for offset in range(bracket.inner_start, bracket.inner_end):
            piece = source.locate(offset)
            if piece.kind != "run":
                continue
            node = text_nodes(paragraphs[piece.paragraph], "accept")[piece.node]
            at = piece.offset + offset - piece.start
            old = node.text or ""
            node.text = old[:at] + old[at].upper() + old[at + 1 :]
            wanted[offset] = wanted[offset].upper()
    parts["word/document.xml"] = etree.tostring(root)
    copy = tmp_path / "upper.docx"
    with zipfile.ZipFile(copy, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    again = read_docx(copy)
    assert again.source == "".join(wanted)
    assert "[POWERFUL AND CROSS-CUTTING] (+IRAN)" in again.source
    italic = root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}i")
    assert sum(1 for _ in italic) >= 4
    assert brackets.resolve(again, "agreed").text == brackets.resolve(draft, "agreed").text


def test_paragraph_numbers_are_lines(tmp_path: Path) -> None:
    path = write_package(
        tmp_path / "d.docx", body(p("first") + p("second [open") + p("third] (+CHN) x"))
    )
    draft = read_docx(path, lenient=True)
    warning = draft.warnings[0]
    assert (warning.line, warning.path) == (2, str(path))
    assert draft.origin.locate(draft.paragraphs[2].start).paragraph == 2  # type: ignore[attr-defined]
