"""The one low layer that writes Word XML (WordprocessingML): the rest of the project never
builds or edits lxml elements itself.

It knows the package (zip parts, relationships, content types), runs with their text leaves
(`xml:space="preserve"` on edge spaces, tabs, manual line breaks), tracked insertions and
deletions (`w:ins`, `w:del` + `w:delText`), paragraph-mark revisions, comments, an id allocator
above every `w:id` already in the document, and character-level editing of runs.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from ..files import write_atomic
from ._package import W_NS, w

_Element = etree._Element

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_SPACE = f"{{{XML_NS}}}space"

REL_OFFICE_DOCUMENT = f"{R_NS}/officeDocument"
REL_STYLES = f"{R_NS}/styles"
REL_SETTINGS = f"{R_NS}/settings"
REL_COMMENTS = f"{R_NS}/comments"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
CT_SETTINGS = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"

NSMAP = {"w": W_NS, "r": R_NS}
_ID = f"{{{W_NS}}}id"
_REVISIONS = ("ins", "del", "moveTo", "moveFrom")
_SPECIAL = re.compile(r"[\t\v\n\u2011]")


def local(element: _Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


class OoxmlError(ValueError):
    """A Word document that cannot be opened or written (not a zip, no main part, bad XML)."""


# -- the package ------------------------------------------------------------------------------


class Package:
    """A .docx in memory: parts by name, XML parts parsed on first use, saved atomically.

    Parts keep their original order and bytes unless they were parsed and changed, so that an
    edited copy differs from its source only where the edit touched it.
    """

    def __init__(self, parts: dict[str, bytes]) -> None:
        self._parts = parts
        self._xml: dict[str, _Element] = {}
        if "[Content_Types].xml" not in parts:
            raise OoxmlError("not a Word document: the package has no [Content_Types].xml")

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Package:
        try:
            with zipfile.ZipFile(path) as archive:
                parts = {
                    info.filename: archive.read(info)
                    for info in archive.infolist()
                    if not info.is_dir()
                }
        except (zipfile.BadZipFile, KeyError) as exc:
            name = os.fspath(path)
            raise OoxmlError(f"{name}: not a Word document (broken zip: {exc})") from None
        return cls(parts)

    @classmethod
    def new(cls, document: bytes, styles: bytes, settings: bytes) -> Package:
        """A minimal package around a generated document part."""
        content_types = (
            f'<Types xmlns="{CT_NS}">'
            f'<Default Extension="rels" ContentType="{CT_RELS}"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{CT_MAIN}"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{CT_STYLES}"/>'
            f'<Override PartName="/word/settings.xml" ContentType="{CT_SETTINGS}"/>'
            "</Types>"
        )
        root_rels = (
            f'<Relationships xmlns="{PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{REL_OFFICE_DOCUMENT}" Target="word/document.xml"/>'
            "</Relationships>"
        )
        document_rels = (
            f'<Relationships xmlns="{PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{REL_STYLES}" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{REL_SETTINGS}" Target="settings.xml"/>'
            "</Relationships>"
        )
        head = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        package = cls(
            {
                "[Content_Types].xml": head + content_types.encode(),
                "_rels/.rels": head + root_rels.encode(),
                "word/document.xml": document,
                "word/_rels/document.xml.rels": head + document_rels.encode(),
                "word/styles.xml": styles,
                "word/settings.xml": settings,
            }
        )
        return package

    # parts
    @property
    def names(self) -> list[str]:
        return list(self._parts)

    def has(self, name: str) -> bool:
        return name in self._parts

    def xml(self, name: str) -> _Element:
        """The parsed root of an XML part, to edit in place: it is written back on saving."""
        root = self._xml.get(name)
        if root is None:
            root = self.read_xml(name)
            self._xml[name] = root
        return root

    def read_xml(self, name: str) -> _Element:
        """The parsed root of an XML part, only to read: the part's bytes stay as they were."""
        root = self._xml.get(name)
        if root is not None:
            return root
        if name not in self._parts:
            raise OoxmlError(f"the document has no part {name}")
        try:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
            return etree.fromstring(self._parts[name], parser)
        except etree.XMLSyntaxError as exc:
            raise OoxmlError(f"broken XML in {name}: {exc}") from None

    def add_raw_part(self, name: str, data: bytes, content_type: str | None) -> None:
        """A new part given as bytes; `content_type` None when a Default covers it."""
        self._parts[name] = data
        self._xml.pop(name, None)
        if content_type is not None:
            types = self.xml("[Content_Types].xml")
            etree.SubElement(
                types, f"{{{CT_NS}}}Override", PartName="/" + name, ContentType=content_type
            )

    def add_part(self, name: str, root: _Element, content_type: str | None) -> None:
        """A new XML part; `content_type` None when a Default of the package covers it."""
        self._parts[name] = b""
        self._xml[name] = root
        if content_type is not None:
            types = self.xml("[Content_Types].xml")
            etree.SubElement(
                types, f"{{{CT_NS}}}Override", PartName="/" + name, ContentType=content_type
            )

    @property
    def main_part(self) -> str:
        """Name of the main document part, found through the package relationships."""
        for rel in self.relationships(""):
            if rel.get("Type") == REL_OFFICE_DOCUMENT:
                return _resolve_target("", rel.get("Target", ""))
        raise OoxmlError("not a Word document: no main document part")

    def xml_parts(self) -> Iterator[str]:
        for name in self._parts:
            if name.endswith(".xml") and name != "[Content_Types].xml":
                yield name

    # relationships
    @staticmethod
    def rels_name(part: str) -> str:
        folder, base = posixpath.split(part)
        return posixpath.join(folder, "_rels", base + ".rels")

    def relationships(self, part: str) -> list[_Element]:
        name = self.rels_name(part)
        if not self.has(name):
            return []
        return list(self.read_xml(name).iter(f"{{{PKG_REL_NS}}}Relationship"))

    def related(self, part: str, rel_type: str) -> str | None:
        """The part that `part` relates to with `rel_type`, if any."""
        for rel in self.relationships(part):
            if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
                return _resolve_target(part, rel.get("Target", ""))
        return None

    def relate(self, part: str, rel_type: str, target: str) -> str:
        """Add a relationship from `part` to `target` (a part name); returns its new rId."""
        name = self.rels_name(part)
        if not self.has(name):
            root = etree.fromstring(f'<Relationships xmlns="{PKG_REL_NS}"/>')
            self.add_part(name, root, None)
        root = self.xml(name)
        used = {rel.get("Id") for rel in root}
        number = len(used) + 1
        while f"rId{number}" in used:
            number += 1
        rel_id = f"rId{number}"
        relative = posixpath.relpath(target, posixpath.dirname(part) or ".")
        etree.SubElement(
            root, f"{{{PKG_REL_NS}}}Relationship", Id=rel_id, Type=rel_type, Target=relative
        )
        return rel_id

    # output
    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            names = ["[Content_Types].xml", *(n for n in self._parts if n != "[Content_Types].xml")]
            for name in names:
                root = self._xml.get(name)
                data = (
                    self._parts[name]
                    if root is None
                    else etree.tostring(
                        root, xml_declaration=True, encoding="UTF-8", standalone=True
                    )
                )
                archive.writestr(name, data)
        return buffer.getvalue()

    def save(
        self, path: str | os.PathLike[str], *, inputs: Iterable[str | os.PathLike[str]] = ()
    ) -> None:
        """Write atomically; refuses when `path` is one of `inputs`."""
        write_atomic(path, self.to_bytes(), inputs=inputs)


def _resolve_target(part: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


# -- ids --------------------------------------------------------------------------------------


class IdAllocator:
    """Hands out `w:id` values above every id already used in any part of the package.

    Revisions, comments and bookmarks share this space in our output, so every id is unique
    across all of them.
    """

    def __init__(self, package: Package | None = None) -> None:
        highest = -1
        if package is not None:
            for name in package.xml_parts():
                for element in package.read_xml(name).iter():
                    value = element.get(_ID)
                    if value is not None and value.lstrip("-").isdigit():
                        highest = max(highest, int(value))
        self._next = highest + 1

    def __call__(self) -> str:
        value = self._next
        self._next += 1
        return str(value)


def format_date(date: datetime) -> str:
    """Revision date in the form Word writes: UTC, seconds, `Z` (naive dates are taken as UTC)."""
    if date.tzinfo is not None:
        date = date.astimezone(UTC)
    return date.strftime("%Y-%m-%dT%H:%M:%SZ")


# -- runs -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunStyle:
    """Character formatting we write: bold, italic, a font colour (hex RRGGBB) and a highlight."""

    bold: bool = False
    italic: bool = False
    color: str | None = None
    highlight: str | None = None


PLAIN = RunStyle()


def set_text(leaf: _Element, text: str) -> None:
    """Set a w:t / w:delText text, with xml:space="preserve" when it has edge spaces."""
    leaf.text = text
    if text[:1].isspace() or text[-1:].isspace() or "  " in text:
        leaf.set(XML_SPACE, "preserve")
    elif XML_SPACE in leaf.attrib:
        del leaf.attrib[XML_SPACE]


def run(
    text: str, style: RunStyle = PLAIN, *, deleted: bool = False, rpr: _Element | None = None
) -> _Element:
    """A w:r holding `text`: tabs become w:tab, "\\v" and "\\n" w:br, U+2011 w:noBreakHyphen.

    `rpr` (copied) takes precedence over `style`; `deleted` writes w:delText for a w:del.
    """
    xml = run_xml(text, style, deleted=deleted)
    element = etree.fromstring(f"<w:wrap {_ROOT_NS}>{xml}</w:wrap>")[0]
    if rpr is not None:
        current = element.find(w("rPr"))
        if current is not None:
            element.remove(current)
        element.insert(0, _copy(rpr))
    return element


def revision(kind: str, author: str, date: str, ids: IdAllocator) -> _Element:
    """An empty w:ins or w:del wrapper to put runs in."""
    if kind not in ("ins", "del"):
        raise ValueError(f"unknown revision kind {kind!r}")
    return etree.Element(w(kind), {_ID: ids(), w("author"): author, w("date"): date})


def mark_paragraph(p: _Element, kind: str, author: str, date: str, ids: IdAllocator) -> None:
    """Track the paragraph mark of `p` as inserted or deleted (w:pPr/w:rPr/w:ins|w:del)."""
    ppr = paragraph_properties(p)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        anchor = next((c for c in ppr if local(c) in ("sectPr", "pPrChange")), None)
        if anchor is None:
            ppr.append(rpr)
        else:
            anchor.addprevious(rpr)
    rpr.insert(0, revision(kind, author, date, ids))


def paragraph_properties(p: _Element) -> _Element:
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    return ppr


def _copy(element: _Element) -> _Element:
    return etree.fromstring(etree.tostring(element))


# -- comments ---------------------------------------------------------------------------------


class Comments:
    """The comments part of a package: created with its relationship and content type when the
    document has none, appended to when it has one."""

    def __init__(self, package: Package, ids: IdAllocator) -> None:
        self._package = package
        self._ids = ids
        self._root: _Element | None = None

    def _part(self) -> _Element:
        if self._root is None:
            main = self._package.main_part
            name = self._package.related(main, REL_COMMENTS)
            if name is None:
                name = posixpath.join(posixpath.dirname(main), "comments.xml")
                self._package.add_part(name, etree.Element(w("comments"), nsmap=NSMAP), CT_COMMENTS)
                self._package.relate(main, REL_COMMENTS, name)
            self._root = self._package.xml(name)
        return self._root

    def add(self, author: str, text: str, date: str) -> str:
        """A new comment; returns its id, to anchor with `comment_anchor`."""
        comment_id = self._ids()
        initials = "".join(part[:1] for part in author.split())[:8] or author[:1]
        comment = etree.SubElement(
            self._part(),
            w("comment"),
            {_ID: comment_id, w("author"): author, w("date"): date, w("initials"): initials},
        )
        body = etree.SubElement(comment, w("p"))
        reference = etree.SubElement(body, w("r"))
        etree.SubElement(etree.SubElement(reference, w("rPr")), w("rStyle")).set(
            w("val"), "CommentReference"
        )
        etree.SubElement(reference, w("annotationRef"))
        body.append(run(text))
        return comment_id


def comment_start(comment_id: str) -> _Element:
    return etree.Element(w("commentRangeStart"), {_ID: comment_id})


def comment_end(comment_id: str) -> list[_Element]:
    """The range end and the run holding the comment's reference mark, in that order."""
    end = etree.Element(w("commentRangeEnd"), {_ID: comment_id})
    reference = etree.Element(w("r"))
    style = etree.SubElement(etree.SubElement(reference, w("rPr")), w("rStyle"))
    style.set(w("val"), "CommentReference")
    etree.SubElement(reference, w("commentReference"), {_ID: comment_id})
    return [end, reference]


# -- editing existing runs --------------------------------------------------------------------


def leaf_text(leaf: _Element) -> str:
    """The characters a text leaf stands for, exactly as the Word reader counts them."""
    from ._walk import leaf_text as walk_leaf_text

    return walk_leaf_text(leaf)


def enclosing_run(leaf: _Element) -> _Element | None:
    parent = leaf.getparent()
    while parent is not None and local(parent) != "r":
        parent = parent.getparent()
    return parent


def split_run(r: _Element, leaf: _Element, offset: int) -> _Element:
    """Split run `r` before character `offset` of its child `leaf`; returns the new right run.

    Both halves keep a copy of the run properties (w:rPr); text leaves are cut in two.
    """
    right = etree.Element(w("r"))
    for key, value in r.attrib.items():
        right.set(key, value)
    rpr = r.find(w("rPr"))
    if rpr is not None:
        right.append(_copy(rpr))
    children = [c for c in r if local(c) != "rPr"]
    index = children.index(leaf)
    moving = children[index + 1 :]
    text = leaf_text(leaf)
    if 0 < offset < len(text) and local(leaf) in ("t", "delText"):
        tail = etree.SubElement(right, leaf.tag)
        set_text(tail, text[offset:])
        set_text(leaf, text[:offset])
    elif offset <= 0:
        moving = children[index:]
    for child in moving:
        right.append(child)
    r.addnext(right)
    return right


def delete_characters(leaf: _Element, start: int, end: int) -> None:
    """Remove characters [start, end) of a text leaf; a leaf left empty is removed."""
    text = leaf_text(leaf)
    if start <= 0 and end >= len(text):
        parent = leaf.getparent()
        if parent is not None:
            parent.remove(leaf)
        return
    if local(leaf) in ("t", "delText", "instrText"):
        set_text(leaf, text[:start] + text[end:])


def has_content(r: _Element) -> bool:
    """Whether a run still holds something visible (text, a drawing, a field, a note mark)."""
    return any(local(c) not in ("rPr",) for c in r)


def drop_empty_runs(p: _Element) -> None:
    for r in list(p.iter(w("r"))):
        if not has_content(r):
            parent = r.getparent()
            if parent is not None:
                parent.remove(r)
    for wrapper in list(p.iter(*(w(k) for k in _REVISIONS), w("hyperlink"), w("smartTag"))):
        if len(wrapper) == 0:
            parent = wrapper.getparent()
            if parent is not None:
                parent.remove(wrapper)


def paragraph_is_empty(p: _Element) -> bool:
    """No text leaf, no drawing, no object, no field left: nothing a reader would see."""
    visible = (
        "t",
        "tab",
        "br",
        "cr",
        "sym",
        "noBreakHyphen",
        "drawing",
        "pict",
        "object",
        "footnoteReference",
        "endnoteReference",
        "fldSimple",
        "fldChar",
    )
    return not any(local(e) in visible for e in p.iter() if not _inside_deletion(e))


def _inside_deletion(element: _Element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if local(parent) in ("del", "moveFrom") and parent.tag == w(local(parent)):
            return True
        parent = parent.getparent()
    return False


def has_section_break(p: _Element) -> bool:
    ppr = p.find(w("pPr"))
    return ppr is not None and ppr.find(w("sectPr")) is not None


def merge_paragraphs(first: _Element, second: _Element) -> None:
    """Move the content of `second` to the end of `first` and remove `second` (the paragraph
    break between them was deleted); `first` keeps its properties."""
    for child in list(second):
        if local(child) != "pPr":
            first.append(child)
    parent = second.getparent()
    if parent is not None:
        parent.remove(second)


def remove(element: _Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def settle_revisions(root: _Element, mode: str) -> None:
    """Make the tracked changes of a part final, the way the draft text saw them.

    `accept`: insertions stay as plain text, deletions go; `reject`: the reverse; `brackets`:
    both stay as plain text (the draft showed both, and the resolution already removed what
    had to go). Formatting and paragraph-property change records are dropped.
    """
    gone: tuple[str, ...] = ()
    if mode == "accept":
        gone = ("del", "moveFrom")
    elif mode == "reject":
        gone = ("ins", "moveTo")
    for tag in ("ins", "del", "moveTo", "moveFrom"):
        for element in list(root.iter(w(tag))):
            parent = element.getparent()
            if parent is None:
                continue
            if local(parent) == "rPr":  # a paragraph mark or run-property revision record
                grand = parent.getparent()
                if tag in gone and grand is not None and local(grand) == "pPr":
                    p = grand.getparent()
                    following = p.getnext() if p is not None else None
                    if p is not None and following is not None and local(following) == "p":
                        parent.remove(element)
                        merge_paragraphs(p, following)
                        continue
                parent.remove(element)
            elif tag in gone:
                parent.remove(element)
            else:
                for child in element:
                    if tag in ("del", "moveFrom"):
                        for leaf in child.iter(w("delText")):
                            leaf.tag = w("t")
                index = parent.index(element)
                for offset, child in enumerate(list(element)):
                    parent.insert(index + offset, child)
                parent.remove(element)
    for tag in (
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
        "numberingChange",
    ):
        for element in list(root.iter(w(tag))):
            remove(element)


# -- generated documents ----------------------------------------------------------------------

#: A4 portrait, 2.5 cm margins: what UN drafts use.
_SECTION_BODY = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" '
    'w:footer="709" w:gutter="0"/></w:sectPr>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:styles xmlns:w="{W_NS}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" '
    'w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-GB"/>'
    "</w:rPr></w:rPrDefault>"
    '<w:pPrDefault><w:pPr><w:spacing w:after="240" w:line="240" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "<w:qFormat/></w:style>"
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    '<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/>'
    '<w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="CommentReference">'
    '<w:name w:val="annotation reference"/>'
    '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>'
    "</w:style></w:styles>"
).encode()
_SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="709"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" '
    'w:val="15"/></w:compat></w:settings>'
).encode()


#: Characters XML 1.0 cannot hold (control characters, surrogates): dropped from our text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


def _attribute(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


def _style_xml(style: RunStyle) -> str:
    """w:rPr of a style, children in schema order (CT_RPr: b, i, ..., color, ..., highlight)."""
    if style is PLAIN or not (style.bold or style.italic or style.color or style.highlight):
        return ""
    parts = ["<w:rPr>"]
    if style.bold:
        parts.append("<w:b/>")
    if style.italic:
        parts.append("<w:i/>")
    if style.color:
        parts.append(f'<w:color w:val="{_attribute(style.color)}"/>')
    if style.highlight:
        parts.append(f'<w:highlight w:val="{_attribute(style.highlight)}"/>')
    parts.append("</w:rPr>")
    return "".join(parts)


def _leaf_xml(text: str, tag: str) -> str:
    edges = text[:1].isspace() or text[-1:].isspace() or "  " in text
    space = ' xml:space="preserve"' if edges else ""
    return f"<w:{tag}{space}>{_escape(text)}</w:{tag}>"


def run_xml(text: str, style: RunStyle = PLAIN, *, deleted: bool = False) -> str:
    """The XML of a w:r (prefix `w`), as `run` builds it: the one definition of our runs."""
    tag = "delText" if deleted else "t"
    if _SPECIAL.search(text) is None:
        return f"<w:r>{_style_xml(style)}{_leaf_xml(text, tag)}</w:r>"
    parts = ["<w:r>", _style_xml(style)]
    position = 0
    for match in _SPECIAL.finditer(text):
        if match.start() > position:
            parts.append(_leaf_xml(text[position : match.start()], tag))
        char = match.group()
        parts.append(
            "<w:tab/>" if char == "\t" else "<w:noBreakHyphen/>" if char == "\u2011" else "<w:br/>"
        )
        position = match.end()
    if position < len(text):
        parts.append(_leaf_xml(text[position:], tag))
    parts.append("</w:r>")
    return "".join(parts)


_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_ROOT_NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'


class BodyBuilder:
    """Writes a generated document paragraph by paragraph: plain, inserted or deleted text,
    tracked paragraph marks and comment ranges; callers never see XML.

    The body is written as text (a generated document is written once, front to back, and
    this is several times faster than building elements); `run_xml` is the one definition
    of a run for both ways.
    """

    def __init__(self, date: datetime | None = None) -> None:
        self.ids = IdAllocator()
        self.date = format_date(date or datetime.now(UTC))
        self._body: list[str] = []
        self._content: list[str] | None = None
        self._mark = ""
        self._open: tuple[str, str] | None = None  # the revision wrapper left open
        self._comments: list[str] = []

    def _close_wrapper(self) -> None:
        if self._open is not None and self._content is not None:
            self._content.append(f"</w:{self._open[0]}>")
        self._open = None

    def _flush(self) -> None:
        if self._content is None:
            return
        self._close_wrapper()
        mark = f"<w:pPr><w:rPr>{self._mark}</w:rPr></w:pPr>" if self._mark else ""
        self._body.append(f"<w:p>{mark}{''.join(self._content)}</w:p>")
        self._content = None
        self._mark = ""

    def paragraph(self) -> None:
        """Start a new paragraph."""
        self._flush()
        self._content = []

    def _current(self) -> list[str]:
        if self._content is None:
            self.paragraph()
        assert self._content is not None
        return self._content

    def text(
        self, text: str, style: RunStyle = PLAIN, change: tuple[str, str] | None = None
    ) -> None:
        """Append `text`; `change` is ("ins" | "del", author) for a tracked revision.

        Consecutive text of the same revision and author shares one w:ins / w:del.
        """
        content = self._current()
        if change is None:
            self._close_wrapper()
            content.append(run_xml(text, style))
            return
        kind, author = change
        if kind not in ("ins", "del"):
            raise ValueError(f"unknown revision kind {kind!r}")
        if self._open != change:
            self._close_wrapper()
            content.append(
                f'<w:{kind} w:id="{self.ids()}" w:author="{_attribute(author)}" '
                f'w:date="{self.date}">'
            )
            self._open = change
        content.append(run_xml(text, style, deleted=kind == "del"))

    def mark(self, kind: str, author: str) -> None:
        """Track the current paragraph's mark as inserted or deleted."""
        self._current()
        if kind not in ("ins", "del"):
            raise ValueError(f"unknown revision kind {kind!r}")
        self._mark = (
            f'<w:{kind} w:id="{self.ids()}" w:author="{_attribute(author)}" w:date="{self.date}"/>'
        )

    def comment(self, author: str, text: str) -> str:
        """A new comment; returns its id, for `comment_start` and `comment_end`."""
        comment_id = self.ids()
        initials = "".join(part[:1] for part in author.split())[:8] or author[:1]
        self._comments.append(
            f'<w:comment w:id="{comment_id}" w:author="{_attribute(author)}" '
            f'w:date="{self.date}" w:initials="{_attribute(initials)}"><w:p>'
            '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
            f"{run_xml(text)}</w:p></w:comment>"
        )
        return comment_id

    def comment_start(self, comment_id: str) -> None:
        content = self._current()
        self._close_wrapper()
        content.append(f'<w:commentRangeStart w:id="{comment_id}"/>')

    def comment_end(self, comment_id: str) -> None:
        content = self._current()
        self._close_wrapper()
        content.append(
            f'<w:commentRangeEnd w:id="{comment_id}"/><w:r><w:rPr>'
            f'<w:rStyle w:val="CommentReference"/></w:rPr>'
            f'<w:commentReference w:id="{comment_id}"/></w:r>'
        )

    def to_package(self) -> Package:
        self._flush()
        document = "".join(
            [
                _DECLARATION,
                f"<w:document {_ROOT_NS}><w:body>",
                *self._body,
                _SECTION_BODY,
                "</w:body></w:document>",
            ]
        ).encode("utf-8")
        package = Package.new(document, _STYLES, _SETTINGS)
        if self._comments:
            comments = "".join(
                [_DECLARATION, f"<w:comments {_ROOT_NS}>", *self._comments, "</w:comments>"]
            ).encode("utf-8")
            package.add_raw_part("word/comments.xml", comments, CT_COMMENTS)
            package.relate("word/document.xml", REL_COMMENTS, "word/comments.xml")
        return package

    def save(
        self, path: str | os.PathLike[str], *, inputs: Iterable[str | os.PathLike[str]] = ()
    ) -> None:
        self.to_package().save(path, inputs=inputs)


# -- editing a copy of a source document ------------------------------------------------------

REL_FOOTNOTES = f"{R_NS}/footnotes"
REL_ENDNOTES = f"{R_NS}/endnotes"


class SourceEdit:
    """Deletes characters of a source document's text leaves, joins paragraphs whose break
    was deleted and removes paragraphs left empty; then settles tracked changes the way the
    draft saw them (`settle_revisions`).

    Paragraphs and leaves are addressed as in the Word source map: a part ("document",
    "footnotes", "endnotes"), a paragraph index in `iter_paragraphs(part)`, a leaf index in
    `text_nodes(paragraph, track_changes)`, all enumerated on the untouched document.
    """

    def __init__(
        self,
        package: Package,
        track_changes: str,
        iter_paragraphs: Callable[[_Element], list[_Element]],
        text_nodes: Callable[[_Element, str], list[_Element]],
    ) -> None:
        self._package = package
        self._mode = track_changes
        self._iter_paragraphs = iter_paragraphs
        self._text_nodes = text_nodes
        self._roots: dict[str, _Element] = {}
        self._paragraphs: dict[str, list[_Element]] = {}
        self._nodes: dict[tuple[str, int], list[_Element]] = {}
        self._cuts: dict[tuple[str, int, int], list[tuple[int, int]]] = {}
        self._joins: set[tuple[str, int]] = set()
        self._touched: set[tuple[str, int]] = set()

    def _root(self, part: str) -> _Element:
        root = self._roots.get(part)
        if root is None:
            main = self._package.main_part
            name = {
                "document": main,
                "footnotes": self._package.related(main, REL_FOOTNOTES),
                "endnotes": self._package.related(main, REL_ENDNOTES),
            }.get(part)
            if name is None:
                raise OoxmlError(f"the document has no {part} part")
            root = self._package.xml(name)
            self._roots[part] = root
            self._paragraphs[part] = self._iter_paragraphs(root)
        return root

    def include(self, part: str) -> None:
        """A part the draft was read from: its tracked changes are settled even if no
        character of it changes."""
        self._root(part)

    def _paragraph(self, part: str, index: int) -> _Element:
        self._root(part)
        paragraphs = self._paragraphs[part]
        if not 0 <= index < len(paragraphs):
            raise OoxmlError(
                f"the source map names paragraph {index} of {part}, which has "
                f"{len(paragraphs)}: was the document changed since it was read?"
            )
        return paragraphs[index]

    def _leaves(self, part: str, index: int) -> list[_Element]:
        key = (part, index)
        nodes = self._nodes.get(key)
        if nodes is None:
            nodes = self._text_nodes(self._paragraph(part, index), self._mode)
            self._nodes[key] = nodes
        return nodes

    def delete(self, part: str, paragraph: int, node: int, start: int, end: int) -> None:
        """Delete characters [start, end) of leaf `node` of a paragraph."""
        leaves = self._leaves(part, paragraph)
        if not 0 <= node < len(leaves):
            raise OoxmlError(
                f"the source map names text node {node} of paragraph {paragraph} "
                f"of {part}, which has {len(leaves)}"
            )
        self._cuts.setdefault((part, paragraph, node), []).append((start, end))
        self._touched.add((part, paragraph))

    def join(self, part: str, paragraph: int) -> None:
        """The paragraph break after `paragraph` was deleted."""
        if paragraph < 0:
            return  # the break between the body and its notes: nothing to join
        self._paragraph(part, paragraph)
        self._joins.add((part, paragraph))
        self._touched.add((part, paragraph))

    def touch(self, part: str, paragraph: int) -> None:
        """Something of this paragraph went (a label): remove it if nothing is left."""
        if paragraph < 0:
            return
        self._paragraph(part, paragraph)
        self._touched.add((part, paragraph))

    def finish(self) -> None:
        # Revisions first, so that what is left of a paragraph is what a reader sees.
        for root in self._roots.values():
            settle_revisions(root, self._mode)
        for (part, paragraph, node), cuts in self._cuts.items():
            leaf = self._leaves(part, paragraph)[node]
            for start, end in sorted(cuts, reverse=True):
                delete_characters(leaf, start, end)
        emptied = {
            key for key in self._touched if paragraph_is_empty(self._paragraphs[key[0]][key[1]])
        }
        for part, index in sorted(self._joins, reverse=True):
            paragraphs = self._paragraphs[part]
            if index + 1 >= len(paragraphs):
                continue
            first, second = paragraphs[index], paragraphs[index + 1]
            if (part, index) in emptied or (part, index + 1) in emptied:
                continue
            if first.getparent() is second.getparent() and not has_section_break(first):
                merge_paragraphs(first, second)
        for part, index in emptied:
            p = self._paragraphs[part][index]
            parent = p.getparent()
            if parent is None or has_section_break(p):
                continue
            if local(parent) != "body" and len(parent.findall(w("p"))) <= 1:
                continue  # a cell or a note keeps its last paragraph
            parent.remove(p)
        for part, index in self._touched:
            p = self._paragraphs[part][index]
            if p.getparent() is not None:
                drop_empty_runs(p)


class SourceRedline(SourceEdit):
    """Turns characters of a source document into tracked changes, in a copy of it.

    Each text leaf gets segments (characters [start, end) of the leaf and what to do with
    them: "keep", "drop", "ins" or "del", with an author); runs are split where segments
    change, inserted runs are wrapped in w:ins, deleted ones in w:del (their w:t becoming
    w:delText), dropped ones removed. Comment ranges are anchored at segment edges.
    """

    def __init__(
        self,
        package: Package,
        track_changes: str,
        iter_paragraphs: Callable[[_Element], list[_Element]],
        text_nodes: Callable[[_Element, str], list[_Element]],
        date: str,
    ) -> None:
        super().__init__(package, track_changes, iter_paragraphs, text_nodes)
        self.ids = IdAllocator(package)
        self.comments = Comments(package, self.ids)
        self.date = date
        self._segments: dict[tuple[str, int, int], list[tuple[int, int, str, str]]] = {}
        self._anchor_starts: dict[tuple[str, int, int, int], list[str]] = {}
        self._anchor_ends: dict[tuple[str, int, int, int], list[str]] = {}
        self._marks: list[tuple[str, int, str, str]] = []

    def segment(
        self, part: str, paragraph: int, node: int, start: int, end: int, action: str, author: str
    ) -> None:
        """What becomes of characters [start, end) of a leaf: keep, drop, ins or del.

        The segments given for one leaf must cover all its characters, from 0.
        """
        if action not in ("keep", "drop", "ins", "del"):
            raise ValueError(f"unknown action {action!r}")
        self._leaves(part, paragraph)
        self._segments.setdefault((part, paragraph, node), []).append((start, end, action, author))

    def anchor(
        self, comment_id: str, start: tuple[str, int, int, int], end: tuple[str, int, int, int]
    ) -> None:
        """A comment range from a leaf position (part, paragraph, node, offset) to another; both
        offsets must be segment edges."""
        self._anchor_starts.setdefault(start, []).append(comment_id)
        self._anchor_ends.setdefault(end, []).append(comment_id)

    def mark(self, part: str, paragraph: int, kind: str, author: str) -> None:
        """Track the mark of a paragraph as inserted or deleted."""
        self._paragraph(part, paragraph)
        self._marks.append((part, paragraph, kind, author))

    def finish(self) -> None:
        for key in self._segments:
            self._leaves(key[0], key[1])
        for part, paragraph, _, _ in self._marks:
            self._paragraph(part, paragraph)
        for root in self._roots.values():
            settle_revisions(root, self._mode)
        for (part, paragraph, node), segments in self._segments.items():
            leaf = self._leaves(part, paragraph)[node]
            self._revise(leaf, sorted(segments), (part, paragraph, node))
        for part, paragraph, kind, author in self._marks:
            p = self._paragraphs[part][paragraph]
            following = p.getnext()
            if following is None or local(following) != "p":
                continue  # the last paragraph of a cell, a note or the body keeps its mark
            mark_paragraph(p, kind, author, self.date, self.ids)
        for part, index in sorted(self._joins, reverse=True):
            paragraphs = self._paragraphs[part]
            if index + 1 < len(paragraphs):
                first, second = paragraphs[index], paragraphs[index + 1]
                if first.getparent() is second.getparent() and not has_section_break(first):
                    merge_paragraphs(first, second)

    def _revise(
        self, leaf: _Element, segments: list[tuple[int, int, str, str]], where: tuple[str, int, int]
    ) -> None:
        r = enclosing_run(leaf)
        if r is None:
            return
        starts = {s for s, _, _, _ in segments} | {e for _, e, _, _ in segments}
        anchored = any(
            (*where, offset) in self._anchor_starts or (*where, offset) in self._anchor_ends
            for offset in starts
        )
        if all(action == "keep" for _, _, action, _ in segments) and not anchored:
            return
        # the leaf alone in its run, then one run per segment
        content = [c for c in r if local(c) != "rPr"]
        if content and content[0] is not leaf:
            r = split_run(r, leaf, 0)
        content = [c for c in r if local(c) != "rPr"]
        position = content.index(leaf)
        if position + 1 < len(content):
            split_run(r, content[position + 1], 0)
        runs: list[_Element] = []
        for start, _, _, _ in reversed(segments[1:]):
            runs.append(split_run(r, leaf, start))  # from the end: `leaf` keeps [0, start)
        runs.append(r)
        runs.reverse()
        for (start, end, action, author), piece in zip(segments, runs, strict=True):
            for comment_id in self._anchor_starts.get((*where, start), []):
                piece.addprevious(comment_start(comment_id))
            after = piece
            for comment_id in self._anchor_ends.get((*where, end), []):
                for element in comment_end(comment_id):
                    after.addnext(element)
                    after = element
            if action == "drop":
                remove(piece)
            elif action in ("ins", "del"):
                wrapper = revision(action, author, self.date, self.ids)
                piece.addprevious(wrapper)
                wrapper.append(piece)
                if action == "del":
                    for text in piece.iter(w("t")):
                        text.tag = w("delText")
