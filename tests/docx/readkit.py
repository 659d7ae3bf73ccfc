"""Helpers for the Word reader's tests: hand-made packages and the samples' generator."""

from __future__ import annotations

import importlib.util
import struct
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import docx.document
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def samples_module() -> ModuleType:
    """samples/make_docx_samples.py, imported (it is a script, not a package module)."""
    name = "make_docx_samples"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SAMPLES / "make_docx_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def body(xml: str) -> str:
    """A complete word/document.xml around body content written with the w: prefix."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{xml}</w:body></w:document>'
    )


def p(*runs: str, ppr: str = "") -> str:
    """A paragraph of plain text runs (each string one w:r), with optional pPr content."""
    props = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    inner = "".join(f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' for text in runs)
    return f"<w:p>{props}{inner}</w:p>"


def numbered(text: str, num_id: int, ilvl: int = 0) -> str:
    return p(text, ppr=f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def numbering_xml(abstracts: str, nums: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:numbering xmlns:w="{W_NS}">{abstracts}{nums}</w:numbering>'
    )


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def write_package(
    path: Path,
    document: str,
    *,
    numbering: str | None = None,
    styles: str | None = None,
    footnotes: str | None = None,
    endnotes: str | None = None,
    extra: dict[str, bytes | str] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """A minimal .docx: the given parts, related from the main document by standard names,
    compressed with `compression` (any method zipfile writes)."""
    rels = []
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "word/document.xml": document,
    }
    for index, (kind, part) in enumerate(
        (
            ("numbering", numbering),
            ("styles", styles),
            ("footnotes", footnotes),
            ("endnotes", endnotes),
        ),
        start=1,
    ):
        if part is not None:
            parts[f"word/{kind}.xml"] = part
            rels.append(f'<Relationship Id="rId{index}" Type="{_REL}/{kind}" Target="{kind}.xml"/>')
    parts["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels)
        + "</Relationships>"
    )
    parts.update(extra or {})
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def lie_about_size(path: Path, member: str, declared: int) -> None:
    """Rewrite a zip's headers so that `member` declares `declared` bytes uncompressed."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    local = info.header_offset
    struct.pack_into("<I", data, local + 22, declared)
    position = 0
    while True:
        position = data.find(b"PK\x01\x02", position)
        if position < 0:
            break
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if bytes(data[position + 46 : position + 46 + name_length]) == name:
            struct.pack_into("<I", data, position + 24, declared)
        position += 4
    path.write_bytes(bytes(data))


# -- python-docx documents, edited with lxml ------------------------------------------------------


def paragraph_elements(document: docx.document.Document) -> list[etree._Element]:
    """The w:p elements of a python-docx document's body, in order: reached with lxml through
    its public `element`, not through python-docx's private attributes."""
    return list(document.element.body.iterchildren(f"{{{W_NS}}}p"))


def run_elements(document: docx.document.Document) -> list[etree._Element]:
    """Every w:r of a python-docx document's body, in document order."""
    return list(document.element.body.iter(f"{{{W_NS}}}r"))


def run_element(document: docx.document.Document, text: str) -> etree._Element:
    """The one w:r of the body whose text is `text`."""
    def text_of(run: etree._Element) -> str:
        return "".join(t.text or "" for t in run.iter(f"{{{W_NS}}}t"))

    found = [run for run in run_elements(document) if text_of(run) == text]
    assert len(found) == 1, f"{len(found)} runs read {text!r}"
    return found[0]
