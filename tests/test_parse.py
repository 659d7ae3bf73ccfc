"""Parsing: the notation of NOTATION.md sections 1-3, positions and the lossless round trip."""

from __future__ import annotations

import pytest
from drafts import UNFCCC_DEC4, UNFCCC_DEC9, corpus_text

import brackets
from brackets import Alternatives, Bracket, DraftSyntaxError, Text


def only(draft: brackets.Draft) -> Bracket:
    assert len(draft.brackets) == 1
    return draft.brackets[0]


def test_cica_has_fourteen_brackets_with_the_positions_of_notation_6(cica_text: str) -> None:
    draft = brackets.parse(cica_text)
    assert [b.id for b in draft.brackets] == [f"b{n}" for n in range(1, 15)]
    objectors = {b.id: b.objectors for b in draft.brackets if b.objectors}
    assert objectors == {
        "b1": ("IND",),
        "b3": ("IND", "IRAN"),
        "b5": ("CHN",),
        "b7": ("CHN",),
        "b9": ("IRAN",),
    }
    reservations = {b.id: b.reservations for b in draft.brackets if b.reservations}
    assert reservations == {"b10": ("AZER",), "b13": ("CHN",), "b14": ("SEC",)}
    supporters = {b.id: b.supporters for b in draft.brackets if b.supporters}
    assert supporters == {
        "b2": ("IRAN",),
        "b4": ("IND",),
        "b8": ("CHN",),
        "b9": ("AZER",),
        "b10": ("IRAN",),
        "b11": ("TUR",),
        "b12": ("TUR",),
        "b14": ("IRAN",),
    }


def test_cica_brackets_know_line_column_depth_and_label(cica_text: str) -> None:
    draft = brackets.parse(cica_text)
    b1, b3, b5, b10, b11 = (draft.bracket(i) for i in ("b1", "b3", "b5", "b10", "b11"))
    assert (b1.line, b1.column, b1.depth) == (196, 260, 1)
    assert (b3.line, b3.column, b5.depth, b5.parent) == (270, 132, 3, "b4")
    assert draft.paragraph(b10.line).label == "11altern."
    assert (b11.parent, b11.depth) == ("b10", 2)
    assert draft.paragraph(196).label == "1.10"
    assert draft.paragraph(262).label == "-"
    assert draft.warnings == ()


def test_cica_round_trips(cica_text: str) -> None:
    assert brackets.parse(cica_text).to_text() == cica_text


@pytest.mark.parametrize(
    ("path", "errors"),
    [
        (UNFCCC_DEC4, [(25, 341), (39, 718), (45, 626), (661, 669), (741, 4)]),
        (UNFCCC_DEC9, [(109, 273), (177, 140), (228, 366)]),
    ],
)
def test_unfccc_drafts_round_trip_leniently_and_fail_strictly_where_unbalanced(
    path: object, errors: list[tuple[int, int]]
) -> None:
    text = corpus_text(path)  # type: ignore[arg-type]
    draft = brackets.parse(text, lenient=True)
    assert draft.to_text() == text
    unbalanced = [d for d in draft.warnings if d.code in ("unclosed", "unopened")]
    assert [(d.line, d.column) for d in unbalanced] == errors
    with pytest.raises(DraftSyntaxError) as caught:
        brackets.parse(text, path=str(path))
    assert [(d.line, d.column) for d in caught.value.errors] == errors
    assert all(d.path == str(path) for d in caught.value.errors)


def test_unfccc_has_about_a_thousand_brackets_and_alternatives() -> None:
    draft = brackets.parse(corpus_text(UNFCCC_DEC4), lenient=True)
    assert len(draft.brackets) > 1000
    assert max(b.depth for b in draft.brackets) == 10
    sets = [b for b in draft.brackets if b.alternative and b.alternative[0] == 1]
    assert len(sets) > 50


@pytest.mark.parametrize(
    "text",
    [
        "[Road Map for CICA Transformation] (RMT)",
        "[objective][purpose] (Article 2/XX)",
        "[x](a)",
        "See document (MC/2023/CHAIR/1/Rev.1) [here]",
        "[text] (+Iran)",
    ],
)
def test_parentheses_that_are_not_attributions_stay_text(text: str) -> None:
    draft = brackets.parse(text)
    assert all(not b.groups for b in draft.brackets)
    assert draft.to_text() == text


def test_attribution_entries_and_spellings() -> None:
    draft = brackets.parse("a [b] (+RUS, +CHN) (−IND) (–AZER) (IRAN TCB, CHN tcb) (tcb)")
    bracket = only(draft)
    assert bracket.supporters == ("RUS", "CHN")
    assert bracket.objectors == ("IND", "AZER")
    assert bracket.reservations == ("IRAN", "CHN", "*")


def test_group_attaches_across_closing_punctuation() -> None:
    draft = brackets.parse("the proposed tenure [, which should be four years]. (-IND)")
    assert only(draft).objectors == ("IND",)


def test_stray_group_is_an_error_when_strict_and_text_when_lenient() -> None:
    text = "Promote [dialogue] among peoples (+IRAN) and nations"
    with pytest.raises(DraftSyntaxError) as caught:
        brackets.parse(text, path="d.txt")
    assert str(caught.value.errors[0]).startswith("d.txt:1:34: error: attribution group (+IRAN)")
    draft = brackets.parse(text, lenient=True)
    assert only(draft).groups == ()
    assert draft.warnings[0].code == "stray-group"
    assert draft.to_text() == text


def test_text_beside_stray_groups_is_one_text_node_when_lenient() -> None:
    text = "a (+IND) b (+CHN) c [x (+RUS) y (+TUR)] (-IRAN) z (+USA)\nq"
    draft = brackets.parse(text, lenient=True)
    first, bracket, *_ = draft.nodes
    assert first == Text(0, 20, "a (+IND) b (+CHN) c ")
    assert bracket.children == (Text(21, 38, "x (+RUS) y (+TUR)"),)
    assert [d.code for d in draft.warnings] == ["stray-group"] * 4
    assert draft.to_text() == text


def test_group_ending_a_paragraph_is_a_paragraph_position() -> None:
    draft = brackets.parse(
        "5. Text.\n6. Review implementation at its next meeting. (tcb)\n7. More."
    )
    paragraph = draft.paragraph(2)
    assert paragraph.id == "p2"
    assert paragraph.reservations == ("*",)
    assert draft.brackets == ()


def test_touching_brackets_are_alternatives() -> None:
    draft = brackets.parse("Parties [shall][should][will] (+IND) act.")
    (node,) = [n for n in draft.nodes if isinstance(n, Alternatives)]
    assert [o.alternative for o in node.options] == [(1, 3), (2, 3), (3, 3)]
    assert node.options[2].supporters == ("IND",)


def test_bracket_across_paragraphs_is_a_warning() -> None:
    draft = brackets.parse("1. Start [of a long\n2. passage] (+TUR) here.")
    assert [(d.code, d.line, d.column) for d in draft.warnings] == [("across-paragraphs", 1, 10)]


def test_same_delegation_for_and_against_is_a_warning() -> None:
    draft = brackets.parse("[text] (+CHN) (-CHN)")
    assert [d.code for d in draft.warnings] == ["contradiction"]


def test_unknown_delegation_is_a_warning_with_a_suggestion() -> None:
    draft = brackets.parse("[text] (-IRNA)")
    (warning,) = draft.warnings
    assert warning.message == "unknown delegation code IRNA; did you mean IRAN?"
    extended = brackets.Registry.from_mapping({"EU": ("European Union",)})
    assert brackets.parse("[text] (-EU)", registry=extended).warnings == ()


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("13. Support", "13."),
        ("1.10 A Member State", "1.10"),
        ("[11altern. Promote", "11altern."),
        ("11 bis Promote", "11 bis"),
        ("(a) the first", "(a)"),
        ("(iv) the fourth", "(iv)"),
        ("- *Emphasizing*", "-"),
        ("2023 was a year", None),
        ("The Parties", None),
    ],
)
def test_paragraph_labels(line: str, label: str | None) -> None:
    assert brackets.parse(line, lenient=True).paragraph(1).label == label


def test_unmatched_brackets_in_strict_mode_are_all_reported() -> None:
    with pytest.raises(DraftSyntaxError) as caught:
        brackets.parse("a ] b\n[c [d] e\nf]] g [")
    assert [(d.line, d.column, d.code) for d in caught.value.errors] == [
        (1, 3, "unopened"),
        (3, 3, "unopened"),
        (3, 7, "unclosed"),
    ]
    assert isinstance(caught.value, ValueError)


def test_crlf_bom_and_cyrillic_round_trip_byte_for_byte(tmp_path: object) -> None:
    from pathlib import Path

    text = "\ufeffСовещание [по взаимодействию] (+KAZ)\r\n\tи мерам доверия [в Азии] (-CHN)\r\n"
    data = text.encode()
    path = Path(str(tmp_path)) / "draft.txt"
    path.write_bytes(data)
    draft = brackets.read(path)
    assert draft.bom and draft.to_bytes() == data
    assert [b.line for b in draft.brackets] == [1, 2]
    assert draft.bracket("b2").column == 18
    utf16 = "\ufeff[a] (+CHN)\r\n".encode("utf-16-le")
    path.write_bytes(utf16)
    assert brackets.read(path).to_bytes() == utf16


def test_ten_thousand_levels_of_nesting() -> None:
    depth = 10_000
    text = "x " + "[a " * depth + "core" + "] (+CHN)" * depth + " y"
    draft = brackets.parse(text)
    assert len(draft.brackets) == depth
    assert draft.bracket(f"b{depth}").depth == depth
    assert draft.to_text() == text
    assert brackets.positions(draft).delegations["CHN"].supports[-1] == f"b{depth}"
    assert brackets.resolve(draft, "agreed").text == "x y"
    assert brackets.resolve(draft, "all").text == "x " + "a " * depth + "core y"
    repr(draft.brackets[0])
    assert draft == brackets.parse(text)


def test_ten_thousand_unmatched_brackets_are_text_when_lenient() -> None:
    text = "x [kept] (+CHN) " + "]" * 10_000 + " y " + "[a " * 10_000
    draft = brackets.parse(text, lenient=True)
    assert [b.id for b in draft.brackets] == ["b1"]
    assert draft.bracket("b1").supporters == ("CHN",)
    codes = [d.code for d in draft.warnings]
    assert codes.count("unopened") == codes.count("unclosed") == 10_000
    assert draft.to_text() == text



def test_the_model_keeps_one_copy_of_the_text() -> None:
    """Issue 19: no node holds a copy of its characters. Texts (outside brackets, inside,
    glue in tails) read theirs from the draft's source; a bracket holding only text stores
    no node for it; equal texts compare equal whatever they read from."""
    source = "1. Promote [dialogue] (+CHN) and [trade [now] (-IND)], (+RUS) ; (+TUR) here\n"
    draft = brackets.parse(source, lenient=True)
    texts = [n for n in draft.nodes if isinstance(n, Text)]
    for bracket in draft.brackets:
        texts += [n for n in (*bracket.children, *bracket.tail) if isinstance(n, Text)]
    assert texts and all(t._data is draft.source for t in texts)
    first = draft.brackets[0]
    assert [type(t).__name__ for t in first.tail] == ["Text", "Group"]
    assert first.tail[0] == Text(21, 22, " ") and first.tail_end == 28
    assert draft.brackets[0].children == (Text(12, 20, "dialogue"),)
    assert draft.brackets[0]._children is draft.source  # a leaf: no node stored
    assert [g.source for g in draft.brackets[1].groups] == ["(+RUS)", "(+TUR)"]
    assert [type(t).__name__ for t in draft.brackets[1].tail] == [
        "Text", "Group", "Text", "Group"
    ]
    assert draft.brackets[1].tail[2].text == " ; "
    assert draft.to_text() == source
    # `items`: the same nodes without the texts, as stored
    assert draft.items == tuple(n for n in draft.nodes if not isinstance(n, Text))
    for bracket in draft.brackets:
        assert bracket.items == tuple(n for n in bracket.children if not isinstance(n, Text))
    assert [b.id for b in draft.brackets[1].items] == ["b3"]
    with pytest.raises(ValueError, match="characters"):
        Text(0, 5, "abc")
