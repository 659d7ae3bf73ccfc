"""The notation's rules in one place (brackets.notation), on the CICA draft's own lines."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brackets import notation
from brackets.model import Attribution


def line(cica_text: str, number: int) -> str:
    return cica_text.splitlines()[number - 1]


def groups(text: str) -> list[str]:
    return [match.group() for match in notation.group_regex().finditer(text)]


def test_the_group_pattern_is_the_grammars_own_terminal() -> None:
    assert notation.group_pattern() == notation.terminal("GROUP")
    assert notation.terminal("ENTRY") in notation.group_pattern()


def test_groups_of_line_270_and_what_they_say(cica_text: str) -> None:
    text = line(cica_text, 270)
    assert groups(text) == [
        "(+IRAN)",
        "(-CHN)",
        "(+IND)",
        "(-CHN)",
        "(+CHN)",
        "(-IND)",
        "(-IRAN)",
    ]
    said = [(e.stance, e.delegation) for g in groups(text) for e in notation.read_entries(g)]
    assert said[:3] == [("support", "IRAN"), ("object", "CHN"), ("support", "IND")]
    assert said[-2:] == [("object", "IND"), ("object", "IRAN")]


def test_reservations_of_lines_293_297_and_301(cica_text: str) -> None:
    assert groups(line(cica_text, 293))[-2:] == ["(+IRAN)", "(AZER tcb)"]
    (azer,) = notation.read_entries("(AZER tcb)")
    assert azer == Attribution("reserve", "AZER", "AZER tcb")
    (chn,) = [e for g in groups(line(cica_text, 297)) for e in notation.read_entries(g)]
    assert (chn.stance, chn.delegation) == ("reserve", "CHN")
    sec = notation.read_entries(groups(line(cica_text, 301))[-1])
    assert [(e.stance, e.delegation) for e in sec] == [("reserve", "SEC")]


def test_parentheses_in_the_draft_that_are_not_groups(cica_text: str) -> None:
    assert groups(line(cica_text, 96)) == []  # "Road Map for CICA Transformation (RMT)"
    assert groups("(MC/2023/CHAIR/1/Rev.1) [x](a) (Article 2/XX)") == []


def test_entry_spellings_word_sends() -> None:
    entries = notation.read_entries("(+RUS, \u2212IND,\u2013AZER, - TUR, IRAN TCB, tcb, TCB)")
    assert [(e.stance, e.delegation) for e in entries] == [
        ("support", "RUS"),
        ("object", "IND"),
        ("object", "AZER"),
        ("object", "TUR"),
        ("reserve", "IRAN"),
        ("reserve", "*"),
        ("reserve", "*"),
    ]
    assert [e.source for e in entries][:2] == ["+RUS", "\u2212IND"]
    assert [notation.sign_stance(s) for s in ("+", "-", "\u2212", "\u2013", "x")] == [
        "support",
        "object",
        "object",
        "object",
        None,
    ]


def test_every_minus_sign_of_the_grammar_normalises_to_a_hyphen() -> None:
    minuses = [chr(c) for c in range(0x2000, 0x2300) if notation.sign_stance(chr(c))]
    written = notation.normalize_minus("".join(minuses) + " delete +")
    assert written == "-" * len(minuses) + " delete +"
    assert notation.normalize_minus("\u2212 object") == "- object"


def test_entries_written_back_read_the_same() -> None:
    assert notation.format_entry("reserve", "IRAN") == "IRAN tcb"
    assert notation.format_entry("reserve") == "tcb"
    assert notation.format_entry("support", "CHN") == "+CHN"
    text = notation.format_group([("object", "IND"), ("reserve", "CHN"), ("reserve", "*")])
    assert text == "(-IND, CHN tcb, tcb)"
    assert groups(text) == [text]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["support", "object", "reserve"]),
            st.from_regex(r"[A-Z][A-Z0-9_]{0,5}", fullmatch=True),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_group_written_by_format_group_reads_back(entries: list[tuple[str, str]]) -> None:
    text = notation.format_group(entries)  # type: ignore[arg-type]
    assert notation.group_regex().fullmatch(text)
    read = [(e.stance, e.delegation) for e in notation.read_entries(text)]
    assert read == entries


def test_glue_between_a_bracket_and_its_groups(cica_text: str) -> None:
    text = line(cica_text, 196)  # "... four years]. (-IND)"
    close = text.rindex("]")
    assert notation.is_glue(text[close + 1 : text.index("(", close)])
    assert notation.is_glue("") and notation.is_glue(" ;\t")
    assert not notation.is_glue(" and ")


def test_where_a_group_added_at_the_end_of_a_line_would_go(cica_text: str) -> None:
    assert notation.group_would_attach(line(cica_text, 291))  # "...;] (-IRAN) (+AZER)"
    assert notation.group_would_attach(line(cica_text, 196))  # "...years]. (-IND)"
    assert not notation.group_would_attach(line(cica_text, 297))  # "... Member States;"
    assert not notation.group_would_attach("[Road Map] (RMT)")
    assert not notation.group_would_attach("no bracket at all")


def test_a_group_ending_a_paragraph() -> None:
    text = "6. Review implementation at its next meeting. (tcb)\n7. More."
    group = notation.group_regex().search(text)
    assert group is not None and notation.ends_paragraph(text, group.end())
    assert notation.ends_paragraph("x (+CHN) (-IND)  \r\ny", 1)
    assert not notation.ends_paragraph("x (+CHN) and more", 1)


def test_a_group_goes_with_the_spaces_before_it(cica_text: str) -> None:
    text = line(cica_text, 297)
    group = notation.group_regex().search(text)
    assert group is not None
    start, end = notation.group_with_spaces(text, *group.span())
    assert text[start:end] == " (CHN tcb)"
    assert notation.group_with_spaces("\t \t(tcb)", 3, 8) == (0, 8)


@pytest.mark.parametrize(
    ("number", "label"),
    [
        (96, "1."),
        (176, "1.1"),
        (196, "1.10"),
        (262, "-"),
        (270, "-"),
        (291, "11."),
        (293, "11altern."),
        (297, "13."),
        (301, "15."),
        (112, None),
    ],
)
def test_labels_of_the_cica_draft(cica_text: str, number: int, label: str | None) -> None:
    assert notation.label(line(cica_text, number)) == label


def test_label_within_a_span_of_the_text(cica_text: str) -> None:
    offset = cica_text.index("[11altern.")
    end = cica_text.index("\n", offset)
    assert notation.label(cica_text, offset, end) == "11altern."
    assert notation.label("11 bis Promote") == "11 bis"
    assert notation.label("(iv) the fourth") == "(iv)"
    assert notation.label("2023 was a year") is None


def test_bare_labels_numbers_and_altern(cica_text: str) -> None:
    assert notation.is_bare_label("11altern. ") and notation.is_bare_label("-")
    assert not notation.is_bare_label(line(cica_text, 297))
    assert notation.label_number(line(cica_text, 297)) == "13"
    assert notation.label_number(line(cica_text, 176)) == "1.1"
    assert notation.label_number("[11. Promote") == "11"  # a label may stand inside a bracket
    assert notation.label_number("1.10 Text") == "1.10"
    assert notation.label_number("11altern. Promote") is None
    text = line(cica_text, 293)
    found = notation.altern(text)
    assert found is not None
    number, start, end = found
    assert (number, text[start:end]) == ("11", "altern")
    assert text[:start] + text[end:] == "[11." + text[len("[11altern.") :]
    assert notation.altern("11 altern. Promote") == ("11", 2, 9)
    assert notation.altern(line(cica_text, 291)) is None


_ALTERN_LABELS = st.from_regex(
    r"[ \t]?\[?[ \t]?\d{1,3}(?:\.\d)?(?:[ \t]?altern\.|\.[ \t]{1,2}Alt\.)(?:[ \t][a-z ]*)?",
    fullmatch=True,
)


@given(st.one_of(_ALTERN_LABELS, st.text(alphabet=" \t[12.Altaern x", max_size=16)))
def test_a_text_without_the_altern_hint_holds_no_altern_label(text: str) -> None:
    if notation.altern(text) is not None:
        assert notation.may_hold_altern("prefix\n" + text)
    assert notation.may_hold_altern("8. Alt. text") and notation.may_hold_altern("[9 altern. x")
    assert not notation.may_hold_altern("1. Alternatively, alter the text.")


def test_every_label_pattern_comes_from_the_grammar() -> None:
    for name in ("LABEL", "NUMBER", "ALTERN", "GLUE", "SIGN", "CODE", "TCB"):
        re.compile(notation.terminal(name))
    assert notation.terminal("ALTERN") == "altern"
