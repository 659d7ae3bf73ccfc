"""brackets: parse, analyse and resolve bracketed negotiation drafts.

>>> import brackets
>>> draft = brackets.parse("Promote [tolerance and] (+TUR) dialogue [among peoples] (-CHN);")
>>> [b.id for b in draft.brackets]
['b1', 'b2']
>>> brackets.positions(draft).objecting
('CHN',)
>>> brackets.resolve(draft, "silence").text
'Promote tolerance and dialogue;'

The public names are imported on first use (`_HOMES`), so that `import brackets` and
`brackets --version` load neither the grammar nor the Word writers (issue 19).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING

from ._lazy import lazy_names
from ._version import __version__

if TYPE_CHECKING:
    from .codes import parse
    from .compare import Comparison, compare
    from .delegations import Registry
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
    from .timeline import History, history

#: Each public name -> the module that defines it.
_HOMES: dict[str, str] = {
    "parse": ".codes",
    **dict.fromkeys(("Comparison", "compare"), ".compare"),
    "Registry": ".delegations",
    **dict.fromkeys(
        (
            "BracketsError",
            "DelegationFileError",
            "Diagnostic",
            "DocxError",
            "DraftSyntaxError",
            "InputError",
            "ResolutionError",
        ),
        ".errors",
    ),
    "read": ".inputs",
    **dict.fromkeys(
        ("Alternatives", "Attribution", "Bracket", "Draft", "Group", "Paragraph", "Text"),
        ".model",
    ),
    **dict.fromkeys(("Positions", "positions", "spellings"), ".positions"),
    **dict.fromkeys(("CheckReport", "check"), ".report"),
    **dict.fromkeys(("Resolution", "Unresolved", "resolve"), ".resolve"),
    **dict.fromkeys(("History", "history"), ".timeline"),
}


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals())


class _Package(ModuleType):
    """The `brackets` module, whose functions keep their names over same-named submodules.

    Importing a submodule binds it on its package: `brackets.parse`, `brackets.resolve`,
    `brackets.positions` and `brackets.compare` are modules as well as functions, and the
    functions must win whichever is imported first.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in _HOMES and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

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
    "History",
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
    "history",
    "parse",
    "positions",
    "read",
    "resolve",
    "spellings",
]
