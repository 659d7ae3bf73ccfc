"""The law of the reader: a draft written into Word with arbitrarily split, differently formatted
runs (and Word auto-numbering for its labels) reads back as the same Draft."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import given, settings
from hypothesis import strategies as st
from readkit import body, level, numbering_xml, write_package

import brackets
from brackets.docx.reader import read_docx

WORDS = st.sampled_from(
    [
        "Promote",
        "tolerance",
        "and",
        "dialogue",
        "volunteers’",
        "CICA",
        "“We",
        "Together”",
        "&",
        "<b>",
        "(RMT)",
        "a",
        "of",
        ",",
        ";",
        ".",
    ]
)
GROUPS = st.sampled_from(
    ["(+IRAN)", "(-CHN)", "(AZER tcb)", "(+RUS, +CHN)", "(tcb)", "(−IND)", "(SEC tcb)"]
)


def _phrase() -> st.SearchStrategy[str]:
    return st.lists(WORDS, min_size=1, max_size=4).map(" ".join)


def _bracketed(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    group = st.one_of(st.just(""), GROUPS.map(lambda g: " " + g))
    return st.tuples(inner, group).map(lambda t: f"[{t[0]}]{t[1]}")


CONTENT = st.recursive(
    _phrase(),
    lambda inner: st.lists(st.one_of(inner, _bracketed(inner)), min_size=1, max_size=3).map(
        " ".join
    ),
    max_leaves=6,
)


@st.composite
def docx_drafts(draw: st.DrawFn) -> tuple[list[tuple[bool, str]], list[list[int]], list[str]]:
    """Paragraphs (numbered?, text), cut points per paragraph, and a formatting per run."""
    paragraphs = draw(st.lists(st.tuples(st.booleans(), CONTENT), min_size=1, max_size=5))
    cuts = [
        sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8)))) for _, text in paragraphs
    ]
    formats = draw(
        st.lists(
            st.sampled_from(["", "<w:i/>", "<w:b/>", "<w:i/><w:b/>"]), min_size=10, max_size=10
        )
    )
    return paragraphs, cuts, formats


def _runs(text: str, cuts: list[int], formats: list[str]) -> str:
    bounds = [0, *cuts, len(text)]
    out = []
    for index, (start, end) in enumerate(itertools.pairwise(bounds)):
        chunk = text[start:end]
        rpr = formats[index % len(formats)]
        props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
        run = f'<w:r>{props}<w:t xml:space="preserve">{escape(chunk)}</w:t></w:r>'
        if index % 4 == 3:  # some runs inside inline containers, as Word does
            run = f"<w:smartTag>{run}</w:smartTag>"
        out.append(run)
    return "".join(out)


NUMBERING = numbering_xml(
    '<w:abstractNum w:abstractNumId="1">' + level(0, "decimal", "%1.") + "</w:abstractNum>",
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>',
)


@settings(max_examples=60, deadline=None)
@given(docx_drafts())
def test_draft_survives_word_with_split_runs(
    case: tuple[list[tuple[bool, str]], list[list[int]], list[str]],
) -> None:
    paragraphs, cuts, formats = case
    xml = []
    lines = []
    number = 0
    for (is_numbered, text), cut in zip(paragraphs, cuts, strict=True):
        ppr = ""
        line = text
        if is_numbered:
            number += 1
            line = f"{number}. {text}"
            ppr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        xml.append(f"<w:p>{ppr}{_runs(text, cut, formats)}</w:p>")
        lines.append(line)
    expected = brackets.parse("\n".join(lines), lenient=True)
    with tempfile.TemporaryDirectory() as folder:
        path = write_package(Path(folder) / "d.docx", body("".join(xml)), numbering=NUMBERING)
        draft = read_docx(path, lenient=True)
    assert draft.to_text() == expected.to_text()
    assert [
        (b.start, b.end, b.supporters, b.objectors, b.reservations) for b in draft.brackets
    ] == [(b.start, b.end, b.supporters, b.objectors, b.reservations) for b in expected.brackets]
    assert [p.label for p in draft.paragraphs] == [p.label for p in expected.paragraphs]
    assert brackets.resolve(draft, "silence").text == brackets.resolve(expected, "silence").text
