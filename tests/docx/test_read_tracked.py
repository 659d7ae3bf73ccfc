"""Tracked changes in the input: accept (default), reject, or brackets with delegation codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from readkit import SAMPLES, body, p, samples_module, write_package

import brackets
from brackets.docx.authors import sanitise_code
from brackets.docx.reader import extract_text, read_docx


class StandIn:
    """The registry interface the reader relies on: `code_for(name) -> str | None`."""

    def code_for(self, name: str) -> str | None:
        return {"China": "CHN", "Delegation of India": "IND", "Russia": "RUS"}.get(name)


REGISTRY = brackets.Registry.from_mapping(
    {"CHN": ["China"], "IND": ["Delegation of India"], "RUS": ["Russia"]}
)


@pytest.fixture(scope="module")
def tracked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("samples") / "tracked-changes.docx"
    samples_module().build(samples_module().TRACKED, path)
    return path


@pytest.mark.parametrize("mode", ["accept", "reject", "brackets"])
def test_sample_under_each_mode(tracked: Path, mode: str) -> None:
    text, _, warnings = extract_text(tracked, track_changes=mode)
    assert text == samples_module().TRACKED_TEXT[mode]
    assert warnings == []


def test_committed_sample_matches_its_script() -> None:
    for mode, expected in samples_module().TRACKED_TEXT.items():
        assert extract_text(SAMPLES / "tracked-changes.docx", track_changes=mode)[0] == expected


def test_accept_is_the_default(tracked: Path) -> None:
    assert read_docx(tracked).source == samples_module().TRACKED_TEXT["accept"]


def test_brackets_mode_gives_positions_through_the_registry(tracked: Path) -> None:
    draft = read_docx(tracked, track_changes="brackets", registry=brackets.Registry.default())
    assert draft.diagnostics == ()
    stances = [(b.supporters, b.objectors) for b in draft.brackets]
    assert stances == [
        (("CHN",), ()),
        ((), ("IND",)),
        ((), ("IND",)),
        (("CHN",), ()),
        (("IND",), ()),
        ((), ("CHN",)),
    ]

    # Under "silence" the objected deletions go and the supported insertions stay: the result
    # is what Word shows when every change is accepted (auto-number labels aside: Word
    # renumbers by itself, the text keeps the labels as they were read).
    def content(text: str) -> list[str]:
        return [line.split(" ", 1)[1] for line in text.split("\n") if " " in line]

    resolved = brackets.resolve(draft, "silence").text
    assert content(resolved) == content(samples_module().TRACKED_TEXT["accept"])


def test_stand_in_registry_interface(tracked: Path) -> None:
    text, _, warnings = extract_text(tracked, track_changes="brackets", registry=StandIn())
    assert text == samples_module().TRACKED_TEXT["brackets"]
    assert warnings == []


def _change(kind: str, author: str, text: str, change_id: int = 1) -> str:
    leaf = "delText" if kind in ("del", "moveFrom") else "t"
    return (
        f'<w:{kind} w:id="{change_id}" w:author="{author}" w:date="2026-01-01T00:00:00Z">'
        f'<w:r><w:{leaf} xml:space="preserve">{text}</w:{leaf}></w:r></w:{kind}>'
    )


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_unknown_authors_get_a_sanitised_code_and_one_warning(tmp_path: Path) -> None:
    para = (
        "<w:p>"
        + _run("Support ")
        + _change("ins", "José Müller-2", "regional ", 1)
        + _run("efforts")
        + _change("ins", "José Müller-2", " and plans", 2)
        + _change("del", "", " now", 3)
        + _change("ins", "42", "!", 4)
        + "</w:p>"
    )
    path = write_package(tmp_path / "u.docx", body(para))
    text, _, warnings = extract_text(path, track_changes="brackets", registry=StandIn())
    assert text == (
        "Support [regional] (+JOSEMULLER2) efforts [and plans] (+JOSEMULLER2) [now] (-UNKNOWN)"
        "[!] (+X42)"
    )
    assert len(warnings) == 3
    assert "José Müller-2" in warnings[0] and "JOSEMULLER2" in warnings[0]
    assert warnings[0].startswith(f"{path}:1:")
    draft = read_docx(path, track_changes="brackets", registry=REGISTRY, lenient=True)
    assert [d.code for d in draft.warnings].count("docx-author") == 3
    assert draft.brackets[0].supporters == ("JOSEMULLER2",)


@pytest.mark.parametrize(
    ("author", "code"),
    [
        ("Jane Smith", "JANESMITH"),
        ("  ", "UNKNOWN"),
        ("2nd reader", "X2NDREADER"),
        ("ÅLAND", "ALAND"),
    ],
)
def test_sanitise_code(author: str, code: str) -> None:
    assert sanitise_code(author) == code


def test_consecutive_changes_by_one_author_make_one_bracket(tmp_path: Path) -> None:
    para = (
        "<w:p>"
        + _run("Promote ")
        + _change("ins", "China", "intercultural ", 1)
        + '<w:ins w:id="2" w:author="China"><w:r><w:rPr><w:i/></w:rPr><w:t>and interfaith</w:t>'
        "</w:r></w:ins>" + _run(" dialogue") + "</w:p>"
    )
    path = write_package(tmp_path / "m.docx", body(para))
    text, _, _ = extract_text(path, track_changes="brackets", registry=StandIn())
    assert text == "Promote [intercultural and interfaith] (+CHN) dialogue"


def test_nested_changes_and_moves(tmp_path: Path) -> None:
    nested = (
        '<w:ins w:id="1" w:author="China"><w:r><w:t xml:space="preserve">added </w:t></w:r>'
        '<w:del w:id="2" w:author="Russia"><w:r><w:delText>then removed</w:delText></w:r></w:del>'
        "</w:ins>"
    )
    para = "<w:p>" + _run("A ") + nested + _run(" end") + "</w:p>"
    moves = (
        "<w:p>"
        + _change("moveFrom", "Russia", "moved away", 3)
        + _run(" | ")
        + _change("moveTo", "Russia", "moved here", 4)
        + "</w:p>"
    )
    path = write_package(tmp_path / "n.docx", body(para + moves))
    lines = {
        mode: extract_text(path, track_changes=mode, registry=StandIn())[0].split("\n")
        for mode in ("accept", "reject", "brackets")
    }
    assert lines["accept"] == ["A added  end", " | moved here"]
    assert lines["reject"] == ["A  end", "moved away | "]
    assert lines["brackets"] == [
        "A [added [then removed] (-RUS)] (+CHN) end",
        "[moved away] (-RUS) | [moved here] (+RUS)",
    ]
    draft = read_docx(path, track_changes="brackets", registry=REGISTRY)
    outer, inner = draft.brackets[0], draft.brackets[1]
    assert inner.parent == outer.id and outer.supporters == ("CHN",)


def test_paragraph_mark_revisions_join_paragraphs(tmp_path: Path) -> None:
    deleted_mark = '<w:rPr><w:del w:id="9" w:author="China" w:date="2026-01-01T00:00:00Z"/></w:rPr>'
    inserted_mark = (
        '<w:rPr><w:ins w:id="8" w:author="China" w:date="2026-01-01T00:00:00Z"/></w:rPr>'
    )
    paragraphs = (
        p("first half, ", ppr=deleted_mark)
        + p("second half")
        + p("new paragraph", ppr=inserted_mark)
        + p("last", ppr=deleted_mark)
    )
    path = write_package(tmp_path / "j.docx", body(paragraphs))
    assert extract_text(path)[0] == "first half, second half\nnew paragraph\nlast"
    assert extract_text(path, track_changes="reject")[0] == (
        "first half, \nsecond half\nnew paragraphlast"
    )
    assert extract_text(path, track_changes="brackets")[0].count("\n") == 3


def test_unknown_mode_is_refused(tracked: Path) -> None:
    with pytest.raises(ValueError, match="track_changes must be one of accept, reject, brackets"):
        extract_text(tracked, track_changes="all")
