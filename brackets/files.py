"""Reading drafts from files and writing outputs safely (atomically, never over an input)."""

from __future__ import annotations

import codecs
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Diagnostic, Draft
from .parse import parse

if TYPE_CHECKING:
    from .delegations import Registry

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class InputError(ValueError):
    """An input that cannot be read as a draft at all (missing, not text, not UTF-8)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


def _fail(path: str, message: str, line: int = 0, column: int = 0) -> InputError:
    return InputError(Diagnostic("error", message, line, column, path, "input"))


def decode(data: bytes, path: str) -> tuple[str, str, bool]:
    """Text, encoding and whether a byte order mark was present; UTF-8 unless a BOM says else."""
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


def read(
    path: str | os.PathLike[str],
    *,
    lenient: bool = False,
    registry: Registry | None = None,
    track_changes: str = "accept",
    notes: bool = False,
) -> Draft:
    """Read a draft from a text file or a Word document (.docx), by its extension."""
    name = os.fspath(path)
    if name.lower().endswith((".docx", ".docm", ".doc", ".dotx")):
        from .docx.reader import read_docx

        return read_docx(
            name, track_changes=track_changes, notes=notes, lenient=lenient, registry=registry
        )
    try:
        data = Path(name).read_bytes()
    except FileNotFoundError:
        raise _fail(name, "no such file") from None
    except IsADirectoryError:
        raise _fail(name, "is a directory, not a draft") from None
    except OSError as exc:
        raise _fail(name, f"cannot read: {exc.strerror or exc}") from None
    if data[:4] == b"PK\x03\x04":
        raise _fail(name, "this is a zip file (a Word document?); give it a .docx name to read it")
    text, encoding, bom = decode(data, name)
    return parse(text, lenient=lenient, path=name, registry=registry, encoding=encoding, bom=bom)


def write_atomic(
    path: str | os.PathLike[str], data: bytes, *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Write `data` to `path` via a temporary file and a rename; never over an input."""
    target = Path(path)
    refuse_input(target, inputs)
    directory = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _default_mode(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _default_mode(target: Path) -> int:
    """The mode a plain `open(target, "w")` would give: the existing file's, or 0o666 - umask."""
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def refuse_input(target: Path, inputs: Iterable[str | os.PathLike[str]]) -> None:
    for source in inputs:
        source_path = Path(source)
        same = source_path.resolve() == target.resolve()
        if not same and target.exists() and source_path.exists():
            same = os.path.samefile(source_path, target)
        if same:
            raise _fail(
                os.fspath(target), "refusing to overwrite the input file; choose another output"
            )
