"""The one Word package: bounded decompression whatever the method, unsafe entry names
dropped, out-of-memory as a plain error, and the same package serving the writers."""

from __future__ import annotations

import ast
import io
import struct
import tempfile
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from readkit import SAMPLES, body, lie_about_size, p, write_package

import brackets
from brackets.cli import main
from brackets.docx import SourceMap, read_docx, write_clean, write_redline
from brackets.docx.ooxml import edit, package, revisions
from brackets.docx.ooxml.body import IdAllocator
from brackets.docx.ooxml.names import PARAGRAPH_PROPERTIES, W_NS
from brackets.docx.ooxml.package import open_package
from brackets.errors import DocxError

METHODS = {
    "stored": zipfile.ZIP_STORED,
    "deflate": zipfile.ZIP_DEFLATED,
    "bzip2": zipfile.ZIP_BZIP2,
    "lzma": zipfile.ZIP_LZMA,
}
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("method", METHODS)
def test_every_compression_method_reads(tmp_path: Path, method: str) -> None:
    text = "1. Promote [tolerance and] (+TUR) dialogue. " * 200
    path = write_package(tmp_path / "d.docx", body(p(text)), compression=METHODS[method])
    assert read_docx(path).source == text


@pytest.mark.parametrize("method", METHODS)
def test_a_lying_member_is_cut_off_while_streaming(tmp_path: Path, method: str) -> None:
    """A member that declares 1,000 bytes but holds 20 MB (bzip2 and LZMA pack that into a
    few kilobytes) is refused after at most its declared size plus one chunk is produced: the
    20 MB never reach memory."""
    path = write_package(
        tmp_path / "liar.docx", body(p("x" * 20_000_000)), compression=METHODS[method]
    )
    lie_about_size(path, "word/document.xml", 1000)
    tracemalloc.start()
    try:
        with pytest.raises(DocxError, match=r"word/document\.xml fails its size or checksum"):
            read_docx(path, max_bytes=10_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000


def test_a_part_is_cut_off_at_the_size_limit(tmp_path: Path) -> None:
    path = write_package(
        tmp_path / "big.docx", body(p("y" * 3_000_000)), compression=zipfile.ZIP_BZIP2
    )
    lie_about_size(path, "word/document.xml", 900_000)  # under the expansion-ratio floor
    with open_package(path, max_bytes=4_000_000) as opened:
        opened.max_bytes = 100_000  # as if other parts had used up the budget
        tracemalloc.start()
        try:
            with pytest.raises(DocxError, match=r"more than 100000 bytes .* zip bomb"):
                opened.read("word/document.xml")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 1_000_000


def _patched_headers(path: Path, flags: int = 0, method: int | None = None) -> None:
    """Set general-purpose `flags` bits (and a compression `method`) in every local and central
    header of a zip, as an encrypting or exotic zip writer would."""
    data = bytearray(path.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = data.find(signature)
        while position >= 0:
            struct.pack_into("<H", data, position + flags_at, data[position + flags_at] | flags)
            if method is not None:
                struct.pack_into("<H", data, position + flags_at + 2, method)
            position = data.find(signature, position + 4)
    path.write_bytes(bytes(data))


def test_encrypted_and_unsupported_members_are_named(tmp_path: Path) -> None:
    """zipfile says RuntimeError for both (NotImplementedError is one): each keeps its message."""
    encrypted = write_package(tmp_path / "encrypted.docx", body(p("Text.")))
    _patched_headers(encrypted, flags=0x1)
    with pytest.raises(DocxError, match=r"is encrypted: save the document without a password"):
        read_docx(encrypted)
    exotic = write_package(tmp_path / "exotic.docx", body(p("Text.")))
    _patched_headers(exotic, method=99)
    with pytest.raises(DocxError, match=r"uses a compression method this reader does not"):
        read_docx(exotic)


def test_unsafe_entry_names_are_dropped(tmp_path: Path) -> None:
    """`../../evil` and `/abs/evil` never reach our outputs; the document itself reads and
    writes as if they were not there."""
    evil = {"../../evil": "x", "/abs/evil": "y", "word/../../up": "z", "C:/drive": "w"}
    path = write_package(tmp_path / "evil.docx", body(p("[tolerance] (+TUR) dialogue")), extra=evil)
    with zipfile.ZipFile(path) as archive:
        assert set(evil) <= set(archive.namelist())
    with open_package(path) as opened:
        assert sorted(opened.dropped) == sorted(evil)
        assert not set(evil) & set(opened.names)
    draft = read_docx(path)
    assert draft.source == "[tolerance] (+TUR) dialogue"
    clean, redline = tmp_path / "clean.docx", tmp_path / "redline.docx"
    clean.write_bytes(write_clean(draft, brackets.resolve(draft, "agreed")))
    redline.write_bytes(write_redline(draft))
    for out in (clean, redline):
        with zipfile.ZipFile(out) as archive:
            names = archive.namelist()
        assert "word/document.xml" in names
        assert all(package.safe_name(name) for name in names)
    assert read_docx(clean).source == "dialogue"


def test_running_out_of_memory_reading_is_a_docx_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_package(tmp_path / "huge.docx", body(p("text")))

    def exhausted(*_: object) -> bytes:
        raise MemoryError

    monkeypatch.setattr(package.Package, "_inflate", exhausted)
    with pytest.raises(DocxError, match=r"out of memory .*BRACKETS_MAX_DOCX_BYTES") as caught:
        read_docx(path, max_bytes=5_000_000)
    assert caught.value.path == str(path)
    assert "5000000 bytes" in caught.value.message and "\n" not in caught.value.message


def test_running_out_of_memory_writing_is_a_docx_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = SAMPLES / "volunteerism-draft.docx"
    draft = read_docx(source)

    def exhausted(*_: object) -> None:
        raise MemoryError

    monkeypatch.setattr(edit, "settle_revisions", exhausted)
    out = tmp_path / "clean.docx"
    with pytest.raises(DocxError, match=r"out of memory writing .*max_bytes"):
        out.write_bytes(write_clean(draft, brackets.resolve(draft, "agreed")))
    assert not out.exists()
    status = main(["resolve", str(source), "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 1 and not out.exists()
    assert err.count("\n") == 1 and "out of memory" in err and "Traceback" not in err


def test_the_writers_reopen_with_the_limit_the_draft_was_read_under(tmp_path: Path) -> None:
    path = write_package(tmp_path / "d.docx", body(p("[a] (+TUR) b")))
    draft = read_docx(path, max_bytes=50_000)
    assert isinstance(draft.origin, SourceMap) and draft.origin.max_bytes == 50_000
    path.write_bytes(
        write_package(tmp_path / "big.docx", body(p("[a] (+TUR) b" + " " * 60_000))).read_bytes()
    )
    with pytest.raises(DocxError, match="more than the limit of 50000"):
        (tmp_path / "r.docx").write_bytes(write_redline(draft))


def test_children_go_where_the_schema_orders_them() -> None:
    ppr = etree.fromstring(f'<w:pPr xmlns:w="{W_NS}"><w:pStyle/><w:jc/><w:sectPr/></w:pPr>')
    PARAGRAPH_PROPERTIES.get_or_add(ppr, "rPr")
    PARAGRAPH_PROPERTIES.get_or_add(ppr, "numPr")
    assert [etree.QName(c).localname for c in ppr] == ["pStyle", "numPr", "jc", "rPr", "sectPr"]
    paragraph = etree.fromstring(f'<w:p xmlns:w="{W_NS}"><w:bookmarkStart/><w:r/></w:p>')
    revisions.mark_paragraph(paragraph, "del", "IRAN", "2026-01-01T00:00:00Z", IdAllocator())
    assert [etree.QName(c).localname for c in paragraph] == ["pPr", "bookmarkStart", "r"]


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def test_only_the_xml_layer_imports_lxml() -> None:
    layer = ROOT / "brackets" / "docx" / "ooxml"
    users = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "brackets").rglob("*.py")
        if any(name.split(".")[0] == "lxml" for name in _imports(path))
    }
    assert users and all(user.startswith("brackets/docx/ooxml/") for user in users)
    assert {"brackets/docx/ooxml/package.py", "brackets/docx/ooxml/edit.py"} <= users
    assert layer.is_dir()


def _recompressed(method: int) -> bytes:
    """The tracked-changes sample with every part compressed with `method`."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(SAMPLES / "tracked-changes.docx") as source,
        zipfile.ZipFile(buffer, "w", method) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    return buffer.getvalue()


_RECOMPRESSED = {name: _recompressed(method) for name, method in METHODS.items()}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(METHODS)), st.data())
def test_damaged_members_of_any_method_never_escape(method: str, data: st.DataObject) -> None:
    """Damage the compressed bytes of a bzip2, LZMA, deflate or stored package: reading
    either works or says DocxError in one line."""
    damaged = bytearray(_RECOMPRESSED[method])
    for _ in range(data.draw(st.integers(1, 8))):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.docx"
        path.write_bytes(bytes(damaged))
        try:
            read_docx(path, lenient=True, track_changes="brackets")
        except DocxError as error:
            assert "\n" not in str(error)


def test_every_writer_refuses_a_source_changed_since_it_was_read(tmp_path: Path) -> None:
    """The clean copy, both redlines and the comparison go through one write path and one
    collector: a source that lost paragraphs since it was read gives each the same DocxError
    (naming the file and the paragraph), never a traceback or a wrong document."""
    from brackets.compare.docx import comparison_docx
    from brackets.compare.script import Op

    path = write_package(tmp_path / "d.docx", body(p("a") + p("[b] (+TUR) c") + p("d")))
    draft = read_docx(path)
    assert isinstance(draft.origin, SourceMap)
    origin = draft.origin
    write_package(path, body(p("a")))  # the document changed after it was read
    text = draft.source
    script = [Op("insert", text, 0, 0, 0, len(text))]
    writers = {
        "clean": lambda: write_clean(draft, brackets.resolve(draft, "agreed")),
        "tracked": lambda: write_redline(draft),
        "visible": lambda: write_redline(draft, markup="visible"),
        "comparison": lambda: comparison_docx(script, "A", new_origin=origin),
    }
    messages = set()
    for name, write in writers.items():
        with pytest.raises(DocxError) as caught:
            write()
        assert caught.value.path == str(path), name
        messages.add(caught.value.message.split(",")[0])
    assert messages == {"the source map names paragraph 1 of document"}
