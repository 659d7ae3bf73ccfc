"""Word XML names, declared once: namespaces, `w()`, relationship and content types, and the
schema order of the children we insert.

python-docx's `oxml/xmlchemy.py` is the model: an element type declares its children's order
once (`ChildOrder`), so putting a child in the right place is never a hand-written special case.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

_Element = etree._Element

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
XML_SPACE = f"{{{XML_NS}}}space"
NSMAP = {"w": W_NS, "r": R_NS}

REL_COMMENTS = f"{R_NS}/comments"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: `w("p")` -> `{...main}p`."""
    return f"{{{W_NS}}}{tag}"


def local(element: _Element) -> str:
    """The local name of an element's tag ("" for comments and processing instructions)."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


@dataclass(frozen=True, slots=True)
class ChildOrder:
    """The schema order of an element type's children (the `w:` local names we may meet).

    `insert` puts a child before the first sibling that the schema places after it, so a
    caller never says where a child goes. Children the order does not name rank as `others`
    (None: they are stepped over).
    """

    children: tuple[str, ...]
    others: int | None = None
    _rank: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_rank", {name: i for i, name in enumerate(self.children)})

    def insert(self, parent: _Element, child: _Element) -> _Element:
        rank = self._rank[local(child)]
        for sibling in parent:
            other = self._rank.get(local(sibling), self.others)
            if other is not None and other > rank:
                sibling.addprevious(child)
                return child
        parent.append(child)
        return child

    def get_or_add(self, parent: _Element, name: str) -> _Element:
        """The child `w:name` of `parent`, added in its place when missing."""
        found = parent.find(w(name))
        return found if found is not None else self.insert(parent, etree.Element(w(name)))

    def sorted(self, names: list[str]) -> list[str]:
        """`names` in schema order (for string builders)."""
        return sorted(names, key=self._rank.__getitem__)


#: CT_P: the paragraph properties come before any other child.
PARAGRAPH = ChildOrder(("pPr",), others=1)
#: CT_PPr (CT_PPrBase, then the mark's run properties, the section and the change record).
PARAGRAPH_PROPERTIES = ChildOrder(
    (
        "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
        "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
        "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
        "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
        "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
        "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
    )
)  # fmt: skip
#: CT_RPr (the formatting a run or a style can carry).
RUN_PROPERTIES = ChildOrder(
    (
        "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
        "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
        "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
        "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
        "eastAsianLayout", "specVanish", "oMath", "rPrChange",
    )
)  # fmt: skip
#: CT_ParaRPr: a paragraph mark's run properties; its revision records come first.
MARK_PROPERTIES = ChildOrder(("ins", "del", "moveFrom", "moveTo", *RUN_PROPERTIES.children))
