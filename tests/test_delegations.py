"""The delegation registry: the CICA list, aliases, user files, suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

import brackets
from brackets import DelegationFileError, Registry


def test_default_registry_is_the_cica_membership() -> None:
    registry = Registry.default()
    members = [code for code in registry.names if code not in ("SEC", "CHAIR")]
    assert len(members) == 28
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
    draft.write_text("[text] (+EU)", encoding="utf-8")
    codes = tmp_path / "codes.txt"
    codes.write_text("EU: European Union\n", encoding="utf-8")
    assert main(["check", str(draft)]) == 0
    assert "unknown delegation code EU" in capsys.readouterr().out
    assert main(["check", str(draft), "--delegations", str(codes)]) == 0
    assert capsys.readouterr().out == ""


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
