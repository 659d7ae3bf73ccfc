"""Options in Word drafts (NOTATION 3a): one paragraph per option, numbered or not. The
reader's text gives the same model as a text draft; the clean copy drops the losing options'
paragraphs whole and the winner's label."""

from __future__ import annotations

from pathlib import Path

import docx
from writekit import paragraphs_docx

import brackets
from brackets.docx import write_clean

PARAGRAPHS = (
    "Pp11 Recalling its decisions,",
    "Pp12 Option 1: Recognizing the urgency,",
    "Option 2: Recognizing the need for action,",
    "Pp13 Noting the report on [x] per cent of emissions,",
)


def _word(path: Path, numbered: bool) -> Path:
    return paragraphs_docx(path, PARAGRAPHS, numbered=numbered)


def test_a_word_draft_gives_the_same_options(tmp_path: Path) -> None:
    draft = brackets.read(_word(tmp_path / "draft.docx", numbered=False))
    text = brackets.parse("\n".join(PARAGRAPHS) + "\n")
    assert [o.id for o in draft.options] == [o.id for o in text.options] == ["o2.1", "o2.2"]
    assert [b.placeholder for b in draft.brackets] == [True]


def test_the_clean_copy_keeps_the_first_option_without_its_label(tmp_path: Path) -> None:
    draft = brackets.read(_word(tmp_path / "draft.docx", numbered=False))
    resolution = brackets.resolve(draft, "all")
    out = tmp_path / "clean.docx"
    out.write_bytes(write_clean(draft, resolution))
    shown = [p.text for p in docx.Document(str(out)).paragraphs]
    assert shown == [
        "Pp11 Recalling its decisions,",
        "Pp12 Recognizing the urgency,",
        "Pp13 Noting the report on [x] per cent of emissions,",
    ]
    assert brackets.read(out).source == resolution.text


def test_numbered_options_resolve_the_same(tmp_path: Path) -> None:
    draft = brackets.read(_word(tmp_path / "draft.docx", numbered=True), lenient=True)
    resolution = brackets.resolve(draft, "all", accept=["o2.2"])
    out = tmp_path / "clean.docx"
    out.write_bytes(write_clean(draft, resolution))
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Recognizing the need for action," in texts
    assert not any("Option" in t or "urgency" in t for t in texts)

