"""Settings read from the environment, on the ground floor: nothing of `brackets` imported.

Each reader raises `ValueError` with a message naming the variable; the caller turns it into
its own error, with the file it was reading.
"""

from __future__ import annotations

import os


def byte_limit(variable: str, default: int) -> int:
    """A size limit in bytes: $`variable` (a positive integer, "_" allowed between digits),
    or `default` when it is unset or blank."""
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        raise ValueError(f"{variable}={raw!r} is not a number of bytes") from None
    if value <= 0:
        raise ValueError(f"{variable} must be positive, not {value}")
    return value
