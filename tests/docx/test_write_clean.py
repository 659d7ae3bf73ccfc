"""Clean Word output of a resolution: generated from a text draft, or an edited copy of a
Word draft that keeps everything the resolution does not touch."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from drafts import SAMPLE, corpus_text
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from readkit import paragraph_elements
from writekit import W, make_word_draft, normalise, part, text_of

import brackets
from brackets.docx import strip_emphasis, unwritable_warnings, write_clean
from brackets.docx.emphasis import EMPHASIS
from brackets.output import write_output

# -- from a text draft ------------------------------------------------------------------------


def test_text_draft_gives_a_sober_a4_document(tmp_path: Path) -> None:
    draft = brackets.parse(corpus_text(SAMPLE), path=str(SAMPLE))
    resolution = brackets.resolve(draft, "silence")
    out = tmp_path / "clean.docx"
    out.write_bytes(write_clean(draft, resolution))
    document = docx.Document(str(out))
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (11906 * 635, 16838 * 635)  # A4
    styles = part(out, "word/styles.xml")
    fonts = {f.get(f"{W}ascii") for f in styles.iter(f"{W}rFonts")}
    assert fonts == {"Times New Roman"}
    spacing = styles.find(f".//{W}pPrDefault//{W}spacing")
    assert spacing is not None and spacing.get(f"{W}after") == "240"
    texts = [p.text for p in document.paragraphs]
    assert normalise("\n".join(texts)) == normalise(strip_emphasis(resolution.text))
    italic = [r.text for p in document.paragraphs for r in p.runs if r.italic]
    assert italic[:2] == ["Recognizing", "Noting"]


def test_bold_and_italic_markers_become_formatting(tmp_path: Path) -> None:
    draft = brackets.parse("**Decides** to *note* the report [today] (-CHN);\n")
    out = tmp_path / "c.docx"
    out.write_bytes(write_clean(draft, brackets.resolve(draft, "agreed")))
    runs = docx.Document(str(out)).paragraphs[0].runs
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in runs] == [
        ("Decides", True, False), (" to ", False, False), ("note", False, True),
        (" the report;", False, False),
    ]


#: The emphasis markers as first defined (a lookbehind first): `EMPHASIS` opens with its `*`
#: to search faster, and must find the same matches.
_EMPHASIS_AS_DEFINED = re.compile(
    r"\*\*(?=[^\s*])(?P<bold>[^\n]*?[^\s*])\*\*"
    r"|(?<![*\w])\*(?=[^\s*])(?P<italic>[^*\n]*?[^\s*])\*(?![*\w])"
)


@given(st.text(alphabet="ab *\n_.", max_size=24))
def test_emphasis_markers_are_found_as_defined(text: str) -> None:
    def found(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], str | None, str | None]]:
        return [(m.span(), m.group("bold"), m.group("italic")) for m in pattern.finditer(text)]

    assert found(EMPHASIS) == found(_EMPHASIS_AS_DEFINED)


def test_emphasis_needs_a_marker_away_from_words() -> None:
    assert strip_emphasis("**a** b*c* *d* ***e*** x**") == "a b*c* d *e* x**"


def test_control_characters_do_not_break_the_xml(tmp_path: Path) -> None:
    draft = brackets.parse("Form\x0cfeed [and\x01 more] (+IND) text\n", lenient=True)
    out = tmp_path / "c.docx"
    resolution = brackets.resolve(draft, "all")
    out.write_bytes(write_clean(draft, resolution))
    warnings = unwritable_warnings(draft, resolution.deletions)
    assert docx.Document(str(out)).paragraphs[0].text == "Formfeed and more text"
    assert [(w.line, w.column, w.message) for w in warnings] == [
        (1, 5, "character U+000C cannot be written to Word (XML cannot hold it): dropped"),
        (1, 15, "character U+0001 cannot be written to Word (XML cannot hold it): dropped"),
    ]
    # a character the resolution deletes is no loss: no warning
    agreed = brackets.resolve(draft, "agreed")
    assert unwritable_warnings(draft, agreed.deletions)[1:] == ()


def test_refuses_to_overwrite_the_text_input(tmp_path: Path) -> None:
    source = tmp_path / "draft.txt"
    source.write_text("a [b] (-CHN)\n", encoding="utf-8")
    draft = brackets.read(source)
    with pytest.raises(brackets.InputError, match="overwrite the input"):
        write_output(source, write_clean(draft, brackets.resolve(draft)), inputs=[source])
    assert source.read_text(encoding="utf-8") == "a [b] (-CHN)\n"


# -- from a Word draft ------------------------------------------------------------------------


@pytest.mark.parametrize("policy", ["agreed", "silence", "all"])
def test_word_draft_is_edited_in_a_copy(tmp_path: Path, policy: str) -> None:
    source = make_word_draft(tmp_path / "source.docx")
    draft = brackets.read(source, lenient=True)
    resolution = brackets.resolve(draft, policy)
    out = tmp_path / "clean.docx"
    out.write_bytes(write_clean(draft, resolution))
    back = brackets.read(out, lenient=True)
    # A numbered paragraph emptied of its text goes whole; the others keep their numbers, as
    # in the clean text (a restart in numbering.xml where Word would renumber).
    assert back.source.split("\n") == resolution.text.split("\n")
    with zipfile.ZipFile(source) as before, zipfile.ZipFile(out) as after:
        assert sorted(before.namelist()) == sorted(after.namelist())
        for name in before.namelist():
            if name not in ("word/document.xml", "word/numbering.xml"):
                assert before.read(name) == after.read(name), name


def test_formatting_numbering_and_tables_survive(tmp_path: Path) -> None:
    source = make_word_draft(tmp_path / "source.docx")
    draft = brackets.read(source)
    out = tmp_path / "clean.docx"
    out.write_bytes(write_clean(draft, brackets.resolve(draft, "agreed")))
    document = docx.Document(str(out))
    paragraphs = document.paragraphs
    assert paragraphs[0].style is not None and paragraphs[0].style.name == "Title"
    assert (paragraphs[1].runs[0].text, paragraphs[1].runs[0].italic) == ("Recognizing", True)
    numbered = [p.text for p in paragraphs if p.style is not None and p.style.name == "List Number"]
    assert numbered == ["Encourage the exchange of data;", "Promote joint research."]
    bold = [r.text for p in paragraphs for r in p.runs if r.bold]
    assert bold == ["joint"]
    assert [c.text for c in document.tables[0].rows[0].cells] == ["Cell", "Cell two"]
    texts = [p.text for p in paragraphs]  # NOTATION 5.5: the break inside the bracket stays
    assert texts[texts.index("Opening") + 1] == "and text after."
    assert document.sections[0].header.paragraphs[0].text == "CICA/SOC/2026/1 [header]"


def test_kept_text_keeps_its_run_formatting(tmp_path: Path) -> None:
    source = make_word_draft(tmp_path / "source.docx")
    draft = brackets.read(source)
    out = tmp_path / "clean.docx"
    out.write_bytes(write_clean(draft, brackets.resolve(draft, "all")))
    document = docx.Document(str(out))
    runs = [(r.text, bool(r.bold)) for p in document.paragraphs for r in p.runs if r.text.strip()]
    assert ("development", True) in runs
    assert ("joint", True) in runs
    assert "Promote joint research and development." in [p.text for p in document.paragraphs]


def test_tracked_changes_of_the_source_are_settled(tmp_path: Path) -> None:
    source = tmp_path / "tracked.docx"
    document = docx.Document()
    document.add_paragraph("Promote dialogue [among peoples] (-CHN)")
    body = paragraph_elements(document)[-1]
    ins = etree.SubElement(body, f"{W}ins", {f"{W}id": "7", f"{W}author": "China",
                                              f"{W}date": "2026-01-01T00:00:00Z"})
    etree.SubElement(etree.SubElement(ins, f"{W}r"), f"{W}t").text = " and trust"
    deleted = etree.SubElement(body, f"{W}del", {f"{W}id": "8", f"{W}author": "India",
                                                  f"{W}date": "2026-01-01T00:00:00Z"})
    etree.SubElement(etree.SubElement(deleted, f"{W}r"), f"{W}delText").text = " gone"
    document.add_paragraph("Second paragraph.")
    document.save(str(source))
    for mode, expected in (("accept", "Promote dialogue and trust"),
                           ("reject", "Promote dialogue gone"),
                           ("brackets", "Promote dialogue")):
        draft = brackets.read(source, track_changes=mode, lenient=True)
        out = tmp_path / f"clean-{mode}.docx"
        out.write_bytes(write_clean(draft, brackets.resolve(draft, "agreed")))
        root = part(out, "word/document.xml")
        assert root.find(f".//{W}ins") is None and root.find(f".//{W}del") is None
        assert root.find(f".//{W}delText") is None
        first = root.find(f".//{W}p")
        assert first is not None and text_of(first) == expected, mode


def test_refuses_to_overwrite_the_word_input(tmp_path: Path) -> None:
    source = make_word_draft(tmp_path / "source.docx")
    before = source.read_bytes()
    draft = brackets.read(source)
    with pytest.raises(brackets.InputError, match="overwrite the input"):
        write_output(source, write_clean(draft, brackets.resolve(draft)), inputs=[source])
    assert source.read_bytes() == before
