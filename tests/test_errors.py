"""One error family: everything the library raises for bad input is a `brackets.BracketsError`
(a ValueError) carrying diagnostics with path, line, column and offset (issue 9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from drafts import CICA, UNFCCC_DEC4, corpus_text

import brackets
from brackets import BracketsError
from brackets.compare import apply_criticmarkup
from brackets.docx import read_docx


def _raises(call: object) -> BracketsError:
    with pytest.raises(BracketsError) as caught:
        call()  # type: ignore[operator]
    assert isinstance(caught.value, ValueError)
    assert caught.value.diagnostics and caught.value.diagnostic in caught.value.diagnostics
    return caught.value


def test_every_bad_input_is_caught_by_one_except(tmp_path: Path) -> None:
    not_utf8 = tmp_path / "latin1.txt"
    not_utf8.write_bytes("Promote d\xe9tente".encode("latin-1"))
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip")
    deleg = tmp_path / "codes.txt"
    deleg.write_text("not a code: x\n")
    cica = brackets.read(CICA)
    errors = [
        _raises(lambda: brackets.parse(corpus_text(UNFCCC_DEC4), path="dec4.md")),
        _raises(lambda: brackets.read(tmp_path / "missing.txt")),
        _raises(lambda: brackets.read(not_utf8)),
        _raises(lambda: read_docx(fake)),
        _raises(lambda: brackets.Registry.from_file(deleg)),
        _raises(lambda: brackets.resolve(cica, "silence", withdraw=["AZR"])),
        _raises(lambda: apply_criticmarkup("a {++b")),
    ]
    kinds = [type(e).__name__ for e in errors]
    assert kinds == [
        "DraftSyntaxError",
        "InputError",
        "InputError",
        "DocxError",
        "DelegationFileError",
        "ResolutionError",
        "CriticMarkupError",
    ]
    paths = [e.diagnostic.path for e in errors]
    files = [str(tmp_path / "missing.txt"), str(not_utf8), str(fake), str(deleg)]
    assert paths[:5] == ["dec4.md", *files]
    assert paths[5] == str(CICA)


def test_a_syntax_error_points_at_its_line_column_and_offset_with_a_caret() -> None:
    text = corpus_text(UNFCCC_DEC4)
    error = _raises(lambda: brackets.parse(text, path="dec4.md"))
    first = error.diagnostic
    assert (first.path, first.line, first.column) == ("dec4.md", 25, 341)
    assert first.offset is not None
    assert text[first.offset] == "]"
    assert str(first).startswith("dec4.md:25:341: error: ")
    context = first.context(text)
    line, caret = context.split("\n")
    assert caret.endswith("^") and line[len(caret) - 1] == "]"
    assert isinstance(error, brackets.DraftSyntaxError) and error.source == text


def test_an_unclosed_criticmarkup_change_has_its_place() -> None:
    error = _raises(lambda: apply_criticmarkup("first line\nsecond {--gone"))
    assert (error.diagnostic.line, error.diagnostic.column, error.diagnostic.offset) == (2, 8, 18)
    assert error.diagnostic.context("first line\nsecond {--gone") == "second {--gone\n       ^"


def test_a_whole_file_diagnostic_has_no_line_and_no_context() -> None:
    error = _raises(lambda: brackets.read("no/such/draft.txt"))
    assert error.diagnostic.line == 0
    assert str(error.diagnostic) == "no/such/draft.txt: error: no such file"
    assert error.diagnostic.context("anything") == ""
