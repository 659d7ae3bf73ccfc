"""brackets: parse, analyse and resolve bracketed negotiation drafts."""

from .delegations import Registry
from .model import (
    Alternatives,
    Attribution,
    Bracket,
    Diagnostic,
    Draft,
    DraftSyntaxError,
    Group,
    Paragraph,
    Text,
)
from .parse import parse

__all__ = [
    "Alternatives",
    "Attribution",
    "Bracket",
    "Diagnostic",
    "Draft",
    "DraftSyntaxError",
    "Group",
    "Paragraph",
    "Registry",
    "Text",
    "parse",
]
