"""Every command has an API twin: one library call plus one renderer of `brackets.report`
gives exactly what the command prints or writes, on the corpus and the samples."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from drafts import CICA, SAMPLE, SAMPLES, UNFCCC_DEC4, UNFCCC_DEC9
from hypothesis import given
from test_properties import DRAFTS

import brackets
from brackets.cli import main
from brackets.compare import Comparison
from brackets.compare.summary import Summary
from brackets.docx import write_clean, write_redline
from brackets.report import (
    RENDERERS,
    CheckReport,
    diagnostics_json,
    diagnostics_text,
    formats,
    positions_csv,
    positions_json,
    positions_table,
    render,
    terminal_text,
    text_bytes,
)
from brackets.report.check import grouped
from brackets.resolve import Resolution
from brackets.stats import StatsRun
from brackets.timeline import History

VOLUNTEERISM = SAMPLES / "volunteerism-draft.docx"
DRAFT_FILES = [CICA, SAMPLE, VOLUNTEERISM]


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def parts(path: Path) -> dict[str, bytes]:
    """A .docx's parts; two runs differ only in the zip entries' timestamps."""
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


# -- check ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paths", "lenient"),
    [([CICA], False), ([UNFCCC_DEC9], False), ([UNFCCC_DEC9, CICA, VOLUNTEERISM], True)],
)
@pytest.mark.parametrize("format", ["text", "json"])
def test_check_twin(
    capsys: pytest.CaptureFixture[str], paths: list[Path], lenient: bool, format: str
) -> None:
    flags = ["--lenient"] if lenient else []
    status, out, _ = run(capsys, "check", *paths, "--format", format, *flags)
    result = brackets.check(paths, lenient=lenient)
    assert out == render(result, format)
    assert out == (diagnostics_text if format == "text" else diagnostics_json)(result.diagnostics)
    assert status == result.exit_code


def test_check_collects_unreadable_drafts(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = brackets.check([UNFCCC_DEC9, missing])
    assert result.exit_code == 1
    assert len(result.errors) == 4 and result.warnings
    assert diagnostics_text(result.errors[-1:]) == f"{missing}: error: no such file\n"
    assert json.loads(diagnostics_json(result.errors))[0] == {
        "path": str(UNFCCC_DEC9),
        "line": 109,
        "column": 273,
        "severity": "error",
        "message": "']' closes no open bracket",
    }
    assert brackets.check([CICA, SAMPLE]).exit_code == 0


# -- objections -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", DRAFT_FILES, ids=lambda p: p.name)
def test_objections_twin(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    report = brackets.positions(brackets.read(path))
    renderers = {"table": positions_table, "json": positions_json, "csv": positions_csv}
    assert renderers == RENDERERS[brackets.Positions]
    for format, renderer in renderers.items():
        status, out, _ = run(capsys, "objections", path, "--format", format)
        assert (status, out) == (0, renderer(report))


def test_objections_twin_lenient_with_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    draft = brackets.read(UNFCCC_DEC4, lenient=True)
    status, out, err = run(capsys, "objections", UNFCCC_DEC4, "--lenient")
    assert (status, out) == (0, positions_table(brackets.positions(draft)))
    assert err == diagnostics_text(grouped(draft.warnings)) != ""
    assert len(err.splitlines()) < len(draft.warnings)  # grouped beyond five of a kind


def test_table_csv_and_json_on_the_cica_draft() -> None:
    report = brackets.positions(brackets.read(CICA))
    table = positions_table(report)
    assert max(len(line) for line in table.splitlines()) <= 80
    assert table.splitlines()[-1] == "Delegations objecting: CHN, IND, IRAN"
    assert "  CHN     supports b8; objects to b5, b7; reserves b13" in table
    rows = list(csv.DictReader(io.StringIO(positions_csv(report))))
    assert [row["id"] for row in rows] == [f"b{n}" for n in range(1, 15)]
    assert rows[0]["text"] == ", which should be not less than two and not more than four years"
    assert json.loads(positions_json(report)) == report.as_json()


@given(DRAFTS)
def test_renderers_hold_for_any_draft(text: str) -> None:
    """The table fits 80 columns; CSV and JSON give back every bracket's text exactly."""
    report = brackets.positions(brackets.parse(text))
    assert all(len(line) <= 80 for line in positions_table(report).splitlines())
    rows = list(csv.DictReader(io.StringIO(positions_csv(report))))
    assert [row["text"] for row in rows[: len(report.brackets)]] == [
        b.text for b in report.brackets
    ]
    assert json.loads(positions_json(report)) == report.as_json()


# -- resolve --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DRAFT_FILES, ids=lambda p: p.name)
def test_resolve_twin(capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path) -> None:
    draft = brackets.read(path)
    decisions = {"withdraw": ["Delegation of China", "IRAN,AZER"], "reject": ["b2"]}
    resolution = brackets.resolve(draft, "silence", **decisions)
    args = ["--withdraw", "Delegation of China", "--withdraw", "IRAN,AZER", "--reject", "b2"]
    status, out, err = run(capsys, "resolve", path, "--policy", "silence", *args)
    assert (status, out) == (0, resolution.text)
    assert err == diagnostics_text([*draft.warnings, *resolution.warnings])

    text_out = tmp_path / "clean.txt"
    assert run(capsys, "resolve", path, "--policy", "silence", *args, "-o", text_out)[0] == 0
    assert text_out.read_bytes() == text_bytes(draft, resolution.text)

    docx_out, twin = tmp_path / "clean.docx", tmp_path / "twin.docx"
    assert run(capsys, "resolve", path, "--policy", "silence", *args, "-o", docx_out)[0] == 0
    twin.write_bytes(write_clean(draft, resolution))
    assert parts(docx_out) == parts(twin)


def test_resolve_twin_keeps_the_input_encoding(tmp_path: Path) -> None:
    source = tmp_path / "draft.txt"
    source.write_bytes("\ufeffСтатья [1] (-CHN)\r\nДа\r\n".encode("utf-16-le"))
    draft = brackets.read(source)
    assert text_bytes(draft, brackets.resolve(draft).text) == "\ufeffСтатья\r\nДа\r\n".encode(
        "utf-16-le"
    )


# -- convert --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [VOLUNTEERISM, SAMPLE], ids=lambda p: p.name)
def test_convert_twin(capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path) -> None:
    draft = brackets.read(path, lenient=True)
    status, out, _ = run(capsys, "convert", path)
    assert (status, out) == (0, terminal_text(draft.to_text()))
    assert out.endswith("\n") and not out.endswith("\n\n")
    written = tmp_path / "draft.txt"
    assert run(capsys, "convert", path, "-o", written)[0] == 0
    assert written.read_bytes() == text_bytes(draft, draft.to_text())


def test_convert_to_stdout_ends_with_a_newline(capsys: pytest.CaptureFixture[str]) -> None:
    text = brackets.read(VOLUNTEERISM).to_text()
    assert not text.endswith("\n")  # Word paragraphs are joined, not terminated
    assert run(capsys, "convert", VOLUNTEERISM)[1] == text + "\n"
    assert terminal_text("a\r") == "a\r" and terminal_text("") == ""


# -- redline --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DRAFT_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("markup", ["tracked", "visible"])
def test_redline_twin(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path, markup: str
) -> None:
    out, twin = tmp_path / "redline.docx", tmp_path / "twin.docx"
    args = ["--markup", markup, "--date", "2026-11-23T10:00", "--neutral-author", "Chair"]
    assert run(capsys, "redline", path, "-o", out, *args)[0] == 0
    date = datetime(2026, 11, 23, 10, 0)
    draft = brackets.read(path)
    twin.write_bytes(write_redline(draft, markup=markup, date=date, neutral_author="Chair"))
    assert parts(out) == parts(twin)


def test_report_doctest() -> None:
    import doctest

    import brackets.report

    result = doctest.testmod(brackets.report)
    assert result.attempted >= 3 and result.failed == 0


def test_the_command_line_renders_nothing_itself() -> None:
    """cli.py is argparse plus calls: tables, CSV, JSON and text wrapping live in the library."""
    import ast

    import brackets.cli

    tree = ast.parse(Path(brackets.cli.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not imported & {"csv", "json", "textwrap", "io"}


# -- one renderer ---------------------------------------------------------------------------


def _cli_runs(tmp_path: Path) -> list[tuple[type, str, list[object]]]:
    """Every (result type, format) the command line offers, with a command that renders it."""
    rev1 = SAMPLES / "cica-swg-739-2023-rev1.txt"
    runs: list[tuple[type, str, list[object]]] = [
        (CheckReport, f, ["check", CICA, "--format", f]) for f in ("text", "json")
    ]
    runs += [(brackets.Positions, f, ["objections", SAMPLE, "--format", f])
             for f in ("table", "json", "csv")]
    runs += [(StatsRun, f, ["stats", CICA, SAMPLE, "--jobs", "1", "--format", f])
             for f in ("table", "json", "csv")]
    runs += [(Summary, f, ["compare", CICA, rev1, "--summary", "--format", f])
             for f in ("text", "json")]
    runs += [(Comparison, "md", ["compare", CICA, rev1])]
    runs += [(History, f, ["history", CICA, rev1, "--format", f]) for f in ("text", "json")]
    runs += [(History, f, ["history", CICA, rev1, "-o", tmp_path / f"h.{f}"])
             for f in ("md", "html")]
    runs += [(Comparison, f, ["compare", CICA, rev1, "-o", tmp_path / f"out.{f}", "--date",
                              "2026-11-23T10:00"]) for f in ("md", "html", "json", "docx")]
    runs += [(brackets.Draft, "text", ["convert", VOLUNTEERISM]),
             (brackets.Draft, "encoded", ["convert", VOLUNTEERISM, "-o", tmp_path / "v.txt"]),
             (brackets.Draft, "html", ["report", SAMPLE, "-o", "-"]),
             (Resolution, "text", ["resolve", SAMPLE]),
             (Resolution, "encoded", ["resolve", SAMPLE, "-o", tmp_path / "r.txt"])]
    return runs


def test_every_command_output_goes_through_render(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each (result type, format) the CLI offers is rendered by `brackets.report.render`, and
    what the command prints or writes is exactly what `render` returned."""
    import brackets.cli

    runs = _cli_runs(tmp_path)
    offered = {(kind, form) for kind, form, _ in runs}
    assert offered == {(kind, form) for kind, forms in RENDERERS.items() for form in forms}
    calls: list[tuple[object, str, str | bytes]] = []

    def spy(result: object, format: str, **options: object) -> str | bytes:
        rendered = render(result, format, **options)
        calls.append((result, format, rendered))
        return rendered

    monkeypatch.setattr(brackets.cli, "render", spy)
    for kind, form, args in runs:
        calls.clear()
        status = main([str(a) for a in args])
        out = capsys.readouterr().out
        assert status == 0, args
        [(result, format, rendered)] = calls
        assert (type(result), format) == (kind, form)
        if "-o" in args and args[args.index("-o") + 1] != "-":
            written = Path(str(args[args.index("-o") + 1])).read_bytes()
            data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
            assert written == data
        else:
            assert out == rendered


def test_every_format_option_offers_the_formats_of_its_result() -> None:
    from brackets.cli import COMMANDS

    results = {"check": CheckReport, "objections": brackets.Positions, "stats": StatsRun,
               "compare": Summary}
    for command in COMMANDS:
        for option in command.options:
            if "--format" in option.flags and command.name == "history":
                # On stdout the history is text or JSON; -o adds .md and .html by extension.
                assert option.settings["choices"] == formats(History)[:2] == ("text", "json")
            elif "--format" in option.flags:
                assert option.settings["choices"] == formats(results[command.name])
                assert option.settings["default"] == formats(results[command.name])[0]


def test_render_refuses_an_unknown_format_or_result() -> None:
    report = brackets.positions(brackets.parse("[a] (-CHN)"))
    with pytest.raises(ValueError, match="choose table, json, csv"):
        render(report, "xml")
    with pytest.raises(TypeError, match="no renderer for int"):
        render(3, "text")
