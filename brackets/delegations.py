"""Delegation codes: the default CICA list, aliases, and lists users supply in a simple file.

A delegation file has one delegation a line, its code, a colon, then names and aliases
separated by semicolons; `#` starts a comment:

    # code: name; alias; alias
    CHN: China; People's Republic of China
    EU: European Union; Delegation of the European Union
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .model import Diagnostic

#: The 28 CICA member states (2023), the Secretariat and the Chairmanship. The codes the
#: CICA drafts use themselves (IRAN, AZER, CHN, IND, TUR) come first; the rest are ISO-style.
CICA: Mapping[str, tuple[str, ...]] = {
    "IRAN": ("Iran", "Islamic Republic of Iran", "IRN"),
    "AZER": ("Azerbaijan", "Republic of Azerbaijan", "AZE"),
    "CHN": ("China", "People's Republic of China", "PRC"),
    "IND": ("India", "Republic of India"),
    "TUR": ("Türkiye", "Turkey", "Republic of Türkiye", "Turkiye"),
    "AFG": ("Afghanistan",),
    "BHR": ("Bahrain", "Kingdom of Bahrain"),
    "BGD": ("Bangladesh", "People's Republic of Bangladesh"),
    "KHM": ("Cambodia", "Kingdom of Cambodia"),
    "EGY": ("Egypt", "Arab Republic of Egypt"),
    "IRQ": ("Iraq", "Republic of Iraq"),
    "ISR": ("Israel", "State of Israel"),
    "JOR": ("Jordan", "Hashemite Kingdom of Jordan"),
    "KAZ": ("Kazakhstan", "Republic of Kazakhstan"),
    "KGZ": ("Kyrgyzstan", "Kyrgyz Republic"),
    "MNG": ("Mongolia",),
    "PAK": ("Pakistan", "Islamic Republic of Pakistan"),
    "PSE": ("Palestine", "State of Palestine"),
    "QAT": ("Qatar", "State of Qatar"),
    "KOR": ("Republic of Korea", "Korea", "South Korea", "ROK"),
    "RUS": ("Russia", "Russian Federation", "RF"),
    "LKA": ("Sri Lanka", "Democratic Socialist Republic of Sri Lanka"),
    "TJK": ("Tajikistan", "Republic of Tajikistan"),
    "THA": ("Thailand", "Kingdom of Thailand"),
    "TKM": ("Turkmenistan",),
    "ARE": ("United Arab Emirates", "UAE"),
    "UZB": ("Uzbekistan", "Republic of Uzbekistan"),
    "VNM": ("Viet Nam", "Vietnam", "Socialist Republic of Viet Nam"),
    "SEC": ("Secretariat", "CICA Secretariat"),
    "CHAIR": ("Chairmanship", "Chair", "CICA Chairmanship"),
}

_CODE = re.compile(r"[A-Z][A-Z0-9_]*\Z")
_PREFIXES = ("delegation of the ", "delegation of ", "the ")


class DelegationFileError(ValueError):
    """A delegation file that cannot be read; carries the diagnostic with its line."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


def _read(path: str | Path) -> str:
    """A delegation file's text; every failure is one DelegationFileError naming the file."""
    name = str(path)

    def fail(message: str, line: int = 0, column: int = 0) -> DelegationFileError:
        return DelegationFileError(Diagnostic("error", message, line, column, name, "input"))

    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise fail("no such delegation list") from None
    except IsADirectoryError:
        raise fail("is a directory, not a delegation list") from None
    except OSError as exc:
        raise fail(f"cannot read delegation list: {exc.strerror or exc}") from None
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
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9 ]+", " ", text.replace("'", ""))
    text = " ".join(text.split())
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text


@dataclass(frozen=True, slots=True)
class Registry:
    """Known delegation codes with their names and aliases."""

    names: Mapping[str, tuple[str, ...]]
    _aliases: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        table: dict[str, str] = {}
        for code, aliases in self.names.items():
            table.setdefault(_key(code), code)
            for alias in aliases:
                table.setdefault(_key(alias), code)
        object.__setattr__(self, "_aliases", table)

    @classmethod
    def default(cls) -> Registry:
        return _DEFAULT

    @classmethod
    def from_mapping(cls, names: Mapping[str, Iterable[str]]) -> Registry:
        return cls({code: tuple(aliases) for code, aliases in names.items()})

    @classmethod
    def from_file(cls, path: str | Path, *, extend: bool = True) -> Registry:
        """Read a delegation file; `extend` keeps the default CICA list beside it."""
        names: dict[str, tuple[str, ...]] = dict(_DEFAULT.names) if extend else {}
        for number, raw in enumerate(_read(path).splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            code, _, rest = line.partition(":")
            code = code.strip()
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
        return cls(names)

    def knows(self, code: str) -> bool:
        return code in self.names

    def suggest(self, code: str) -> str | None:
        """The known code closest to an unknown one, for 'did you mean'."""
        by_alias = self.code_for(code)
        if by_alias is not None and by_alias != code:
            return by_alias
        close = difflib.get_close_matches(code, list(self.names), n=1, cutoff=0.6)
        return close[0] if close else None

    def code_for(self, name: str) -> str | None:
        """The code for a code, a name or an alias ("China", "Delegation of China" -> CHN)."""
        stripped = name.strip()
        if stripped in self.names:
            return stripped
        return self._aliases.get(_key(stripped))


_DEFAULT = Registry(CICA)
