"""The command line on Word drafts: every command takes a .docx; convert and redline."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

import brackets
from brackets.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
VOLUNTEERISM = SAMPLES / "volunteerism-draft.docx"
TRACKED = SAMPLES / "tracked-changes.docx"
WATER = SAMPLES / "water-cooperation-draft.txt"


def unlabelled(line: str) -> str:
    return re.sub(r"^\d+\. ", "", line)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_convert_gives_the_bracketed_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "draft.txt"
    status, stdout, _ = run(capsys, "convert", VOLUNTEERISM, "-o", out)
    assert (status, stdout) == (0, "")
    text = out.read_text(encoding="utf-8")
    assert text == brackets.read(VOLUNTEERISM).to_text()
    assert "2. Promote [the participation of volunteers in] (+AZER) programmes" in text
    assert "(a) in education [and science] (+RUS);" in text  # auto-numbered, nested level


def test_check_objections_and_resolve_take_a_docx(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "check", VOLUNTEERISM)[0] == 0
    report = json.loads(run(capsys, "objections", VOLUNTEERISM, "--format", "json")[1])
    assert report["delegations"]["CHN"]["objects"]
    first = report["brackets"][0]
    assert (first["line"], first["label"]) == (3, None)  # lines are paragraphs as extracted
    status, text, _ = run(capsys, "resolve", VOLUNTEERISM, "--policy", "agreed")
    assert status == 0
    assert "powerful and cross-cutting" not in text and "Agree to:" in text
    assert "4. Consider outstanding volunteers" in text  # 4altern. became 4.


def test_tracked_changes_as_brackets(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "objections", TRACKED, "--track-changes", "brackets", "--format", "json"
    )
    report = json.loads(out)
    assert status == 0
    assert {"CHN", "IND"} <= set(report["delegations"])
    accepted = run(capsys, "resolve", TRACKED, "--policy", "all")[1]
    rejected = run(capsys, "resolve", TRACKED, "--policy", "all", "--track-changes", "reject")[1]
    assert accepted != rejected


def test_resolve_to_a_clean_docx_keeps_the_source_formatting(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "clean.docx"
    assert run(capsys, "resolve", VOLUNTEERISM, "--policy", "silence", "-o", out)[0] == 0
    clean = brackets.read(out).source.split("\n")
    expected = brackets.resolve(brackets.read(VOLUNTEERISM), "silence").text.split("\n")
    # Paragraphs 4 and 5 are gone: 6 keeps its number, as in the clean text (Word would
    # renumber it 4 without the restart the copy adds); an emptied table cell keeps one
    # (empty) paragraph, as Word requires.
    assert "6. Decide to review progress at the next meeting of the Ministerial Council." in clean
    assert [line for line in clean if line] == [line for line in expected if line]
    with zipfile.ZipFile(VOLUNTEERISM) as before, zipfile.ZipFile(out) as after:
        for part in ("word/styles.xml", "word/footnotes.xml"):
            assert before.read(part) == after.read(part)


def test_redline_from_text_and_docx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for source in (WATER, VOLUNTEERISM):
        out = tmp_path / f"{source.stem}-redline.docx"
        status, _, err = run(capsys, "redline", source, "-o", out, "--date", "2026-11-23T10:00")
        assert status == 0, err
        with zipfile.ZipFile(out) as package:
            body = package.read("word/document.xml").decode()
            comments = package.read("word/comments.xml").decode()
        assert "<w:ins " in body and 'w:date="2026-11-23T10:00:00' in body
        assert 'w:author="CHN"' in comments
    visible = tmp_path / "visible.docx"
    assert run(capsys, "redline", WATER, "-o", visible, "--markup", "visible")[0] == 0
    assert brackets.read(visible).source.startswith("Chairmanship of Kazakhstan")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04garbage", "not a Word document (.docx)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "Word 97-2003 .doc or encrypted .docx"),
        (b"plain text", "not a Word document (.docx)"),
    ],
)
def test_hostile_files_give_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(content)
    for command in ("check", "objections", "resolve", "convert"):
        status, out, err = run(capsys, command, bad)
        shown = out + err  # check reports on stdout, the other commands on stderr
        assert status == 1
        assert shown.startswith(f"{bad}: error: ") and message in shown
        assert len(shown.splitlines()) == 1 and "Traceback" not in shown


def test_redline_refuses_to_overwrite_its_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    copy = tmp_path / "draft.docx"
    copy.write_bytes(VOLUNTEERISM.read_bytes())
    status, _, err = run(capsys, "redline", copy, "-o", copy)
    assert status == 1 and "refusing to overwrite the input" in err
    assert copy.read_bytes() == VOLUNTEERISM.read_bytes()


def test_resolve_a_text_draft_to_docx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "clean.docx"
    assert run(capsys, "resolve", WATER, "--policy", "all", "-o", out) == (0, "", "")
    expected = brackets.resolve(brackets.read(WATER), "all").text
    assert [line for line in brackets.read(out).source.split("\n") if line] == [
        line.replace("*", "") for line in expected.split("\n") if line
    ]
    with zipfile.ZipFile(out) as package:
        body = package.read("word/document.xml").decode()
    assert "<w:i/>" in body  # *Recognizing* and the other preambular verbs in italic


@pytest.mark.parametrize("command", ["redline", "resolve"])
def test_characters_word_cannot_hold_are_warned_about(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    draft = tmp_path / "nul.txt"
    draft.write_bytes(b"a\x00b [c] (+IND)\rsecond\r")
    status, _, err = run(capsys, command, str(draft), "-o", str(tmp_path / "out.docx"))
    assert status == 0
    assert err == (
        f"{draft}:1:2: warning: character U+0000 cannot be written to Word "
        "(XML cannot hold it): dropped\n"
    )
