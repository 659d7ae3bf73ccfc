"""`brackets compare`: CriticMarkup on stdout, -o by extension, --summary, clear errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from drafts import CICA, SAMPLES, UNFCCC_DEC4, UNFCCC_DEC9, corpus_text

from brackets.cli import main
from brackets.compare import apply_criticmarkup

CICA_REV1 = SAMPLES / "cica-swg-739-2023-rev1.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_criticmarkup_goes_to_stdout(capsys: pytest.CaptureFixture[bytes]) -> None:
    status = main(["compare", str(CICA), str(CICA_REV1)])
    out = capsys.readouterr().out
    assert status == 0
    old, new = corpus_text(CICA), CICA_REV1.read_text(encoding="utf-8")
    assert apply_criticmarkup(out) == new
    assert apply_criticmarkup(out, forwards=False) == old


def test_md_output_keeps_line_endings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_bytes(b"1. Adopt [this] (-CHN) text;\r\n2. Keep it.\r\n")
    new.write_bytes(b"1. Adopt this text;\r\n2. Keep it.\n")
    out = tmp_path / "changes.md"
    assert run(capsys, "compare", str(old), str(new), "-o", str(out)) == (0, "", "")
    markup = out.read_bytes().decode("utf-8")
    assert apply_criticmarkup(markup).encode() == new.read_bytes()
    assert apply_criticmarkup(markup, forwards=False).encode() == old.read_bytes()


def test_html_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "changes.html"
    status, _, _ = run(
        capsys, "compare", str(CICA), str(CICA_REV1), "-o", str(out), "--author", "Chair"
    )
    page = out.read_text(encoding="utf-8")
    assert status == 0
    assert "<ins>" in page and "<del>" in page and "Chair" in page
    assert not re.search(r"https?:|src=|<link|<script|url\(", page)


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "changes.json"
    args = ["compare", "--lenient", str(UNFCCC_DEC4), str(UNFCCC_DEC9), "-o", str(out)]
    assert run(capsys, *args, "--date", "2015-12-09T20:00")[0] == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    script = data["script"]
    assert {op["op"] for op in script} == {"equal", "insert", "delete"}
    assert "".join(op["text"] for op in script if op["op"] != "insert") == corpus_text(UNFCCC_DEC4)
    assert "".join(op["text"] for op in script if op["op"] != "delete") == corpus_text(UNFCCC_DEC9)
    assert (data["author"], data["date"]) == ("unfccc-cop21-draft-agreement-2015-12-09.md",
                                              "2015-12-09T20:00:00")  # fmt: skip
    assert set(data["summary"]) == {"agreed_text_edits", "brackets", "paragraphs", "delegations"}


def test_summary_as_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "compare", str(CICA), str(CICA_REV1), "--summary")
    assert status == 0
    assert out.startswith("Brackets: 3 agreed, 1 dropped, 1 new, 10 still open.")
    assert "IRAN withdrew its objection to b3 (now b2) (line 270, para -)" in out
    status, out, _ = run(
        capsys, "compare", str(CICA), str(CICA_REV1), "--summary", "--format", "json"
    )
    summary = json.loads(out)
    assert summary["delegations"]["SEC"]["withdrew"][0]["position"] == "reserves"


def test_summary_with_an_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "changes.md"
    status, printed, _ = run(
        capsys, "compare", str(CICA), str(CICA_REV1), "-o", str(out), "--summary"
    )
    assert status == 0 and printed.startswith("Brackets:") and "{--" in out.read_text("utf-8")


def test_bad_inputs_give_one_line_and_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "compare", str(CICA), str(tmp_path / "missing.txt"))
    assert (status, err) == (1, f"{tmp_path / 'missing.txt'}: error: no such file\n")
    status, _, err = run(capsys, "compare", str(CICA), str(CICA_REV1), "-o", "x.pdf")
    assert status == 1 and "x.pdf: error: wrong output extension" in err and ".html" in err
    status, _, err = run(capsys, "compare", str(CICA), str(CICA_REV1), "--date", "June")
    assert status == 1 and "--date June: not an ISO date" in err
    # Versions are read leniently: an unmatched bracket is a warning, and the comparison runs.
    status, _, err = run(capsys, "compare", str(UNFCCC_DEC4), str(UNFCCC_DEC9))
    assert status == 0 and ":25:341: warning: ']' closes no open bracket" in err
    revision = tmp_path / "rev1.md"
    revision.write_bytes(CICA_REV1.read_bytes())
    status, _, err = run(capsys, "compare", str(CICA), str(revision), "-o", str(revision))
    assert status == 1 and "refusing to overwrite the input file" in err
    assert revision.read_bytes() == CICA_REV1.read_bytes()


def test_a_word_draft_against_its_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docx = SAMPLES / "volunteerism-draft.docx"
    text = tmp_path / "volunteerism.txt"
    assert run(capsys, "convert", str(docx), "-o", str(text))[0] == 0
    status, out, _ = run(capsys, "compare", str(docx), str(text), "--summary")
    assert status == 0 and out.startswith("Brackets: 0 agreed, 0 dropped, 0 new, 13 still open.")
    edited = tmp_path / "edited.txt"
    edited.write_text(text.read_text("utf-8").replace("(−CHN)", "(-CHN, +IND)"), "utf-8")
    status, out, _ = run(capsys, "compare", str(docx), str(edited), "--summary")
    assert status == 0 and "CHN" not in out.split("\n\n")[1] and "IND added its support" in out
