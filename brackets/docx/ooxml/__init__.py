"""The Word XML layer: the only modules that import lxml.

- `package`: the .docx zip, opened safely (bounded reads, safe parsing), edited, saved
- `names`: namespaces, `w()`, relationship and content types, schema orders of children
- `walk`: the enumeration of paragraphs and visible text nodes that reader and writers share
- `numbering`: auto-numbering labels
- `edit`: editing a copy of a source (runs, revisions, comments, ids), applying a writer's plan
- `body`: the string builder for generated documents; `templates/` is their blank document
"""
