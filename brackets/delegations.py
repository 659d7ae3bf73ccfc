"""Delegations: every UN member and observer, the EU, the negotiating groups, CICA's own codes,
and lists users supply in a simple file.

One delegation has one canonical code, whatever a draft or a comment calls it:
`Registry.canonical("U.S.")`, `("US")`, `("USA")` and `("United States of America")` are all
`USA`; `("IRN")` and `("Islamic Republic of Iran")` are `IRAN`. `Registry.read_list` reads a
note-taker's list ("U.S, Canada, Japan", "G77 and China") into those codes.

Where the facts come from:

- pycountry (ISO 3166-1, offline): each state's alpha-3 code, its short, official and common
  names, and their Russian translations (pycountry's gettext catalogues `iso3166-1`, which CICA
  drafts need). Two-letter ISO codes are *not* taken from it (see below).
- `brackets/data/delegations.toml`, which we write: which ISO entries are delegations (the 193
  UN Member States and the 2 observer States from un.org; the Cook Islands and Niue, Parties to
  the UNFCCC), the codes CICA drafts write instead of ISO ones (`IRAN`, `AZER`), negotiators'
  short forms (`US`, `U.S.`, `UK`, `CH`, `NZ`, `Russia`, `DRC`...), the EU, the UNFCCC
  negotiating groups (names from the UNFCCC's "Party groupings" page; no membership lists),
  CICA's Secretariat and Chairmanship, and the 28 CICA Member States. Its comments cite sources.

How a text is recognised (`canonical`), so that a common word never becomes a delegation:

- A *code form* (capitals, digits, dots and hyphens only: `USA`, `US`, `U.S`, `G-77`) is
  matched exactly, dots and hyphens aside, and only in capitals: `US` is the United States,
  `us` is a word. Codes are the canonical codes, ISO alpha-3 codes, and the code forms listed in
  the data file. Two-letter ISO codes are accepted only where the data file lists them (`US`,
  `UK`, `CH`, `NZ`, and `EU`), because the rest collide with words (`IN`, `NO`, `IT`, `TO`,
  `ME`, `AM`) or with other codes (`CH` beside `CHN`). Three-letter codes that are also English
  words (`CAN`, `AND`, `ARE`) are delegations only in capitals: `CAN, UK delete` is Canada.
- A *name* (any other alias: `Russia`, `Türkiye`, `Китай`) is matched without case, accents,
  punctuation or a leading "Delegation of" / "the", but only when the text starts with a
  capital: `China` and `CHINA` are CHN, `china` and `turkey` are words. An ISO name that is
  ambiguous between two delegations (in any language) is dropped.

"Did you mean" (`suggest`) must not mislead: an alias gives its own delegation (`US` -> USA,
never RUS), and an unknown code gets a suggestion only when exactly one delegation is one edit
away from it (spellings in capitals: codes, code forms and one-word names such as RUSSIA).
Two-letter codes get none (`G7`, `MC` are other things). A three-letter code only ever gets
that delegation's own code with one letter added (`AZR` -> AZER; `IRA` gets none, as IRAN and
IRAQ are both one letter away), never a code that differs from it by a letter (`RUZ`): most of
those are other countries. Longer codes may differ by one insertion, deletion, substitution or
swap (`CHNA` -> CHN, `RUSIA` -> RUS). The edits are looked up in tables built once per
registry, so a call costs a few dictionary look-ups (20,000 calls take a fraction of a second,
see tests/benchmarks/bench_suggest.py).

A delegation file has one delegation a line, its code, a colon, then names and aliases
separated by semicolons; `#` starts a comment:

    # code: name; alias; alias
    CHN: China; People's Republic of China
    EU: European Union; Delegation of the European Union
    # Word authors whose tracked changes are editorial (secretariat staff), not positions
    editor: Xavier Tibau Alberdi; Jane Doe

An `editor:` (or `editors:`, any case) line names Word authors, separated by semicolons, who
are editors rather than delegations: reading a Word draft with `track_changes="brackets"`
accepts their tracked changes (the same as `--editor NAME`), and their comments state a
position only for the delegations they name.
"""

from __future__ import annotations

import functools
import gettext
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pycountry

from .errors import DelegationFileError, Diagnostic

#: The data file we write (groups, aliases, which ISO entries are delegations), in the package.
DATA_FILE = "data/delegations.toml"
#: Languages whose pycountry translations of state names are aliases (CICA drafts use Russian).
LANGUAGES = ("ru",)

_CODE = re.compile(r"[A-Z][A-Z0-9_]*\Z")
_CODE_FORM = re.compile(r"[A-Z0-9][A-Z0-9.\-\u2010-\u2015]*\Z")
_CODE_PUNCTUATION = re.compile(r"[.\-\u2010-\u2015]")
_PREFIXES = ("delegation of the ", "delegation of ", "the ")
_LEAD = re.compile(r"\A\s*(?:delegation\s+of\s+)?(?:the\s+)?", re.IGNORECASE)
_APOSTROPHES = re.compile(r"['’ʼ`]")
_NOT_WORD = re.compile(r"[\W_]+")
#: The keys of a delegation file's editor lines (any case): `editor: Name; Name`.
_EDITOR_KEYS = ("editor", "editors")
_SEPARATOR = re.compile(r"\s*[,;/&]\s*|\s+(?:and|и)\s+")
#: Most list items one name may span ("Saint Vincent and the Grenadines": 2).
_LONGEST_NAME = 4
#: Shortest unknown code that may differ from a known one by more than one added letter.
_LONG = 4


#: A delegation list is a few kilobytes; anything past this is not one.
MAX_DELEGATION_BYTES = 16 * 1024 * 1024


def _read(path: str | Path) -> str:
    """A delegation file's text; every failure is one DelegationFileError naming the file."""
    name = str(path)

    def fail(message: str, line: int = 0, column: int = 0) -> DelegationFileError:
        return DelegationFileError(Diagnostic("error", message, line, column, name, "input"))

    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_DELEGATION_BYTES + 1)  # never all of /dev/zero
    except FileNotFoundError:
        raise fail("no such delegation list") from None
    except IsADirectoryError:
        raise fail("is a directory, not a delegation list") from None
    except OSError as exc:
        raise fail(f"cannot read delegation list: {exc.strerror or exc}") from None
    if len(data) > MAX_DELEGATION_BYTES:
        raise fail(f"larger than {MAX_DELEGATION_BYTES} bytes: not a delegation list")
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        raise fail(
            f"not UTF-8 text (byte 0x{data[exc.start]:02X}); save the delegation list as UTF-8",
            data.count(b"\n", 0, exc.start) + 1,
            len(data[line_start : exc.start].decode("utf-8")) + 1,
        ) from None


def _key(name: str) -> str:
    """Compare names without case, accents, punctuation or a 'Delegation of' prefix."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = " ".join(_NOT_WORD.sub(" ", _APOSTROPHES.sub("", text)).split())
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text


def _code_form(text: str) -> str | None:
    """`text` as a code ("U.S." -> "US", "G-77" -> "G77"), or None if it is not one."""
    if not _CODE_FORM.match(text):
        return None
    return _CODE_PUNCTUATION.sub("", text)


def _one_added(short: str, code: str) -> bool:
    """Whether `code` is `short` with one letter added (AZR -> AZER)."""
    return len(code) == len(short) + 1 and any(
        code[:i] + code[i + 1 :] == short for i in range(len(code))
    )


@dataclass(frozen=True, slots=True)
class _Near:
    """Known codes by their one-edit neighbours, for suggestions in a few look-ups per call.

    `exact` holds every spelling that stands for a delegation in capitals (codes, code forms,
    one-word names: CHN, US, CHINA); `added` maps a spelling with one letter removed to the
    delegations it came from (so AZR finds AZER); `replaced` maps (position, spelling with that
    letter removed) to delegations (so a substitution, CHNE for CHNA, is one look-up)."""

    exact: dict[str, frozenset[str]]
    added: dict[str, frozenset[str]]
    replaced: dict[tuple[int, str], frozenset[str]]
    longest: int

    @classmethod
    def build(cls, spellings: Iterable[tuple[str, str]]) -> _Near:
        exact: dict[str, set[str]] = {}
        added: dict[str, set[str]] = {}
        replaced: dict[tuple[int, str], set[str]] = {}
        for spelling, code in spellings:
            exact.setdefault(spelling, set()).add(code)
            for i in range(len(spelling)):
                shorter = spelling[:i] + spelling[i + 1 :]
                added.setdefault(shorter, set()).add(code)
                replaced.setdefault((i, shorter), set()).add(code)
        return cls(
            {k: frozenset(v) for k, v in exact.items()},
            {k: frozenset(v) for k, v in added.items()},
            {k: frozenset(v) for k, v in replaced.items()},
            max(map(len, exact), default=0),
        )

    def candidates(self, code: str) -> set[str]:
        """The delegations one edit away from `code` that the rules allow (module docstring)."""
        found = set(self.added.get(code, ()))
        if len(code) < _LONG:
            return found
        for i in range(len(code)):
            shorter = code[:i] + code[i + 1 :]
            found |= self.exact.get(shorter, frozenset())
            found |= self.replaced.get((i, shorter), frozenset())
            if i + 1 < len(code) and code[i] != code[i + 1]:
                swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
                found |= self.exact.get(swapped, frozenset())
        return found


@dataclass(frozen=True, slots=True)
class Registry:
    """Known delegation codes with their names and aliases.

    `names` maps each canonical code to its names and aliases; an alias in capitals is a code
    form, any other a name (module docstring)."""

    names: Mapping[str, tuple[str, ...]]
    #: Word authors who are editors (secretariat staff), not delegations: their tracked
    #: changes are read as accepted editorial changes (`editor:` lines of a delegation file).
    editors: tuple[str, ...] = ()
    _aliases: dict[str, str] = field(init=False, repr=False, compare=False)
    _codes: dict[str, str] = field(init=False, repr=False, compare=False)
    _near: _Near = field(init=False, repr=False, compare=False)
    #: Names written with a comma ("Korea, Republic of"): only these may span a list's comma.
    _with_commas: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        codes: dict[str, str] = {code: code for code in self.names}
        table: dict[str, str] = {}
        for code, aliases in self.names.items():
            for alias in aliases:
                form = _code_form(alias)
                if form is not None:
                    codes.setdefault(form, code)
                else:
                    table.setdefault(_key(alias), code)
        spellings = [(form, code) for form, code in codes.items()]
        spellings += [
            (name.upper(), code)
            for name, code in table.items()
            if name.isascii() and name.isalpha() and len(name) >= _LONG
        ]
        object.__setattr__(self, "_aliases", table)
        object.__setattr__(self, "_codes", codes)
        object.__setattr__(self, "_near", _Near.build(spellings))
        commas = {_key(a) for aliases in self.names.values() for a in aliases if "," in a}
        object.__setattr__(self, "_with_commas", frozenset(commas))

    @classmethod
    def default(cls) -> Registry:
        """Every UN member and observer, the EU, the negotiating groups and CICA's codes (built on
        first use, not at import: the names and translations take a while to gather)."""
        return _default()

    @classmethod
    def from_mapping(cls, names: Mapping[str, Iterable[str]]) -> Registry:
        return cls({code: tuple(aliases) for code, aliases in names.items()})

    @classmethod
    def from_file(cls, path: str | Path, *, extend: bool = True) -> Registry:
        """Read a delegation file; `extend` keeps the default CICA list beside it."""
        names: dict[str, tuple[str, ...]] = dict(_default().names) if extend else {}
        editors: list[str] = []
        for number, raw in enumerate(_read(path).splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            code, _, rest = line.partition(":")
            code = code.strip()
            if code.casefold() in _EDITOR_KEYS:
                editors.extend(name.strip() for name in rest.split(";") if name.strip())
                continue
            if not _CODE.match(code):
                raise DelegationFileError(
                    Diagnostic(
                        "error",
                        f"'{code}' is not a delegation code (upper-case letters and digits, "
                        "e.g. CHN or IRAN)",
                        number,
                        1,
                        str(path),
                    )
                )
            aliases = tuple(a.strip() for a in rest.split(";") if a.strip())
            names[code] = names.get(code, ()) + aliases if extend else aliases
        return cls(names, tuple(editors))

    def knows(self, code: str) -> bool:
        """Whether `code` (a code, a code form or a name) stands for a known delegation."""
        return self.canonical(code) is not None

    def canonical(self, code_or_name: str) -> str | None:
        """The one code of the delegation a code, code form or name stands for, or None.

        "US", "U.S.", "the US", "USA", "United States" -> USA; "IRN", "Iran" -> IRAN; "us",
        "IN", "china" -> None. A name counts only if it starts with a capital (after "the")."""
        text = code_or_name.strip()
        if text in self.names:
            return text
        rest = _LEAD.sub("", text, count=1)
        form = _code_form(rest)
        if form is not None and form in self._codes:
            return self._codes[form]
        first = next((ch for ch in rest if ch.isalpha()), "")
        if first.islower():
            return None
        return self._aliases.get(_key(text))

    def code_for(self, name: str) -> str | None:
        """The code for a code, a name or an alias ("China", "Delegation of China" -> CHN)."""
        return self.canonical(name)

    def read_list(self, text: str) -> tuple[str, ...] | None:
        """The delegations a list names, in order, or None if any item is not a delegation.

        Items are separated by commas, semicolons, "/", "&", "and" or "и"; the longest run of
        items that is one name wins, so "G77 and China" is G77 and "Bosnia and Herzegovina"
        one state, but a run across a comma only for a name written with one ("Korea, Republic
        of"): "G77, China" is two. "U.S, Canada, Japan" -> (USA, CAN, JPN); "Please check" ->
        None."""
        text = text.strip().strip(",;/&").strip()
        spans: list[tuple[int, int]] = []
        at = 0
        for separator in _SEPARATOR.finditer(text):
            spans.append((at, separator.start()))
            at = separator.end()
        spans.append((at, len(text)))
        codes: list[str] = []
        i = 0
        while i < len(spans):
            for j in range(min(len(spans), i + _LONGEST_NAME), i, -1):
                span = text[spans[i][0] : spans[j - 1][1]]
                code = self.canonical(span)
                if code is not None and ("," not in span or _key(span) in self._with_commas):
                    break
            else:
                return None
            if code not in codes:
                codes.append(code)
            i = j
        return tuple(codes) if codes else None

    def suggest(self, code: str) -> str | None:
        """The delegation an unknown code most likely means, for 'did you mean', or None.

        A known alias gives its delegation (IRN -> IRAN, US -> USA); an unknown code gets one
        only when exactly one delegation is close by the rules of the module docstring."""
        text = code.strip()
        known = self.canonical(text)
        if known is not None:
            return known if known != text else None
        form = _code_form(text)
        if form is None or not 3 <= len(form) <= self._near.longest + 1:
            return None
        found = self._near.candidates(form)
        if len(found) != 1:
            return None
        (near,) = found
        if len(form) < _LONG and not _one_added(form, near):
            return None
        return near


@dataclass(frozen=True, slots=True)
class _Data:
    """The data file, read: see its comments for what each table means and where it is from."""

    states: tuple[str, ...]
    own_codes: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]]
    groups: Mapping[str, tuple[str, ...]]
    others: Mapping[str, tuple[str, ...]]
    cica: tuple[str, ...]

    @classmethod
    def read(cls) -> _Data:
        text = resources.files("brackets").joinpath(DATA_FILE).read_text(encoding="utf-8")
        data = tomllib.loads(text)

        def table(name: str) -> dict[str, tuple[str, ...]]:
            return {code: tuple(names) for code, names in data[name].items()}

        states = data["states"]
        return cls(
            states=(*states["members"], *states["observers"], *states["parties"]),
            own_codes={iso: code for code, iso in data["codes"].items()},
            aliases=table("aliases"),
            groups=table("groups"),
            others=table("others"),
            cica=tuple(data["cica"]["members"]),
        )


def _translations() -> list[gettext.NullTranslations]:
    """pycountry's catalogues of ISO 3166-1 names in `LANGUAGES` (shipped with pycountry; a
    packaging without them leaves the English names only)."""
    return [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)
        for language in LANGUAGES
    ]


def _iso_names(alpha_3: str) -> list[str]:
    """A state's English names from pycountry, best first, with "Korea, Republic of" also
    written "Republic of Korea"."""
    country = pycountry.countries.get(alpha_3=alpha_3)
    if country is None:
        raise LookupError(f"{alpha_3} in {DATA_FILE} is not an ISO 3166-1 alpha-3 code")
    names = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
    found = [name for name in names if name]
    head, comma, tail = country.name.partition(", ")
    if comma:
        found.append(f"{tail} {head}")
    return found


def _unique(items: Iterable[str]) -> Iterator[str]:
    seen: set[str] = set()
    for item in items:
        if item not in seen:
            seen.add(item)
            yield item


def _default_names(data: _Data) -> dict[str, tuple[str, ...]]:
    """Each state's names from pycountry and the data file, then the groups and others.

    A pycountry name that two delegations share, or that the data file gives to another
    delegation, is left out."""
    catalogues = _translations()
    derived: dict[str, list[str]] = {}
    for iso in data.states:
        code = data.own_codes.get(iso, iso)
        english = _iso_names(iso)
        translated = [c.gettext(name) for c in catalogues for name in english]
        iso_code = [iso] if code != iso else []
        derived[code] = [*english, *iso_code, *(t for t in translated if t not in english)]
    claims: dict[str, set[str]] = {}
    for code, iso_names in derived.items():
        for name in iso_names:
            claims.setdefault(_key(name), set()).add(code)
    for code, aliases in data.aliases.items():
        for alias in aliases:
            claims.setdefault(_key(alias), set()).add(code)
    names: dict[str, tuple[str, ...]] = {}
    for code, iso_names in derived.items():
        kept = [name for name in iso_names if claims[_key(name)] == {code}]
        names[code] = tuple(_unique([*kept, *data.aliases.get(code, ())]))
    return names | dict(data.groups) | dict(data.others)


_DATA = _Data.read()
#: The codes of the negotiating groups (UNFCCC "Party groupings").
GROUPS: tuple[str, ...] = tuple(_DATA.groups)
#: The codes of the 28 CICA Member States (2023), as CICA drafts write them.
CICA: tuple[str, ...] = _DATA.cica


@functools.cache
def _default() -> Registry:
    return Registry(_default_names(_DATA))
