"""The Word writers under their former module name, for callers that import it from here.

The writers live in `clean` (the clean copy of a resolution) and `redline` (brackets as
tracked changes and comments); new code imports them from `brackets.docx`.
"""

from .clean import write_clean
from .emphasis import strip_emphasis
from .redline import MARKUPS, everything_kept, write_redline

__all__ = ["MARKUPS", "everything_kept", "strip_emphasis", "write_clean", "write_redline"]
