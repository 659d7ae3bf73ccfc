"""Resolution: NOTATION section 5, and the worked examples of section 6 on the CICA draft."""

from __future__ import annotations

import pytest

import brackets
from brackets import ResolutionError, resolve


def line(text: str, number: int) -> str:
    return text.split("\n")[number - 1]


def find(text: str, needle: str) -> str:
    (found,) = [candidate for candidate in text.split("\n") if needle in candidate]
    return found


# -- NOTATION 6, the worked examples --------------------------------------------------------


@pytest.mark.parametrize("policy", ["agreed", "silence"])
def test_line_196_tenure_dropped(cica_text: str, policy: str) -> None:
    text = resolve(brackets.parse(cica_text), policy).text
    assert find(text, "proposed tenure").endswith("in writing, indicating the proposed tenure.")


@pytest.mark.parametrize(("policy", "withdraw"), [("silence", ["IND"]), ("all", [])])
def test_line_196_tenure_kept(cica_text: str, policy: str, withdraw: list[str]) -> None:
    text = resolve(brackets.parse(cica_text), policy, withdraw=withdraw).text
    assert find(text, "proposed tenure").endswith(
        "indicating the proposed tenure, which should be not less than two "
        "and not more than four years."
    )


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("agreed", "promoting respect for and its role in strengthening"),
        (
            "silence",
            "promoting respect for intercivilizational and intercultural exchanges and its role",
        ),
        (
            "all",
            "respect for intercivilizational and intercultural exchanges cultural and religious "
            "diversity of civilizations, exchanges and mutual learning among civilizations "
            "and its role",
        ),
    ],
)
def test_line_270_seven_brackets(cica_text: str, policy: str, expected: str) -> None:
    text = resolve(brackets.parse(cica_text), policy).text
    assert expected in find(text, "*Underlining*")


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("agreed", "databases for volunteers in the CICA Member States;"),
        ("silence", "databases for volunteers in the CICA Member States;"),
        (
            "all",
            "for volunteers, and encourage to assign country operators responsible for supporting "
            "and promoting such platforms in the CICA Member States;",
        ),
    ],
)
def test_line_297_reservation(cica_text: str, policy: str, expected: str) -> None:
    assert expected in find(resolve(brackets.parse(cica_text), policy).text, "13. Support")


@pytest.mark.parametrize("policy", ["agreed", "silence"])
def test_whole_bracketed_paragraphs_disappear_with_their_lines(cica_text: str, policy: str) -> None:
    text = resolve(brackets.parse(cica_text), policy).text
    tail = text.split("10. Promote the development")[1]
    assert tail.split("\n")[1:] == [
        "",
        "12. Promote the creation of a network of volunteer centres, involving organizations, "
        "student "
        "and youth groups, public associations directly engaged in volunteer activities;",
        "",
        "13. Support the development and promotion of modern electronic systems and databases for "
        "volunteers in the CICA Member States;",
        "",
        "14. Promote training and courses to develop technical skills and relevant "
        "competencies for "
        "volunteers.",
    ]
    assert "11" not in tail.split("\n")[2] and not text.endswith("\n")


def test_altern_becomes_the_paragraph_when_azer_withdraws(cica_text: str) -> None:
    text = resolve(brackets.parse(cica_text), "silence", withdraw=["AZER"]).text
    assert (
        "11. Promote tolerance and volunteers’ participation in intercultural and "
        "intercivilizational programmes and projects;"
    ) in text.split("\n")
    assert "altern" not in text


def test_untouched_text_is_unchanged(cica_text: str) -> None:
    text = resolve(brackets.parse(cica_text), "agreed").text
    assert text.split("\n")[:195] == cica_text.split("\n")[:195]


# -- NOTATION 5, rules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("draft", "policy", "expected"),
    [
        # "[w]", not "[x]": "[x]" is a placeholder, kept by every policy (NOTATION 3a)
        ("a [w] (-CHN) b", "agreed", "a b"),
        ("a  [w] b", "agreed", "a b"),
        ("a, [w] (+IND), b", "agreed", "a,, b"),
        ("list [w] (-CHN); next", "agreed", "list; next"),
        ("(see [w] (-CHN) ) end", "agreed", "(see) end"),
        ("([w] (+IND) see) end", "agreed", "(see) end"),
        ("[w] (+IND) starts", "agreed", "starts"),
        ("ends [w] (+IND)", "agreed", "ends"),
        ("keep  two  spaces [w] here", "agreed", "keep  two  spaces here"),
        ("a [w] (-CHN) b", "silence", "a b"),
        ("a [w] b", "silence", "a w b"),
        ("a [w] (IND tcb) b", "silence", "a b"),
        ("a [w] (tcb) b", "silence", "a b"),
        ("a [w] (+IND) b", "silence", "a w b"),
        ("a [x [y] (-CHN) z] (+IND) b", "silence", "a x z b"),
        ("a [x [y] (+CHN) z] (-IND) b", "silence", "a b"),
        ("Parties [shall][should][will] act", "all", "Parties shall act"),
        ("Parties [shall][should] (-IND) act", "silence", "Parties shall act"),
        ("Parties [shall] (-CHN)[should] (-IND) act", "silence", "Parties act"),  # not touching
    ],
)
def test_rules(draft: str, policy: str, expected: str) -> None:
    assert resolve(brackets.parse(draft, lenient=True), policy).text == expected


def test_unresolved_alternatives_stay_bracketed_and_are_reported() -> None:
    resolution = resolve(brackets.parse("1. Parties [shall][should] act"), "silence")
    assert resolution.text == "1. Parties [shall][should] act"
    (unresolved,) = resolution.unresolved
    assert (unresolved.options, unresolved.line, unresolved.column, unresolved.label) == (
        ("b1", "b2"),
        1,
        12,
        "1.",
    )
    assert "left open" in resolution.warnings[0].message


def test_decisions() -> None:
    draft = brackets.parse("a [w] (-CHN) b [y] (+IND) c [p][q] d")
    assert resolve(draft, "agreed", accept=["b1"]).text == "a w b c d"
    assert resolve(draft, "all", reject=["b2"]).text == "a w b c p d"
    assert resolve(draft, "all", accept=["b4"]).text == "a w b y c q d"
    assert resolve(draft, "silence", withdraw=["CHN"]).text == "a w b y c [p][q] d"
    assert resolve(draft, "silence", reject=["b3"]).text == "a b y c q d"
    assert resolve(draft, "silence", accept=["b3"]).kept == {"b2", "b3"}


def test_decision_errors() -> None:
    draft = brackets.parse("a [w] (-CHN) b\nc (tcb)")
    with pytest.raises(ResolutionError, match="b9"):
        resolve(draft, "agreed", accept=["b9"])
    with pytest.raises(ResolutionError, match="both accepted and rejected"):
        resolve(draft, "agreed", accept=["b1"], reject=["b1"])
    with pytest.raises(ResolutionError, match="policy"):
        resolve(draft, "everything")
    assert resolve(draft, "agreed", accept=["p2"]).text == "a b\nc"
    with pytest.raises(ResolutionError, match="no delegation named XYZ"):
        resolve(draft, "silence", withdraw=["XYZ"])  # was a warning at 1:1 (issue 9)


def test_paragraph_positions() -> None:
    draft = brackets.parse(
        "5. Agreed.\n\n6. Review at the next meeting. (tcb)\n\n7. Also agreed.\n"
    )
    assert resolve(draft, "silence").text == "5. Agreed.\n\n7. Also agreed.\n"
    assert (
        resolve(draft, "all").text
        == "5. Agreed.\n\n6. Review at the next meeting.\n\n7. Also agreed.\n"
    )
    assert resolve(draft, "silence", withdraw=["*"]).text == resolve(draft, "all").text


def test_blank_lines_and_line_endings() -> None:
    draft = brackets.parse("A\r\n\r\n[B] (-CHN)\r\n\r\n\r\n[C] (-CHN)\r\n\r\nD\r\n")
    assert resolve(draft, "agreed").text == "A\r\n\r\nD\r\n"
    untouched = brackets.parse("A\n\n\nB [w] (+TUR)\n")
    assert resolve(untouched, "agreed").text == "A\n\n\nB\n"


def test_bracket_across_paragraphs() -> None:
    draft = brackets.parse("1. Start [of a long\n2. passage] (+TUR) here.\n3. End.")
    # NOTATION 5.5: the break inside the dropped bracket stays
    assert resolve(draft, "agreed").text == "1. Start\nhere.\n3. End."
    spanning = brackets.parse("A [b\nc\nd] (-CHN) e\n[f\ng] (-CHN)\nh")
    assert resolve(spanning, "agreed").text == "A\ne\nh"
    assert resolve(draft, "all").text == "1. Start of a long\n2. passage here.\n3. End."


def test_paragraph_left_with_only_its_label_goes() -> None:
    draft = brackets.parse(
        "1. Keep.\n2. [Establish a fund.] (-CHN)\n- [Recalling x;] (+IND)\n3. Also."
    )
    assert resolve(draft, "agreed").text == "1. Keep.\n3. Also."
    assert resolve(draft, "all").text == "1. Keep.\n2. Establish a fund.\n- Recalling x;\n3. Also."
    untouched = brackets.parse("1. Keep.\n2.\n3. [w] (-CHN) Also.")
    assert resolve(untouched, "agreed").text == "1. Keep.\n2.\n3. Also."


def test_altern_stays_when_its_paragraph_survives() -> None:
    draft = brackets.parse("11. Promote dialogue;\n[11altern. Promote trust;] (+IRAN)")
    assert resolve(draft, "silence").text == "11. Promote dialogue;\n11altern. Promote trust;"


def test_deletions_rebuild_the_text(cica_text: str) -> None:
    draft = brackets.parse(cica_text)
    for policy in ("agreed", "silence", "all"):
        resolution = resolve(draft, policy)
        pieces, position = [], 0
        for start, end in resolution.deletions:
            assert position <= start < end
            pieces.append(cica_text[position:start])
            position = end
        pieces.append(cica_text[position:])
        assert "".join(pieces) == resolution.text
        assert resolution.draft is draft


# -- decisions: names, lists and errors, the same as the command line ----------------------


@pytest.mark.parametrize(
    "names",
    [["AZER"], ["Azerbaijan"], ["Delegation of Azerbaijan"], ["azer"], ["AZE"], "AZER"],
)
def test_withdraw_takes_names_and_aliases(cica_text: str, names: list[str] | str) -> None:
    draft = brackets.parse(cica_text)
    expected = resolve(draft, "silence", withdraw=["AZER"]).text
    assert resolve(draft, "silence", withdraw=names).text == expected
    assert "11. Promote tolerance and volunteers’" in expected


def test_withdraw_takes_comma_separated_lists(cica_text: str) -> None:
    draft = brackets.parse(cica_text)
    both = resolve(draft, "silence", withdraw=["IRAN", "CHN"])
    assert resolve(draft, "silence", withdraw=["IRAN,CHN"]).text == both.text
    assert resolve(draft, "silence", withdraw=["Iran, China"]).text == both.text
    assert resolve(draft, "silence", withdraw=["IRAN"]).text != both.text


def test_withdraw_maps_through_the_given_registry() -> None:
    registry = brackets.Registry.from_mapping({"KOR": ["Korea, Republic of"], "EU": ["Union"]})
    draft = brackets.parse("a [b] (-KOR) c [d] (EU tcb) e", registry=registry)
    named = resolve(draft, "silence", withdraw=["Korea, Republic of", "Union"], registry=registry)
    assert named.text == "a b c d e"  # a name with a comma is taken whole
    assert resolve(draft, "silence", withdraw=["KOR,Union"], registry=registry).text == named.text
    with pytest.raises(ResolutionError, match="no delegation named Union"):
        resolve(draft, "silence", withdraw=["Union"])  # the default registry has no Union


@pytest.mark.parametrize(
    ("decisions", "message"),
    [
        ({"withdraw": ["AZR"]}, "withdraw AZR: no delegation named AZR .*; did you mean AZER\\?"),
        ({"withdraw": ["Chna"]}, "did you mean CHN\\?"),
        ({"withdraw": ["KAZ"]}, "KAZ takes no position in this draft; its delegations are AZER,"),
        ({"withdraw": ["Kazakhstan"]}, "Kazakhstan \\(KAZ\\) takes no position"),
        ({"withdraw": ["*"]}, "no anonymous reservation"),
        ({"withdraw": [""]}, "withdraw: empty value; name a delegation"),
        ({"withdraw": ["IRAN,,CHN"]}, "withdraw: empty value in 'IRAN,,CHN'"),
        ({"reject": ["b1,"]}, "reject: empty value in 'b1,'"),
        ({"accept": ["14"]}, "did you mean b14\\?"),
        ({"accept": ["p12"]}, "pN only when it carries its own attribution"),
    ],
)
def test_decisions_that_name_nothing_raise(
    cica_text: str, decisions: dict[str, list[str]], message: str
) -> None:
    draft = brackets.parse(cica_text, path="cica.txt")
    with pytest.raises(ResolutionError, match=message) as raised:
        resolve(draft, "silence", **decisions)
    diagnostic = raised.value.diagnostic
    assert (diagnostic.severity, diagnostic.path) == ("error", "cica.txt")
    assert diagnostic.message == str(raised.value)


def test_decisions_accept_lists_of_ids(cica_text: str) -> None:
    draft = brackets.parse(cica_text)
    listed = resolve(draft, "agreed", accept=["b1,b2"], reject=["B3, b9"])
    assert listed.text == resolve(draft, "agreed", accept=["b1", "b2"], reject=["b3", "b9"]).text
    assert {"b1", "b2"} <= listed.kept


def test_the_space_after_a_paragraph_label_is_not_a_seam_space() -> None:
    """Rule 5.2 removes a seam's space before punctuation, but not the space that separates a
    paragraph's label from its text: `1. [a] (-CHN). x` keeps the label `1.`."""
    assert brackets.resolve(brackets.parse("1. [a] (-CHN). x"), "agreed").text == "1. . x"
    assert brackets.resolve(brackets.parse("a [b] (-CHN). c"), "agreed").text == "a. c"
