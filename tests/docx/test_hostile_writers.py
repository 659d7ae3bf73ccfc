"""Issue 18 §8: the Word writers name the input that is wrong, never copy a part the reader
refuses, and take a NEW document whose body holds no text."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from readkit import SAMPLES, write_package

from brackets.docx.reader import read_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DTD = b'<!DOCTYPE c [<!ENTITY e "e">]>'


def brackets_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "brackets.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def with_doctype_comments(path: Path) -> Path:
    """The commented sample with a DOCTYPE in word/comments.xml (nothing else changed)."""
    sample = SAMPLES / "note-takers-comments.docx"
    with zipfile.ZipFile(sample) as source, zipfile.ZipFile(path, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/comments.xml":
                data = data.replace(b"?>", b"?>" + DTD, 1)
                assert DTD in data
            copy.writestr(info, data)
    return path


def test_resolve_never_copies_a_part_the_reader_refuses(tmp_path: Path) -> None:
    source = with_doctype_comments(tmp_path / "draft.docx")
    out = tmp_path / "clean.docx"
    done = brackets_cli("resolve", str(source), "-o", str(out))
    assert done.returncode == 1
    assert done.stderr == (
        f"{source}: error: word/comments.xml contains a DOCTYPE declaration: refusing XML "
        "with document type or entity declarations\n"
    )
    assert not out.exists()


def test_redline_names_the_input_with_the_refused_part(tmp_path: Path) -> None:
    source = with_doctype_comments(tmp_path / "draft.docx")
    out = tmp_path / "redline.docx"
    done = brackets_cli("redline", str(source), "-o", str(out))
    assert done.returncode == 1
    assert done.stderr.startswith(f"{source}: error: word/comments.xml contains a DOCTYPE")
    assert "Traceback" not in done.stderr and not out.exists()


def test_compare_with_a_new_document_of_no_paragraphs(tmp_path: Path) -> None:
    """NEW's body holds only <w:sectPr/>: the comparison deletes all of OLD's text."""
    old = tmp_path / "old.txt"
    old.write_text("1. Promote [tolerance] (+TUR);\n2. Second.\n", encoding="utf-8")
    for name, document in {
        "sectpr.docx": f'<w:document xmlns:w="{W}"><w:body><w:sectPr/></w:body></w:document>',
        "empty.docx": f'<w:document xmlns:w="{W}"><w:body/></w:document>',
    }.items():
        new = write_package(tmp_path / name, document)
        out = tmp_path / f"compared-{name}"
        done = brackets_cli("compare", str(old), str(new), "-o", str(out))
        assert done.returncode == 0, done.stderr
        rejected = read_docx(out, track_changes="reject", lenient=True)
        accepted = read_docx(out, track_changes="accept", lenient=True)
        assert rejected.source.strip() == old.read_text(encoding="utf-8").strip()
        assert accepted.source.strip() == ""
