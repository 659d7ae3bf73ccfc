"""Text outputs as the commands write them: a file in the draft's own encoding, or a terminal."""

from __future__ import annotations

from ..model import Draft


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
