"""Real readers as the oracle: pandoc and LibreOffice open what we write.

pandoc --track-changes=reject must read our `agreed` resolution from the redline, and accept
every bracket's text; LibreOffice headless must convert the file and report the same change
and comment authors as we wrote. Without pandoc or LibreOffice these tests skip (fail in CI).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from drafts import CICA, SAMPLES, corpus_text
from writekit import libreoffice_report, normalise, pandoc_text, revisions

import brackets
from brackets.docx import everything_kept, strip_emphasis, write_clean, write_redline

DRAFTS = [CICA, *sorted(SAMPLES.glob("*.txt"))]
DATE = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def _draft(path: Path) -> brackets.Draft:
    return brackets.parse(corpus_text(path), lenient=True, path=str(path))


@pytest.fixture(scope="module")
def redlines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("redlines")
    written = {}
    for path in DRAFTS:
        out = folder / f"{path.stem}.docx"
        out.write_bytes(write_redline(_draft(path), date=DATE))
        written[path.name] = out
    return written


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_pandoc_reject_all_reads_the_agreed_text(path: Path, redlines: dict[str, Path]) -> None:
    draft = _draft(path)
    expected = normalise(strip_emphasis(brackets.resolve(draft, "agreed").text))
    assert normalise(pandoc_text(redlines[path.name], "reject")) == expected


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_pandoc_accept_all_reads_every_bracket_kept(path: Path, redlines: dict[str, Path]) -> None:
    draft = _draft(path)
    expected = normalise(strip_emphasis(everything_kept(draft)))
    assert normalise(pandoc_text(redlines[path.name], "accept")) == expected


@pytest.mark.parametrize("policy", ["agreed", "silence", "all"])
def test_pandoc_reads_the_clean_document(policy: str, tmp_path: Path) -> None:
    draft = _draft(CICA)
    resolution = brackets.resolve(draft, policy, withdraw=["AZER"])
    out = tmp_path / "clean.docx"
    out.write_bytes(write_clean(draft, resolution))
    assert normalise(pandoc_text(out, "accept")) == normalise(strip_emphasis(resolution.text))


def test_pandoc_reads_the_visible_markup_as_the_draft(tmp_path: Path) -> None:
    draft = _draft(CICA)
    out = tmp_path / "visible.docx"
    out.write_bytes(write_redline(draft, markup="visible"))
    assert normalise(pandoc_text(out, "reject")) == normalise(strip_emphasis(draft.source))


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_libreoffice_reports_our_changes_and_comment_authors(
    path: Path, redlines: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    docx = redlines[path.name]
    report = libreoffice_report(docx, tmp_path_factory.mktemp("lo"))
    ours = revisions(docx)
    assert report.comments == ours.comments
    names = {"ins": "insertion", "del": "deletion"}
    assert set(report.changes) == {(names[kind], author) for kind, author in ours.changes}
    # LibreOffice may merge neighbouring insertions of one author, never invent any
    assert sum(report.changes.values()) <= sum(ours.changes.values())
    agreed = normalise(strip_emphasis(brackets.resolve(_draft(path), "agreed").text))
    shown = " ".join(normalise(report.text))
    assert all(paragraph in shown for paragraph in agreed[:5])


def test_libreoffice_converts_the_clean_document(tmp_path: Path) -> None:
    draft = _draft(DRAFTS[-1])
    resolution = brackets.resolve(draft, "silence")
    out = tmp_path / "clean.docx"
    out.write_bytes(write_clean(draft, resolution))
    report = libreoffice_report(out, tmp_path)
    assert not report.changes and not report.comments
    assert normalise(report.text) == normalise(strip_emphasis(resolution.text))


# -- Word drafts (samples/*.docx): edited copies, every way of reading tracked changes ---------

WORD_DRAFTS = sorted(SAMPLES.glob("*.docx"))
_LABEL = re.compile(r"^\(?([0-9]+|[a-z]|[ivx]+|[IVX]+)[.)] ?")


def _unlabelled(text: str) -> list[str]:
    """Paragraphs without a leading label: Word draws auto-numbers, pandoc reads them as lists."""
    lines = (_LABEL.sub("", line) for line in normalise(text))
    return [line for line in lines if line]


@pytest.mark.parametrize("mode", ["accept", "reject", "brackets"])
@pytest.mark.parametrize("path", WORD_DRAFTS, ids=lambda p: p.name)
def test_pandoc_reads_the_redline_and_clean_copies_of_word_drafts(
    path: Path, mode: str, tmp_path: Path
) -> None:
    draft = brackets.read(path, lenient=True, track_changes=mode)
    redline = tmp_path / "redline.docx"
    redline.write_bytes(write_redline(draft, date=DATE))
    agreed = brackets.resolve(draft, "agreed").text
    assert _unlabelled(pandoc_text(redline, "reject")) == _unlabelled(agreed)
    assert _unlabelled(pandoc_text(redline, "accept")) == _unlabelled(everything_kept(draft))
    for policy in ("agreed", "silence", "all"):
        resolution = brackets.resolve(draft, policy)
        clean = tmp_path / f"clean-{policy}.docx"
        clean.write_bytes(write_clean(draft, resolution))
        assert _unlabelled(pandoc_text(clean, "accept")) == _unlabelled(resolution.text), policy
