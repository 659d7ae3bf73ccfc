"""Helpers for the Word writer's tests: independent readers of what we wrote.

Three readers, from the closest to the farthest: our own look at the XML (Reject All / Accept All
views, OOXML rules), pandoc, and LibreOffice headless. The last two are real programs: a test
that needs one skips with the reason when it is missing, except in CI (env CI=true), where a
missing reader is a failure (.ci/install-system.sh installs them).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_WS = re.compile(r"[ \t\v\u00a0]+")


def text_of(element: etree._Element) -> str:
    """All the text inside an element."""
    return "".join(str(piece) for piece in element.itertext())


def normalise(text: str) -> list[str]:
    """Paragraphs with whitespace runs collapsed, edges stripped, empty ones dropped."""
    lines = (_WS.sub(" ", line).strip() for line in text.replace("\r", "").split("\n"))
    return [line for line in lines if line]


def require(program: str) -> str:
    """The program's path; skip without it (fail in CI, where .ci/run installs it)."""
    found = shutil.which(program)
    if found:
        return found
    reason = f"{program} is not installed (bash .ci/install-system.sh installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {reason}")
    pytest.skip(reason)


def libreoffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return require("soffice")


# -- a Word draft ---------------------------------------------------------------------------
def paragraphs_docx(path: Path, paragraphs: Sequence[str], *, numbered: bool) -> Path:
    """A Word draft of `paragraphs`, one Word paragraph each; with `numbered`, those opening
    with a "PpN" label are auto-numbered instead (List Number), their label left to Word."""
    document = docx.Document()
    for text in paragraphs:
        if numbered and text.startswith("Pp"):
            document.add_paragraph(text.split(" ", 1)[1], style="List Number")
        else:
            document.add_paragraph(text)
    document.save(str(path))
    return path




def make_word_draft(path: Path) -> Path:
    """A Word draft as people send them: a title, italic preambular verb, auto-numbered
    paragraphs (one bracketed whole), bold words inside a bracket, a table, a bracket that
    runs across two paragraphs, a header and a footer."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "CICA/SOC/2026/1 [header]"
    document.sections[0].footer.paragraphs[0].text = "Page footer"
    document.add_paragraph("DRAFT STATEMENT", style="Title")
    p = document.add_paragraph()
    p.add_run("Recognizing").italic = True
    p.add_run(" that water [is essential] (+KAZ) for development;")
    document.add_paragraph(style="List Number").add_run(
        "Encourage the exchange of data [on a voluntary basis] (-AZER);")
    document.add_paragraph(style="List Number").add_run(
        "[Establish an expert group;] (+KAZ) (-CHN)")
    p = document.add_paragraph(style="List Number")
    p.add_run("Promote ")
    p.add_run("joint").bold = True
    p.add_run(" research [and ")
    p.add_run("development").bold = True
    p.add_run("] (tcb).")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cell [one] (-CHN)"
    table.cell(0, 1).text = "Cell two"
    document.add_paragraph("Opening [a bracket")
    document.add_paragraph("that closes here] (-IRAN) and text after.")
    document.add_paragraph("Final [paragraph] (+IND) text.")
    document.save(str(path))
    return path


# -- our own reading of the XML ---------------------------------------------------------------


def part(docx: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read(name))


def view(docx: Path, mode: str) -> str:
    """The document text after Accept All (`accept`) or Reject All (`reject`), read from XML.

    A paragraph whose mark is an insertion (rejected) or a deletion (accepted) joins the next.
    """
    body = part(docx, "word/document.xml").find(f"{W}body")
    assert body is not None
    gone = f"{W}ins" if mode == "reject" else f"{W}del"
    paragraphs: list[str] = []
    pending = ""
    for p in body.iter(f"{W}p"):
        chars: list[str] = []
        for element in p.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br"):
            ancestors = {a.tag for a in element.iterancestors()}
            if gone in ancestors:
                continue
            if element.tag in (f"{W}t", f"{W}delText"):
                chars.append(element.text or "")
            else:
                chars.append("\t" if element.tag == f"{W}tab" else "\v")
        text = pending + "".join(chars)
        mark = p.find(f"{W}pPr/{W}rPr/{gone}")
        if mark is not None:
            pending = text
            continue
        pending = ""
        paragraphs.append(text)
    if pending:
        paragraphs.append(pending)
    return "\n".join(paragraphs)


@dataclass(frozen=True)
class Revisions:
    """What a document says about its revisions and comments."""

    changes: Counter[tuple[str, str]]  # (ins|del, author) -> count
    comments: Counter[str]  # author -> count
    comment_texts: list[tuple[str, str]]  # (author, text)


def revisions(docx: Path) -> Revisions:
    document = part(docx, "word/document.xml")
    changes: Counter[tuple[str, str]] = Counter(
        (e.tag[len(W) :], e.get(f"{W}author", "")) for e in document.iter(f"{W}ins", f"{W}del")
    )
    comments: Counter[str] = Counter()
    texts: list[tuple[str, str]] = []
    with zipfile.ZipFile(docx) as archive:
        if "word/comments.xml" in archive.namelist():
            root = etree.fromstring(archive.read("word/comments.xml"))
            for comment in root.iter(f"{W}comment"):
                author = comment.get(f"{W}author", "")
                comments[author] += 1
                texts.append((author, "".join(t.text or "" for t in comment.iter(f"{W}t"))))
    return Revisions(changes, comments, texts)


def ooxml_problems(docx: Path, *, source_rsids: bool = False) -> list[str]:
    """Breaches of the OOXML rules the writer promises (empty when all is well).

    `source_rsids`: the document is an edited copy whose source had rsids of its own.
    """
    problems: list[str] = []
    ids: Counter[str] = Counter()
    with zipfile.ZipFile(docx) as archive:
        names = archive.namelist()
        types = archive.read("[Content_Types].xml").decode()
        for name in names:
            if not name.endswith(".xml") or name == "[Content_Types].xml":
                continue
            root = etree.fromstring(archive.read(name))
            for element in root.iter():
                if not isinstance(element.tag, str):
                    continue
                tag = element.tag
                rsid = any(str(key).startswith(f"{W}rsid") for key in element.attrib)
                if rsid and not source_rsids:
                    problems.append(f"{name}: rsid attribute on {tag}")
                if tag in (f"{W}t", f"{W}delText"):
                    text = element.text or ""
                    edge = text[:1].isspace() or text[-1:].isspace()
                    if edge and element.get(XML_SPACE) != "preserve":
                        problems.append(f"{name}: edge space without xml:space: {text!r}")
                    in_del = any(a.tag == f"{W}del" for a in element.iterancestors())
                    if tag == f"{W}t" and in_del:
                        problems.append(f"{name}: w:t inside w:del")
                    if tag == f"{W}delText" and not in_del:
                        problems.append(f"{name}: w:delText outside w:del")
                if tag in (f"{W}ins", f"{W}del", f"{W}comment", f"{W}bookmarkStart"):
                    ids[element.get(f"{W}id", "")] += 1
                if tag in (f"{W}ins", f"{W}del") and not element.get(f"{W}author"):
                    problems.append(f"{name}: revision without author")
        if "word/comments.xml" in names:
            if "/word/comments.xml" not in types:
                problems.append("comments part without content type")
            rels = archive.read("word/_rels/document.xml.rels").decode()
            if "comments.xml" not in rels:
                problems.append("comments part without relationship")
    problems.extend(f"w:id {i} used {n} times" for i, n in ids.items() if n > 1)
    return problems


# -- pandoc -----------------------------------------------------------------------------------


def _inline_text(inlines: list[dict[str, object]]) -> str:
    out: list[str] = []
    for inline in inlines:
        kind = inline["t"]
        content = inline.get("c")
        if kind == "Str":
            out.append(str(content))
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Superscript",
                      "Subscript"):
            out.append(_inline_text(content))  # type: ignore[arg-type]
        elif kind in ("Span", "Link", "Quoted"):
            out.append(_inline_text(content[-1] if kind != "Link" else content[1]))  # type: ignore[index]
        elif kind == "Code":
            out.append(str(content[1]))  # type: ignore[index]
    return "".join(out)


def pandoc_text(docx: Path, track_changes: str) -> str:
    """What pandoc reads from `docx` with --track-changes=accept|reject, a line a paragraph."""
    program = require("pandoc")
    result = subprocess.run(
        [program, f"--track-changes={track_changes}", "-f", "docx", "-t", "json", str(docx)],
        capture_output=True, check=True, timeout=120,
    )
    document = json.loads(result.stdout)
    lines: list[str] = []
    title = document.get("meta", {}).get("title")
    if title and title.get("t") == "MetaInlines":
        lines.append(_inline_text(title["c"]))
    # Every Para/Plain block in document order, wherever it sits (lists, tables, quotes).
    stack: list[object] = [document["blocks"]]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(reversed(value))
        elif isinstance(value, dict):
            kind = value.get("t")
            if kind in ("Para", "Plain"):
                lines.append(_inline_text(value["c"]))
            elif kind == "Header":
                lines.append(_inline_text(value["c"][2]))
            elif "c" in value:
                stack.append(value["c"])
    return "\n".join(lines)


# -- LibreOffice ------------------------------------------------------------------------------

_ODF = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


@dataclass(frozen=True)
class LibreOfficeReport:
    changes: Counter[tuple[str, str]]  # (insertion|deletion, author)
    comments: Counter[str]
    text: str


def libreoffice_report(docx: Path, workdir: Path) -> LibreOfficeReport:
    """Convert with LibreOffice headless to flat ODT and read its changes, comments and text."""
    program = libreoffice()
    outdir = workdir / "lo-out"
    profile = workdir / "lo-profile"
    result = subprocess.run(
        [program, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "fodt", "--outdir", str(outdir), str(docx)],
        capture_output=True, text=True, timeout=240,
    )
    converted = outdir / (docx.stem + ".fodt")
    assert result.returncode == 0 and converted.exists(), (
        f"LibreOffice could not convert {docx.name}: {result.stdout} {result.stderr}"
    )
    root = etree.parse(str(converted)).getroot()
    changes: Counter[tuple[str, str]] = Counter()
    for region in root.iterfind(".//text:changed-region", _ODF):
        creator = region.find(".//dc:creator", _ODF)
        author = (creator.text or "") if creator is not None else ""
        changes[(etree.QName(region[0]).localname, author)] += 1
    comments: Counter[str] = Counter()
    for annotation in root.iterfind(".//office:annotation", _ODF):
        creator = annotation.find("dc:creator", _ODF)
        comments[(creator.text or "") if creator is not None else ""] += 1
    body = root.find(".//office:text", _ODF)
    text = "" if body is None else "\n".join(
        text_of(p) for p in body.iterfind(".//text:p", _ODF)
    )
    return LibreOfficeReport(changes, comments, text)


def libreoffice_text(docx: Path, workdir: Path) -> list[str]:
    """The paragraphs LibreOffice headless exports as plain text (`--convert-to txt`), list
    numbers as it draws them, whitespace collapsed, empty lines dropped."""
    program = libreoffice()
    outdir = workdir / "lo-txt"
    profile = workdir / "lo-profile"
    result = subprocess.run(
        [program, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(outdir), str(docx)],
        capture_output=True, text=True, timeout=240,
    )
    converted = outdir / (docx.stem + ".txt")
    assert result.returncode == 0 and converted.exists(), (
        f"LibreOffice could not convert {docx.name}: {result.stdout} {result.stderr}"
    )
    return normalise(converted.read_text(encoding="utf-8-sig"))


def libreoffice_views(paths: list[Path], workdir: Path) -> list[dict[str, list[str]]]:
    """What LibreOffice reads after Accept All ("accept") and Reject All ("reject") of each
    tracked redline, all converted to flat ODT by one soffice call: its body text with the
    deleted (accept) or inserted (reject) ranges left out, a paragraph whose end lies in such
    a range joined to the next; paragraphs normalised."""
    outdir = workdir / "lo-views"
    result = subprocess.run(
        [libreoffice(), f"-env:UserInstallation=file://{workdir / 'lo-profile'}", "--headless",
         "--norestore", "--convert-to", "fodt", "--outdir", str(outdir), *map(str, paths)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"LibreOffice could not convert: {result.stderr}"
    return [_odf_views(outdir / f"{path.stem}.fodt") for path in paths]


def _odf_views(converted: Path) -> dict[str, list[str]]:
    root = etree.parse(str(converted)).getroot()
    body = root.find(".//office:text", _ODF)
    assert body is not None
    kinds = {
        region.get(f"{{{_ODF['text']}}}id"): etree.QName(region[0]).localname
        for region in body.iterfind(".//text:changed-region", _ODF)
    }
    views = {}
    for mode, gone in (("accept", "deletion"), ("reject", "insertion")):
        out: list[str] = []
        _odf_walk(body, {i for i, kind in kinds.items() if kind == gone}, set(), out)
        views[mode] = normalise("".join(out))
    return views


_T = f"{{{_ODF['text']}}}"
_ODF_SKIPPED = {f"{_T}tracked-changes", f"{{{_ODF['office']}}}annotation", f"{_T}sequence-decls"}
_ODF_PARAGRAPHS = {f"{_T}p", f"{_T}h"}


def _odf_walk(element: etree._Element, gone: set[str | None], open_gone: set[str | None],
              out: list[str]) -> None:
    """The text of `element` in `out`, leaving out the ranges of changes in `gone`."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _ODF_SKIPPED:
            pass
        elif tag == f"{_T}change-start" and child.get(f"{_T}change-id") in gone:
            open_gone.add(child.get(f"{_T}change-id"))
        elif tag == f"{_T}change-end":
            open_gone.discard(child.get(f"{_T}change-id"))
        elif tag == f"{_T}s":
            out.append("" if open_gone else " " * int(child.get(f"{_T}c", "1")))
        elif tag == f"{_T}tab":
            out.append("" if open_gone else "\t")
        else:
            if child.text and not open_gone:
                out.append(child.text)
            _odf_walk(child, gone, open_gone, out)
            if tag in _ODF_PARAGRAPHS and not open_gone:
                out.append("\n")
        if child.tail and not open_gone and tag not in _ODF_PARAGRAPHS:
            out.append(child.tail)
