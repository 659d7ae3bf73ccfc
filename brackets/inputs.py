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
from typing import TYPE_CHECKING, BinaryIO

from .codes import parse
from .errors import Diagnostic, DocxError, DraftSyntaxError, InputError
from .model import Draft
from .output import STDIN, ZIP_MAGIC
from .settings import byte_limit

if TYPE_CHECKING:
    from .delegations import Registry

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_PDF_MAGIC = b"%PDF-"
#: Default limit on the bytes of a text draft (file or standard input).
DEFAULT_MAX_TEXT_BYTES = 200 * 1024 * 1024
#: Environment variable that overrides it (bytes, a plain integer).
MAX_TEXT_ENV = "BRACKETS_MAX_TEXT_BYTES"
_WORD_ENV = "BRACKETS_MAX_DOCX_BYTES"
_CHUNK = 1 << 20
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
            path,
            "this is a PDF file, not a draft: convert it to Word (.docx) or to text "
            "first (in Word: open it and save as .docx)",
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


def max_text_bytes(path: str = "") -> int:
    """The size limit on a text draft in force: $BRACKETS_MAX_TEXT_BYTES, else 200 MiB."""
    try:
        return byte_limit(MAX_TEXT_ENV, DEFAULT_MAX_TEXT_BYTES)
    except ValueError as error:
        raise _fail(path, str(error)) from None


def read_bounded(
    stream: BinaryIO, path: str, limit: int, head: bytes = b"", setting: str = MAX_TEXT_ENV
) -> bytes:
    """`head` and the rest of `stream`, at most `limit` bytes in all, read in steps (an
    endless stream such as `yes |` or /dev/zero is refused at the limit, never slurped)."""
    chunks = [head]
    size = len(head)
    while size <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise _fail(path, f"the input is larger than the limit of {limit} bytes (raise ${setting})")


def _word_limit() -> int:
    """The Word size limit (its decompressed size bounds what standard input may send)."""
    from .docx.ooxml.package import max_bytes_limit

    return max_bytes_limit(None, STDIN)


def _parse_text(data: bytes, path: str, lenient: bool, registry: Registry | None) -> Draft:
    """Decode and parse a text draft; running out of memory is one line, not a traceback."""
    text, encoding, bom = decode(data, path)
    try:
        return parse(
            text, lenient=lenient, path=path, registry=registry, encoding=encoding, bom=bom
        )
    except MemoryError:
        raise _fail(
            path,
            f"out of memory parsing the draft: it is too large for this machine (lower "
            f"${MAX_TEXT_ENV} to refuse such files up front)",
        ) from None


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
    limit = max_text_bytes(name)
    try:
        with open(name, "rb") as stream:
            data = read_bounded(stream, name, limit)
    except FileNotFoundError:
        raise _fail(name, "no such file") from None
    except IsADirectoryError:
        raise _fail(name, "is a directory, not a draft") from None
    except OSError as exc:
        raise _fail(name, f"cannot read: {exc.strerror or exc}") from None
    if data[:4] == ZIP_MAGIC:
        raise _fail(name, "this is a zip file (a Word document?); give it a .docx name to read it")
    return _parse_text(data, name, lenient, registry)


def _read_stdin(
    lenient: bool,
    registry: Registry | None,
    track_changes: str,
    notes: bool,
    editors: Sequence[str] = (),
    comments: bool = True,
) -> Draft:
    stream = sys.stdin.buffer
    try:
        head = stream.read(len(ZIP_MAGIC))  # a buffered read: all four bytes, or the end
        word = head.startswith((ZIP_MAGIC, _OLE_MAGIC[: len(ZIP_MAGIC)]))
        if word:
            data = read_bounded(stream, STDIN, _word_limit(), head, _WORD_ENV)
        else:
            data = read_bounded(stream, STDIN, max_text_bytes(STDIN), head)
    except InputError:
        raise
    except (OSError, AttributeError, ValueError) as exc:
        raise _fail(STDIN, f"cannot read standard input: {exc}") from None
    if not word:
        return _parse_text(data, STDIN, lenient, registry)
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
