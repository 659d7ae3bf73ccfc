"""Word comments are read by the default command (issue 16): `brackets objections DRAFT.docx
--format json` lists every comment, its statements, where its positions went or why none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brackets.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "note-takers-comments.docx"


def _objections(capsys: pytest.CaptureFixture[str], *options: str) -> dict[str, object]:
    assert main(["objections", *options, str(SAMPLE), "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert isinstance(found, dict)
    return found


def test_default_command_reads_comments(capsys: pytest.CaptureFixture[str]) -> None:
    found = _objections(capsys)
    comments = found["comments"]
    assert isinstance(comments, list) and len(comments) == 13
    first = comments[0]
    assert first["statements"][0]["delegations"] == ["USA", "CAN", "JPN"]
    assert first["positions"] == ["-USA", "-CAN", "-JPN"]
    assert first["places"] == ["p1", "p2"]
    quoted = comments[1]
    assert quoted["positions"] == ["-USA"]
    assert quoted["places"][0].startswith("b")  # a bracket made around "authorized"
    for comment in comments:
        assert comment["positions"] or comment["reason"]  # every comment explained
    assert "USA" in found["delegations"]


def test_no_comments_turns_them_off(capsys: pytest.CaptureFixture[str]) -> None:
    found = _objections(capsys, "--no-comments")
    assert "comments" not in found
    assert "USA" not in found["delegations"]


@pytest.mark.parametrize("mode", ["accept", "reject", "brackets"])
def test_every_mode_reads_the_same_comment_positions(
    capsys: pytest.CaptureFixture[str], mode: str
) -> None:
    found = _objections(capsys, "--track-changes", mode)
    comments = found["comments"]
    assert isinstance(comments, list)
    assert comments[0]["positions"] == ["-USA", "-CAN", "-JPN"]
