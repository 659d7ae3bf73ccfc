"""Word auto-numbering: the visible label of a paragraph ("11.", "(a)", "1.2.", "- ").

Operative paragraphs are usually numbered by Word, not by their text: the number lives in
numbering.xml (abstract lists, their levels, list instances with overrides) and may come from
the paragraph's own properties or from its style. `Numbering.label` is called once per
paragraph in reading order and keeps the counters as Word does (LibreOffice's Word import
follows the same rules, and the tests hold our labels to its text export):

- counters belong to the abstract list, so list instances (w:num) that share one abstract list
  continue each other's numbering, whatever other lists come in between;
- a w:startOverride restarts a list instance once: at the first paragraph of that w:num whose
  level carries one, that level shows the override's value; later paragraphs of the same w:num
  continue. A w:lvlOverride without w:startOverride never restarts (a w:lvl inside it changes
  the level's format, text and start value, not the running count);
- using a level restarts the deeper levels (w:lvlRestart can say after which level, 0 = never);
  a level skipped on the way down counts as used at its start value, so "I." then "(a)" then a
  second-level paragraph shows "I.2." (Word's phantom levels); that start value is the one of
  the w:num whose paragraph last restarted the level (the one of the paragraph's own w:num
  when none did), so "I." through a w:num whose second level starts at 2, then a third-level
  paragraph through another w:num of the same abstract list shows "I.2.1";
- w:lvlText patterns such as "%1.%2." show the current value of each level, formatted with
  that level's w:numFmt (w:isLgl shows every level as a decimal).

A bullet renders as "-", so that a bulleted paragraph reads as the notation's bullet label `- `.
The suffix (w:suff) tab or space becomes one space; "nothing" adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .names import PARAGRAPH_PROPERTIES, local, w
from .package import Package
from .runs import copy, paragraph_properties, remove
from .walk import iter_paragraphs

_Element = etree._Element
_MAX_LEVELS = 9
_BULLET = "-"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


_VAL = w("val")
_PPR = w("pPr")
_NUMPR = w("numPr")
_NUM_ID = w("numId")
_ILVL = w("ilvl")
_PSTYLE = w("pStyle")


def _val(parent: _Element | None, tag: str) -> str | None:
    if parent is None:
        return None
    child = parent.find(w(tag))
    return None if child is None else child.get(_VAL)


def _int(value: str | None, default: int) -> int:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list: its start, format, pattern and restart rule."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 = never
    suffix: str = "tab"
    legal: bool = False
    style: str | None = None

    @classmethod
    def from_xml(cls, lvl: _Element, base: Level | None = None) -> Level:
        """A w:lvl; what it leaves out comes from `base` (the abstract list's level that a
        w:lvlOverride redefines), else from Word's defaults."""
        base = base or _DEFAULT
        text_el = lvl.find(w("lvlText"))
        restart = _val(lvl, "lvlRestart")
        legal = lvl.find(w("isLgl"))
        start = _val(lvl, "start")
        return cls(
            start=base.start if start is None else _int(start, 1),
            fmt=_val(lvl, "numFmt") or base.fmt,
            text=base.text if text_el is None else (text_el.get(_VAL) or ""),
            restart=base.restart if restart is None else _int(restart, 0),
            suffix=_val(lvl, "suff") or base.suffix,
            legal=base.legal if legal is None else legal.get(_VAL) not in ("0", "false", "off"),
            style=_val(lvl, "pStyle") or base.style,
        )


_DEFAULT = Level()
_PLAIN = _DEFAULT


@dataclass(frozen=True, slots=True)
class _Instance:
    abstract: str
    starts: dict[int, int]  # level -> startOverride
    levels: dict[int, _Element]  # level -> w:lvl inside w:lvlOverride


@dataclass(slots=True)
class _StyleNumbering:
    num_id: str | None
    ilvl: int | None
    based_on: str | None


def format_number(value: int, fmt: str) -> str:
    """A counter value in a Word number format (unknown formats fall back to decimal)."""
    if fmt in ("decimal", "decimalEnclosedFullstop", "decimalEnclosedParen"):
        return str(value)
    if fmt == "decimalZero":
        return f"{value:02d}" if 0 <= value < 10 else str(value)
    if fmt in ("lowerLetter", "upperLetter"):
        if not 0 < value <= 26 * 20:  # Word repeats letters; beyond that, show the number
            return str(value)
        # Word repeats the letter: a … z, aa … zz, aaa …
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        if not 0 < value < 4000:
            return str(value)
        out: list[str] = []
        rest = value
        for number, numeral in _ROMAN:
            while rest >= number:
                out.append(numeral)
                rest -= number
        roman = "".join(out)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "bullet":
        return _BULLET
    if fmt == "none":
        return ""
    if fmt == "ordinal":
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        if 10 <= value % 100 <= 20:
            suffix = "th"
        return f"{value}{suffix}"
    return str(value)


@dataclass(slots=True)
class Numbering:
    """Numbering definitions of one document plus the running counters."""

    abstracts: dict[str, dict[int, Level]] = field(default_factory=dict)
    style_links: dict[str, str] = field(default_factory=dict)  # abstractNumId -> numStyleLink
    instances: dict[str, _Instance] = field(default_factory=dict)
    styles: dict[str, _StyleNumbering] = field(default_factory=dict)
    default_style: str | None = None
    _counters: dict[str, list[int | None]] = field(default_factory=dict)
    #: Per abstract list, the start value each level was last reset to (None: never reset):
    #: the w:num of the paragraph that restarts a level decides where a skipped level stands.
    _reset_to: dict[str, list[int | None]] = field(default_factory=dict)
    _restarted: set[str] = field(default_factory=set)  # w:num whose w:startOverride applied
    _by_style: dict[str | None, tuple[str | None, int | None]] = field(default_factory=dict)
    _by_instance: dict[str, tuple[str, dict[int, Level]]] = field(default_factory=dict)
    #: The label the last `value` call rendered.
    last_label: str | None = None

    @classmethod
    def of(cls, package: Package) -> Numbering:
        """The numbering of a document: numbering.xml and the paragraph styles' numbering."""
        numbering = package.related("numbering", "word/numbering.xml")
        styles = package.related("styles", "word/styles.xml")
        return cls.from_xml(
            package.xml(numbering) if numbering else None, package.xml(styles) if styles else None
        )

    @classmethod
    def from_xml(cls, numbering: _Element | None, styles: _Element | None) -> Numbering:
        self = cls()
        if numbering is not None:
            for abstract in numbering.iter(w("abstractNum")):
                key = abstract.get(w("abstractNumId"), "")
                self.abstracts[key] = {
                    _int(lvl.get(w("ilvl")), 0): Level.from_xml(lvl)
                    for lvl in abstract.iter(w("lvl"))
                }
                link = _val(abstract, "numStyleLink")
                if link:
                    self.style_links[key] = link
            for num in numbering.iter(w("num")):
                starts: dict[int, int] = {}
                levels: dict[int, _Element] = {}
                for override in num.iter(w("lvlOverride")):
                    ilvl = _int(override.get(w("ilvl")), 0)
                    start = _val(override, "startOverride")
                    if start is not None:
                        starts[ilvl] = _int(start, 1)
                    lvl = override.find(w("lvl"))
                    if lvl is not None:
                        levels[ilvl] = lvl
                abstract_id = _val(num, "abstractNumId") or ""
                self.instances[num.get(w("numId"), "")] = _Instance(abstract_id, starts, levels)
        if styles is not None:
            for style in styles.iter(w("style")):
                if style.get(w("type")) not in (None, "paragraph", "numbering"):
                    continue
                style_id = style.get(w("styleId"), "")
                ppr = style.find(w("pPr"))
                numpr = None if ppr is None else ppr.find(w("numPr"))
                style_ilvl = _val(numpr, "ilvl")
                self.styles[style_id] = _StyleNumbering(
                    _val(numpr, "numId"),
                    None if style_ilvl is None else _int(style_ilvl, 0),
                    _val(style, "basedOn"),
                )
                if style.get(w("default")) in ("1", "true", "on") and style.get(w("type")) in (
                    None,
                    "paragraph",
                ):
                    self.default_style = style_id
        return self

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """numId and ilvl a paragraph style gives, following w:basedOn (cycles cut)."""
        seen: set[str] = set()
        num_id: str | None = None
        ilvl: int | None = None
        while style_id is not None and style_id not in seen:
            seen.add(style_id)
            info = self.styles.get(style_id)
            if info is None:
                break
            if num_id is None and info.num_id is not None:
                num_id = info.num_id
            if ilvl is None and info.ilvl is not None:
                ilvl = info.ilvl
            if num_id is not None and ilvl is not None:
                break
            style_id = info.based_on
        return num_id, ilvl

    def _levels(self, instance: _Instance) -> tuple[str, dict[int, Level]]:
        """The abstract list key and its levels, following one w:numStyleLink indirection."""
        key = instance.abstract
        link = self.style_links.get(key)
        if link is not None and not self.abstracts.get(key):
            num_id, _ = self._style_numbering(link)
            target = self.instances.get(num_id or "")
            if target is not None:
                key = target.abstract
        levels = dict(self.abstracts.get(key, {}))
        for ilvl, lvl in instance.levels.items():
            levels[ilvl] = Level.from_xml(lvl, levels.get(ilvl))
        return key, levels

    def label(self, p: _Element) -> str | None:
        """The visible label of paragraph `p` with its suffix ("11. "), advancing the counters;
        None when the paragraph is not numbered or its label is empty."""
        found = self.numbered(p)
        if found is None:
            return None
        return self._advance(*found)

    def value(self, p: _Element) -> int | None:
        """The counter a numbered paragraph shows at its own level, advancing the counters as
        `label` does (None when it is not numbered): what a writer pins to keep a number."""
        found = self.numbered(p)
        if found is None:
            return None
        self.last_label = self._advance(*found)
        key, _ = self._by_instance[found[0]]
        return self._counters[key][found[1]]

    def add_restart(self, num_id: str, ilvl: int, value: int, new_id: str) -> None:
        """Know list instance `new_id`: `num_id` restarted so that level `ilvl` shows `value`
        at its first use (a writer adds the same w:num to numbering.xml)."""
        instance = self.instances[num_id]
        self.instances[new_id] = _Instance(instance.abstract, {ilvl: value}, instance.levels)

    def numbered(self, p: _Element) -> tuple[str, int] | None:
        """The list instance (numId) and level of paragraph `p`, from its properties or its
        style; None when it is not numbered. The counters do not move."""
        num_id: str | None = None
        ilvl: int | None = None
        style_id: str | None = self.default_style
        # w:pPr is the first child of a w:p; walking children is cheaper than find().
        if len(p) and p[0].tag == _PPR:
            for prop in p[0]:
                tag = prop.tag
                if tag == _PSTYLE:
                    style_id = prop.get(_VAL) or self.default_style
                elif tag == _NUMPR:
                    for item in prop:
                        if item.tag == _NUM_ID:
                            num_id = item.get(_VAL)
                        elif item.tag == _ILVL:
                            ilvl = _int(item.get(_VAL), 0)
        if num_id is None:
            cached = self._by_style.get(style_id)
            if cached is None:
                cached = self._by_style[style_id] = self._style_numbering(style_id)
            num_id, style_ilvl = cached
            if ilvl is None:
                ilvl = style_ilvl
        if num_id is None or num_id == "0":
            return None
        instance = self.instances.get(num_id)
        if instance is None:
            return None
        found = self._by_instance.get(num_id)
        if found is None:
            found = self._by_instance[num_id] = self._levels(instance)
        levels = found[1]
        if ilvl is None:
            ilvl = next((n for n, lv in levels.items() if lv.style == style_id), 0)
        ilvl = min(max(ilvl, 0), _MAX_LEVELS - 1)
        if levels.get(ilvl) is None:
            return None
        return num_id, ilvl

    def _advance(self, num_id: str, ilvl: int) -> str | None:
        instance = self.instances[num_id]
        key, levels = self._by_instance[num_id]
        level = levels[ilvl]
        counters = self._counters.setdefault(key, [None] * _MAX_LEVELS)
        reset_to = self._reset_to.setdefault(key, [None] * _MAX_LEVELS)
        for higher in range(ilvl):
            if counters[higher] is None:
                fresh = reset_to[higher]
                counters[higher] = levels.get(higher, _PLAIN).start if fresh is None else fresh
        override = instance.starts.get(ilvl)
        current = counters[ilvl]
        if override is not None and num_id not in self._restarted:
            self._restarted.add(num_id)
            counters[ilvl] = override
        else:
            counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, _MAX_LEVELS):
            rule = levels.get(deeper, _PLAIN).restart
            after = deeper if rule is None else rule
            if after != 0 and ilvl < after:
                counters[deeper] = None
                reset_to[deeper] = levels.get(deeper, _PLAIN).start
        text = self._render(level, levels, counters)
        if not text:
            return None
        return text + ("" if level.suffix == "nothing" else " ")

    @staticmethod
    def _render(level: Level, levels: dict[int, Level], counters: list[int | None]) -> str:
        if level.fmt == "bullet":
            return _BULLET
        if level.fmt == "none" and "%" not in level.text:
            return level.text
        pattern = level.text
        out: list[str] = []
        i = 0
        while i < len(pattern):
            char = pattern[i]
            if char == "%" and i + 1 < len(pattern) and pattern[i + 1] in "123456789":
                n = int(pattern[i + 1]) - 1
                other = levels.get(n, _PLAIN)
                value = counters[n]
                if value is None:
                    value = other.start
                fmt = "decimal" if level.legal and other.fmt != "none" else other.fmt
                if fmt != "bullet" or other is level:
                    out.append(format_number(value, fmt))
                i += 2
                continue
            out.append(char)
            i += 1
        return "".join(out).strip()


# -- restarting numbers in a copy (the clean writer) ------------------------------------------
# Writing, kept apart from the reading classes above: a clean copy keeps the numbers of the
# clean text by restarting list instances where Word's own count would go astray.


def numbers_before(
    package: Package, paragraphs: list[_Element]
) -> dict[int, tuple[int, str, str, int]]:
    """Body paragraph index -> (counter, label, numId, level) of each auto-numbered one, as
    the document stands before any edit (`paragraphs`: the body's, as the reader enumerated
    them)."""
    numbering = Numbering.of(package)
    found: dict[int, tuple[int, str, str, int]] = {}
    for index, p in enumerate(paragraphs):
        where = numbering.numbered(p)
        value = numbering.value(p)
        if value is not None and where is not None:
            found[index] = (value, numbering.last_label or "", *where)
    return found


def keep_numbers(
    package: Package,
    document: _Element,
    paragraphs: list[_Element],
    labels: dict[int, str | None],
    before: dict[int, tuple[int, str, str, int]],
    adopted: dict[int, int],
    uncounted: frozenset[int] = frozenset(),
) -> None:
    """Make the copy's auto-numbers those of the clean text: Word would renumber the list
    after a removed paragraph ("3." after "1."); a surviving paragraph keeps its number, so
    where Word's count goes astray a new list instance restarts it there (w:num with a
    w:startOverride, the same abstract list), and the paragraphs of that list that follow at
    that level or deeper use it too (Word and LibreOffice then agree).

    `document` is the edited body's root, `paragraphs` its paragraphs as the reader enumerated
    them, `labels` the clean label of each by index: a paragraph whose label the resolution
    removed (None) loses its number (numId 0). An `adopted` paragraph (a promoted `Naltern.`,
    by index) takes the list and number of the removed paragraph it replaces. An `uncounted`
    paragraph (a redline's, that Reject All removes) keeps its number in its list but is not
    counted: the numbers after it restart where Reject All would renumber them, and show the
    same values with every change accepted."""
    name = package.related("numbering", "word/numbering.xml")
    if name is None:
        return
    numbering = Numbering.of(package)
    root = package.edit(name)
    next_id = 1 + max((int(n) for n in numbering.instances if n.isdigit()), default=0)
    instances = {n.get(w("numId"), ""): n for n in root.iter(w("num"))}
    last = list(instances.values())[-1] if instances else None
    remap: dict[str, tuple[str, int]] = {}  # numId -> (restarted numId, from this level)
    index_of = {id(p): index for index, p in enumerate(paragraphs)}
    for p in iter_paragraphs(document):
        index = index_of.get(id(p))
        if index is None:
            continue
        wanted = labels.get(index, "")
        original = before.get(index)
        replaced = before.get(adopted.get(index, -1))
        if replaced is not None:
            set_number(p, replaced[2], replaced[3])
            wanted, original = replaced[1], replaced
        found = numbering.numbered(p)
        if found is None:
            continue
        num_id, ilvl = found
        mapped = remap.get(num_id)
        if mapped is not None:
            if ilvl >= mapped[1]:
                set_number(p, mapped[0], ilvl)
            else:
                del remap[num_id]
        if wanted is None:
            set_number(p, "0", ilvl)
            continue
        if index in uncounted:
            continue
        value = numbering.value(p)
        if original is None or not wanted or original[1] != wanted or value == original[0]:
            continue
        current = (numbering.numbered(p) or found)[0]
        new_id = str(next_id)
        next_id += 1
        added = add_restart(instances.get(current), last, new_id, ilvl, original[0])
        if added is None:
            continue
        instances[new_id] = last = added
        numbering.add_restart(current, ilvl, original[0], new_id)
        remap[num_id] = (new_id, ilvl)
        set_number(p, new_id, ilvl)
        numbering.value(p)


def set_number(p: _Element, num_id: str, ilvl: int) -> None:
    """Number paragraph `p` with list instance `num_id` at level `ilvl` (numId 0: none)."""
    ppr = paragraph_properties(p)
    numpr = PARAGRAPH_PROPERTIES.get_or_add(ppr, "numPr")
    for child in list(numpr):
        if local(child) in ("ilvl", "numId"):
            numpr.remove(child)
    etree.SubElement(numpr, w("ilvl"), {w("val"): str(ilvl)})
    etree.SubElement(numpr, w("numId"), {w("val"): num_id})


def add_restart(
    original: _Element | None, last: _Element | None, new_id: str, ilvl: int, value: int
) -> _Element | None:
    """A w:num `new_id`: a copy of `original` (its abstract list, its level overrides) whose
    level `ilvl` starts at `value`; put after `last`, the last w:num, as the schema orders."""
    if original is None or last is None:
        return None
    num = copy(original)
    num.set(w("numId"), new_id)
    for start in list(num.iter(w("startOverride"))):
        remove(start)
    override = next(
        (o for o in num.iter(w("lvlOverride")) if o.get(w("ilvl")) == str(ilvl)), None
    )
    if override is None:
        override = etree.SubElement(num, w("lvlOverride"), {w("ilvl"): str(ilvl)})
    override.insert(0, etree.Element(w("startOverride"), {w("val"): str(value)}))
    last.addnext(num)
    return num

