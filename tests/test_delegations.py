"""The delegation registry: UN members, groups, CICA codes, aliases, user files, suggestions."""

from __future__ import annotations

import io
import itertools
import re
import string
import zipfile
from pathlib import Path

import pycountry
import pytest
from drafts import CICA as CICA_DRAFT
from drafts import UNFCCC_DEC4, UNFCCC_DEC9, corpus_text
from hypothesis import given
from hypothesis import strategies as st

import brackets
from brackets import DelegationFileError, Registry
from brackets.delegations import CICA, GROUPS


def test_default_registry_holds_the_cica_membership() -> None:
    registry = Registry.default()
    assert len(CICA) == 28
    assert {*CICA, "SEC", "CHAIR"} <= set(registry.names)
    assert {"IRAN", "AZER", "CHN", "IND", "TUR", "KAZ", "RUS", "SEC", "CHAIR"} <= set(
        registry.names
    )


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("China", "CHN"),
        ("Delegation of China", "CHN"),
        ("  the People's Republic of China ", "CHN"),
        ("Turkiye", "TUR"),
        ("Türkiye", "TUR"),
        ("IRN", "IRAN"),
        ("Islamic Republic of Iran", "IRAN"),
        ("Secretariat", "SEC"),
        ("Atlantis", None),
    ],
)
def test_names_and_aliases(name: str, code: str | None) -> None:
    assert Registry.default().code_for(name) == code


def test_suggestions() -> None:
    registry = Registry.default()
    assert registry.suggest("IRN") == "IRAN"
    assert registry.suggest("CHNA") == "CHN"
    assert registry.suggest("ZZZZZZ") is None


def test_user_file_extends_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "delegations.txt"
    path.write_text(
        "# UNFCCC groups\nG77: Group of 77 and China; G-77\nEU: European Union\n", encoding="utf-8"
    )
    registry = Registry.from_file(path)
    assert registry.code_for("Group of 77 and China") == "G77"
    assert registry.code_for("China") == "CHN"
    draft = brackets.parse("[text] (+EU) (-G77)", registry=registry)
    assert draft.warnings == ()
    assert not Registry.from_file(path, extend=False).knows("CHN")


def test_user_file_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "delegations.txt"
    path.write_text("EU: European Union\nnot a code: x\n", encoding="utf-8")
    with pytest.raises(DelegationFileError, match=r"delegations.txt:2:1: error: 'not a code'"):
        Registry.from_file(path)


def test_cli_takes_a_delegation_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from brackets.cli import main

    draft = tmp_path / "draft.txt"
    draft.write_text("[text] (+WEOG)", encoding="utf-8")
    codes = tmp_path / "codes.txt"
    codes.write_text("WEOG: Western European and Others Group\n", encoding="utf-8")
    assert main(["check", str(draft)]) == 0
    assert "unknown delegation code WEOG" in capsys.readouterr().out
    assert main(["check", str(draft), "--delegations", str(codes)]) == 0
    assert capsys.readouterr().out == ""


# Every UN member and negotiating group, one canonical code each (issue 8, section 1)

UN_OBSERVERS_AND_UNFCCC_PARTIES = {"VAT", "PSE", "COK", "NIU"}


def test_every_un_member_and_observer_is_a_delegation() -> None:
    registry = Registry.default()
    states = [
        code for code in registry.names if code not in GROUPS and code not in ("EU", "SEC", "CHAIR")
    ]
    assert len(states) == 193 + len(UN_OBSERVERS_AND_UNFCCC_PARTIES)
    assert set(states) >= UN_OBSERVERS_AND_UNFCCC_PARTIES
    # ISO alpha-3 codes are the canonical codes, except where CICA drafts write their own
    for code in states:
        iso = {"IRAN": "IRN", "AZER": "AZE"}.get(code, code)
        country = pycountry.countries.get(alpha_3=iso)
        assert country is not None, code
        assert registry.canonical(iso) == code
        assert registry.canonical(country.name) == code
    assert not {"ATA", "PRI", "HKG", "TWN", "ESH"} & set(registry.names)  # not delegations


def test_negotiating_groups() -> None:
    assert set(GROUPS) == {
        "G77", "LMDC", "AOSIS", "LDC", "AGN", "AILAC", "ALBA", "ARAB", "EIG", "UMBRELLA",
        "BASIC", "ABU", "CFRN", "LLDC",
        # issue 16: the other coalitions note-takers name
        "SIDS", "GSUR", "MOUNTAIN", "AGGM", "CACAM", "SICA",
    }  # fmt: skip
    assert set(GROUPS) <= set(Registry.default().names)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("G77 and China", "G77"), ("G77/China", "G77"), ("G-77 + China", "G77"),
        ("Grupo de los 77 y China", "G77"), ("Groupe des 77 et la Chine", "G77"),
        ("PMA", "LDC"), ("Países Menos Adelantados", "LDC"), ("Pays les moins avancés", "LDC"),
        ("Groupe africain", "AGN"), ("Grupo Africano", "AGN"), ("African Group", "AGN"),
        ("PEID", "SIDS"), ("Small Island Developing States", "SIDS"),
        ("Grupo Árabe", "ARAB"), ("Groupe arabe", "ARAB"), ("Grupo Paraguas", "UMBRELLA"),
        ("Grupo de Integridad Ambiental", "EIG"), ("UE", "EU"), ("Unión Europea", "EU"),
        ("Union européenne", "EU"), ("Mountain countries", "MOUNTAIN"), ("Grupo SUR", "GSUR"),
    ],
)  # fmt: skip
def test_groups_in_english_spanish_and_french(text: str, code: str) -> None:
    assert Registry.default().canonical(text) == code
    assert Registry.default().read_list(f"{text}, Norway") == (code, "NOR")


@pytest.mark.parametrize("code", ["AGN", "LDC", "EIG", "ABU", "SIDS", "AOSIS", "LMDC", "AGGM"])
def test_a_groups_short_form_is_never_a_state(code: str) -> None:
    registry = Registry.default()
    assert registry.canonical(code) == code
    assert code in GROUPS
    assert registry.suggest(code) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # the forms of issue 8's note-takers' comments
        ("US", "USA"),
        ("U.S", "USA"),
        ("U.S.", "USA"),
        ("USA", "USA"),
        ("United States", "USA"),
        ("United States of America", "USA"),
        ("Delegation of the United States of America", "USA"),
        ("the US", "USA"),
        ("CAN", "CAN"),
        ("Canada", "CAN"),
        ("UK", "GBR"),
        ("United Kingdom", "GBR"),
        ("China", "CHN"),
        ("Russia", "RUS"),
        ("AOSIS", "AOSIS"),
        ("EU", "EU"),
        ("CFRN", "CFRN"),
        ("Japan", "JPN"),
        # the usual short forms
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Turkey", "TUR"),
        ("CH", "CHE"),
        ("Switzerland", "CHE"),
        ("NZ", "NZL"),
        ("New Zealand", "NZL"),
        ("UAE", "ARE"),
        ("DRC", "COD"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"),
        ("Côte d’Ivoire", "CIV"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("Cook Islands", "COK"),
        ("RUSSIA", "RUS"),
        # CICA's own codes stay canonical
        ("IRAN", "IRAN"),
        ("IRN", "IRAN"),
        ("Iran", "IRAN"),
        ("Islamic Republic of Iran", "IRAN"),
        ("Iran (Islamic Republic of)", "IRAN"),
        ("AZER", "AZER"),
        ("AZE", "AZER"),
        ("Azerbaijan", "AZER"),
        ("CHN", "CHN"),
        ("IND", "IND"),
        ("TUR", "TUR"),
        ("SEC", "SEC"),
        ("CHAIR", "CHAIR"),
        # Russian names, as CICA drafts write them (pycountry's translations)
        ("Китай", "CHN"),
        ("Российская Федерация", "RUS"),
        ("Исламская Республика Иран", "IRAN"),
        ("Соединённые Штаты Америки", "USA"),
        ("Казахстан", "KAZ"),
        ("Россия", "RUS"),
        ("США", "USA"),
        ("Секретариат", "SEC"),
        # negotiating groups
        ("G77 and China", "G77"),
        ("G-77", "G77"),
        ("Group of 77 and China", "G77"),
        ("LMDC", "LMDC"),
        ("Like-Minded Developing Countries", "LMDC"),
        ("Alliance of Small Island States", "AOSIS"),
        ("LDCs", "LDC"),
        ("African Group", "AGN"),
        ("AGN", "AGN"),
        ("AILAC", "AILAC"),
        ("ALBA", "ALBA"),
        ("Arab Group", "ARAB"),
        ("EIG", "EIG"),
        ("Environmental Integrity Group", "EIG"),
        ("Umbrella Group", "UMBRELLA"),
        ("BASIC", "BASIC"),
        ("ABU", "ABU"),
        ("CfRN", "CFRN"),
        ("Coalition for Rainforest Nations", "CFRN"),
        ("LLDCs", "LLDC"),
        ("Delegation of the European Union", "EU"),
    ],
)
def test_one_delegation_one_code(text: str, code: str) -> None:
    registry = Registry.default()
    assert registry.canonical(text) == code
    assert registry.code_for(text) == code
    assert registry.knows(text)


def test_every_name_and_alias_leads_back_to_its_own_code() -> None:
    registry = Registry.default()
    for code, aliases in registry.names.items():
        for alias in (code, *aliases):
            assert registry.canonical(alias) == code, (alias, code)


@pytest.mark.parametrize(
    "word",
    [
        # two-letter ISO codes that are words, and words that are three-letter codes
        *("in", "In", "IN", "no", "No", "NO", "it", "It", "IT", "to", "To", "TO", "me", "ME"),
        *("am", "AM", "is", "IS", "be", "BE", "at", "AT", "by", "BY", "do", "DO", "so", "SO"),
        *("us", "Us", "can", "Can", "and", "And", "are", "Are", "per", "fin", "ton", "ai", "AI"),
        # names that are also words, written as words
        *("china", "turkey", "chad", "jordan", "guinea", "chair", "secretariat", "того"),
        # words of comments that name no delegation
        *("delete", "Delete", "supports", "ok", "OK", "tcb", "TCB", "the", "The", "Delegation"),
    ],
)
def test_a_common_word_is_never_a_delegation(word: str) -> None:
    registry = Registry.default()
    assert registry.canonical(word) is None
    assert not registry.knows(word)


@given(st.text(alphabet=string.ascii_lowercase + "абвгдежзийклмнопрстуфхцчшщъыьэюяё -"))
def test_a_lower_case_text_is_never_a_delegation(text: str) -> None:
    assert Registry.default().canonical(text) is None


def test_word_authors_and_staff_names() -> None:
    registry = Registry.default()
    assert registry.code_for("Delegation of the United States of America") == "USA"
    assert registry.code_for("Xavier Tibau Alberdi") is None


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # the lists of issue 8's note-takers' comments, before their position words
        ("US", ("USA",)),
        ("CAN, UK", ("CAN", "GBR")),
        ("China", ("CHN",)),
        ("Russia, China", ("RUS", "CHN")),
        ("U.S, Canada, Japan", ("USA", "CAN", "JPN")),
        ("EU", ("EU",)),
        ("UK, CFRN", ("GBR", "CFRN")),
        ("AOSIS", ("AOSIS",)),
        # "and", "/", "&": one name when the whole is one, else a list
        ("US and EU", ("USA", "EU")),
        ("US / EU", ("USA", "EU")),
        ("G77 and China", ("G77",)),
        ("G77/China", ("G77",)),
        ("G77, China", ("G77", "CHN")),
        ("Korea, Republic of, Chad", ("KOR", "TCD")),
        ("Bosnia and Herzegovina", ("BIH",)),
        ("Trinidad and Tobago, Saint Kitts and Nevis", ("TTO", "KNA")),
        ("Saint Vincent and the Grenadines and Grenada", ("VCT", "GRD")),
        ("Россия и Китай", ("RUS", "CHN")),
        ("China, China", ("CHN",)),
        ("US,", ("USA",)),
        # not a list of delegations
        ("17 November", None),
        ("IC", None),
        ("Please check the wording", None),
        ("US, can", None),
        ("", None),
    ],
)
def test_lists_of_delegations(text: str, codes: tuple[str, ...] | None) -> None:
    assert Registry.default().read_list(text) == codes


@given(
    st.lists(st.sampled_from(sorted(Registry.default().names)), min_size=1, max_size=6),
    st.lists(st.integers(min_value=0), min_size=6, max_size=6),
    st.sampled_from([", ", "; ", ","]),
)
def test_a_list_of_codes_and_names_reads_back(
    codes: list[str], choices: list[int], separator: str
) -> None:
    """Delegations written by their code or any of their names, comma-separated, read back."""
    registry = Registry.default()
    written = []
    for code, choice in zip(codes, choices, strict=False):
        spellings = (code, *registry.names[code])
        written.append(spellings[choice % len(spellings)])
    assert registry.read_list(separator.join(written)) == tuple(dict.fromkeys(codes))


# "Did you mean": close only, never a different country


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("US", "USA"),  # a known alias gives its own delegation, not RUS
        ("U.S", "USA"),
        ("IRN", "IRAN"),
        ("AZR", "AZER"),
        ("CHNA", "CHN"),
        ("IRNA", "IRAN"),
        ("RUSIA", "RUS"),
        ("AOSSIS", "AOSIS"),
        ("UMBRELA", "UMBRELLA"),
        ("LDCC", "LDC"),
        ("USA", None),  # known as it is
        ("RUZ", None),  # one letter from RUS, but three letters: could be any country
        ("XYZ", None),
        ("IRA", None),  # IRAN or IRAQ
        ("G7", None),  # another group, not G77
        ("MC", None),  # the Ministerial Council in CICA drafts, not Monaco
        ("SIDS", None),
        ("WEOG", None),
        ("ZZZZZZ", None),
        ("Us", None),
    ],
)
def test_suggestions_are_close_and_unambiguous(code: str, hint: str | None) -> None:
    assert Registry.default().suggest(code) == hint


def test_short_codes_only_get_their_own_code_with_a_letter_added() -> None:
    registry = Registry.default()
    for letters in itertools.product(string.ascii_uppercase, repeat=3):
        code = "".join(letters)
        hint = registry.suggest(code)
        if hint is None or registry.canonical(code) is not None:
            continue
        assert len(hint) == 4 and any(hint[:i] + hint[i + 1 :] == code for i in range(4)), code
    for first, second in itertools.product(string.ascii_uppercase, repeat=2):
        code = first + second
        if registry.canonical(code) is None:
            assert registry.suggest(code) is None, code


def test_the_parser_knows_groups_and_states() -> None:
    draft = brackets.parse("[text] (+USA) (-AOSIS) (+EU) (-G77) (CFRN tcb) (-LMDC) (+CHE)")
    assert draft.warnings == ()
    unknown = brackets.parse("[text] (+AZR) (-RUZ)", lenient=True)
    assert [d.message for d in unknown.warnings] == [
        "unknown delegation code AZR; did you mean AZER?",
        "unknown delegation code RUZ",
    ]


def test_corpus_drafts_have_no_unknown_delegation() -> None:
    cica = brackets.parse(corpus_text(CICA_DRAFT), lenient=True)
    assert {code for b in cica.brackets for code in (*b.supporters, *b.objectors)} == {
        "IRAN", "AZER", "CHN", "IND", "TUR",
    }  # fmt: skip
    for draft in (
        cica,
        *(brackets.parse(corpus_text(p), lenient=True) for p in (UNFCCC_DEC4, UNFCCC_DEC9)),
    ):
        assert not [d for d in draft.warnings if d.code == "unknown-delegation"]


def test_a_delegation_file_that_is_not_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "codes.txt"
    path.write_bytes("EU: European Union\nFR: R\xe9publique\n".encode("latin-1"))
    with pytest.raises(DelegationFileError) as raised:
        Registry.from_file(path)
    diagnostic = raised.value.diagnostic
    assert (diagnostic.path, diagnostic.line, diagnostic.column) == (str(path), 2, 6)
    assert diagnostic.message.startswith("not UTF-8 text (byte 0xE9)")


def test_a_missing_delegation_file_is_named(tmp_path: Path) -> None:
    for path, message in (
        (tmp_path / "missing.txt", "no such delegation list"),
        (tmp_path, "is a directory, not a delegation list"),
    ):
        with pytest.raises(DelegationFileError) as raised:
            Registry.from_file(path)
        assert (raised.value.diagnostic.path, raised.value.diagnostic.message) == (
            str(path),
            message,
        )


def test_a_delegation_file_may_start_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "codes.txt"
    path.write_bytes("\ufeffEU: Union européenne\n".encode())
    assert Registry.from_file(path).code_for("Union europeenne") == "EU"


def test_one_delegation_one_code_in_every_report() -> None:
    # "(+US)", "(+USA)" and "(-U.S.)"... are the United States; "(IRN tcb)" is CICA's IRAN.
    draft = brackets.parse("a [b] (+US) [c] (+USA) [d] (IRN tcb) [e] (-UK).")
    report = brackets.positions(draft)
    # issue 20 §3: one delegation, named as the draft names it (its most frequent spelling,
    # ties: the first), its canonical code beside it
    assert report.delegations["US"].supports == ("b1", "b2")
    assert report.delegations["IRN"].reserves == ("b3",)
    assert report.objecting == ("UK",)
    assert report.canonical == {"US": "USA", "IRN": "IRAN", "UK": "GBR"}
    assert not [d for d in draft.diagnostics if d.code == "unknown-delegation"]
    assert draft.to_text() == "a [b] (+US) [c] (+USA) [d] (IRN tcb) [e] (-UK)."  # as written
    assert brackets.resolve(draft, "silence", withdraw=["United Kingdom"]).text == "a b c e."


def test_the_most_frequent_spelling_names_a_delegation_everywhere() -> None:
    from brackets.docx import write_redline
    from brackets.report import render
    from brackets.stats import draft_stats

    text = "A [b] (+UAE) c [d] (-ARE, +US) e [f] (+UAE) g [h] (-USA).\n"
    draft = brackets.parse(text)
    assert brackets.spellings(draft) == {"ARE": "UAE", "USA": "US"}
    report = brackets.positions(draft)
    assert set(report.delegations) == {"UAE", "US"}
    assert report.brackets[1].objectors == ("UAE",)
    assert report.as_json()["delegations"]["UAE"]["canonical"] == "ARE"  # type: ignore[index]
    assert draft_stats(draft).objecting == ("UAE", "US")
    html = render(draft, "html")
    assert 'data-delegation="UAE"' in html and 'data-delegation="ARE"' not in html
    redline = write_redline(draft)
    with zipfile.ZipFile(io.BytesIO(redline)) as archive:
        authors = set(re.findall(r'w:author="([^"]*)"', archive.read("word/document.xml").decode()))
    assert "UAE" in authors and "ARE" not in authors
    summary = brackets.compare(text, text.replace("[h] (-USA)", "h")).summary()
    # h agreed: nobody withdrew anything, US's objection is the position it had held (issue 15)
    assert {p.delegation for b in summary.brackets for p in b.standing} == {"US"}
