"""Edges a newcomer hits (issue 20 §5): paths to compare, a bracket's text, help and tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from drafts import SAMPLES

import brackets
from brackets.cli import main
from brackets.report import positions_table


def test_compare_reads_paths_and_takes_a_str_as_text(tmp_path: Path) -> None:
    old, new = tmp_path / "a.txt", tmp_path / "b.txt"
    old.write_text("Adopt [this] (-CHN) text.\n", encoding="utf-8")
    new.write_text("Adopt this text.\n", encoding="utf-8")
    comparison = brackets.compare(old, new)
    assert comparison.new_text == "Adopt this text.\n"
    assert [(b.old, b.outcome) for b in comparison.summary().brackets] == [("b1", "agreed")]
    assert brackets.compare(str(old), str(new)).old_text == str(old)  # a str is text
    word = brackets.compare(
        SAMPLES / "water-cooperation-rev1.docx", SAMPLES / "water-cooperation-rev2.docx"
    )
    assert word.old.origin is not None and word.marked > 0
    with pytest.raises(TypeError, match=r"os\.PathLike"):
        brackets.compare(1, 2)  # type: ignore[arg-type]


def test_a_bracket_gives_its_text() -> None:
    draft = brackets.parse("A [b [c] (-CHN) d] (+IND, -USA) e.")
    outer, inner = draft.brackets
    assert draft.text_of(outer) == "b [c] (-CHN) d"
    assert draft.text_of("b2") == "c"
    assert draft.text_of(inner, whole=True) == "[c] (-CHN)"
    assert draft.text_of(outer, whole=True) == "[b [c] (-CHN) d] (+IND, -USA)"
    with pytest.raises(ValueError, match="not a bracket of this draft"):
        brackets.parse("[zz]").text_of(inner)


def test_delegations_help_names_the_default_registry(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "default CICA list" not in out and "every UN member" in out


def test_the_objections_table_never_runs_a_long_code_into_the_next_column() -> None:
    draft = brackets.parse("A [b] (-MARIALOPEZGARCIA, +CHN) c. (+ABCDEFGHIJ)\n", lenient=True)
    table = positions_table(brackets.positions(draft))
    assert "GARCIAsupports" not in table and "GARCIAobjects" not in table
    assert "  MARIALOPEZGARCIA\n" in table
    assert all(len(line) < 80 for line in table.splitlines())
