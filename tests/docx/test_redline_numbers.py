"""Issue 18 §7: a redline of an auto-numbered Word draft keeps the numbers (NOTATION 5.4:
numbers are references and stay). Reject All is the agreed text, numbers included, and Accept
All the `all` text's; judged by our reader and by LibreOffice (Reject/Accept All through a
Basic macro, then its own text export)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from readkit import SAMPLES
from writekit import libreoffice, normalise

import brackets
from brackets.docx import write_redline
from brackets.docx.reader import read_docx


def numbered_draft(path: Path, texts: list[str]) -> Path:
    """A title, one `List Number` paragraph per text, and a closing line."""
    document = docx.Document()
    document.add_paragraph("Title")
    for text in texts:
        document.add_paragraph(style="List Number").add_run(text)
    document.add_paragraph("After.")
    document.save(str(path))
    return path


def redline_of(source: Path) -> Path:
    out = source.with_name(source.stem + "-redline.docx")
    out.write_bytes(write_redline(brackets.read(source, lenient=True)))
    return out


def lines(text: str) -> list[str]:
    return normalise(text)


def agreed(source: Path) -> list[str]:
    return lines(brackets.resolve(brackets.read(source, lenient=True), "agreed").text)


def ours(redline: Path, mode: str) -> list[str]:
    return lines(read_docx(redline, track_changes=mode, lenient=True, comments=False).source)


SHAPES = {
    "second dropped": (
        ["First;", "[Second;] (+KAZ)", "Third."],
        ["1. First;", "3. Third."],
    ),
    "first dropped": (
        ["[First;] (+KAZ)", "Second;", "Third."],
        ["2. Second;", "3. Third."],
    ),
    "two dropped": (
        ["One;", "[Two;] (+KAZ)", "Three;", "[Four;] (+CHN)", "Five."],
        ["1. One;", "3. Three;", "5. Five."],
    ),
    "last dropped": (["One;", "Two;", "[Three.] (+KAZ)"], ["1. One;", "2. Two;"]),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_reject_all_keeps_the_agreed_numbers(tmp_path: Path, shape: str) -> None:
    texts, kept = SHAPES[shape]
    source = numbered_draft(tmp_path / "draft.docx", texts)
    redline = redline_of(source)
    assert ours(redline, "reject") == ["Title", *kept, "After."] == agreed(source)
    shown = [text.replace("[", "").split("] (")[0] for text in texts]
    everything = [f"{number}. {text}" for number, text in enumerate(shown, 1)]
    assert ours(redline, "accept") == ["Title", *everything, "After."]


def test_the_sample_leaves_no_numbered_paragraph_before_its_table(tmp_path: Path) -> None:
    """volunteerism-draft.docx: paragraph 5 is dropped whole just before the table."""
    source = SAMPLES / "volunteerism-draft.docx"
    redline = tmp_path / "redline.docx"
    redline.write_bytes(write_redline(brackets.read(source, lenient=True)))
    assert ours(redline, "reject") == agreed(source)
    assert "5." not in ours(redline, "reject")
    accepted = ours(redline, "accept")
    assert "5. Request the Secretariat to report on the implementation of this Statement." in (
        accepted
    )
    assert accepted[-1].startswith("6. Decide")


# -- LibreOffice ----------------------------------------------------------------------------

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Changes(path As String, out As String, which As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(path), &quot;_blank&quot;, 0, args())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  helper.executeDispatch(doc.CurrentController.Frame, &quot;.uno:&quot; &amp; which _
    &amp; &quot;AllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  Dim o(1) As New com.sun.star.beans.PropertyValue
  o(0).Name = &quot;FilterName&quot;
  o(0).Value = &quot;Text (encoded)&quot;
  o(1).Name = &quot;FilterOptions&quot;
  o(1).Value = &quot;UTF8&quot;
  doc.storeToURL(ConvertToURL(out), o())
  doc.close(True)
End Sub
</script:module>
"""


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """soffice and a profile whose Standard library holds the `Changes` macro."""
    program = libreoffice()
    folder = tmp_path_factory.mktemp("lo")
    profile = folder / "profile"
    seed = numbered_draft(folder / "seed.docx", ["x"])
    subprocess.run(
        [program, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(folder), str(seed)],
        capture_output=True, timeout=240, check=False,
    )  # fmt: skip
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    if not module.exists():
        pytest.skip("LibreOffice made no Basic library in its profile")
    module.write_text(_MACRO, encoding="utf-8")
    return program, profile


def libreoffice_view(office: tuple[str, Path], redline: Path, which: str) -> list[str]:
    program, profile = office
    out = redline.with_name(f"{redline.stem}-{which}.txt")
    macro = f'macro:///Standard.Module1.Changes("{redline}","{out}","{which}")'
    subprocess.run(
        [program, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", macro],
        capture_output=True,
        timeout=240,
        check=False,
    )
    assert out.exists(), f"LibreOffice did not {which} the changes of {redline.name}"
    return lines(out.read_text(encoding="utf-8-sig"))


def test_libreoffice_reject_and_accept_all_keep_the_numbers(
    tmp_path: Path, office: tuple[str, Path]
) -> None:
    source = numbered_draft(tmp_path / "draft.docx", SHAPES["two dropped"][0])
    redline = redline_of(source)
    assert libreoffice_view(office, redline, "Reject") == agreed(source)
    assert libreoffice_view(office, redline, "Accept") == [
        "Title",
        "1. One;",
        "2. Two;",
        "3. Three;",
        "4. Four;",
        "5. Five.",
        "After.",
    ]


def test_libreoffice_reject_all_of_the_sample(tmp_path: Path, office: tuple[str, Path]) -> None:
    """LibreOffice cannot join a removed paragraph to the table after it: the paragraph stays,
    empty and without its number."""
    redline = tmp_path / "volunteerism-redline.docx"
    redline.write_bytes(write_redline(brackets.read(SAMPLES / "volunteerism-draft.docx")))
    rejected = libreoffice_view(office, redline, "Reject")
    expected = agreed(SAMPLES / "volunteerism-draft.docx")
    assert numbered(rejected) == numbered(expected)  # LibreOffice writes footnote numbers too
    assert "5." not in rejected
    table = rejected.index("Activity")
    assert rejected[table - 1] == "4. Consider outstanding volunteers at CICA events;"


def numbered(text_lines: list[str]) -> list[str]:
    return [line for line in text_lines if re.match(r"\d+\. |\(\w\) ", line)]
