"""The hypothesis entry point: `st.from_type(brackets.Draft)` draws parsed drafts.

Its own module, so that hypothesis can load it while `brackets.testing` is still being
imported (importing `brackets.testing` imports hypothesis, which loads its plugins): the
strategy is looked up in `brackets.testing` only when it is first drawn.
"""

from __future__ import annotations

import importlib
from typing import Any


def setup() -> None:
    """Register a strategy for `brackets.Draft` (entry point group `hypothesis`)."""
    from hypothesis import strategies as st

    from .model import Draft

    def parsed_drafts() -> Any:
        return importlib.import_module("brackets.testing").parsed_drafts()

    st.register_type_strategy(Draft, st.deferred(parsed_drafts))
