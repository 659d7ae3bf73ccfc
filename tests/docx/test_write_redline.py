"""The redline: brackets become tracked insertions by their supporters, positions comments.

Reject All must give the `agreed` text and Accept All every bracket's text; these tests read
the XML we wrote directly (writekit.view); test_write_oracles.py asks pandoc and LibreOffice.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from drafts import CICA, SAMPLE, corpus_text
from hypothesis import given, settings
from hypothesis import strategies as st
from writekit import W, normalise, ooxml_problems, part, revisions, text_of, view

import brackets
from brackets.docx import everything_kept, strip_emphasis, unwritable_warnings, write_redline
from brackets.output import write_output

DATE = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def redline(tmp_path: Path, text: str, **options: object) -> tuple[brackets.Draft, Path]:
    draft = brackets.parse(text, lenient=True)
    out = tmp_path / "redline.docx"
    write_output(out, write_redline(draft, date=DATE, **options))  # type: ignore[arg-type]
    return draft, out


def agreed(draft: brackets.Draft) -> list[str]:
    return normalise(strip_emphasis(brackets.resolve(draft, "agreed").text))


def test_bracket_is_an_insertion_by_its_first_supporter(tmp_path: Path) -> None:
    text = "Promote [tolerance and] (+TUR, +KAZ) dialogue [among peoples] (-CHN);\n"
    _, out = redline(tmp_path, text)
    assert view(out, "reject") == "Promote dialogue;"
    assert view(out, "accept") == "Promote tolerance and dialogue among peoples;"
    found = revisions(out)
    assert {author for (_, author) in found.changes} == {"TUR", "Unattributed"}
    assert sorted(found.comment_texts) == [("CHN", "objects"), ("KAZ", "supports")]
    assert ooxml_problems(out) == []


def test_markup_is_not_in_the_body(tmp_path: Path) -> None:
    _, out = redline(tmp_path, "Text [kept] (+IND) (AZER tcb) (-IRAN) end.\n")
    body = text_of(part(out, "word/document.xml"))
    assert "[" not in body and "]" not in body and "tcb" not in body and "+IND" not in body
    texts = dict((a, t) for a, t in revisions(out).comment_texts)
    assert texts == {"AZER": "to come back", "IRAN": "objects"}


def test_nested_brackets_are_attributed_to_the_innermost(tmp_path: Path) -> None:
    _, out = redline(tmp_path, "A [outer [inner] (+CHN) more] (+IND) z.\n")
    document = part(out, "word/document.xml")
    by_author: dict[str, str] = {}
    for ins in document.iter(f"{W}ins"):
        author = ins.get(f"{W}author", "")
        by_author[author] = by_author.get(author, "") + text_of(ins)
    assert by_author["CHN"] == "inner"
    assert by_author["IND"].split() == ["outer", "more"]
    assert view(out, "reject") == "A z."
    assert view(out, "accept") == "A outer inner more z."


def test_neutral_author_and_date(tmp_path: Path) -> None:
    draft = brackets.parse("Keep [this] (-CHN) please.\n")
    out = tmp_path / "r.docx"
    when = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2)))
    out.write_bytes(write_redline(draft, neutral_author="Secretariat", date=when))
    document = part(out, "word/document.xml")
    ins = next(document.iter(f"{W}ins"))
    assert ins.get(f"{W}author") == "Secretariat"
    assert ins.get(f"{W}date") == "2025-01-02T01:04:05Z"


def test_whole_bracketed_paragraph_tracks_its_mark(tmp_path: Path) -> None:
    text = "1. First;\n[2. Second paragraph;] (+KAZ) (-CHN)\n3. Third;\n"
    _, out = redline(tmp_path, text)
    assert view(out, "reject").split("\n") == ["1. First;", "3. Third;"]
    assert view(out, "accept").split("\n") == ["1. First;", "2. Second paragraph;", "3. Third;"]
    marks = part(out, "word/document.xml").findall(f".//{W}pPr/{W}rPr/{W}ins")
    assert [m.get(f"{W}author") for m in marks] == ["KAZ"]


def test_paragraph_positions_are_comments_on_the_paragraph(tmp_path: Path) -> None:
    text = "5. Agreed;\n6. Review implementation at its next meeting. (tcb)\n"
    _, out = redline(tmp_path, text)
    assert view(out, "reject") == "5. Agreed;"
    accepted = view(out, "accept").split("\n")
    assert accepted == ["5. Agreed;", "6. Review implementation at its next meeting."]
    assert revisions(out).comment_texts == [("Unattributed", "to come back")]
    document = part(out, "word/document.xml")
    second = document.findall(f".//{W}p")[1]
    assert second[0].tag == f"{W}commentRangeStart"
    assert second[-1].find(f"{W}commentReference") is not None


def test_accept_all_keeps_the_first_alternative_and_the_others_are_comments(
    tmp_path: Path,
) -> None:
    draft, out = redline(tmp_path, "3. [Invite][Request][Urge] the Secretariat;\n")
    assert view(out, "reject") == "3. the Secretariat;"
    assert view(out, "accept") == "3. Invite the Secretariat;"
    assert view(out, "accept") + "\n" == brackets.resolve(draft, "all").text
    ranks = sorted(t for _, t in revisions(out).comment_texts)
    assert ranks == [
        "alternative 1 of 3", "alternative 2 of 3: [Request]", "alternative 3 of 3: [Urge]",
    ]


def test_a_later_alternative_is_quoted_with_its_groups_and_inner_brackets(
    tmp_path: Path,
) -> None:
    text = "Parties [shall][should [now] (-CHN)] (+IND, -IRAN) act.\n"
    _, out = redline(tmp_path, text)
    assert view(out, "accept") == "Parties shall act."
    found = revisions(out)
    assert sorted(found.comment_texts) == [
        ("IND", "alternative 2 of 2: [should [now] (-CHN)] (+IND, -IRAN)"),
        ("Unattributed", "alternative 1 of 2"),
    ]
    assert set(found.changes) == {("ins", "Unattributed")}


def test_seam_spaces_leave_no_double_space(tmp_path: Path) -> None:
    _, out = redline(tmp_path, "We note [with concern] (-CHN) the report [ , ] (+IND) today.\n")
    rejected = view(out, "reject")
    assert rejected == "We note the report today."
    assert "  " not in view(out, "accept")


def test_emphasis_is_rendered_not_written(tmp_path: Path) -> None:
    _, out = redline(tmp_path, "- *Recognizing* that [**water**] (+KAZ) matters;\n")
    document = part(out, "word/document.xml")
    assert "*" not in text_of(document)
    italic = [r for r in document.iter(f"{W}r") if r.find(f"{W}rPr/{W}i") is not None]
    bold = [r for r in document.iter(f"{W}r") if r.find(f"{W}rPr/{W}b") is not None]
    assert [text_of(r) for r in italic] == ["Recognizing"]
    assert [text_of(r) for r in bold] == ["water"]


def test_tabs_line_breaks_and_edge_spaces(tmp_path: Path) -> None:
    _, out = redline(tmp_path, "a\tb [ c\vd ] (+IND) e\n")
    document = part(out, "word/document.xml")
    assert document.find(f".//{W}tab") is not None
    assert document.find(f".//{W}ins//{W}br") is not None
    assert ooxml_problems(out) == []


def test_visible_markup_keeps_brackets_coloured_per_delegation(tmp_path: Path) -> None:
    text = "Keep [this] (+IND, -CHN) and [that] (IND tcb).\n"
    _, out = redline(tmp_path, text, markup="visible")
    document = part(out, "word/document.xml")
    assert text_of(document) == text.rstrip("\n")
    assert document.find(f".//{W}ins") is None
    colours: dict[str, set[str]] = {}
    for r in document.iter(f"{W}r"):
        colour = r.find(f"{W}rPr/{W}color")
        if colour is not None:
            code = text_of(r).lstrip("+-").split()[0]
            colours.setdefault(code, set()).add(colour.get(f"{W}val", ""))
    assert set(colours) == {"IND", "CHN"}
    assert len(colours["IND"]) == 1 and colours["IND"] != colours["CHN"]
    plain = [r for r in document.iter(f"{W}r") if text_of(r) == "Keep "]
    assert plain and plain[0].find(f"{W}rPr") is None


def test_unknown_markup_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="markup"):
        (tmp_path / "x.docx").write_bytes(write_redline(brackets.parse("x\n"), markup="bold"))


def test_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    source = tmp_path / "draft.docx"
    source.write_text("Promote [tolerance] (+TUR);\n", encoding="utf-8")
    draft = brackets.parse(source.read_text(encoding="utf-8"), path=str(source))
    with pytest.raises(brackets.InputError, match="overwrite the input"):
        write_output(source, write_redline(draft), inputs=[source])
    assert source.read_text(encoding="utf-8") == "Promote [tolerance] (+TUR);\n"


def test_written_atomically_without_leftovers(tmp_path: Path) -> None:
    _, out = redline(tmp_path, "a [b] (+IND) c\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["redline.docx"]
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None


def test_ids_are_unique_across_revisions_and_comments(tmp_path: Path) -> None:
    _, out = redline(tmp_path, corpus_text(CICA))
    assert ooxml_problems(out) == []


@pytest.mark.parametrize("path", [CICA, SAMPLE], ids=lambda p: p.name)
def test_reject_all_is_agreed_and_accept_all_keeps_everything(tmp_path: Path, path: Path) -> None:
    draft, out = redline(tmp_path, corpus_text(path))
    assert normalise(view(out, "reject")) == agreed(draft)
    assert normalise(view(out, "accept")) == normalise(everything_kept(draft))


def test_cica_positions_become_comments(tmp_path: Path) -> None:
    draft, out = redline(tmp_path, corpus_text(CICA))
    found = revisions(out)
    expected: dict[str, int] = {}
    holders: list[brackets.Bracket | brackets.Paragraph] = [*draft.brackets]
    holders.extend(p for p in draft.paragraphs if p.groups)
    for holder in holders:
        for code in (*holder.objectors, *holder.reservations):
            name = "Unattributed" if code == "*" else code
            expected[name] = expected.get(name, 0) + 1
    objections = {a: t for a, t in found.comment_texts if t in ("objects", "to come back")}
    assert set(objections) == set(expected)
    assert ("IND", "objects") in found.comment_texts
    assert ("AZER", "to come back") in found.comment_texts


# -- the law, on generated drafts ---------------------------------------------------------------

_WORD = st.sampled_from(["the", "States", "shall", "promote", ",", ";", ".", "  ", " ", "a\tb"])
_CODE = st.sampled_from(["CHN", "IND", "IRAN", "AZER"])
_GROUP = st.one_of(
    _CODE.map(lambda c: f" (+{c})"),
    _CODE.map(lambda c: f" (-{c})"),
    _CODE.map(lambda c: f" ({c} tcb)"),
    st.just(""),
)


@st.composite
def _drafts(draw: st.DrawFn) -> str:
    """Drafts of a few lines with nested, touching and paragraph-wide brackets."""
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        pieces: list[str] = []
        depth = 0
        for _ in range(draw(st.integers(1, 12))):
            choice = draw(st.integers(0, 5))
            if choice == 0:
                pieces.append("[")
                depth += 1
            elif choice == 1 and depth:
                pieces.append("]" + draw(_GROUP))
                depth -= 1
            elif choice == 2 and depth:
                pieces.append("][")
            else:
                pieces.append(" " + draw(_WORD) + " ")
        pieces.extend("]" for _ in range(depth))
        line = "".join(pieces)
        if draw(st.booleans()) and "[" not in line:
            line += " (tcb)"
        lines.append(line)
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


@settings(max_examples=60, deadline=None)
@given(_drafts())
def test_reject_all_gives_agreed_and_accept_all_everything(text: str) -> None:
    import tempfile

    draft = brackets.parse(text, lenient=True)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "law.docx"
        out.write_bytes(write_redline(draft, date=DATE))
        assert normalise(view(out, "reject")) == agreed(draft)
        assert normalise(view(out, "accept")) == normalise(everything_kept(draft))
        everything = brackets.resolve(draft, "all").text
        assert normalise(view(out, "accept")) == normalise(strip_emphasis(everything))
        assert ooxml_problems(out) == []


def test_ten_thousand_nested_brackets(tmp_path: Path) -> None:
    text = "Start " + "[a " * 10_000 + "core" + " b] (+IND)" * 10_000 + " end.\n"
    draft, out = redline(tmp_path, text)
    assert view(out, "reject") == "Start end."
    assert normalise(view(out, "accept")) == normalise(everything_kept(draft))


@pytest.mark.parametrize(
    ("text", "rejected", "accepted"),
    [
        ("", "", ""),
        ("plain", "plain", "plain"),
        ("a [b] (+IND)\r\nc [d] (-CHN)\r\n", "a\nc", "a b\nc d"),
        ("[whole] (+IND)", "", "whole"),
        ("x\n\n[gone] (-CHN)\n\ny\n", "x\n\ny", "x\n\ngone\n\ny"),
    ],
)
def test_edge_cases(tmp_path: Path, text: str, rejected: str, accepted: str) -> None:
    _, out = redline(tmp_path, text)
    assert (view(out, "reject"), view(out, "accept")) == (rejected, accepted)
    assert ooxml_problems(out) == []


@pytest.mark.parametrize("markup", ["tracked", "visible"])
def test_every_paragraph_break_survives_lone_carriage_returns(
    tmp_path: Path, markup: str
) -> None:
    # "[w]": "[x]" is a placeholder, which every policy keeps as written (NOTATION 3a)
    _, out = redline(tmp_path, "alpha\rbeta [w] (+IRAN) gamma\rdelta\r", markup=markup)
    paragraphs = part(out, "word/document.xml").findall(f".//{W}body/{W}p")
    assert len(paragraphs) == 3
    if markup == "tracked":
        assert view(out, "accept").split("\n") == ["alpha", "beta w gamma", "delta"]
        assert view(out, "reject").split("\n") == ["alpha", "beta gamma", "delta"]


def test_characters_word_cannot_hold_are_dropped_with_a_warning_each(tmp_path: Path) -> None:
    draft = brackets.parse("a\x00b [c\x01] (+IND)\nsecond\x0c line\vend\n", lenient=True)
    out = tmp_path / "r.docx"
    out.write_bytes(write_redline(draft, date=DATE))
    warnings = unwritable_warnings(draft)
    assert [(w.line, w.column, w.message[:16]) for w in warnings] == [
        (1, 2, "character U+0000"), (1, 7, "character U+0001"), (2, 7, "character U+000C"),
    ]
    assert view(out, "accept") == "ab c\nsecond line\vend"
    many = brackets.parse("x\x00" * 30 + "\n")
    out.write_bytes(write_redline(many, markup="visible"))
    warnings = unwritable_warnings(many)
    assert len(warnings) == 11
    assert warnings[-1].message.startswith("20 more characters")
