"""The law of the clean copy of a Word draft: the clean .docx shows the clean text of the same
resolution, paragraph by paragraph and number by number, as Word displays it.

Drafts are generated as Word documents with auto-numbered paragraphs on two levels, headings,
`Naltern.` paragraphs typed by hand, brackets inside paragraphs, around whole paragraphs and
across paragraph breaks, alternatives and attribution groups; each is resolved under every
policy, written as a clean copy and read back with our reader (whose own law,
test_read_properties.py, ties it to Word's numbering rules).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import given, settings
from hypothesis import strategies as st
from readkit import body, level, numbering_xml, write_package

import brackets
from brackets.docx import write_clean

NUMBERING = numbering_xml(
    '<w:abstractNum w:abstractNumId="1">'
    + level(0, "decimal", "%1.")
    + level(1, "lowerLetter", "(%2)")
    + "</w:abstractNum>",
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>',
)
WORDS = st.sampled_from(["Promote", "dialogue", "the", "States", "peace", ";", ",", "."])
GROUPS = st.sampled_from(["", " (+IRAN)", " (-CHN)", " (AZER tcb)", " (-IND, +TUR)"])
KINDS = st.sampled_from(["numbered", "numbered", "sub", "heading", "plain", "altern"])


@st.composite
def word_drafts(draw: st.DrawFn) -> list[tuple[str, str]]:
    """Paragraphs (kind, text), the text holding brackets that may run across paragraphs."""
    paragraphs: list[tuple[str, str]] = []
    depth = 0
    number = 0
    for _ in range(draw(st.integers(1, 7))):
        kind = draw(KINDS)
        if kind == "altern" and number == 0:
            kind = "plain"
        pieces: list[str] = []
        if kind == "altern":
            opening = draw(st.booleans())
            pieces.append(("[" if opening else "") + f"{number}altern.")
            depth += opening
        for _ in range(draw(st.integers(1, 6))):
            choice = draw(st.integers(0, 5))
            if choice == 0:
                pieces.append("[")
                depth += 1
            elif choice == 1 and depth:
                pieces.append("]" + draw(GROUPS))
                depth -= 1
            elif choice == 2 and depth:
                pieces.append("][")
            else:
                pieces.append(draw(WORDS))
        if kind == "numbered":
            number += 1
        paragraphs.append((kind, " ".join(pieces).replace("[ ", "[").replace(" ]", "]")))
    if depth:
        kind, text = paragraphs[-1]
        paragraphs[-1] = (kind, text + "]" * depth + draw(GROUPS))
    return paragraphs


def _paragraph_xml(kind: str, text: str) -> str:
    ppr = {
        "numbered": '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>',
        "sub": '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>',
        "heading": '<w:pStyle w:val="Heading1"/>',
    }.get(kind, "")
    props = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f"<w:p>{props}{run}</w:p>"


_LABEL = re.compile(r"^(\d+\.|\([a-z]+\)) ?", re.MULTILINE)


def _lines(text: str) -> list[str]:
    """The lines of a text, one space after each label: Word always draws the label's
    suffix, while a resolution may trim it as a seam space before `;` (`3. [x] (-CHN);`)."""
    return _LABEL.sub(r"\1 ", text).split("\n")


@settings(deadline=None)
@given(word_drafts())
def test_clean_docx_shows_the_clean_text_paragraph_by_paragraph_and_number_by_number(
    paragraphs: list[tuple[str, str]],
) -> None:
    xml = "".join(_paragraph_xml(kind, text) for kind, text in paragraphs)
    with tempfile.TemporaryDirectory() as folder:
        source = write_package(Path(folder) / "draft.docx", body(xml), numbering=NUMBERING)
        draft = brackets.read(source, lenient=True)
        for policy in ("agreed", "silence", "all"):
            resolution = brackets.resolve(draft, policy)
            out = Path(folder) / f"clean-{policy}.docx"
            out.write_bytes(write_clean(draft, resolution))
            shown = brackets.read(out, lenient=True).source
            assert _lines(shown) == _lines(resolution.text), policy
