"""`brackets stats`: figures over a session of drafts, text and Word mixed, in parallel."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from drafts import CICA, SAMPLE, SAMPLES, corpus_text

import brackets
from brackets.cli import LENIENT_HINT, main
from brackets.report import failure_lines
from brackets.stats import DraftStats, collect, draft_stats, expand


@pytest.fixture()
def session(tmp_path: Path) -> Path:
    """A folder as a secretariat keeps it: text and Word drafts, and one broken file."""
    corpus_text(CICA)
    folder = tmp_path / "session"
    (folder / "word").mkdir(parents=True)
    shutil.copy(CICA, folder / "cica.txt")
    shutil.copy(SAMPLE, folder / "water.txt")
    shutil.copy(SAMPLES / "volunteerism-draft.docx", folder / "word" / "volunteerism.docx")
    (folder / "broken.txt").write_text("Promote [tolerance and dialogue;\n", encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not a draft")
    return folder


def test_figures_of_the_cica_draft() -> None:
    figures = draft_stats(brackets.parse(corpus_text(CICA)))
    assert (figures.brackets, figures.depth, figures.alternative_sets) == (14, 3, 0)
    assert figures.attributed == 13  # b6 has no group
    assert figures.objecting == ("CHN", "IND", "IRAN")  # NOTATION section 6


def test_words_inside_brackets_count_every_level_once() -> None:
    draft = brackets.parse(
        "Promote [tolerance and] (+TUR) dialogue [among [all] (-IND) peoples] (-CHN);\n\n"
        "6. Review [volunteers’ work][4.2 tasks] (tcb).\n"
    )
    figures = draft_stats(draft, "x.txt")
    assert figures.words == 13  # "volunteers’", "4.2" and the label "6" are one word each
    assert figures.words_in_brackets == 9
    assert (figures.paragraphs, figures.depth, figures.alternative_sets) == (2, 2, 1)
    assert figures.objecting == ("CHN", "IND") and figures.path == "x.txt"


def test_a_folder_of_mixed_drafts_with_one_bad_file(session: Path) -> None:
    run = collect([session], jobs=2)
    names = [Path(f.path).name for f in run.files]
    assert names == ["cica.txt", "water.txt", "volunteerism.docx"]  # sorted walk, no .pdf
    word = brackets.read(session / "word" / "volunteerism.docx")
    assert run.files[2].brackets == len(word.brackets)
    assert run.failed == (str(session / "broken.txt"),)
    assert failure_lines(run) == [
        f"{session / 'broken.txt'}:1:9: error: bracket opened here is never closed"
    ]
    assert run.exit_status == 1
    assert collect([session], jobs=1) == run  # the pool changes nothing but the time


def test_missing_and_unreadable_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 [x]".encode("latin-1"))
    (tmp_path / "fake.docx").write_bytes(b"not a zip")
    run = collect([tmp_path / "nothere.txt", tmp_path / "latin1.txt", tmp_path / "fake.docx", CICA])
    assert [Path(f.path).name for f in run.files] == [CICA.name]
    lines = failure_lines(run)
    assert lines[0] == f"{tmp_path / 'nothere.txt'}: error: no such file"
    assert lines[1].startswith(f"{tmp_path / 'latin1.txt'}:1:4: error: not UTF-8")
    assert lines[2].startswith(f"{tmp_path / 'fake.docx'}: error: ")


def test_expand_keeps_files_and_searches_folders(session: Path) -> None:
    assert expand([session / "water.txt"]) == [str(session / "water.txt")]
    assert len(expand([session])) == 4


def test_a_folder_without_drafts_is_an_error(tmp_path: Path) -> None:
    run = collect([tmp_path, CICA], jobs=0)
    assert len(run.files) == 1 and run.exit_status == 1
    assert failure_lines(run) == [
        f"{tmp_path}: error: no drafts (.txt, .md, .docx) in this folder"
    ]


def test_cli_json_and_exit_status(session: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(session), "--format", "json", "--jobs", "2"]) == 1
    out, err = capsys.readouterr()
    data = json.loads(out)
    names = [Path(f["path"]).name for f in data["files"]]
    assert names == ["cica.txt", "water.txt", "volunteerism.docx"]
    assert data["files"][0]["objecting"] == ["CHN", "IND", "IRAN"]
    # issue 20 §5: a draft strict parsing refuses gets the hint every other command gives
    assert err == (
        f"{session / 'broken.txt'}:1:9: error: bracket opened here is never closed\n"
        f"{LENIENT_HINT}\n"
    )


def test_cli_csv_and_table(session: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = [str(session / "cica.txt"), str(session / "water.txt")]
    assert main(["stats", *good, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["brackets"] == "14" and rows[1]["objecting"] == "AZER CHN IRAN RUS"
    assert main(["stats", *good]) == 0
    out, err = capsys.readouterr()
    assert err == "" and all(len(line) <= 80 for line in out.splitlines())
    assert out.splitlines()[2].startswith("cica.txt ")
    assert "2 drafts" in out


def _stats_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "brackets.cli", "stats", *args]


def test_no_progress_bar_when_piped(session: Path) -> None:
    done = subprocess.run(
        _stats_command(str(session / "cica.txt")), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stderr == ""


def test_progress_bar_on_a_terminal(session: Path) -> None:
    leader, follower = pty.openpty()
    with subprocess.Popen(
        _stats_command(str(session), "--jobs", "2"),
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "COLUMNS": "80"},
    ) as process:
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            shown += chunk
        out = process.stdout.read() if process.stdout else b""
    os.close(leader)
    assert process.returncode == 1
    assert b"brackets stats:" in shown and b"/4 [" in shown  # tqdm's bar, on the terminal
    assert b"broken.txt:1:9: error" in shown
    assert b"brackets stats" not in out and b"cica.txt" in out


def test_draft_stats_json_shape() -> None:
    figures = DraftStats("a.txt", 1, 2, 1, 0, 1, ("CHN",), 10, 4)
    assert figures.as_json()["objecting"] == ["CHN"]
