"""Writing outputs that never destroy anything: the ground floor every writer ends in.

Every writer (text, Word clean copy, Word redline, reports) ends in `write_output`: it writes
standard output for `-`, writes devices and FIFOs directly, writes through symbolic links,
refuses read-only files, block devices and any input of the run, keeps an existing file's mode
and owner, writes hard-linked files in place and replaces every other file atomically from an
unnamed temporary file (Linux `O_TMPFILE`), so that an interrupted run leaves nothing behind.

It imports nothing from `brackets` but `brackets.errors`, so the Word package layer can save
through it without importing the readers.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import signal
import socket
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TextIO

from .errors import Diagnostic, OutputError

#: The name of standard input in diagnostics (`-` on the command line), and as an input.
STDIN = "<stdin>"
#: The output name that means standard output.
STDOUT = "-"
#: Accepted output extensions by kind of content.
TEXT_EXTENSIONS = (".txt", ".md")
DOCX_EXTENSIONS = (".docx",)
#: The first bytes of a zip file (a Word document): never written to a terminal.
ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 1 << 20
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)


def _refuse(path: str, message: str) -> OutputError:
    return OutputError(Diagnostic("error", message, 0, 0, path, "output"))


# -- checks before writing ------------------------------------------------------------------


def check_extension(path: str | os.PathLike[str], accepted: Sequence[str]) -> None:
    """Refuse an output whose extension does not match what will be written into it.

    `-` (standard output), the file standard output or error already writes to (`/dev/stdout`),
    and existing devices, FIFOs and sockets take any content. A symbolic link's target is
    checked too.
    """
    name = os.fspath(path)
    if takes_any_content(name):
        return
    names = [name]
    if os.path.islink(name):
        names.append(os.path.realpath(name))
    for candidate in names:
        suffix = Path(candidate).suffix.lower()
        if suffix not in accepted:
            shown = f"'{suffix}'" if suffix else "no extension"
            raise _refuse(
                name,
                f"wrong output extension ({shown} in {Path(candidate).name}): "
                f"this output must end in {_either(accepted)}",
            )


def takes_any_content(path: str | os.PathLike[str]) -> bool:
    """`-`, an existing device, FIFO or socket, or the file standard output or error writes
    to: no extension to match, so a command writes its default format there."""
    name = os.fspath(path)
    return name == STDOUT or _special(name) or _open_stream(name) is not None


def _either(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _special(name: str) -> bool:
    """An existing node that is not a regular file (device, FIFO, socket, directory)."""
    try:
        return not stat.S_ISREG(os.stat(name).st_mode)
    except OSError:
        return False


def refuse_input(target: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Refuse an output that is one of `inputs`: same file by device and inode (so through
    symbolic and hard links), or the same path. `-`/`<stdin>` stand for standard input."""
    name = os.fspath(target)
    if name == STDOUT:
        return
    out = _stat(name)
    for source in inputs:
        source_name = os.fspath(source)
        if source_name in ("-", STDIN) and not os.path.lexists(source_name):
            source_name = STDIN
            try:
                held: os.stat_result | None = os.fstat(sys.stdin.fileno())
            except (OSError, AttributeError, ValueError):
                held = None
        else:
            held = _stat(source_name)
        same = os.path.realpath(source_name) == os.path.realpath(name)
        if out is not None and held is not None and stat.S_ISREG(held.st_mode):
            same = same or (out.st_dev, out.st_ino) == (held.st_dev, held.st_ino)
        if same:
            raise _refuse(
                name,
                f"refusing to overwrite the input file {source_name}; choose another output",
            )


def _stat(name: str) -> os.stat_result | None:
    try:
        return os.stat(name)
    except (OSError, ValueError):
        return None


def check_output(
    path: str | os.PathLike[str],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    accepted: Sequence[str] = (),
    binary: bool = False,
) -> None:
    """Every refusal `write_output` would make, before any work: extension, inputs, node, and
    (`binary`: a Word document is coming) standard output on a terminal."""
    name, stream = _checked(path, inputs, accepted)
    if stream is None:
        _destination(name)
    elif binary and stream.isatty():
        raise _no_terminal("<stdout>" if name == STDOUT else name)


def _checked(
    path: str | os.PathLike[str],
    inputs: Iterable[str | os.PathLike[str]],
    accepted: Sequence[str],
) -> tuple[str, TextIO | None]:
    """The refusals every output shares (empty name, extension, an input of the run); then the
    stream to write to for `-`, a device, FIFO or socket, or None for a file to replace."""
    name = os.fspath(path)
    if not name:
        raise _refuse("brackets", "empty output name (use - for standard output)")
    if accepted:
        check_extension(name, accepted)
    refuse_input(name, inputs)
    return name, sys.stdout if name == STDOUT else _open_stream(name)


# -- writing --------------------------------------------------------------------------------


def write_output(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    accepted: Sequence[str] = (),
) -> None:
    """Write `data` to `path` without ever destroying anything; the one call every writer uses.

    - `-`: standard output (binary; a zip such as a .docx is refused on a terminal).
    - a character device, FIFO or socket: written to directly, never replaced.
    - a symbolic link: its final target is written (atomically, beside the target); the link
      stays. A dangling link is refused (we do not create files where a link points).
    - a new file, or a file replaced by a rename, in a folder without write bits: refused
      (even for root, as a read-only file is).
    - an existing regular file: refused when read-only (no write bit, even for root);
      replaced atomically keeping its mode (without setuid/setgid) and owner; written in
      place when it has other hard links (so they all see the new text) or when its owner
      cannot be kept.
    - a new file: created atomically with the mode `open()` would give.
    - a directory, a block device or any of `inputs` (also through links): refused.

    Raises `OutputError` (one line: the output and the reason, e.g. `cannot write: No space
    left on device`).
    """
    name, stream = _checked(path, inputs, accepted)
    if stream is not None:
        _write_stream(stream, data, "<stdout>" if name == STDOUT else name)
        return
    target, info = _destination(name)
    try:
        if info is None:
            _replace(target, data, None)
        elif stat.S_ISREG(info.st_mode):
            if info.st_nlink > 1 or not _replace(target, data, info):
                _write_in_place(target, data, info)
        elif stat.S_ISSOCK(info.st_mode):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
                connection.connect(target)
                connection.sendall(data)
        else:
            _write_node(name, target, data)
    except OSError as exc:
        raise _refuse(name, f"cannot write: {exc.strerror or exc}") from None


def _open_stream(name: str) -> TextIO | None:
    """Standard output or error when `name` is the very file it writes to (`/dev/stdout`,
    `/dev/fd/2`, or the file it is redirected to): written through the stream, so that a
    shell's `>>` still appends and a pipe stays a pipe."""
    info = _stat(name)
    for stream in (sys.stdout, sys.stderr):
        try:
            held = os.fstat(stream.fileno())
        except (OSError, AttributeError, ValueError):
            continue
        if info is not None and (info.st_dev, info.st_ino) == (held.st_dev, held.st_ino):
            return stream
    return None


def _destination(name: str) -> tuple[str, os.stat_result | None]:
    """The file to write (a link's final target) and its status, or a refusal."""
    try:
        info: os.stat_result | None = os.stat(name)  # through links, /proc's magic ones too
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _refuse(name, f"cannot write: {exc.strerror or exc}") from None
    target = name
    if os.path.islink(name):
        if info is None:
            raise _refuse(
                name,
                f"cannot write: dangling symbolic link (to {os.readlink(name)}); "
                "create its target or remove the link",
            )
        if stat.S_ISREG(info.st_mode):
            target = os.path.realpath(name)  # the temporary file goes beside the target
            real = _stat(target)
            if real is None or (real.st_dev, real.st_ino) != (info.st_dev, info.st_ino):
                raise _refuse(name, "cannot write: the link leads to a file without a name")
    if info is None or (stat.S_ISREG(info.st_mode) and info.st_nlink == 1):
        # A new file, or one replaced by a rename: its folder must be writable. Root could
        # write a folder without write bits anyway; like a read-only file, it is refused.
        folder = os.path.dirname(os.path.abspath(target))
        folder_info = _stat(folder)
        if folder_info is not None and folder_info.st_mode & 0o222 == 0:
            raise _refuse(name, f"cannot write: the folder {folder} is read-only")
    if info is None:
        return target, None
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise _refuse(name, "cannot write: is a directory")
    if stat.S_ISBLK(mode):
        raise _refuse(name, "cannot write: is a block device (refusing to write over a disk)")
    if not stat.S_ISSOCK(mode) and (mode & 0o222 == 0 or not os.access(target, os.W_OK)):
        reason = "file is read-only" if mode & 0o222 == 0 else "permission denied"
        raise _refuse(name, f"cannot write: {reason}")
    return target, info


def _write_stream(stream: TextIO, data: bytes, name: str) -> None:
    """Standard output or error, byte for byte (never a Word document on a terminal)."""
    if data.startswith(ZIP_MAGIC) and stream.isatty():
        raise _no_terminal(name)
    try:
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _refuse(name, f"cannot write: {exc.strerror or exc}") from None


def _no_terminal(name: str) -> OutputError:
    return _refuse(
        name,
        "refusing to write a Word document to a terminal; redirect standard output "
        "or give -o FILE.docx",
    )


def _write_node(name: str, target: str, data: bytes) -> None:
    """A character device or FIFO: open it as it is (no creation, no truncation) and write."""
    fd = os.open(target, os.O_WRONLY | _NOCTTY | _CLOEXEC)
    try:
        if data.startswith(ZIP_MAGIC) and os.isatty(fd):
            raise _no_terminal(name)
        _write_all(fd, data)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:_CHUNK])
        view = view[written:]


def _new_mode() -> int:
    """The mode a plain `open(name, "w")` would give a new file: 0o666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _replace(target: str, data: bytes, info: os.stat_result | None) -> bool:
    """Write a new file beside `target` and rename it over `target`.

    False (nothing written) when the existing file's owner cannot be given to the new file.
    """
    directory = os.path.dirname(target) or "."
    with _cleanup_on_signals() as pending:
        fd = _open_unnamed(directory)
        if fd is None:
            fd, pending.name = tempfile.mkstemp(
                prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=directory
            )
        try:
            if info is not None:
                now = os.fstat(fd)
                if (now.st_uid, now.st_gid) != (info.st_uid, info.st_gid):
                    try:
                        os.fchown(fd, info.st_uid, info.st_gid)
                    except PermissionError:
                        return False
            os.fchmod(fd, info.st_mode & 0o777 if info is not None else _new_mode())
            _write_all(fd, data)
            os.fsync(fd)
            if pending.name is None:
                if info is None:
                    try:
                        _link_unnamed(fd, target)
                        return True
                    except FileExistsError:
                        pass
                pending.name = _temporary_name(directory, os.path.basename(target))
                _link_unnamed(fd, pending.name)
            os.replace(pending.name, target)
            pending.name = None
        finally:
            os.close(fd)
    return True


def _open_unnamed(directory: str) -> int | None:
    """An unnamed file in `directory` (Linux O_TMPFILE, linkable through /proc), or None."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag:
        return None
    try:
        fd = os.open(directory, flag | os.O_WRONLY | _CLOEXEC, 0o600)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return None
        raise
    if not os.path.exists(f"/proc/self/fd/{fd}"):
        os.close(fd)
        return None
    return fd


def _link_unnamed(fd: int, name: str) -> None:
    """Give the unnamed file `fd` the name `name`: linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd.

    A `src_dir_fd` makes Python call linkat (with it, not link(), which would try to link the
    /proc symbolic link itself); the absolute source path ignores its value.
    """
    os.link(f"/proc/self/fd/{fd}", name, src_dir_fd=fd, follow_symlinks=True)


def _temporary_name(directory: str, base: str) -> str:
    return os.path.join(directory, f".{base}.{os.urandom(6).hex()}.tmp")


def _write_in_place(target: str, data: bytes, info: os.stat_result) -> None:
    """Truncate and rewrite the file itself (same inode), from bytes all produced already.

    Space is reserved first where the file system allows it, so a full disk fails before the
    old content is touched; SIGTERM, SIGHUP and SIGINT wait until the write is done.
    """
    fd = os.open(target, os.O_WRONLY | _CLOEXEC)
    try:
        if len(data) > info.st_size and hasattr(os, "posix_fallocate"):
            try:
                os.posix_fallocate(fd, 0, len(data))
            except OSError as exc:
                if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENODEV):
                    os.ftruncate(fd, info.st_size)
                    raise
        with _signals_deferred():
            _write_all(fd, data)
            os.ftruncate(fd, len(data))
            if info.st_mode & 0o6000:
                os.fchmod(fd, info.st_mode & 0o777)
            os.fsync(fd)
    finally:
        os.close(fd)


@dataclasses.dataclass(slots=True)
class _TemporaryFile:
    """The named temporary file to remove if the write stops (None while there is none)."""

    name: str | None = None


class _Interrupted(BaseException):
    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signum)


@contextmanager
def _cleanup_on_signals() -> Iterator[_TemporaryFile]:
    """Remove the pending temporary file on any exit, SIGTERM, SIGHUP and SIGINT included.

    Handlers are installed only while writing (main thread only) and the previous ones
    restored; the signal is then delivered again so the process ends as it would have.
    """
    pending = _TemporaryFile()
    previous: dict[int, object] = {}

    def interrupted(signum: int, frame: FrameType | None) -> None:
        raise _Interrupted(signum)

    if threading.current_thread() is threading.main_thread():
        for signum in _SIGNALS:
            handler = signal.getsignal(signum)
            if handler is not signal.SIG_IGN and handler is not None:
                previous[signum] = handler
                signal.signal(signum, interrupted)
    try:
        yield pending
    except _Interrupted as stop:
        _restore(previous, pending)
        previous = {}
        os.kill(os.getpid(), stop.signum)
        raise OSError(errno.EINTR, f"interrupted by signal {stop.signum}") from None
    finally:
        _restore(previous, pending)


def _restore(previous: dict[int, object], pending: _TemporaryFile) -> None:
    if pending.name is not None:
        Path(pending.name).unlink(missing_ok=True)
        pending.name = None
    for signum, handler in previous.items():
        signal.signal(signum, handler)  # type: ignore[arg-type]


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGTERM, SIGHUP and SIGINT until the block ends (where the platform can)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
