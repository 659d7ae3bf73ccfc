"""Numbering test kit: hand-made numbering parts, paragraphs marked `P<k>`, and the labels two
readers give them (ours, and LibreOffice's text export, many files per soffice call).

Each paragraph's text is its marker `P<k>`, so a line's label is whatever stands before the
marker: no alignment guesswork, an unnumbered paragraph has the label "".
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from readkit import W_NS, body, numbering_xml, p, write_package
from writekit import libreoffice

from brackets.docx.reader import extract_text

_MARK = re.compile(r"P(\d+)$")
#: LibreOffice writes a bullet's own character; the reader writes the notation's "-".
_BULLETS = {"\u2022", "\uf0b7", "\u25e6", "\u25aa", "o"}


def lvl(
    ilvl: int, fmt: str, text: str, start: int | None = 1, extra: str = ""
) -> str:
    """A w:lvl (start None: no w:start element, as Word writes in some overrides)."""
    start_xml = "" if start is None else f'<w:start w:val="{start}"/>'
    return (
        f'<w:lvl w:ilvl="{ilvl}">{start_xml}<w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def abstract(key: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{key}">{extra}{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, *overrides: str) -> str:
    return (
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
        f'{"".join(overrides)}</w:num>'
    )


def start_override(ilvl: int, value: int, level: str = "") -> str:
    return (
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/>{level}'
        "</w:lvlOverride>"
    )


def level_override(ilvl: int, level: str = "") -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}">{level}</w:lvlOverride>'


def style(style_id: str, num_id: int | None = None, ilvl: int | None = None,
          based_on: str | None = None, kind: str = "paragraph") -> str:
    """A named style (LibreOffice ignores unnamed ones) with optional numbering."""
    numpr = ""
    if num_id is not None or ilvl is not None:
        numpr = "<w:pPr><w:numPr>"
        numpr += "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
        numpr += "" if num_id is None else f'<w:numId w:val="{num_id}"/>'
        numpr += "</w:numPr></w:pPr>"
    based = "" if based_on is None else f'<w:basedOn w:val="{based_on}"/>'
    return (
        f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{style_id} style"/>'
        f"{based}{numpr}</w:style>"
    )


def styles_xml(*styles: str) -> str:
    normal = '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
    normal += '<w:name w:val="Normal"/></w:style>'
    return f'<w:styles xmlns:w="{W_NS}">{normal}{"".join(styles)}</w:styles>'


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph: direct numbering (num_id, ilvl; None = absent) and/or a style."""

    num_id: int | None = None
    ilvl: int | None = None
    style: str | None = None


@dataclass(frozen=True, slots=True)
class NumberedDoc:
    """The parts of one test document."""

    abstracts: str
    nums: str
    paragraphs: Sequence[Para]
    styles: tuple[str, ...] = field(default=())

    def write(self, path: Path) -> Path:
        xml = []
        for k, para in enumerate(self.paragraphs):
            ppr = "" if para.style is None else f'<w:pStyle w:val="{para.style}"/>'
            if para.num_id is not None or para.ilvl is not None:
                ppr += "<w:numPr>"
                ppr += "" if para.ilvl is None else f'<w:ilvl w:val="{para.ilvl}"/>'
                ppr += "" if para.num_id is None else f'<w:numId w:val="{para.num_id}"/>'
                ppr += "</w:numPr>"
            xml.append(p(f"P{k}", ppr=ppr))
        return write_package(
            path,
            body("".join(xml)),
            numbering=numbering_xml(self.abstracts, self.nums),
            styles=styles_xml(*self.styles),
        )


def labels_of(text: str) -> list[str]:
    """The label before each paragraph's marker, line by line (bullets as "-")."""
    out = []
    for line in text.split("\n"):
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        found = _MARK.search(line)
        label = line[: found.start()].strip() if found else f"?{line}"
        out.append("-" if label in _BULLETS else label)
    return out


def our_labels(path: Path) -> list[str]:
    return labels_of(extract_text(path)[0])


def libreoffice_texts(paths: Sequence[Path]) -> list[str]:
    """LibreOffice's text export of each file, all converted by one soffice call."""
    soffice = libreoffice()
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "txt:Text (encoded):UTF8",
                "--outdir",
                folder,
                *map(str, paths),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        return [
            (Path(folder) / f"{path.stem}.txt").read_text(encoding="utf-8-sig") for path in paths
        ]


def libreoffice_labels(paths: Sequence[Path]) -> list[list[str]]:
    return [labels_of(text) for text in libreoffice_texts(paths)]
