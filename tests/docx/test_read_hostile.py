"""Hostile and broken files: one clear DocxError line, never a traceback, memory bounded."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readkit import SAMPLES, body, lie_about_size, p, write_package

from brackets.docx.ooxml.package import OLE_MAGIC, open_package, parse_xml
from brackets.docx.reader import extract_text, read_docx
from brackets.errors import DocxError


def _refused(path: Path, match: str, **options: object) -> DocxError:
    with pytest.raises(DocxError, match=match) as caught:
        read_docx(path, **options)  # type: ignore[arg-type]
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.path == str(path)
    assert "\n" not in str(error) and str(error) == error.message
    assert str(error.diagnostic) == f"{path}: error: {error.message}"
    assert error.__suppress_context__ or error.__cause__ is None
    return error


def test_missing_file(tmp_path: Path) -> None:
    _refused(tmp_path / "nowhere.docx", "no such file")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    _refused(folder, "is a directory")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    _refused(path, "empty file")


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    path.write_text("1. Promote [tolerance] (+TUR);\n", encoding="utf-8")
    _refused(path, "not a Word document .* not a zip package")


def test_truncated_zip(tmp_path: Path) -> None:
    good = write_package(tmp_path / "good.docx", body(p("text")))
    path = tmp_path / "truncated.docx"
    path.write_bytes(good.read_bytes()[:60])
    _refused(path, "not a readable zip package|damaged")


@pytest.mark.parametrize("name", ["old.doc", "encrypted.docx"])
def test_ole_compound_files(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(OLE_MAGIC + b"\0" * 504)
    error = _refused(path, "Word 97-2003 .doc or encrypted .docx")
    assert "save it as .docx" in str(error)


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "book.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    _refused(path, "no word/document.xml")


def test_malformed_xml(tmp_path: Path) -> None:
    path = write_package(tmp_path / "bad.docx", body(p("open")).replace("</w:body>", ""))
    _refused(path, "malformed XML in word/document.xml")


def test_malformed_numbering_part_is_named(tmp_path: Path) -> None:
    path = write_package(tmp_path / "bad.docx", body(p("x")), numbering="<w:numbering")
    _refused(path, "malformed XML in word/numbering.xml")


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
)
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL], ids=["billion-laughs", "external"])
def test_doctype_and_entities_are_refused(tmp_path: Path, xml: str) -> None:
    path = write_package(tmp_path / "dtd.docx", xml)
    error = _refused(path, "word/document.xml contains a DOCTYPE declaration")
    assert "root:" not in str(error)


def test_doctype_in_utf16_and_in_other_parts(tmp_path: Path) -> None:
    with pytest.raises(DocxError, match="DOCTYPE"):
        parse_xml(
            BILLION_LAUGHS.replace('"1.0"?', '"1.0" encoding="UTF-16"?').encode("utf-16"),
            "x.docx",
            "word/document.xml",
        )
    styles = '<!DOCTYPE s [<!ENTITY e "e">]><w:styles xmlns:w="x"/>'
    path = write_package(tmp_path / "s.docx", body(p("x")), styles=styles)
    _refused(path, "word/styles.xml contains a DOCTYPE")


def test_declared_size_over_the_limit(tmp_path: Path) -> None:
    path = write_package(tmp_path / "big.docx", body(p("x" * 50_000)))
    _refused(path, "declares .* more than the limit of 10000", max_bytes=10_000)
    assert read_docx(path, max_bytes=1_000_000).source == "x" * 50_000


def test_limit_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_package(tmp_path / "big.docx", body(p("x" * 50_000)))
    monkeypatch.setenv("BRACKETS_MAX_DOCX_BYTES", "20000")
    _refused(path, "more than the limit of 20000")
    monkeypatch.setenv("BRACKETS_MAX_DOCX_BYTES", "lots")
    _refused(path, "BRACKETS_MAX_DOCX_BYTES='lots' is not a number")
    monkeypatch.setenv("BRACKETS_MAX_DOCX_BYTES", "2_000_000")
    assert extract_text(path)[0] == "x" * 50_000


def test_nonsense_limit(tmp_path: Path) -> None:
    path = write_package(tmp_path / "d.docx", body(p("x")))
    _refused(path, "must be positive", max_bytes=0)


def test_compression_ratio_bomb(tmp_path: Path) -> None:
    path = write_package(tmp_path / "bomb.docx", body(p("x" * (3 << 20))))
    _refused(path, "expands .* times .*zip bomb")


def test_member_larger_than_declared_is_caught_while_reading(tmp_path: Path) -> None:
    path = write_package(tmp_path / "liar.docx", body(p("x" * 100_000)))
    lie_about_size(path, "word/document.xml", 1000)
    _refused(path, "word/document.xml fails its size or checksum check")


def test_package_reads_are_bounded_in_total(tmp_path: Path) -> None:
    path = write_package(tmp_path / "two.docx", body(p("y" * 5000)))
    with open_package(path, max_bytes=100_000) as package:
        package.max_bytes = 1000  # as if other parts had used up the budget
        with pytest.raises(DocxError, match="zip bomb"):
            package.read("word/document.xml")


def test_wrong_root_and_strict_documents(tmp_path: Path) -> None:
    path = write_package(tmp_path / "sheet.docx", "<worksheet/>")
    _refused(path, "word/document.xml is not a Word document body")
    strict = body(p("x")).replace(
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    )
    path = write_package(tmp_path / "strict.docx", strict)
    _refused(path, "Strict Open XML")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_bytes_never_escape_as_tracebacks(data: st.DataObject) -> None:
    """Flip, cut or overwrite bytes of a real sample: reading either works or says DocxError."""
    original = (SAMPLES / "tracked-changes.docx").read_bytes()
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(damaged) - 1))
        damaged[position] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        damaged = damaged[: data.draw(st.integers(0, len(damaged)))]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.docx"
        path.write_bytes(bytes(damaged))
        try:
            read_docx(path, lenient=True, track_changes="brackets")
        except DocxError as error:
            assert "\n" not in str(error)
