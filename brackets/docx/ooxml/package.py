"""The one Word package: a .docx opened safely, read and edited in place, saved atomically.

A Word document is a zip of XML parts. Before anything is parsed this module checks that the
file is a zip (and says so when it is an OLE compound file: a Word 97-2003 .doc or an encrypted
.docx), that it holds a main document part, and that neither the declared nor the actual
decompressed sizes exceed a limit (zip bombs). Parts are read with `zipfile`, in chunks cut off
past a byte budget, whatever their compression method (bzip2 and LZMA through a bounded
decompressor of ours, see `_inflate`): a member never yields more than its declared size, nor
the package more than the limit in total. Entry names that could escape a folder (`../x`, `/x`)
are dropped. XML is parsed with entity expansion, DTD loading and network access off, and any
DOCTYPE or ENTITY declaration is refused outright.

The same package serves reading and writing: `xml()` parses a part to read it, `edit()` to
change it; `save()` writes every part back, the edited ones serialised, the others with the
bytes they were read with.
"""

from __future__ import annotations

import bz2
import copy
import io
import lzma
import os
import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO

from lxml import etree

from ...errors import DocxError
from ...settings import byte_limit
from .names import CT_NS, PKG_REL_NS

_Element = etree._Element

#: An OLE compound file: Word 97-2003 documents and encrypted (password-protected) .docx files.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Default limit on the total decompressed size of a package (declared and actual).
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
#: Environment variable that overrides the default limit (bytes, a plain integer).
MAX_BYTES_ENV = "BRACKETS_MAX_DOCX_BYTES"
#: A member larger than `_RATIO_FLOOR` bytes must not expand more than this many times
#: (deflate tops out near 1030:1; real Word parts, even highly repetitive ones, stay near 100).
MAX_RATIO = 500
_RATIO_FLOOR = 1024 * 1024
_CHUNK = 1 << 16
_DECLARATIONS = ("<!DOCTYPE", "<!ENTITY")
_CONTENT_TYPES = "[Content_Types].xml"
#: The deflate level of the parts we write: level 2 compresses Word XML at the speed of
#: level 1 and twice that of zlib's default 6, for a file about 30 % larger (issue 19 §4:
#: the redline of a dense 1 MB draft spends more time compressing than writing runs).
COMPRESS_LEVEL = 2
_XML_SUFFIXES = (".xml", ".rels")


def max_bytes_limit(max_bytes: int | None = None, path: str = "") -> int:
    """The size limit in force: the keyword, else $BRACKETS_MAX_DOCX_BYTES, else 200 MiB."""
    if max_bytes is not None:
        if max_bytes <= 0:
            raise DocxError(path, f"the size limit must be positive, not {max_bytes}")
        return max_bytes
    try:
        return byte_limit(MAX_BYTES_ENV, DEFAULT_MAX_BYTES)
    except ValueError as error:
        raise DocxError(path, str(error)) from None


@contextmanager
def memory_guard(
    path: str, doing: str, limit: int | None = None, *, from_word: bool = True
) -> Iterator[None]:
    """Turn running out of memory into a DocxError; for a Word source it names the
    documented size limit (`from_word=False`: a generated document from a text draft)."""
    try:
        yield
    except MemoryError:
        if not from_word:
            raise DocxError(
                path, f"out of memory {doing}: the draft is too large for this machine"
            ) from None
        raise DocxError(path, _out_of_memory(doing, limit)) from None


def _out_of_memory(doing: str, limit: int | None) -> str:
    try:
        limit = max_bytes_limit(limit)
    except DocxError:
        limit = DEFAULT_MAX_BYTES
    return (
        f"out of memory {doing}: the document is too large for this machine (the size limit "
        f"is {limit} bytes decompressed; lower max_bytes or ${MAX_BYTES_ENV} to refuse such "
        "files up front)"
    )


def sniff(path: str, head: bytes) -> None:
    """Refuse with a clear message anything that is obviously not a .docx, from its first bytes."""
    if not head:
        raise DocxError(path, "empty file, not a Word document")
    if head.startswith(OLE_MAGIC):
        raise DocxError(
            path,
            "Word 97-2003 .doc or encrypted .docx (an OLE compound file): "
            "open it in Word and save it as .docx (without a password)",
        )
    if not head.startswith(b"PK"):
        raise DocxError(path, "not a Word document (.docx): the file is not a zip package")


def safe_name(name: str) -> bool:
    """Whether a zip entry name is a plain relative part name (no `..`, no root, no drive)."""
    if not name or name[0] in "/\\" or "\\" in name or "\x00" in name:
        return False
    segments = name.split("/")
    return ":" not in segments[0] and all(s not in ("", ".", "..") for s in segments)


class Package:
    """A .docx: bounded reading of its parts, safe parsing of its XML, edits, atomic saving.

    Parts keep their order and bytes unless they were edited, so that an edited copy differs
    from its source only where the edit touched it.
    """

    def __init__(
        self,
        path: str,
        max_bytes: int,
        *,
        archive: zipfile.ZipFile | None = None,
        handle: BinaryIO | None = None,
        infos: dict[str, zipfile.ZipInfo] | None = None,
        parts: dict[str, bytes] | None = None,
        dropped: tuple[str, ...] = (),
    ) -> None:
        self.path = path
        self.max_bytes = max_bytes
        #: Entry names refused as unsafe (`../x`, `/x`): never read, never written back.
        self.dropped = dropped
        self.main = "word/document.xml"
        self._zip = archive
        self._file = handle
        self._infos = infos or {}
        self._new: dict[str, bytes] = dict(parts or {})
        self._order = [*self._infos, *(n for n in self._new if n not in self._infos)]
        self._sizes: dict[str, int] = {}
        self._read = 0
        self._roots: dict[str, _Element] = {}
        self._edited: set[str] = set()
        self._rels: dict[str, dict[str, str]] = {}

    @classmethod
    def generated(cls, parts: dict[str, bytes], name: str = "") -> Package:
        """A package built in memory (a generated document), to save."""
        return cls(name, DEFAULT_MAX_BYTES, parts=parts)

    def close(self) -> None:
        """Close the zip and the file it reads (a ZipFile leaves a file it was given open)."""
        archive, handle = getattr(self, "_zip", None), getattr(self, "_file", None)
        if archive is not None:
            archive.close()
            self._zip = None
        if handle is not None:
            handle.close()
            self._file = None

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:  # like zipfile.ZipFile: a package dropped unclosed closes
        self.close()

    # -- parts ------------------------------------------------------------------------------

    @property
    def names(self) -> list[str]:
        return list(self._order)

    def has(self, name: str) -> bool:
        return name in self._new or name in self._infos

    def read(self, name: str) -> bytes:
        """The bytes of one part, decompressed in bounded steps (never more than declared)."""
        data = self._new.get(name)
        if data is not None:
            return data
        info = self._infos.get(name)
        if info is None or self._zip is None:
            raise DocxError(self.path, f"the package has no part {name}")
        before = self._sizes.get(name, 0)
        budget = min(info.file_size, self.max_bytes - self._read + before)
        data = self._inflate(info, max(budget, 0))
        self._read += len(data) - before
        self._sizes[name] = len(data)
        return data

    def xml(self, name: str) -> _Element:
        """The parsed root of a part, to read (parsed once)."""
        root = self._roots.get(name)
        if root is None:
            root = self._roots[name] = parse_xml(self.read(name), self.path, name)
        return root

    def peek(self, name: str) -> _Element:
        """The parsed root of a part for one look: not kept unless it already was."""
        root = self._roots.get(name)
        return root if root is not None else parse_xml(self.read(name), self.path, name)

    def edit(self, name: str) -> _Element:
        """The parsed root of a part, to change in place: it is serialised on saving."""
        root = self.xml(name)
        self._edited.add(name)
        return root

    def add_part(self, name: str, data: bytes | _Element, content_type: str | None) -> None:
        """A new part (bytes, or a root to serialise); `content_type` None when a Default of
        the package covers it."""
        if name not in self._order:
            self._order.append(name)
        if isinstance(data, bytes):
            self._new[name] = data
            self._roots.pop(name, None)
            self._edited.discard(name)
        else:
            self._new[name] = b""
            self._roots[name] = data
            self._edited.add(name)
        if content_type is not None:
            etree.SubElement(
                self.edit(_CONTENT_TYPES),
                f"{{{CT_NS}}}Override",
                PartName="/" + name,
                ContentType=content_type,
            )

    def xml_parts(self) -> Iterator[str]:
        for name in self._order:
            if name.endswith(".xml") and name != _CONTENT_TYPES:
                yield name

    # -- relationships ----------------------------------------------------------------------

    @staticmethod
    def rels_name(part: str) -> str:
        folder, base = posixpath.split(part)
        return posixpath.join(folder, "_rels", base + ".rels")

    def relationships(self, source: str) -> dict[str, str]:
        """Relationship type (last path segment, e.g. "footnotes") -> part name, for one part
        ("" for the package); the first of each type, internal targets only."""
        cached = self._rels.get(source)
        if cached is not None:
            return cached
        rels_name = self.rels_name(source)
        found: dict[str, str] = {}
        if self.has(rels_name):
            for rel in self.xml(rels_name).iter(f"{{{PKG_REL_NS}}}Relationship"):
                target = rel.get("Target", "")
                if rel.get("TargetMode") == "External" or not target:
                    continue
                short = rel.get("Type", "").rsplit("/", 1)[-1]
                found.setdefault(short, _resolve_target(source, target))
        self._rels[source] = found
        return found

    def related(self, kind: str, default: str | None = None) -> str | None:
        """The part the main document relates to as `kind` ("numbering", "comments"...), if
        the package has it; `default` is the conventional name tried without a relationship."""
        name = self.relationships(self.main).get(kind, default)
        return name if name is not None and self.has(name) else None

    def relate(self, source: str, rel_type: str, target: str) -> str:
        """Add a relationship from `source` to part `target`; returns its new rId."""
        name = self.rels_name(source)
        if not self.has(name):
            empty = etree.fromstring(f'<Relationships xmlns="{PKG_REL_NS}"/>')
            self.add_part(name, empty, None)
        root = self.edit(name)
        used = {rel.get("Id") for rel in root}
        number = len(used) + 1
        while f"rId{number}" in used:
            number += 1
        rel_id = f"rId{number}"
        relative = posixpath.relpath(target, posixpath.dirname(source) or ".")
        etree.SubElement(
            root, f"{{{PKG_REL_NS}}}Relationship", Id=rel_id, Type=rel_type, Target=relative
        )
        self._rels.pop(source, None)
        return rel_id

    # -- output -----------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The package as a zip: content types first, then the parts in their order. A part
        copied from a source is refused if it declares a DOCTYPE or ENTITY (the parts of a
        generated package are our templates and escaped text)."""
        buffer = io.BytesIO()
        names = [n for n in self._order if n == _CONTENT_TYPES]
        names += [n for n in self._order if n != _CONTENT_TYPES]
        generated = not self._infos
        with memory_guard(self.path, "writing", self.max_bytes, from_word=not generated):
            with zipfile.ZipFile(
                buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL
            ) as archive:
                for name in names:
                    if name in self._edited:
                        data = etree.tostring(
                            self._roots[name],
                            xml_declaration=True,
                            encoding="UTF-8",
                            standalone=True,
                        )
                    else:
                        data = self.read(name)
                        if not generated and name.lower().endswith(_XML_SUFFIXES):
                            refuse_declarations(data, self.path, name)  # never copy it
                    archive.writestr(name, data)
            return buffer.getvalue()

    # -- bounded decompression --------------------------------------------------------------

    def _inflate(self, info: zipfile.ZipInfo, budget: int) -> bytes:
        name = info.filename
        try:
            return _inflate(self._zip, info, budget)  # type: ignore[arg-type]
        except _TooLong:
            if budget >= info.file_size:
                raise DocxError(
                    self.path,
                    f"damaged zip package: {name} fails its size or checksum check (it "
                    f"decompresses to more than its declared {info.file_size} bytes)",
                ) from None
            raise self._too_big() from None
        except (_Damaged, zipfile.BadZipFile) as exc:
            raise DocxError(
                self.path, f"damaged zip package: {name} fails its size or checksum check ({exc})"
            ) from None
        except NotImplementedError:  # a RuntimeError: caught before the one below
            raise DocxError(
                self.path, f"part {name} uses a compression method this reader does not support"
            ) from None
        except RuntimeError:  # zipfile's word for an encrypted member
            raise DocxError(
                self.path, f"part {name} is encrypted: save the document without a password"
            ) from None
        except MemoryError:
            raise DocxError(self.path, _out_of_memory(f"reading {name}", self.max_bytes)) from None
        except (zlib.error, lzma.LZMAError, OSError, EOFError, ValueError) as exc:
            raise DocxError(self.path, f"damaged zip package: cannot read {name} ({exc})") from None

    def _too_big(self) -> DocxError:
        return DocxError(
            self.path,
            f"the document decompresses to more than {self.max_bytes} bytes "
            f"(limit set by max_bytes or ${MAX_BYTES_ENV}): refusing a possible zip bomb",
        )


class _TooLong(Exception):
    """A member yields more than its budget."""


class _Damaged(Exception):
    """A member's length or checksum does not match the central directory."""


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """Decompress one member, never holding more than `budget` + one chunk in memory.

    Stored and deflated members (every part Word writes) are `zipfile` streaming reads, cut
    off past the budget. bzip2 and LZMA members are not: `ZipExtFile` hands each compressed
    chunk to their decompressors without an output limit (a few kilobytes of bzip2 can become
    gigabytes), and builds the LZMA decoder with the dictionary size the member declares. For
    them `_raw` still lets zipfile check the headers, and the stream is decompressed here.
    """
    if info.compress_type in (zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        return _inflate_unbounded_method(archive, info, budget)
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > budget:
                raise _TooLong
            chunks.append(chunk)
    if total != info.file_size:  # zipfile checks the CRC, not a member shorter than declared
        raise _Damaged(f"{total} bytes where {info.file_size} are declared")
    return b"".join(chunks)


def _raw(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """The member read as its compressed bytes: zipfile checks its local header and bounds."""
    raw = copy.copy(info)
    raw.compress_type = zipfile.ZIP_STORED
    raw.file_size = info.compress_size
    del raw.CRC  # it is the decompressed bytes' CRC: `_inflate_unbounded_method` checks it
    return raw


def _inflate_unbounded_method(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int
) -> bytes:
    """A bzip2 or LZMA member, decompressed with an output limit on every step."""
    with archive.open(_raw(info)) as stream:
        decompressor: bz2.BZ2Decompressor | lzma.LZMADecompressor
        if info.compress_type == zipfile.ZIP_BZIP2:
            decompressor = bz2.BZ2Decompressor()
        else:
            decompressor = _lzma(stream.read, budget)
        chunks: list[bytes] = []
        total = 0
        crc = 0
        while not decompressor.eof:
            data = b""
            if decompressor.needs_input:
                data = stream.read(_CHUNK)
                if not data:
                    raise _Damaged("the compressed data ends early")
            piece = decompressor.decompress(data, budget + 1 - total)
            total += len(piece)
            if total > budget:
                raise _TooLong
            crc = zlib.crc32(piece, crc)
            chunks.append(piece)
    if total != info.file_size:
        raise _Damaged(f"{total} bytes where {info.file_size} are declared")
    if crc != info.CRC:
        raise _Damaged("bad CRC-32")
    return b"".join(chunks)


def _lzma(read: Callable[[int], bytes], budget: int) -> lzma.LZMADecompressor:
    """A zip LZMA member: a 4-byte header (version, properties size), then the LZMA1
    properties (lc/lp/pb in one byte, the dictionary size), then the raw stream.

    The decoder's dictionary is allocated up front at its declared size: it is capped at the
    output we accept (no match can reach further back than that), so a hostile declaration
    costs nothing."""
    header = read(4)
    if len(header) < 4:
        raise _Damaged("truncated LZMA header")
    size = int.from_bytes(header[2:4], "little")
    props = read(size)
    if size < 5 or len(props) < size:
        raise _Damaged("bad LZMA properties")
    first = props[0]
    if first >= 9 * 5 * 5:
        raise _Damaged("bad LZMA properties")
    lc, rest = first % 9, first // 9
    lp, pb = rest % 5, rest // 5
    dict_size = min(int.from_bytes(props[1:5], "little"), budget + 1)
    dict_size = max(dict_size, 4096)  # liblzma's smallest dictionary
    filters = [{"id": lzma.FILTER_LZMA1, "dict_size": dict_size, "lc": lc, "lp": lp, "pb": pb}]
    return lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=filters)


def _resolve_target(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def open_package(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Package:
    """Open a .docx after the magic, structure and size checks."""
    name = os.fspath(path)
    limit = max_bytes_limit(max_bytes, name)
    try:
        handle = open(name, "rb")  # noqa: SIM115 - the package owns it until close()
    except FileNotFoundError:
        raise DocxError(name, "no such file") from None
    except IsADirectoryError:
        raise DocxError(name, "is a directory, not a Word document") from None
    except OSError as exc:
        raise DocxError(name, f"cannot read the file ({exc.strerror or exc})") from None
    try:
        try:
            sniff(name, handle.read(8))
            handle.seek(0)
            archive = zipfile.ZipFile(handle)  # the package owns it until close()
            infos = archive.infolist()
        except DocxError:
            raise
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            raise DocxError(
                name, "not a Word document (.docx): the file is not a readable zip package"
            ) from None
        declared = 0
        for info in infos:
            declared += info.file_size
            ratio_ok = info.file_size <= _RATIO_FLOOR or info.file_size <= MAX_RATIO * max(
                info.compress_size, 1
            )
            if not ratio_ok:
                raise DocxError(
                    name,
                    f"part {info.filename} expands {info.file_size // max(info.compress_size, 1)}"
                    f" times (limit {MAX_RATIO}): refusing a possible zip bomb",
                )
        if declared > limit:
            raise DocxError(
                name,
                f"the document declares {declared} bytes once decompressed, more than the "
                f"limit of {limit} (max_bytes or ${MAX_BYTES_ENV}): refusing a possible zip bomb",
            )
        kept = {i.filename: i for i in infos if not i.is_dir() and safe_name(i.filename)}
        dropped = tuple(i.filename for i in infos if not i.is_dir() and i.filename not in kept)
        package = Package(name, limit, archive=archive, handle=handle, infos=kept, dropped=dropped)
        main = package.relationships("").get("officeDocument", "word/document.xml")
        if not package.has(main):
            main = "word/document.xml"
        if not package.has(main):
            raise DocxError(
                name, "a zip package but not a Word document: it has no word/document.xml"
            )
        package.main = main
        return package
    except BaseException:
        handle.close()
        raise


def refuse_declarations(data: bytes, path: str, part: str) -> None:
    """Refuse an XML part holding a DOCTYPE or ENTITY declaration (in any UTF encoding)."""
    for declaration in _DECLARATIONS:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            if declaration.encode(encoding) in data:
                raise DocxError(
                    path,
                    f"{part} contains a {declaration[2:]} declaration: refusing XML with "
                    "document type or entity declarations",
                )


def _out_of_memory_error(exc: etree.XMLSyntaxError) -> bool:
    """libxml2 ran out of memory: it says "unknown error" with code XML_ERR_NO_MEMORY."""
    no_memory = etree.ErrorTypes.ERR_NO_MEMORY
    entries: Iterable[Any] = getattr(exc, "error_log", ())  # lxml's stubs lack both
    return getattr(exc, "code", None) == no_memory or any(e.type == no_memory for e in entries)


def parse_xml(data: bytes, path: str, part: str) -> _Element:
    """Parse one XML part: no DTD, no entities, no network; clear errors naming the part."""
    refuse_declarations(data, path, part)
    parser = etree.XMLParser(  # a fresh parser per part: lxml parsers are not thread-safe
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        message = str(exc.msg or exc).splitlines()[0] if str(exc) else "syntax error"
        if _out_of_memory_error(exc) or "memory" in message.lower():
            raise DocxError(path, _out_of_memory(f"parsing {part}", None)) from None
        raise DocxError(path, f"malformed XML in {part}: {message}") from None
    except MemoryError:
        raise DocxError(path, _out_of_memory(f"parsing {part}", None)) from None
    except ValueError as exc:
        raise DocxError(path, f"malformed XML in {part}: {exc}") from None
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise DocxError(path, f"{part} has a DOCTYPE declaration: refusing it")
    return root
