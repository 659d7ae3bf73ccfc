"""Word drafts: reading .docx into the Draft model, writing clean and redlined .docx.

    >>> from brackets.docx import read_docx, write_clean, write_redline   # doctest: +SKIP
    >>> draft = read_docx("draft.docx", track_changes="accept")
    >>> write_clean(draft, brackets.resolve(draft, "silence"), "clean.docx")
    >>> write_redline(draft, "redline.docx")

Word XML is handled in `_ooxml` (writing), `_walk` (the enumeration reader and writer share)
and `_package` (safe opening); nothing else touches lxml elements.
"""

from ._package import DocxError
from .reader import NEUTRAL_AUTHOR, DocxSource, TextPiece, extract_text, read_docx
from .writer import MARKUPS, everything_kept, write_clean, write_redline

__all__ = [
    "MARKUPS",
    "NEUTRAL_AUTHOR",
    "DocxError",
    "DocxSource",
    "TextPiece",
    "everything_kept",
    "extract_text",
    "read_docx",
    "write_clean",
    "write_redline",
]
