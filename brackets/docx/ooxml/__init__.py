"""The Word XML layer: the only modules that import lxml.

- `package`: the .docx zip, opened safely (bounded reads, safe parsing), edited, saved
- `names`: namespaces, `w()`, relationship and content types, schema orders of children
- `walk`: the enumeration of paragraphs and visible text nodes that reader and writers share
- `numbering`: auto-numbering labels, and the restarts that keep a clean copy's numbers
- `runs`: run surgery (split, isolate, delete spans, set text, drop empty runs), written once
- `revisions`: tracked changes in a copy (new wrappers and marks, settling the source's own)
- `comments_part`: the comments part of a copy and the range marks that anchor comments
- `edit`: the four plan appliers, over one collector (group by place, check, settle, change)
- `body`: the string builder for generated documents; `templates/` is their blank document
"""
