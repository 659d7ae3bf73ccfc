"""Text outputs as the commands write them: a file in the draft's own encoding, or a terminal."""

from __future__ import annotations

from ..model import Draft
from ..resolve import Resolution


def text_bytes(draft: Draft, text: str) -> bytes:
    """`text` in the draft's encoding and byte order mark (UTF-8 for Word input).

    This is what `resolve -o OUT.txt` and `convert -o OUT.txt` write: an output file looks
    like its input file.
    """
    if draft.origin is not None:
        return text.encode("utf-8")
    data = text.encode(draft.encoding)
    return ("\ufeff".encode(draft.encoding) + data) if draft.bom else data


def terminal_text(text: str) -> str:
    """`text` ending with a line break, so that a shell prompt starts on its own line.

    `convert` prints this on stdout; `resolve` prints its text exactly, as a filter must.
    """
    return text if not text or text.endswith(("\n", "\r")) else text + "\n"


def draft_text(draft: Draft) -> str:
    """What `brackets convert` prints: the draft as bracketed text, ending with a line break."""
    return terminal_text(draft.to_text())


def draft_encoded(draft: Draft) -> bytes:
    """What `brackets convert -o OUT.txt` writes: the text in the draft's own encoding."""
    return text_bytes(draft, draft.to_text())


def resolution_text(resolution: Resolution) -> str:
    """What `brackets resolve` prints: exactly the resolved text, as a filter must."""
    return resolution.text


def resolution_encoded(resolution: Resolution) -> bytes:
    """What `brackets resolve -o OUT.txt` writes: the text in the input's encoding."""
    return text_bytes(resolution.draft, resolution.text)
