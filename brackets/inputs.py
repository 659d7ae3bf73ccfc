"""Reading drafts from files or standard input: text or Word, chosen by name or by bytes.

The top floor, beside the public API: it picks the reader (the text parser, the Word reader)
for an input, so the command line, `stats` and the reports read through it.
"""

from __future__ import annotations

import atexit
import codecs
import dataclasses
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .codes import parse
from .errors import Diagnostic, DocxError, DraftSyntaxError, InputError
from .model import Draft
from .output import STDIN, ZIP_MAGIC

if TYPE_CHECKING:
    from .delegations import Registry

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_PDF_MAGIC = b"%PDF-"
_WORD_SUFFIXES = (".docx", ".docm", ".doc", ".dotx")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _fail(path: str, message: str, line: int = 0, column: int = 0) -> InputError:
    return InputError(Diagnostic("error", message, line, column, path, "input"))


def decode(data: bytes, path: str) -> tuple[str, str, bool]:
    """Text, encoding and whether a byte order mark was present; UTF-8 unless a BOM says else."""
    if data.startswith(_PDF_MAGIC):
        raise _fail(
            path, "this is a PDF file, not a draft: convert it to Word (.docx) or to text "
            "first (in Word: open it and save as .docx)"
        )
    encoding, bom = "utf-8", False
    for mark, name in _BOMS:
        if data.startswith(mark):
            encoding, bom, data = name, True, data[len(mark) :]
            break
    try:
        return data.decode(encoding), encoding, bom
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode(encoding, errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise _fail(
            path,
            f"not {encoding.upper()} text (byte 0x{data[exc.start]:02X}); save the draft as UTF-8",
            line,
            column,
        ) from None


# -- reading ------------------------------------------------------------------------------


def read(
    path: str | os.PathLike[str],
    *,
    lenient: bool = False,
    registry: Registry | None = None,
    track_changes: str = "accept",
    notes: bool = False,
    editors: Sequence[str] = (),
    comments: bool = True,
) -> Draft:
    """Read a draft from a text file or a Word document (.docx, by its extension).

    `-` reads standard input: a Word document when its bytes are a zip (or OLE) file, a text
    draft otherwise; diagnostics then name `<stdin>`. `editors` (Word only) name authors whose
    tracked changes are editorial: accepted, not positions (`read_docx`). Word comments are
    read as positions unless `comments` is False.
    """
    name = os.fspath(path)
    if name == "-":
        return _read_stdin(lenient, registry, track_changes, notes, editors, comments)
    if name.lower().endswith(_WORD_SUFFIXES):
        from .docx.reader import read_docx

        return read_docx(
            name,
            track_changes=track_changes,
            notes=notes,
            lenient=lenient,
            registry=registry,
            editors=editors,
            comments=comments,
        )
    try:
        data = Path(name).read_bytes()
    except FileNotFoundError:
        raise _fail(name, "no such file") from None
    except IsADirectoryError:
        raise _fail(name, "is a directory, not a draft") from None
    except OSError as exc:
        raise _fail(name, f"cannot read: {exc.strerror or exc}") from None
    if data[:4] == ZIP_MAGIC:
        raise _fail(name, "this is a zip file (a Word document?); give it a .docx name to read it")
    text, encoding, bom = decode(data, name)
    return parse(text, lenient=lenient, path=name, registry=registry, encoding=encoding, bom=bom)


def _read_stdin(
    lenient: bool,
    registry: Registry | None,
    track_changes: str,
    notes: bool,
    editors: Sequence[str] = (),
    comments: bool = True,
) -> Draft:
    try:
        data = sys.stdin.buffer.read()
    except (OSError, AttributeError, ValueError) as exc:
        raise _fail(STDIN, f"cannot read standard input: {exc}") from None
    if not data.startswith((ZIP_MAGIC, _OLE_MAGIC)):
        text, encoding, bom = decode(data, STDIN)
        return parse(
            text, lenient=lenient, path=STDIN, registry=registry, encoding=encoding, bom=bom
        )
    from .docx.reader import read_docx

    spool = _spool(data)
    try:
        draft = read_docx(
            spool,
            track_changes=track_changes,
            notes=notes,
            lenient=lenient,
            registry=registry,
            editors=editors,
            comments=comments,
        )
    except DocxError as exc:
        raise DocxError(STDIN, exc.message) from None
    except DraftSyntaxError as exc:
        raise DraftSyntaxError(tuple(_renamed(d, spool) for d in exc.diagnostics)) from None
    return dataclasses.replace(
        draft, path=STDIN, diagnostics=tuple(_renamed(d, spool) for d in draft.diagnostics)
    )


def _renamed(diagnostic: Diagnostic, spool: str) -> Diagnostic:
    return dataclasses.replace(diagnostic, path=STDIN) if diagnostic.path == spool else diagnostic


_spooled: list[int] = []


def _spool(data: bytes) -> str:
    """A path holding `data` for the rest of the run (the Word writers re-open their source).

    On Linux an anonymous memory file reached through /proc, which nothing can leave behind;
    elsewhere a named temporary file removed at exit.
    """
    if hasattr(os, "memfd_create") and os.path.isdir("/proc/self/fd"):
        fd = os.memfd_create("brackets-stdin.docx", os.MFD_CLOEXEC)
        with os.fdopen(fd, "wb", closefd=False) as stream:
            stream.write(data)
        _spooled.append(fd)
        return f"/proc/self/fd/{fd}"
    handle, name = tempfile.mkstemp(prefix="brackets-stdin.", suffix=".docx")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    atexit.register(Path(name).unlink, missing_ok=True)
    return name
