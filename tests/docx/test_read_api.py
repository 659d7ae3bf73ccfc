"""The reader through the public API: strict and lenient parsing, diagnostics, dispatch."""

from __future__ import annotations

from pathlib import Path

import pytest
from readkit import SAMPLES, body, p, write_package

import brackets
from brackets.docx.reader import SourceMap, read_docx


def test_strict_errors_point_at_paragraph_numbers(tmp_path: Path) -> None:
    path = write_package(
        tmp_path / "d.docx",
        body(p("1. Agreed text.") + p("2. Promote [tolerance", " and dialogue;") + p("3. End.")),
    )
    with pytest.raises(brackets.DraftSyntaxError) as caught:
        read_docx(path)
    error = caught.value.errors[0]
    assert (error.line, error.column, error.path) == (2, 12, str(path))
    draft = read_docx(path, lenient=True)
    assert draft.source.split("\n")[1] == "2. Promote [tolerance and dialogue;"
    assert draft.diagnostics[0].line == 2


def test_read_dispatches_word_documents() -> None:
    draft = brackets.read(SAMPLES / "tracked-changes.docx", track_changes="brackets")
    assert isinstance(draft.origin, SourceMap)
    assert draft.brackets[0].supporters == ("CHN",)
    assert draft.path == str(SAMPLES / "tracked-changes.docx")


def test_same_draft_as_the_text_reader(tmp_path: Path) -> None:
    draft = read_docx(SAMPLES / "volunteerism-draft.docx")
    text = tmp_path / "same.txt"
    text.write_text(draft.source, encoding="utf-8")
    again = brackets.read(text)
    assert again.source == draft.source
    assert [(b.start, b.end, b.supporters) for b in again.brackets] == [
        (b.start, b.end, b.supporters) for b in draft.brackets
    ]
    assert brackets.positions(draft).objecting == brackets.positions(again).objecting


def test_docx_error_is_a_value_error_with_a_path(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="not a zip package"):
        brackets.read(path)
