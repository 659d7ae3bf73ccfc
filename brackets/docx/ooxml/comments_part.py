"""The comments part of a copy of a Word source (word/comments.xml): new comments, and the
range marks that anchor them in the text. (A writer's wish for a comment is `plan.Comment`.)"""

from __future__ import annotations

import posixpath

from lxml import etree

from .body import IdAllocator, comment_end_xml, comment_xml
from .names import CT_COMMENTS, NSMAP, REL_COMMENTS, w
from .package import Package
from .runs import fragment

_Element = etree._Element


class CommentsPart:
    """The comments part of a package: created with its relationship and content type when the
    document has none, appended to when it has one."""

    def __init__(self, package: Package, ids: IdAllocator) -> None:
        self._package = package
        self._ids = ids
        self._root: _Element | None = None

    def _part(self) -> _Element:
        if self._root is None:
            package = self._package
            name = package.related("comments")
            if name is None:
                name = posixpath.join(posixpath.dirname(package.main), "comments.xml")
                package.add_part(name, etree.Element(w("comments"), nsmap=NSMAP), CT_COMMENTS)
                package.relate(package.main, REL_COMMENTS, name)
            self._root = package.edit(name)
        return self._root

    def add(self, author: str, text: str, date: str) -> str:
        """A new comment; returns its id, to anchor with `comment_start` / `comment_end`."""
        comment_id = self._ids()
        self._part().extend(fragment(comment_xml(comment_id, author, date, text)))
        return comment_id


def comment_start(comment_id: str) -> _Element:
    return etree.Element(w("commentRangeStart"), {w("id"): comment_id})


def comment_end(comment_id: str) -> list[_Element]:
    """The range end and the run holding the comment's reference mark, in that order."""
    return fragment(comment_end_xml(comment_id))

