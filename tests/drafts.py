"""Where the test drafts live: the corpus beside the project (../shared/corpus) and samples/."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLES = ROOT / "samples"
CICA = CORPUS / "cica-swg-739-2023.txt"
UNFCCC_DEC4 = CORPUS / "unfccc-cop21-draft-agreement-2015-12-04.md"
UNFCCC_DEC9 = CORPUS / "unfccc-cop21-draft-agreement-2015-12-09.md"
SAMPLE = SAMPLES / "water-cooperation-draft.txt"


def corpus_text(path: Path) -> str:
    if not path.exists():
        pytest.fail(f"corpus file missing: {path} (../shared must sit beside the project)")
    return path.read_text(encoding="utf-8")
