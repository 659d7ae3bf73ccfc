"""brackets: parse, analyse and resolve bracketed negotiation drafts.

>>> import brackets
>>> draft = brackets.parse("Promote [tolerance and] (+TUR) dialogue [among peoples] (-CHN);")
>>> [b.id for b in draft.brackets]
['b1', 'b2']
>>> brackets.positions(draft).objecting
('CHN',)
>>> brackets.resolve(draft, "silence").text
'Promote tolerance and dialogue;'
"""

from importlib import metadata
from typing import TYPE_CHECKING

from .codes import parse
from .compare import Comparison, compare
from .errors import (
    BracketsError,
    DelegationFileError,
    Diagnostic,
    DocxError,
    DraftSyntaxError,
    InputError,
    ResolutionError,
)
from .inputs import read
from .model import Alternatives, Attribution, Bracket, Draft, Group, Paragraph, Text
from .positions import Positions, positions, spellings
from .report import CheckReport, check
from .resolve import Resolution, Unresolved, resolve

if TYPE_CHECKING:
    from .delegations import Registry


def __getattr__(name: str) -> object:
    """`Registry`, imported on first use: parsing, resolving and reading need no registry
    unless codes are checked, so `import brackets.parse` loads none."""
    if name == "Registry":
        from . import delegations

        return getattr(delegations, name)
    raise AttributeError(f"module 'brackets' has no attribute {name!r}")


try:
    __version__ = metadata.version("brackets")
except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "Alternatives",
    "Attribution",
    "Bracket",
    "BracketsError",
    "CheckReport",
    "Comparison",
    "DelegationFileError",
    "Diagnostic",
    "DocxError",
    "Draft",
    "DraftSyntaxError",
    "Group",
    "InputError",
    "Paragraph",
    "Positions",
    "Registry",
    "Resolution",
    "ResolutionError",
    "Text",
    "Unresolved",
    "__version__",
    "check",
    "compare",
    "parse",
    "positions",
    "read",
    "resolve",
    "spellings",
]
