"""Independent readers as oracles: LibreOffice's text export and pandoc's docx reader.

Locally a missing program skips with its reason; in CI (CI=true) it is a failure.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from numberkit import libreoffice_texts
from readkit import SAMPLES
from writekit import require

from brackets.docx.reader import extract_text

_LABEL = re.compile(r"^(\d+\.|\([a-z]\)|[a-z]\.)(\s+|$)")


def test_libreoffice_shows_the_same_text_and_labels() -> None:
    shown = libreoffice_texts([SAMPLES / "volunteerism-draft.docx"])[0]
    # LibreOffice indents list items and writes the footnote's number where its reference mark
    # stands; the reader does neither (the mark is not text). Everything else is identical.
    lines = [line.strip() for line in shown.splitlines()]
    lines = [line.replace("activities,1", "activities,") for line in lines if line]
    ours = extract_text(SAMPLES / "volunteerism-draft.docx")[0]
    assert ours.split("\n") == lines


@pytest.mark.parametrize("mode", ["accept", "reject"])
def test_pandoc_accepts_and_rejects_the_same_changes(mode: str) -> None:
    pandoc = require("pandoc")
    shown = subprocess.run(
        [
            pandoc,
            "-f",
            "docx",
            "-t",
            "plain",
            "--wrap=none",
            f"--track-changes={mode}",
            str(SAMPLES / "tracked-changes.docx"),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    # pandoc keeps a numbered item whose paragraph was wholly inserted or deleted as an empty
    # item (Word removes it, as the reader does) and renders labels its own way: compare the
    # paragraphs' text without labels.
    theirs = [_LABEL.sub("", line.strip()) for line in shown.splitlines()]
    ours = extract_text(SAMPLES / "tracked-changes.docx", track_changes=mode)[0]
    assert [_LABEL.sub("", line) for line in ours.split("\n")] == [t for t in theirs if t]
