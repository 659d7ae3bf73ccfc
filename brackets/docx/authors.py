"""Word authors as delegations, shared by the reader and the writers.

The reader maps each Word author to a delegation code (the registry's, or a sanitised one with
a warning); the writers write the neutral author for brackets nobody supports, and match
editors by `normalise_author`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Protocol

from .sourcemap import TextBuilder

__all__ = ["NEUTRAL_AUTHOR", "AuthorCodes", "Authors", "normalise_author", "sanitise_code"]

#: The author our redline gives to brackets nobody supports; read back as no attribution.
NEUTRAL_AUTHOR = "Unattributed"


class AuthorCodes(Protocol):
    """What the reader needs of a registry: a delegation code for a Word author name."""

    def code_for(self, name: str) -> str | None: ...


def normalise_author(name: str) -> str:
    """A Word author's name as editors are matched: spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()


@dataclass(slots=True)
class Authors:
    """Word author names -> delegation codes, with one warning per unknown author.

    The neutral author maps to "" (a bracket with no attribution group)."""

    registry: AuthorCodes | None
    #: The editors' names (`normalise_author`): their tracked changes are accepted, not positions.
    editors: frozenset[str] = frozenset()
    codes: dict[str, str] = field(default_factory=lambda: {NEUTRAL_AUTHOR: ""})
    #: Unknown authors: the index of their one warning in the builder, and how often they
    #: came up (the warning gives the count at the end).
    unknown: dict[str, list[int]] = field(default_factory=dict)

    def code(
        self, author: str, builder: TextBuilder, what: str = "tracked change", at: int | None = None
    ) -> str:
        """The code of `author`; an unknown one is sanitised, with one warning (at `at`)."""
        known = self.codes.get(author)
        if known is not None:
            seen = self.unknown.get(author)
            if seen is not None:
                seen[1] += 1
            return known
        code = self.registry.code_for(author) if self.registry is not None else None
        if code is None:
            code = sanitise_code(author)
            self.unknown[author] = [len(builder.warnings), 1]
            builder.warnings.append(
                (
                    builder.pos if at is None else at,
                    f"{what} by {author!r}, not a known delegation: an unknown author, named "
                    f"as written in reports ({code} in the text)",
                )
            )
        self.codes[author] = code
        return code

    def author_code(self, author: str, builder: TextBuilder, at: int) -> str | None:
        """The delegation a comment's author is: a known one, the neutral author (""), or a
        code as our redline writes them (FOO); None for a person (a note-taker, an editor)."""
        known = self.codes.get(author)
        if known is not None and author not in self.unknown:
            return known
        if normalise_author(author) in self.editors:
            return None
        code = self.registry.code_for(author) if self.registry is not None else None
        if code is not None:
            self.codes[author] = code
            return code
        if _CODE_AUTHOR.match(author):
            return self.code(author, builder, "comment", at)
        return None

    def counted(self, builder: TextBuilder) -> None:
        """Give each unknown author's one warning the number of changes and comments it had,
        and, for a person's tracked changes, the way to read them as an editor's."""
        for author, (index, count) in self.unknown.items():
            offset, message = builder.warnings[index]
            notes = [f"{count} times"] if count > 1 else []
            if message.startswith("tracked change") and not _CODE_AUTHOR.match(author):
                notes.append(f"if staff, --editor {author!r} accepts them as editorial")
            if notes:
                builder.warnings[index] = (offset, f"{message} ({'; '.join(notes)})")


_CODE_AUTHOR = re.compile(r"[A-Z][A-Z0-9]{2,11}\Z")


def sanitise_code(author: str) -> str:
    """An upper-case code ([A-Z0-9], starting with a letter) for an unknown Word author."""
    ascii_name = unicodedata.normalize("NFKD", author).encode("ascii", "ignore").decode()
    code = re.sub(r"[^A-Z0-9]", "", ascii_name.upper())
    if not code:
        return "UNKNOWN"
    return code if code[0].isalpha() else "X" + code
