"""Word drafts: reading .docx into the Draft model, writing clean and redlined .docx.

    >>> from brackets.docx import read_docx, write_clean, write_redline   # doctest: +SKIP
    >>> draft = read_docx("draft.docx", track_changes="accept")
    >>> clean = write_clean(draft, brackets.resolve(draft, "silence"))   # .docx bytes
    >>> redline = write_redline(draft)

Two layers, as in python-docx. The high layer works on text and plain data:

- `reader`: Word -> text + `SourceMap` (parsed into a Draft whose `origin` is that map)
- `authors`: Word authors as delegation codes, the neutral author, editors' names matched
- `comment_placement`: each comment read as statements (`brackets.statements`) and placed in
  the text as groups and brackets, the comments listed as the draft's notes; `comment_scope`:
  sections, numbered paragraphs and quoted texts a statement is on
- `sourcemap`: the Word coordinates (part, paragraph, text node, offset) and their lookups
- `plan`: what a writer asks of the XML layer (deletions, segments, marks, comments)
- `clean`, `redline`: Draft/Resolution + SourceMap -> a plan, or a generated document
- `emphasis`: `*italic*` / `**bold**` markers of text drafts

The low layer, `ooxml/`, is the only place that imports lxml: `package` (the one hardened
.docx package, for reading and writing), `names` (namespaces, schema orders), `walk`
(paragraphs and text nodes), `numbering`, `runs` (run surgery), `revisions`, `comments_part`,
`edit` (applies a plan) and `body` (the string builder for generated documents, with
`templates/`). A change to how Word runs are split goes in `ooxml/runs.py`; to how a plan's
items become tracked changes, in `ooxml/edit.py`; to which runs a redline marks, in
`redline.py`; to how a comment is read, in
`brackets/statements.py`, and where its position goes, in `comment_placement.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_names

if TYPE_CHECKING:
    from .clean import unwritable_warnings, write_clean
    from .emphasis import strip_emphasis
    from .reader import NEUTRAL_AUTHOR, SourceMap, TextPiece, extract_text, read_docx
    from .redline import MARKUPS, everything_kept, write_redline

#: Each public name -> its module, imported on first use: a module that needs one part of
#: the Word layer (`sourcemap`, `ooxml.body`) does not load the readers and writers (issue 19).
_HOMES: dict[str, str] = {
    **dict.fromkeys(("unwritable_warnings", "write_clean"), ".clean"),
    "strip_emphasis": ".emphasis",
    **dict.fromkeys(
        ("NEUTRAL_AUTHOR", "SourceMap", "TextPiece", "extract_text", "read_docx"), ".reader"
    ),
    **dict.fromkeys(("MARKUPS", "everything_kept", "write_redline"), ".redline"),
}


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals())


__all__ = [
    "MARKUPS",
    "NEUTRAL_AUTHOR",
    "SourceMap",
    "TextPiece",
    "everything_kept",
    "extract_text",
    "read_docx",
    "strip_emphasis",
    "unwritable_warnings",
    "write_clean",
    "write_redline",
]
