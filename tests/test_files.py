"""Outputs are never destructive: devices, FIFOs, links, read-only files, inputs, signals.

These run as root in CI, so permissions are checked by their mode bits, not by EACCES.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from drafts import SAMPLE

from brackets import inputs, output
from brackets.errors import OutputError
from brackets.output import check_extension, refuse_input, write_output

ROOT = Path(__file__).resolve().parents[1]
TEXT = b"3. Invite the Secretariat to compile a list;\n"


def listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


# -- devices, FIFOs and sockets are written to, never replaced --------------------------------


def test_dev_null_is_written_to_and_stays_a_device() -> None:
    before = os.stat("/dev/null")
    write_output("/dev/null", TEXT)
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_dev_full_fails_clearly_and_stays_a_device() -> None:
    before = os.stat("/dev/full")
    with pytest.raises(OutputError) as caught:
        write_output("/dev/full", TEXT)
    assert str(caught.value) == "/dev/full: error: cannot write: No space left on device"
    after = os.stat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_fifo_is_written_to_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    data = TEXT * 50_000  # more than a pipe buffer: the writer must wait for the reader
    write_output(fifo, data)
    reader.join(timeout=10)
    assert received == [data]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert listing(tmp_path) == ["pipe.txt"]


def test_a_unix_socket_is_sent_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "out.sock"
    received = bytearray()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen(1)

        def serve() -> None:
            connection, _ = server.accept()
            with connection:
                while chunk := connection.recv(65536):
                    received.extend(chunk)

        thread = threading.Thread(target=serve)
        thread.start()
        write_output(path, TEXT)
        thread.join(timeout=10)
    assert bytes(received) == TEXT
    assert stat.S_ISSOCK(path.lstat().st_mode)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot write: is a directory"):
        write_output(tmp_path, TEXT)


# -- symbolic links -----------------------------------------------------------------------


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "links").mkdir()
    target = tmp_path / "drafts" / "clean.txt"
    target.write_bytes(b"old\n")
    old_inode = target.stat().st_ino
    link = tmp_path / "links" / "latest.txt"
    link.symlink_to(Path("..") / "drafts" / "clean.txt")
    write_output(link, TEXT)
    assert link.is_symlink() and os.readlink(link) == os.path.join("..", "drafts", "clean.txt")
    assert target.read_bytes() == TEXT
    assert target.stat().st_ino != old_inode  # replaced atomically beside the target
    assert listing(tmp_path / "drafts") == ["clean.txt"]
    assert listing(tmp_path / "links") == ["latest.txt"]


def test_a_dangling_symlink_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    link = tmp_path / "out.txt"
    link.symlink_to("missing/clean.txt")
    with pytest.raises(OutputError, match="dangling symbolic link"):
        write_output(link, TEXT)
    assert listing(tmp_path) == ["out.txt"] and link.is_symlink()


# -- existing files: read-only, mode, owner, hard links -------------------------------------


def test_a_read_only_file_is_refused_even_as_root(tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    out.write_bytes(b"old\n")
    out.chmod(0o444)
    with pytest.raises(OutputError, match="cannot write: file is read-only"):
        write_output(out, TEXT)
    assert out.read_bytes() == b"old\n"
    assert out.stat().st_mode & 0o777 == 0o444


def test_replacing_keeps_the_mode_but_never_setuid_or_setgid(tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    out.write_bytes(b"old\n")
    out.chmod(0o6751)
    write_output(out, TEXT)
    assert out.read_bytes() == TEXT
    assert stat.S_IMODE(out.stat().st_mode) == 0o751


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_replacing_keeps_the_owner(tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    out.write_bytes(b"old\n")
    os.chown(out, 4321, 4322)
    write_output(out, TEXT)
    info = out.stat()
    assert (info.st_uid, info.st_gid) == (4321, 4322)
    assert out.read_bytes() == TEXT


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_when_the_owner_cannot_be_kept_the_file_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "clean.txt"
    out.write_bytes(b"old\n")
    os.chown(out, 4321, 4322)
    inode = out.stat().st_ino

    def not_permitted(fd: int, uid: int, gid: int) -> None:
        raise PermissionError(1, "Operation not permitted")  # as for a user who is not root

    monkeypatch.setattr(os, "fchown", not_permitted)
    write_output(out, TEXT)
    info = out.stat()
    assert (info.st_ino, info.st_uid, info.st_gid) == (inode, 4321, 4322)
    assert out.read_bytes() == TEXT
    assert listing(tmp_path) == ["clean.txt"]


def test_a_hard_linked_output_is_written_in_place(tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    out.write_bytes(b"old text, longer than the new one\n" * 10)
    other = tmp_path / "shared.txt"
    os.link(out, other)
    write_output(out, TEXT)
    assert out.read_bytes() == other.read_bytes() == TEXT  # not detached
    assert os.path.samefile(out, other) and out.stat().st_nlink == 2


def test_a_hard_linked_setuid_file_loses_the_bit(tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    out.write_bytes(b"old\n")
    os.link(out, tmp_path / "shared.txt")
    out.chmod(0o4755)
    write_output(out, TEXT)
    assert stat.S_IMODE(out.stat().st_mode) == 0o755


def test_a_new_file_gets_the_umask_mode_and_no_temporary_is_left(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_output(tmp_path / "clean.txt", TEXT)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "clean.txt").stat().st_mode) == 0o640
    assert listing(tmp_path) == ["clean.txt"]


def test_without_o_tmpfile_a_named_temporary_is_used_and_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "_open_unnamed", lambda directory: None)
    out = tmp_path / "clean.txt"
    out.write_bytes(b"old\n")
    write_output(out, TEXT)
    write_output(tmp_path / "new.txt", TEXT)
    assert out.read_bytes() == (tmp_path / "new.txt").read_bytes() == TEXT
    assert listing(tmp_path) == ["clean.txt", "new.txt"]


# -- inputs and extensions ----------------------------------------------------------------


def test_an_input_is_refused_by_path_symlink_and_hard_link(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(b"a [b] (-CHN) c\n")
    (tmp_path / "via-link.txt").symlink_to("draft.txt")
    os.link(draft, tmp_path / "hard.txt")
    for name in ("draft.txt", "via-link.txt", "hard.txt", "./../" + tmp_path.name + "/draft.txt"):
        with pytest.raises(OutputError, match="refusing to overwrite the input file"):
            write_output(tmp_path / name, TEXT, inputs=[draft])
    assert draft.read_bytes() == b"a [b] (-CHN) c\n"
    refuse_input(tmp_path / "other.txt", [draft])  # another file is fine


def test_extensions_must_match_what_is_written(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"'\.pdf' in out\.pdf\): this output must end in "):
        check_extension(tmp_path / "out.pdf", (".txt", ".md"))
    with pytest.raises(OutputError, match=r"must end in \.txt, \.md or \.docx"):
        check_extension(tmp_path / "out", (".txt", ".md", ".docx"))
    check_extension(tmp_path / "OUT.TXT", (".txt",))
    check_extension("-", (".docx",))  # standard output takes anything
    check_extension("/dev/null", (".docx",))  # so does a device
    link = tmp_path / "clean.txt"
    link.symlink_to("clean.docx")
    with pytest.raises(OutputError, match=r"'\.docx' in clean\.docx"):
        check_extension(link, (".txt",))


def test_write_output_checks_the_extension_before_writing(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"must end in \.docx"):
        write_output(tmp_path / "x.txt", b"PK\x03\x04", accepted=(".docx",))
    assert listing(tmp_path) == []


# -- interrupted writes -------------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import os, sys, time
    from brackets import output

    if sys.argv[2] == "named":
        output._open_unnamed = lambda directory: None
    real_write = os.write
    def slow_write(fd, data):  # a slow disk: 1 MiB every 0.2 s, and say when it starts
        if fd > 2:
            sys.stderr.write("writing\\n")
            sys.stderr.flush()
            time.sleep(0.2)
        return real_write(fd, data)
    os.write = slow_write
    if sys.argv[3] == "cli":
        from brackets.cli import main
        sys.exit(main(["convert", sys.argv[4], "-o", sys.argv[1]]))
    output.write_output(sys.argv[1], b"new line of a large output\\n" * 100_000)
    """
)


def interrupt(out: Path, mode: str, signum: int, via: str = "api") -> int:
    """Start a large slow write of `out`, deliver `signum` midway, return the exit status."""
    big = out.parent / "big.md"
    if via == "cli":
        big.write_bytes(b"new line of a large draft\n" * 100_000)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(out), mode, via, str(big)],
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stderr is not None
    assert child.stderr.readline() == b"writing\n"
    child.stderr.readline()  # a second chunk: well inside the write
    seen = set(listing(out.parent)) - {out.name, big.name, "shared.txt"}
    if mode == "in place":
        assert not seen
    elif mode == "named":
        assert any(name.startswith(f".{out.name}.") for name in seen), seen
    else:
        assert not seen  # O_TMPFILE: the file being written has no name
        fds = Path(f"/proc/{child.pid}/fd")
        held = [os.readlink(fd) for fd in fds.iterdir()]
        assert any(link.startswith(f"{out.parent}/#") for link in held), held
    child.send_signal(signum)
    child.stderr.read()
    return child.wait(timeout=30)


@pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="O_TMPFILE is Linux only")
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_an_interrupted_unnamed_write_leaves_nothing(tmp_path: Path, signum: int) -> None:
    out = tmp_path / "clean.txt"
    out.write_bytes(b"the old output\n")
    assert interrupt(out, "unnamed", signum) == -signum
    assert listing(tmp_path) == ["clean.txt"]
    assert out.read_bytes() == b"the old output\n"


@pytest.mark.parametrize(
    ("signum", "status"),
    [(signal.SIGTERM, -signal.SIGTERM), (signal.SIGHUP, -signal.SIGHUP), (signal.SIGINT, 130)],
)
def test_an_interrupted_named_write_removes_its_temporary(
    tmp_path: Path, signum: int, status: int
) -> None:
    out = tmp_path / "clean.txt"
    out.write_bytes(b"the old output\n")
    assert interrupt(out, "named", signum, via="cli") == status
    assert listing(tmp_path) == ["big.md", "clean.txt"]
    assert out.read_bytes() == b"the old output\n"


def test_sigterm_waits_for_an_in_place_write_to_end(tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    out.write_bytes(b"the old output\n")
    os.link(out, tmp_path / "shared.txt")
    assert interrupt(out, "in place", signal.SIGTERM) == -signal.SIGTERM
    assert out.read_bytes() == b"new line of a large output\n" * 100_000
    assert listing(tmp_path) == ["clean.txt", "shared.txt"]


def test_signal_handlers_are_restored_after_writing(tmp_path: Path) -> None:
    before = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)}
    write_output(tmp_path / "clean.txt", TEXT)
    assert {s: signal.getsignal(s) for s in before} == before


# -- standard input and output ------------------------------------------------------------


def test_read_dash_is_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", open(SAMPLE, encoding="utf-8"))  # noqa: SIM115
    draft = inputs.read("-")
    assert draft.path == inputs.STDIN
    assert draft.to_text() == SAMPLE.read_text(encoding="utf-8")
    sys.stdin.close()


def test_write_dash_is_standard_output(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    write_output("-", b"PK\x03\x04 binary \x00 bytes")
    assert capsysbinary.readouterr().out == b"PK\x03\x04 binary \x00 bytes"


def test_an_empty_output_name_is_refused() -> None:
    with pytest.raises(OutputError, match=r"empty output name \(use - for standard output\)"):
        write_output("", TEXT)


def test_a_read_only_folder_is_respected_even_by_root(tmp_path: Path) -> None:
    # The corpus folder is r-x: as root, nothing but its bits stopped a new file there.
    folder = tmp_path / "corpus"
    folder.mkdir()
    existing = folder / "old.txt"
    existing.write_bytes(b"old\n")
    folder.chmod(0o555)
    try:
        for target in (folder / "new.md", existing):
            with pytest.raises(OutputError) as caught:
                write_output(target, TEXT)
            assert str(caught.value).endswith(f"cannot write: the folder {folder} is read-only")
            with pytest.raises(OutputError):
                output.check_output(target, accepted=(".md", ".txt"))
        assert sorted(p.name for p in folder.iterdir()) == ["old.txt"]
        assert existing.read_bytes() == b"old\n"
        write_output(os.devnull, TEXT)  # devices are not files in a folder: still written
    finally:
        folder.chmod(0o755)
