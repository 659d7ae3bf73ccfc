"""Word auto-numbering rendered as the label Word shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from readkit import W_NS, body, level, numbered, numbering_xml, p, write_package

from brackets.docx.ooxml.numbering import format_number
from brackets.docx.reader import extract_text, read_docx


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (11, "decimal", "11"),
        (3, "decimalZero", "03"),
        (12, "decimalZero", "12"),
        (1, "lowerLetter", "a"),
        (26, "lowerLetter", "z"),
        (27, "lowerLetter", "aa"),
        (53, "upperLetter", "AAA"),
        (4, "lowerRoman", "iv"),
        (1994, "upperRoman", "MCMXCIV"),
        (7, "bullet", "-"),
        (7, "none", ""),
        (2, "ordinal", "2nd"),
        (13, "ordinal", "13th"),
        (5, "chineseCounting", "5"),
    ],
)
def test_number_formats(value: int, fmt: str, shown: str) -> None:
    assert format_number(value, fmt) == shown


def _lines(tmp_path: Path, paragraphs: str, numbering: str, styles: str | None = None) -> list[str]:
    path = write_package(tmp_path / "n.docx", body(paragraphs), numbering=numbering, styles=styles)
    return extract_text(path)[0].split("\n")


def test_multilevel_patterns_and_restart_of_deeper_levels(tmp_path: Path) -> None:
    abstract = (
        '<w:abstractNum w:abstractNumId="1">'
        + level(0, "decimal", "%1.")
        + level(1, "decimal", "%1.%2.")
        + level(2, "lowerRoman", "(%3)")
        + "</w:abstractNum>"
    )
    nums = '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>'
    paragraphs = (
        numbered("one", 5)
        + numbered("one.one", 5, 1)
        + numbered("roman", 5, 2)
        + numbered("roman two", 5, 2)
        + numbered("one.two", 5, 1)
        + numbered("roman again", 5, 2)
        + numbered("two", 5)
        + numbered("two.one", 5, 1)
    )
    assert _lines(tmp_path, paragraphs, numbering_xml(abstract, nums)) == [
        "1. one",
        "1.1. one.one",
        "(i) roman",
        "(ii) roman two",
        "1.2. one.two",
        "(i) roman again",
        "2. two",
        "2.1. two.one",
    ]


def test_start_values_formats_suffix_and_unnumbered_paragraphs(tmp_path: Path) -> None:
    abstract = (
        '<w:abstractNum w:abstractNumId="1">'
        + level(0, "upperRoman", "%1.", start=4)
        + level(1, "upperLetter", "%2)", extra='<w:suff w:val="nothing"/>')
        + level(2, "bullet", "\uf0b7", extra='<w:suff w:val="space"/>')
        + level(3, "none", "")
        + level(4, "decimalZero", "%5")
        + "</w:abstractNum>"
    )
    nums = '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    paragraphs = (
        numbered("four", 1)
        + numbered("A", 1, 1)
        + p("plain")
        + numbered("bullet", 1, 2)
        + numbered("no label", 1, 3)
        + numbered("zero", 1, 4)
        + numbered("five", 1)
        + numbered("removed numbering", 0)
    )
    assert _lines(tmp_path, paragraphs, numbering_xml(abstract, nums)) == [
        "IV. four",
        "A)A",
        "plain",
        "- bullet",
        "no label",
        "01 zero",
        "V. five",
        "removed numbering",
    ]


def test_lists_sharing_an_abstract_continue_unless_overridden(tmp_path: Path) -> None:
    abstract = (
        '<w:abstractNum w:abstractNumId="7">'
        + level(0, "decimal", "%1.")
        + level(1, "lowerLetter", "(%2)")
        + "</w:abstractNum>"
    )
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="7"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="7"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>'
        '<w:num w:numId="6"><w:abstractNumId w:val="7"/>'
        '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1:"/></w:lvl></w:lvlOverride></w:num>'
    )
    paragraphs = (
        numbered("a", 1)
        + numbered("b", 1)
        + numbered("continues", 2)
        + numbered("restarts", 3)
        + numbered("goes on", 3)
        + numbered("ten", 4)
        + numbered("eleven", 4)
        + numbered("lettered", 6)
    )
    assert _lines(tmp_path, paragraphs, numbering_xml(abstract, nums)) == [
        "1. a",
        "2. b",
        "3. continues",
        "1. restarts",
        "2. goes on",
        "10. ten",
        "11. eleven",
        "L: lettered",  # a w:lvl override without w:startOverride restyles, it does not restart
    ]


def test_separate_abstract_lists_count_separately(tmp_path: Path) -> None:
    abstracts = (
        '<w:abstractNum w:abstractNumId="1">' + level(0, "decimal", "%1.") + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="2">' + level(0, "lowerLetter", "(%1)") + "</w:abstractNum>"
    )
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
    )
    paragraphs = numbered("x", 1) + numbered("y", 2) + numbered("z", 2) + numbered("w", 1)
    assert _lines(tmp_path, paragraphs, numbering_xml(abstracts, nums)) == [
        "1. x",
        "(a) y",
        "(b) z",
        "2. w",
    ]


def test_lvl_restart_and_legal_numbering(tmp_path: Path) -> None:
    abstract = (
        '<w:abstractNum w:abstractNumId="1">'
        + level(0, "upperRoman", "%1.")
        + level(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>')
        + level(2, "lowerLetter", "%1.%2.%3", extra="<w:isLgl/>")
        + "</w:abstractNum>"
    )
    nums = '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    paragraphs = (
        numbered("I", 1)
        + numbered("one", 1, 1)
        + numbered("legal", 1, 2)
        + numbered("II", 1)
        + numbered("two, not restarted", 1, 1)
    )
    assert _lines(tmp_path, paragraphs, numbering_xml(abstract, nums)) == [
        "I. I",
        "1. one",
        "1.1.1 legal",
        "II. II",
        "2. two, not restarted",
    ]


def test_unused_higher_level_shows_its_start(tmp_path: Path) -> None:
    abstract = (
        '<w:abstractNum w:abstractNumId="1">'
        + level(0, "decimal", "%1.", start=3)
        + level(1, "decimal", "%1.%2")
        + "</w:abstractNum>"
    )
    nums = '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    assert _lines(tmp_path, numbered("deep first", 1, 1), numbering_xml(abstract, nums)) == [
        "3.1 deep first"
    ]


def _styles(*styles: str) -> str:
    return f'<w:styles xmlns:w="{W_NS}">' + "".join(styles) + "</w:styles>"


def test_numbering_from_paragraph_styles(tmp_path: Path) -> None:
    abstract = (
        '<w:abstractNum w:abstractNumId="1">'
        + level(0, "decimal", "%1.", extra='<w:pStyle w:val="Operative"/>')
        + level(1, "lowerLetter", "(%2)", extra='<w:pStyle w:val="SubOperative"/>')
        + "</w:abstractNum>"
    )
    nums = '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>'
    styles = _styles(
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>',
        '<w:style w:type="paragraph" w:styleId="Operative"><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="SubOperative"><w:basedOn w:val="Operative"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="Derived"><w:basedOn w:val="Operative"/></w:style>',
        '<w:style w:type="paragraph" w:styleId="Loop1"><w:basedOn w:val="Loop2"/></w:style>',
        '<w:style w:type="paragraph" w:styleId="Loop2"><w:basedOn w:val="Loop1"/></w:style>',
    )
    paragraphs = (
        p("Operative one", ppr='<w:pStyle w:val="Operative"/>')
        + p("sub", ppr='<w:pStyle w:val="SubOperative"/>')
        + p("derived", ppr='<w:pStyle w:val="Derived"/>')
        + p("plain")
        + p("loop", ppr='<w:pStyle w:val="Loop1"/>')
        + p(
            "direct wins",
            ppr='<w:pStyle w:val="Operative"/><w:numPr><w:numId w:val="0"/></w:numPr>',
        )
    )
    assert _lines(tmp_path, paragraphs, numbering_xml(abstract, nums), styles) == [
        "1. Operative one",
        "(a) sub",
        "2. derived",
        "plain",
        "loop",
        "direct wins",
    ]


def test_labels_become_paragraph_labels_and_pieces(tmp_path: Path) -> None:
    abstract = (
        '<w:abstractNum w:abstractNumId="1">' + level(0, "decimal", "%1.") + "</w:abstractNum>"
    )
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
        '<w:startOverride w:val="11"/></w:lvlOverride></w:num>'
    )
    paragraphs = numbered("[Promote tolerance;] (-IRAN)", 1) + numbered("Support youth;", 1)
    path = write_package(
        tmp_path / "l.docx", body(paragraphs), numbering=numbering_xml(abstract, nums)
    )
    draft = read_docx(path)
    assert [paragraph.label for paragraph in draft.paragraphs] == ["11.", "12."]
    assert draft.brackets[0].objectors == ("IRAN",)
    source = draft.origin
    labels = [piece for piece in source.pieces if piece.kind == "label"]  # type: ignore[attr-defined]
    assert [draft.source[piece.start : piece.end] for piece in labels] == ["11. ", "12. "]
    assert [piece.paragraph for piece in labels] == [0, 1]


def test_missing_definitions_give_no_label(tmp_path: Path) -> None:
    abstract = (
        '<w:abstractNum w:abstractNumId="1">' + level(0, "decimal", "%1.") + "</w:abstractNum>"
    )
    nums = '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    paragraphs = numbered("unknown list", 9) + numbered("unknown level", 1, 4) + numbered("ok", 1)
    assert _lines(tmp_path, paragraphs, numbering_xml(abstract, nums)) == [
        "unknown list",
        "unknown level",
        "1. ok",
    ]
    path = write_package(tmp_path / "none.docx", body(numbered("no numbering part", 1)))
    assert extract_text(path)[0] == "no numbering part"
