"""The comparison as a Word redline: Accept All gives NEW, Reject All gives OLD.

Three readers check it: our own reader (fast, for many generated pairs), pandoc
(`--track-changes=accept|reject`) and LibreOffice headless. Word pairs are edited copies of
NEW (samples/water-cooperation-rev1.docx -> -rev2.docx, made by samples/make_docx_samples.py);
text pairs give generated documents (the COP21 pair, the CICA revision).
"""

from __future__ import annotations

import re
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from drafts import CICA, SAMPLES, UNFCCC_DEC4, UNFCCC_DEC9, corpus_text
from hypothesis import given, settings
from lxml import etree
from test_compare import draft_pairs

import brackets
from brackets.cli import main
from brackets.docx import extract_text, strip_emphasis
from brackets.docx.ooxml.body import PLAIN, BodyBuilder, RunStyle
from brackets.report import comparison_docx_bytes

sys.path.insert(0, str(Path(__file__).parent / "docx"))
from writekit import (
    libreoffice_report,
    normalise,
    ooxml_problems,
    pandoc_text,
    part,
    revisions,
)

OLD_DOCX = SAMPLES / "water-cooperation-rev1.docx"
NEW_DOCX = SAMPLES / "water-cooperation-rev2.docx"
CICA_REV1 = SAMPLES / "cica-swg-739-2023-rev1.txt"
DATE = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
ITALIC = RunStyle(italic=True)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def write(comparison: brackets.Comparison, path: Path, author: str = "Rev.2") -> Path:
    path.write_bytes(comparison_docx_bytes(comparison, author=author, date=DATE))
    return path


def our_views(docx: Path) -> tuple[str, str]:
    """What our reader sees after Accept All and after Reject All."""
    accept = extract_text(docx, track_changes="accept")[0]
    reject = extract_text(docx, track_changes="reject")[0]
    return accept, reject


def as_paragraphs(old: str, new: str) -> tuple[str, str]:
    """The two texts as a generated document holds them: one paragraph a line, no "\\r", and
    no empty paragraph after a final line break both versions end with."""
    old, new = old.replace("\r", ""), new.replace("\r", "")
    if old.endswith("\n") and new.endswith("\n"):
        old, new = old[:-1], new[:-1]
    return old, new


def pandoc_lines(docx: Path, mode: str) -> list[str]:
    """The paragraphs pandoc reads with --track-changes=MODE, without their whitespace.

    Where Accept All (Reject All) joins two paragraphs, pandoc puts a space at the join
    (Word and LibreOffice do not), so pandoc is compared on the visible characters only.
    """
    return [words(line) for line in normalise(pandoc_text(docx, mode))]


def words(text: str) -> str:
    return "".join(text.split())


def paragraphs(text: str) -> list[str]:
    return [words(line) for line in normalise(text)]


_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def libreoffice_views(docx: Path, workdir: Path) -> tuple[str, str, set[tuple[str, str]]]:
    """Accept All and Reject All as LibreOffice reads the file, and its (kind, author) changes.

    LibreOffice converts to flat ODT; there the text of every change stays in the body between
    its `text:change-start` and `text:change-end`, and the tracked-changes list says which
    changes are insertions and which deletions. A view leaves out what it rejects, paragraph
    ends included (so joined paragraphs join).
    """
    report = libreoffice_report(docx, workdir)
    root = etree.parse(str(workdir / "lo-out" / (docx.stem + ".fodt"))).getroot()
    kinds = {
        region.get(f"{{{_TEXT}}}id"): etree.QName(region[0]).localname
        for region in root.iter(f"{{{_TEXT}}}changed-region")
    }
    body = root.find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text")
    assert body is not None

    def view(gone: str) -> str:
        out: list[str] = []
        active: set[str] = set()

        def visit(element: etree._Element) -> None:
            tag = etree.QName(element).localname
            if tag in ("tracked-changes", "note"):
                return
            change = element.get(f"{{{_TEXT}}}change-id") or ""
            if tag == "change-start" and kinds.get(change) == gone:
                active.add(change)
            elif tag == "change-end":
                active.discard(change)
            elif tag == "s" and not active:
                out.append(" " * int(element.get(f"{{{_TEXT}}}c", "1")))
            elif tag == "tab" and not active:
                out.append("\t")
            if element.text and not active:
                out.append(element.text)
            for child in element:
                visit(child)
                if child.tail and not active:
                    out.append(child.tail)
            if tag in ("p", "h") and not active:
                out.append("\n")

        visit(body)
        return "".join(out)

    names = {"insertion": "ins", "deletion": "del"}
    changes = {(names[kind], author) for kind, author in report.changes}
    return view("deletion"), view("insertion"), changes


# -- generated pairs --------------------------------------------------------------------------


@given(pair=draft_pairs())
def test_accept_all_gives_new_and_reject_all_old_in_our_reader(
    pair: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    old, new = pair
    docx = write(brackets.compare(old, new), tmp_path_factory.mktemp("pair") / "c.docx")
    assert our_views(docx) == as_paragraphs(old, new)[::-1]


@settings(max_examples=25, deadline=None)
@given(pair=draft_pairs())
def test_accept_all_gives_new_and_reject_all_old_in_pandoc(
    pair: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    old, new = pair
    docx = write(brackets.compare(old, new), tmp_path_factory.mktemp("pandoc") / "c.docx")
    assert pandoc_lines(docx, "accept") == paragraphs(new)
    assert pandoc_lines(docx, "reject") == paragraphs(old)


def as_word(text: str, path: Path) -> brackets.Draft:
    """The text as a Word document (a paragraph a line, every other word italic, so that
    paragraphs hold many runs), read back as a draft."""
    builder = BodyBuilder(DATE)
    for line in text.replace("\r", "").split("\n"):
        builder.paragraph()
        for index, chunk in enumerate(re.split(r"(?<= )", line)):
            if chunk:
                builder.text(chunk, ITALIC if index % 2 else PLAIN)
    path.write_bytes(builder.to_package().to_bytes())
    return brackets.read(path, lenient=True)


@given(pair=draft_pairs())
def test_word_copy_of_new_gives_both_versions(
    pair: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("word-pair")
    old, new = as_word(pair[0], folder / "old.docx"), as_word(pair[1], folder / "new.docx")
    docx = write(brackets.compare(old, new), folder / "c.docx")
    assert our_views(docx) == (new.source, old.source)
    assert ooxml_problems(docx) == []


@settings(max_examples=15, deadline=None)
@given(pair=draft_pairs())
def test_word_copy_of_new_in_pandoc(
    pair: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("word-pandoc")
    old, new = as_word(pair[0], folder / "old.docx"), as_word(pair[1], folder / "new.docx")
    docx = write(brackets.compare(old, new), folder / "c.docx")
    assert pandoc_lines(docx, "accept") == paragraphs(new.source)
    assert pandoc_lines(docx, "reject") == paragraphs(old.source)


def test_changed_line_breaks_are_paragraph_mark_revisions(tmp_path: Path) -> None:
    docx = write(brackets.compare("One.\nTwo.\n", "One. Two.\nThree.\n"), tmp_path / "c.docx")
    body = part(docx, "word/document.xml")
    marks = [e.tag[len(W) :] for e in body.iterfind(f".//{W}pPr/{W}rPr/*")]
    assert marks == ["del", "ins"]
    assert our_views(docx) == ("One. Two.\nThree.", "One.\nTwo.")
    assert ooxml_problems(docx) == []


def test_a_replacement_across_paragraphs_reads_without_a_stray_space(tmp_path: Path) -> None:
    old = "Respect human rights for all.\n\nOption 2: none\n\nNext"
    new = "Respect human rights.\n\nNext"
    comparison = brackets.compare(old, new)
    assert [op.kind for op in comparison.script] == ["equal", "delete", "insert", "equal"]
    docx = write(comparison, tmp_path / "c.docx")
    # the inserted "." is written before the deleted paragraphs, so that pandoc's space at
    # the join falls at the end of the line, not inside "rights ."
    assert normalise(pandoc_text(docx, "accept")) == ["Respect human rights.", "Next"]
    assert normalise(pandoc_text(docx, "reject")) == normalise(old)


# -- the real text pairs ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def cop21(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, Path]:
    old, new = corpus_text(UNFCCC_DEC4), corpus_text(UNFCCC_DEC9)
    comparison = brackets.compare(old, new)
    docx = write(comparison, tmp_path_factory.mktemp("cop21") / "cop21.docx")
    # issue 20 §5: a generated Word output renders emphasis, as resolve -o .docx does
    return strip_emphasis(old), strip_emphasis(new), docx


def test_cop21_redline_gives_both_versions(cop21: tuple[str, str, Path]) -> None:
    old, new, docx = cop21
    assert our_views(docx) == as_paragraphs(old, new)[::-1]
    assert ooxml_problems(docx) == []


def test_cop21_redline_in_pandoc(cop21: tuple[str, str, Path]) -> None:
    old, new, docx = cop21
    assert pandoc_lines(docx, "accept") == paragraphs(new)
    assert pandoc_lines(docx, "reject") == paragraphs(old)


def test_cop21_redline_in_libreoffice(cop21: tuple[str, str, Path], tmp_path: Path) -> None:
    old, new, docx = cop21
    accept, reject, changes = libreoffice_views(docx, tmp_path)
    assert changes == {("ins", "Rev.2"), ("del", "Rev.2")}
    assert normalise(accept) == normalise(new)
    assert normalise(reject) == normalise(old)


def test_cica_revision_redline_in_pandoc(tmp_path: Path) -> None:
    old, new = corpus_text(CICA), CICA_REV1.read_text(encoding="utf-8")
    docx = write(brackets.compare(old, new), tmp_path / "cica.docx")
    old, new = strip_emphasis(old), strip_emphasis(new)  # rendered as bold and italic
    assert our_views(docx) == as_paragraphs(old, new)[::-1]
    assert pandoc_lines(docx, "accept") == paragraphs(new)
    assert pandoc_lines(docx, "reject") == paragraphs(old)
    assert set(revisions(docx).changes) == {("ins", "Rev.2"), ("del", "Rev.2")}


# -- a Word pair: the redline is a copy of NEW -----------------------------------------------


@pytest.fixture(scope="module")
def word_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[brackets.Draft, brackets.Draft]:
    return brackets.read(OLD_DOCX, lenient=True), brackets.read(NEW_DOCX, lenient=True)


@pytest.fixture(scope="module")
def word_redline(
    word_pair: tuple[brackets.Draft, brackets.Draft], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    old, new = word_pair
    return write(brackets.compare(old, new), tmp_path_factory.mktemp("word") / "water.docx")


def test_word_pair_gives_both_versions_exactly(
    word_pair: tuple[brackets.Draft, brackets.Draft], word_redline: Path
) -> None:
    old, new = word_pair
    # auto-numbers included: the removed, added, split and joined paragraphs renumber alike
    assert our_views(word_redline) == (new.source, old.source)
    assert ooxml_problems(word_redline, source_rsids=True) == []


def test_word_pair_keeps_numbering_table_and_footnote(word_redline: Path) -> None:
    with zipfile.ZipFile(word_redline) as archive, zipfile.ZipFile(NEW_DOCX) as source:
        assert set(source.namelist()) <= set(archive.namelist())
        for name in ("word/numbering.xml", "word/footnotes.xml", "word/styles.xml"):
            # the notes are compared only when read (--notes): here they are NEW's
            assert archive.read(name) == source.read(name)
    body = part(word_redline, "word/document.xml")
    assert len(body.findall(f".//{W}tbl")) == 1
    assert len(body.findall(f".//{W}footnoteReference")) == 1
    deleted = "".join(t.text or "" for t in body.iter(f"{W}delText"))
    assert "Noting the work of river basin organizations" in deleted
    assert "[" in deleted and "(+IRAN)" in deleted


def test_word_pair_in_pandoc(
    word_pair: tuple[brackets.Draft, brackets.Draft], word_redline: Path
) -> None:
    old, new = word_pair
    assert pandoc_lines(word_redline, "accept") == paragraphs(unlabelled(new.source))
    assert pandoc_lines(word_redline, "reject") == paragraphs(unlabelled(old.source))


def test_word_pair_in_libreoffice(
    word_pair: tuple[brackets.Draft, brackets.Draft], word_redline: Path, tmp_path: Path
) -> None:
    old, new = word_pair
    accept, reject, changes = libreoffice_views(word_redline, tmp_path)
    assert changes == {("ins", "Rev.2"), ("del", "Rev.2")}
    # LibreOffice draws auto-numbers outside the text
    assert normalise(accept) == normalise(unlabelled(new.source))
    assert normalise(reject) == normalise(unlabelled(old.source))


def test_word_pair_with_its_notes(tmp_path: Path) -> None:
    old = brackets.read(OLD_DOCX, lenient=True, notes=True)
    new = brackets.read(NEW_DOCX, lenient=True, notes=True)
    docx = write(brackets.compare(old, new), tmp_path / "notes.docx")
    accept = extract_text(docx, track_changes="accept", notes=True)[0]
    reject = extract_text(docx, track_changes="reject", notes=True)[0]
    assert (accept, reject) == (new.source, old.source)
    notes = part(docx, "word/footnotes.xml")
    assert [t.text for t in notes.iter(f"{W}delText")] == ["report, 2024"]
    assert [t.text for t in notes.iter(f"{W}t") if "2025" in (t.text or "")]


def test_word_new_against_text_old_and_the_reverse(
    word_pair: tuple[brackets.Draft, brackets.Draft], tmp_path: Path
) -> None:
    old, new = word_pair
    text_old = old.source.replace("Hold an annual", "Hold a yearly")
    docx = write(brackets.compare(text_old, new), tmp_path / "text-old.docx")
    accept, reject = our_views(docx)
    assert accept == new.source
    # OLD's typed numbers are deleted text; NEW's paragraphs still draw their own numbers
    lines, old_lines = reject.split("\n"), text_old.split("\n")
    assert len(lines) == len(old_lines)
    assert all(line.endswith(typed) for line, typed in zip(lines, old_lines, strict=True))
    assert "1. 1. Exchange hydrological data [on a regular basis] (-CHN);" in lines
    docx = write(brackets.compare(old, new.source), tmp_path / "text-new.docx")
    assert our_views(docx) == (new.source, old.source)


def test_a_word_draft_against_its_own_tracked_changes(tmp_path: Path) -> None:
    tracked = SAMPLES / "tracked-changes.docx"
    before = brackets.read(tracked, lenient=True, track_changes="reject")
    after = brackets.read(tracked, lenient=True, track_changes="accept")
    docx = write(brackets.compare(before, after), tmp_path / "tracked.docx", author="Review")
    assert our_views(docx) == (after.source, before.source)
    assert {author for _, author in revisions(docx).changes} == {"Review"}


def unlabelled(text: str) -> str:
    """The text without the auto-numbers Word draws ("1. " opening a line)."""
    lines = text.split("\n")
    return "\n".join(line.split(". ", 1)[1] if line[:1].isdigit() else line for line in lines)


# -- the command ------------------------------------------------------------------------------


def test_compare_writes_a_word_redline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "changes.docx"
    status = main(["compare", str(OLD_DOCX), str(NEW_DOCX), "-o", str(out),
                   "--date", "2026-11-25T09:30"])
    assert status == 0, capsys.readouterr().err
    changes = revisions(out).changes
    assert {author for _, author in changes} == {"water-cooperation-rev2.docx"}
    dates = {e.get(f"{W}date") for e in part(out, "word/document.xml").iter(f"{W}ins", f"{W}del")}
    assert dates == {"2026-11-25T09:30:00Z"}


def test_compare_text_to_word_with_an_author(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cica.docx"
    status = main(["compare", str(CICA), str(CICA_REV1), "-o", str(out), "--author", "Chair"])
    assert status == 0, capsys.readouterr().err
    assert {author for _, author in revisions(out).changes} == {"Chair"}
    old, new = as_paragraphs(
        strip_emphasis(corpus_text(CICA)),
        strip_emphasis(CICA_REV1.read_text(encoding="utf-8")),
    )
    assert our_views(out) == (new, old)  # emphasis rendered, no literal ** (issue 20 §5)


def test_the_redline_never_overwrites_an_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.md"
    old.write_text("Adopt [this] text.\n", encoding="utf-8")
    new.write_text("Adopt this text.\n", encoding="utf-8")
    out = tmp_path / "out.docx"
    assert main(["compare", str(old), str(new), "-o", str(out), "--date", "2026-11-23"]) == 0
    assert our_views(out) == ("Adopt this text.", "Adopt [this] text.")
    assert {author for _, author in revisions(out).changes} == {"new.md"}
    assert main(["compare", str(old), str(new), "-o", str(new)]) == 1
    assert "new.md" in capsys.readouterr().err
    assert new.read_text(encoding="utf-8") == "Adopt this text.\n"


def test_a_comparison_of_markdown_renders_emphasis_as_every_word_output_does(
    tmp_path: Path,
) -> None:
    old = "We **agree** to *act* [now] (-CHN).\nAnd **more text** here.\n"
    new = "We **agree** to *act quickly*.\nAnd **more new text** here.\n"
    out = write(brackets.compare(old, new), tmp_path / "md.docx")
    assert our_views(out) == as_paragraphs(strip_emphasis(old), strip_emphasis(new))[::-1]
    with zipfile.ZipFile(out) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "**" not in body and "<w:b/>" in body and "<w:i/>" in body
