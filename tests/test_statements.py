"""The statement reader (brackets/statements.py, issue 16 section 2): the gold set's floors,
the old reader's expectations, a property over comments generated from the grammar, linear
time."""

from __future__ import annotations

import pytest
from comments_gold import DEV
from comments_gold_heldout import HELD_OUT
from hypothesis import given, settings
from hypothesis import strategies as st
from statements_score import score

from brackets.delegations import Registry
from brackets.statements import Statement, positions, read_statements

REGISTRY = Registry.default()


def _read(text: str, author: str | None = None) -> tuple[Statement, ...]:
    return read_statements(text, REGISTRY, author=author)


# -- the gold set -----------------------------------------------------------------------------


def test_gold_set_is_large_and_split() -> None:
    assert len(DEV) + len(HELD_OUT) >= 200
    assert 0.6 <= len(DEV) / (len(DEV) + len(HELD_OUT)) <= 0.7
    assert not {(g.text, g.author) for g in DEV} & {(g.text, g.author) for g in HELD_OUT}


def test_dev_precision_and_recall() -> None:
    found = score(DEV, REGISTRY)
    assert found.precision >= 0.95, found.errors
    assert found.recall >= 0.90, found.errors


def test_held_out_precision_and_recall() -> None:
    found = score(HELD_OUT, REGISTRY)
    assert found.precision >= 0.95, found.errors
    assert found.recall >= 0.80, found.errors


# -- the old reader's expectations (tests/docx/test_note_takers.py, test_read_comments.py) ----

#: (text, [(delegations, stance, quotes, on the paragraph or section)]) as comments.read_comment
#: reads them.
NOTE_TAKERS = [
    ("US: Delete \u201cauthorized\u201d", [(("USA",), "-", ("authorized",), False)]),
    ("CAN, UK delete", [(("CAN", "GBR"), "-", (), False)]),
    ("China supports", [(("CHN",), "+", (), False)]),
    ("Russia, China supports the format", [(("RUS", "CHN"), "+", (), False)]),
    ("US ok", [(("USA",), "+", (), False)]),
    (
        "AOSIS: Delete \u201cthe achievement of an NDC or\u201d",
        [(("AOSIS",), "-", ("the achievement of an NDC or",), False)],
    ),
    (
        "U.S, Canada, Japan: Delete the recalling paras / EU: As a reminder, recalling "
        "paras may sometimes be needed",
        [(("USA", "CAN", "JPN"), "-", (), True), (("EU",), None, (), True)],
    ),
    (
        "UK, CFRN \u2013 \u201cshall\u201d / US \u2013 \u201cshould\u201d",
        [(("GBR", "CFRN"), None, ("shall",), False), (("USA",), None, ("should",), False)],
    ),
    (
        "17 November \u2013 IC\nUS ok\nSaudi Arabia: tcb",
        [(("USA",), "+", (), False), (("SAU",), "tcb", (), False)],
    ),
    ("UK / US delete", [(("GBR", "USA"), "-", (), False)]),
    ("17 November \u2013 IC: US: delete", [(("USA",), "-", (), False)]),
    ("3 Dec 2024 - AB: China supports", [(("CHN",), "+", (), False)]),
    ("G77 and China: to be deleted", [(("G77",), "-", (), False)]),
    ("EU: this is not acceptable", [(("EU",), "-", (), False)]),
    ("Brazil: cannot support", [(("BRA",), "-", (), False)]),
    ("AGN in favour", [(("AGN",), "+", (), False)]),
    ("Switzerland: reservation on the section", [(("CHE",), "tcb", (), True)]),
    ('LMDC: delete "shall"', [(("LMDC",), "-", ("shall",), False)]),
    ("FOO: tcb", [(("FOO",), "tcb", (), False)]),
    ("Supported by US, EU", [(("USA", "EU"), "+", (), False)]),
    ("Opposed by CHN.", [(("CHN",), "-", (), False)]),
    ("Egypt on behalf of the African Group: delete", [(("AGN",), "-", (), False)]),
    ("Mali for AGN: keep", [(("AGN",), "+", (), False)]),
    ("objects", [((), "-", (), False)]),
    ("Please check the wording.", [((), None, (), False)]),
    ("US: delete?", [(("USA",), None, (), False)]),
    ("US: prefers \u201cshould\u201d", [(("USA",), None, ("should",), False)]),
]


@pytest.mark.parametrize(("text", "expected"), NOTE_TAKERS)
def test_the_old_readers_comments_read_the_same(
    text: str, expected: list[tuple[tuple[str, ...], str | None, tuple[str, ...], bool]]
) -> None:
    """The same (delegations, stance) pairs and quotes as comments.read_comment. Where that
    gave no position the quotes are kept now (a proposal records its words) and "paras" is a
    scope either way."""
    found = [
        (s.delegations, s.stance, s.quotes, s.scope in ("paragraph", "section"))
        for s in _read(text)
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "author", "expected"),
    [
        # tests/docx/test_read_comments.py: the comment, its Word author, the pairs it gives
        ("AZER: tcb", "Delegation of Turkey", [("AZER", "tcb")]),
        ("Please check the wording.", "Delegation of China", []),
        ("US: retain", "Delegation of China", [("USA", "+")]),
        ("IRAN: delete", "Delegation of China", [("IRAN", "-")]),
        ("objects", "Delegation of India", [("IND", "-")]),
        ("alternative 2 of 3", "Delegation of China", []),
        ("supports", "Delegation of China", [("CHN", "+")]),
        ("keep", "Delegation of India", [("IND", "+")]),
        ("IRAN: oppose", "CHN", [("IRAN", "-")]),
        ("objects", "IRAN", [("IRAN", "-")]),
        ("tcb", "IRAN", [("IRAN", "tcb")]),
        ("delete", "IND", [("IND", "-")]),
        ("Nice wording", "CHN", []),
        # a comment by no delegation: the stance is the author's, for the caller to place
        ("tcb", None, [("*", "tcb")]),
        ("objects", None, [("*", "-")]),
        # a person (the reader warns; "Unattributed" is our redline's neutral author)
        ("objects", "Unattributed", []),
    ],
)
def test_the_word_readers_comments_read_the_same(
    text: str, author: str | None, expected: list[tuple[str, str]]
) -> None:
    assert positions(_read(text, author)) == expected


# -- what a statement records -------------------------------------------------------------------


def test_a_statement_explains_itself() -> None:
    text = "18 Nov: US delete “shall” throughout\n19 Nov: US can accept “shall” throughout"
    first, second = _read(text)
    assert (first.date, first.stance, first.superseded) == ("18 Nov", "-", ("USA",))
    assert (second.date, second.stance, second.superseded) == ("19 Nov", "+", ())
    assert (second.quotes, second.scope) == (("shall",), "throughout")
    assert text[second.start : second.end] == "US can accept “shall” throughout"
    assert positions((first, second)) == [("USA", "+")]


def test_reasons_for_no_position() -> None:
    reasons = [
        (s.stance, s.reason)
        for text, author in (
            ("Why is this here?", None),
            ("Editorial: fix numbering", None),
            ("EU: “encourages” instead of “requests”", None),
            ("keep", "Jane Smith"),
            ("Norway: agree with EU", None),
            ("Japan: noted", None),
        )
        for s in _read(text, author)
    ]
    assert reasons == [
        (None, "question"),
        (None, "editorial"),
        (None, "proposal"),
        (None, "person"),
        (None, "agreement"),
        (None, "no stance"),
    ]


def test_replacement_and_agreement_are_recorded() -> None:
    (replaced,) = _read("US: replace “shall” with “should”")
    assert (replaced.stance, replaced.quotes, replaced.replacement) == (
        "-",
        ("shall",),
        ("shall", "should"),
    )
    (proposal,) = _read("Brazil: “may” rather than “shall”")
    assert (proposal.stance, proposal.replacement) == (None, ("shall", "may"))
    _, canada = _read("US: delete / Canada +1 US")
    assert (canada.delegations, canada.agrees_with, canada.stance) == (("CAN",), ("USA",), "-")
    (speaker,) = _read("Sweden on behalf of the EU: prefers to keep")
    assert (speaker.delegations, speaker.stance) == (("EU",), "+")


def test_spellings_are_kept() -> None:
    (statement,) = _read("U.S., Groupe africain et PMA: supprimer para 4")
    assert statement.delegations == ("USA", "AGN", "LDC")
    assert statement.spellings == ("U.S.", "Groupe africain", "PMA")
    assert (statement.stance, statement.paragraphs) == ("-", ("4",))


def test_a_groups_short_form_is_the_group() -> None:
    found = positions(_read("AGN, LDC, EIG and ABU: delete"))
    assert found == [("AGN", "-"), ("LDC", "-"), ("EIG", "-"), ("ABU", "-")]


# -- a property: comments built from the grammar read back -----------------------------------

WHO = [
    ("US", "USA"), ("U.S.", "USA"), ("United States", "USA"), ("UK", "GBR"), ("China", "CHN"),
    ("CHINA", "CHN"), ("Norway", "NOR"), ("Brazil", "BRA"), ("Japan", "JPN"), ("EU", "EU"),
    ("European Union", "EU"), ("AOSIS", "AOSIS"), ("LDCs", "LDC"), ("G77 and China", "G77"),
    ("Grupo de los 77 y China", "G77"), ("Groupe africain", "AGN"), ("AGN", "AGN"),
    ("Arab Group", "ARAB"), ("EIG", "EIG"), ("Umbrella Group", "UMBRELLA"),
    ("Saudi Arabia", "SAU"), ("South Africa", "ZAF"), ("Russian Federation", "RUS"),
    ("Republic of Korea", "KOR"), ("SIDS", "SIDS"), ("CfRN", "CFRN"), ("Canada", "CAN"),
    ("CAN", "CAN"), ("Türkiye", "TUR"), ("Côte d'Ivoire", "CIV"), ("PMA", "LDC"),
]  # fmt: skip
PHRASES = {
    "-": ["delete", "deletion", "opposes", "cannot accept", "objects", "wants it deleted",
          "strike", "remove", "does not support", "goes beyond the mandate", "delte", "oppse"],
    "+": ["supports", "keep", "retain", "can accept", "can live with it", "fine with it",
          "welcomes", "ok", "favours", "not opposed", "suport", "prefers to keep"],
    "tcb": ["tcb", "reservation", "needs to consult capital", "will come back", "under review",
            "study reservation", "reserv"],
}  # fmt: skip
SCOPES = [
    ("", ("anchor", ())), (" para 12", ("paragraph", ("12",))),
    (" this paragraph", ("paragraph", ())), (" the whole section", ("section", ())),
    (" throughout", ("throughout", ())),
]  # fmt: skip
CASES = [str, str.lower, str.upper, str.capitalize]


@st.composite
def _comments(draw: st.DrawFn) -> tuple[str, list[tuple[tuple[str, ...], str, tuple[object, ...]]]]:
    """A comment of 1-4 statements, each: a list of delegations, a separator, a stance phrase
    in some case, a scope; statements joined by ";", a new line or " / "."""
    picks = draw(st.lists(st.sampled_from(WHO), min_size=1, max_size=8, unique_by=lambda w: w[1]))
    count = draw(st.integers(1, min(4, len(picks))))
    cuts = sorted(draw(st.sets(st.integers(1, len(picks) - 1), max_size=count - 1))) if len(
        picks
    ) > 1 else []
    groups = [picks[a:b] for a, b in zip([0, *cuts], [*cuts, len(picks)], strict=True)]
    parts = []
    expected = []
    for group in groups:
        joiner = draw(st.sampled_from([", ", " and ", " / ", " + ", " & ", ","]))
        who = joiner.join(spelling for spelling, _ in group)
        stance = draw(st.sampled_from(["+", "-", "tcb"]))
        phrase = draw(st.sampled_from(CASES))(draw(st.sampled_from(PHRASES[stance])))
        scope, place = draw(st.sampled_from(SCOPES))
        separator = draw(st.sampled_from([": ", " - ", " ", ":", " \u2013 ", " : ", ":\n"]))
        parts.append(f"{who}{separator}{phrase}{scope}")
        expected.append((tuple(dict.fromkeys(code for _, code in group)), stance, place))
    glue = draw(st.sampled_from(["; ", "\n", " / ", ";"]))
    return glue.join(parts), expected


@settings(max_examples=300, deadline=None)
@given(_comments())
def test_generated_comments_read_back(
    case: tuple[str, list[tuple[tuple[str, ...], str, tuple[object, ...]]]],
) -> None:
    text, expected = case
    found = [(s.delegations, s.stance, (s.scope, s.paragraphs)) for s in _read(text)]
    assert found == expected, text


# -- linear time --------------------------------------------------------------------------------

HOSTILE = [
    "replace ",
    "not “a but ",
    "US: delete / ",
    "“unclosed ",
    "'a ",
    "rather than ",
    "G77 and ",
    "17 Nov ",
    "US, EU, China, ",
    "not not not ",
    "para para 1 ",
    ". A",
]


@pytest.mark.parametrize("unit", HOSTILE)
def test_a_long_hostile_comment_is_read(unit: str) -> None:
    """100,000 characters of a shape that a backtracking pattern or a rescan per statement
    would make quadratic (minutes): read in one pass. The growth exponents are measured in
    tests/benchmarks/bench_comments.py, not timed here."""
    text = unit * (100_000 // len(unit))
    statements = read_statements(text, REGISTRY)
    assert all(0 <= s.start <= s.end <= len(text) for s in statements)


def test_many_comments_are_read_one_by_one() -> None:
    comments = [g.text for g in DEV] * 20
    read = [read_statements(text, REGISTRY) for text in comments]
    assert len(read) == len(comments)
