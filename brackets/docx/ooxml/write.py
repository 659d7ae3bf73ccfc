"""The one write path of the Word writers (clean copy, redline, comparison).

A writer gives either a plan for a copy of the source a Word draft was read from (`plan` is
called with the opened package and the draft's source map, so that it may read the package
first, as the redline reads the source's authors) or, for a text draft, a generated body;
either way the result is the bytes of a .docx. Writers return bytes; only the command line
writes files (through `output.write_output`).
"""

from __future__ import annotations

from collections.abc import Callable

from ..sourcemap import SourceMap
from .body import BodyBuilder
from .edit import Plan, apply
from .package import Package, memory_guard, open_package

__all__ = ["docx_bytes"]


def docx_bytes(
    origin: SourceMap | None,
    plan: Callable[[Package, SourceMap], Plan],
    generate: Callable[[], BodyBuilder],
    *,
    name: str,
    doing: str,
) -> bytes:
    """The .docx bytes of an edited copy of the package a Word draft was read from (`origin`,
    its source map: reopened with the same `max_bytes`), `plan` applied to it; or, when
    `origin` is None (a text draft), of the document `generate` builds. Running out of
    memory is a DocxError naming `name` (what the output is called in messages), `doing`
    saying what was under way."""
    limit = origin.max_bytes if origin is not None else None
    with memory_guard(name, doing, limit, from_word=origin is not None):
        if origin is not None:
            with open_package(origin.path, max_bytes=origin.max_bytes) as package:
                apply(package, plan(package, origin))
                return package.to_bytes()
        return generate().to_package().to_bytes()
