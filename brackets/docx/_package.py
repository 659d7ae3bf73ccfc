"""Opening a .docx safely: the zip package and its XML parts, with hostile files in mind.

A Word document is a zip of XML parts. Before anything is parsed this module checks that the
file is a zip (and says so when it is an OLE compound file: a Word 97-2003 .doc or an encrypted
.docx), that it holds a main document part, that neither the declared nor the actual
decompressed sizes exceed a limit (zip bombs), and it parses XML with entity expansion, DTD
loading and network access off, refusing any DOCTYPE or ENTITY declaration outright.
"""

from __future__ import annotations

import lzma
import os
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

_Element = etree._Element

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: `w("p")` -> `{...main}p`."""
    return f"{{{W_NS}}}{tag}"


_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

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
_CHUNK = 1 << 20
_DECLARATIONS = ("<!DOCTYPE", "<!ENTITY")


def _parser() -> etree.XMLParser:
    """A fresh safe parser per document (lxml parsers must not be shared between threads)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )


class DocxError(ValueError):
    """A Word document that cannot be read: `.path` and a one-line plain `.message`.

    `str(error)` is the message alone (the command line prefixes it with "PATH: error: ");
    `error.location` gives both as one line.
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(message)

    @property
    def location(self) -> str:
        return f"{self.path}: error: {self.message}"


def max_bytes_limit(max_bytes: int | None = None, path: str = "") -> int:
    """The size limit in force: the keyword, else $BRACKETS_MAX_DOCX_BYTES, else 200 MiB."""
    if max_bytes is not None:
        if max_bytes <= 0:
            raise DocxError(path, f"the size limit must be positive, not {max_bytes}")
        return max_bytes
    raw = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        raise DocxError(path, f"{MAX_BYTES_ENV}={raw!r} is not a number of bytes") from None
    if value <= 0:
        raise DocxError(path, f"{MAX_BYTES_ENV} must be positive, not {value}")
    return value


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


@dataclass(slots=True)
class Package:
    """An open .docx: bounded reading of its parts and safe parsing of its XML."""

    path: str
    max_bytes: int
    _zip: zipfile.ZipFile
    _names: dict[str, zipfile.ZipInfo]
    _read: int = 0
    main: str = "word/document.xml"
    _rels: dict[str, dict[str, str]] = field(default_factory=dict)

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, name: str) -> bool:
        return name in self._names

    def read(self, name: str) -> bytes:
        """The bytes of one part, read through a bounded stream (never more than declared)."""
        info = self._names.get(name)
        if info is None:
            raise DocxError(self.path, f"the package has no part {name}")
        budget = min(info.file_size, self.max_bytes - self._read)
        chunks: list[bytes] = []
        total = 0
        try:
            with self._zip.open(info) as stream:
                while True:
                    chunk = stream.read(min(_CHUNK, budget - total + 1))
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > budget:
                        if total > info.file_size:
                            raise DocxError(
                                self.path,
                                f"part {name} decompresses to more than its declared "
                                f"{info.file_size} bytes: refusing a damaged or hostile file",
                            )
                        raise self._too_big()
                    chunks.append(chunk)
        except DocxError:
            raise
        except zipfile.BadZipFile as exc:
            # zipfile never reads past the declared size; a longer member fails its checksum.
            raise DocxError(
                self.path,
                f"damaged zip package: {name} fails its size or checksum check ({exc})",
            ) from None
        except (
            zipfile.LargeZipFile,
            zlib.error,
            lzma.LZMAError,
            OSError,
            EOFError,
            ValueError,
        ) as exc:
            raise DocxError(self.path, f"damaged zip package: cannot read {name} ({exc})") from None
        except NotImplementedError:
            raise DocxError(
                self.path, f"part {name} uses a compression method this reader does not support"
            ) from None
        except RuntimeError as exc:  # an encrypted zip member
            raise DocxError(self.path, f"cannot read {name}: {exc}") from None
        self._read += total
        return b"".join(chunks)

    def xml(self, name: str) -> _Element:
        """Parse one part safely; a DOCTYPE/ENTITY declaration or malformed XML is refused."""
        return parse_xml(self.read(name), self.path, name)

    def relationships(self, source: str) -> dict[str, str]:
        """Relationship type (last path segment, e.g. "footnotes") -> part name, for one part."""
        cached = self._rels.get(source)
        if cached is not None:
            return cached
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        found: dict[str, str] = {}
        if self.has(rels_name):
            root = self.xml(rels_name)
            for rel in root.iter(f"{{{_PKG_REL_NS}}}Relationship"):
                kind = rel.get("Type", "")
                target = rel.get("Target", "")
                if rel.get("TargetMode") == "External" or not target:
                    continue
                short = kind.rsplit("/", 1)[-1]
                if target.startswith("/"):
                    name = target.lstrip("/")
                else:
                    name = posixpath.normpath(posixpath.join(folder, target))
                found.setdefault(short, name)
        self._rels[source] = found
        return found

    def related(self, kind: str, default: str) -> str | None:
        """The part of the main document's relationship `kind` (e.g. "numbering"), if present."""
        name = self.relationships(self.main).get(kind, default)
        return name if self.has(name) else None

    def _too_big(self) -> DocxError:
        return DocxError(
            self.path,
            f"the document decompresses to more than {self.max_bytes} bytes "
            f"(limit set by max_bytes or ${MAX_BYTES_ENV}): refusing a possible zip bomb",
        )


def open_package(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Package:
    """Open a .docx for reading after the magic, structure and size checks."""
    name = os.fspath(path)
    limit = max_bytes_limit(max_bytes, name)
    try:
        with open(name, "rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise DocxError(name, "no such file") from None
    except IsADirectoryError:
        raise DocxError(name, "is a directory, not a Word document") from None
    except OSError as exc:
        raise DocxError(name, f"cannot read the file ({exc.strerror or exc})") from None
    sniff(name, head)
    try:
        archive = zipfile.ZipFile(name)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise DocxError(
            name, "not a Word document (.docx): the file is not a readable zip package"
        ) from None
    try:
        infos = archive.infolist()
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
        package = Package(name, limit, archive, {i.filename: i for i in infos})
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
        archive.close()
        raise


def parse_xml(data: bytes, path: str, part: str) -> _Element:
    """Parse one XML part: no DTD, no entities, no network; clear errors naming the part."""
    for declaration in _DECLARATIONS:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            if declaration.encode(encoding) in data:
                raise DocxError(
                    path,
                    f"{part} contains a {declaration[2:]} declaration: refusing XML with "
                    "document type or entity declarations",
                )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        message = str(exc.msg or exc).splitlines()[0] if str(exc) else "syntax error"
        raise DocxError(path, f"malformed XML in {part}: {message}") from None
    except ValueError as exc:
        raise DocxError(path, f"malformed XML in {part}: {exc}") from None
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise DocxError(path, f"{part} has a DOCTYPE declaration: refusing it")
    return root
