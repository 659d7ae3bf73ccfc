"""Round trip with the Word reader: redline a draft, read it back with track_changes="brackets",
and find the same brackets with the same (first) supporters.

Word revisions do not nest, so the round trip holds for drafts whose brackets do not nest and
do not touch; seam spaces that belong to an insertion come back inside its bracket.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from writekit import revisions

import brackets
from brackets.docx import write_redline
from brackets.docx.plan import read_alternative_comment

NEUTRAL = "Unattributed"


def _summary(draft: brackets.Draft, neutral_code: str | None = None) -> list[tuple[str, str]]:
    """(bracket text, first supporter or "") for every bracket, in order."""
    out = []
    for bracket in draft.brackets:
        text = " ".join(draft.source[bracket.inner_start : bracket.inner_end].split())
        supporter = bracket.supporters[0] if bracket.supporters else ""
        if supporter == neutral_code:
            supporter = ""
        out.append((text, supporter))
    return out


def _round_trip(text: str, folder: Path) -> tuple[brackets.Draft, brackets.Draft]:
    draft = brackets.parse(text)
    out = folder / "redline.docx"
    out.write_bytes(write_redline(draft, neutral_author=NEUTRAL))
    back = brackets.read(out, track_changes="brackets", lenient=True)
    return draft, back


def test_brackets_and_supporters_come_back(tmp_path: Path) -> None:
    text = (
        "1. Promote [tolerance and] (+TUR, +KAZ) dialogue [among peoples] (-CHN, +IND);\n"
        "[2. Establish an expert group;] (+CHN) (-IND)\n"
        "3. Note [the report] (AZER tcb) today.\n"
    )
    draft, back = _round_trip(text, tmp_path)
    assert _summary(back, "UNATTRIBUTED") == _summary(draft)
    assert _summary(back)[:3] == [
        ("tolerance and", "TUR"),
        ("among peoples", "IND"),
        ("2. Establish an expert group;", "CHN"),
    ]
    assert [p.line for p in back.paragraphs] == [1, 2, 3]


_CODES = st.sampled_from(["CHN", "IND", "IRAN", "AZER", "TUR"])
_WORDS = st.lists(st.sampled_from(["the", "States", "shall", "promote", "dialogue", "peace"]),
                  min_size=1, max_size=4).map(" ".join)


@st.composite
def _flat_drafts(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        pieces = [draw(_WORDS)]
        for _ in range(draw(st.integers(0, 3))):
            group = draw(st.one_of(_CODES.map(lambda c: f" (+{c})"), st.just("")))
            pieces.append(f"[{draw(_WORDS)}]{group}")
            pieces.append(draw(_WORDS) + draw(st.sampled_from(["", ";", "."])))
        lines.append(" ".join(pieces))
    return "\n".join(lines) + "\n"


@settings(max_examples=30, deadline=None)
@given(_flat_drafts())
def test_round_trip_on_flat_drafts(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        draft, back = _round_trip(text, Path(folder))
        assert _summary(back, "UNATTRIBUTED") == _summary(draft)


def test_round_trip_gives_back_the_text_when_brackets_do_not_nest(tmp_path: Path) -> None:
    """Edge spaces stay outside the brackets read back, and the neutral author reads as no
    attribution (no warning); objections travel as comments and come back as groups."""
    text = (
        "1. Promote [tolerance and] dialogue [among peoples] (+CHN) (-IND);\n"
        "2. Parties [shall][should] (+IND) act [now] (+TUR)."
    )
    draft, back = _round_trip(text, tmp_path)
    # the later alternative is a comment on the first (Accept All gives the first only),
    # which quotes it: read back, it is put after the first again
    assert back.source == text
    assert back.warnings == ()
    assert _summary(back) == _summary(draft)


def _sets(draft: brackets.Draft) -> list[list[tuple[str, tuple[str, ...], tuple[str, ...]]]]:
    """Each set of alternatives: its options' texts with their supporters and objectors."""
    found: dict[int, list[tuple[str, tuple[str, ...], tuple[str, ...]]]] = {}
    sets = []
    for bracket in draft.brackets:
        if bracket.alternative is None:
            continue
        k, _ = bracket.alternative
        if k == 1:
            sets.append(found.setdefault(bracket.start, []))
        text = draft.source[bracket.inner_start : bracket.inner_end]
        sets[-1].append((text, bracket.supporters, bracket.objectors))
    return sets


def test_a_later_alternative_comes_back_from_its_comment(tmp_path: Path) -> None:
    """The comment quotes the alternative as written, its brackets included: put right after
    the bracket the comment is on, it gives the set back, positions and inner brackets too."""
    text = "2. Parties [shall][should [now] (-CHN)] (+IND) act."
    _, back = _round_trip(text, tmp_path)
    quoted = [
        read_alternative_comment(t) for _, t in revisions(tmp_path / "redline.docx").comment_texts
    ]
    assert quoted == [(1, 2, ""), (2, 2, "[should [now] (-CHN)] (+IND)")]
    assert back.source == text
    assert back.warnings == ()


def test_sets_of_alternatives_come_back_from_a_redline(tmp_path: Path) -> None:
    text = (
        "3. [Invite][Request][Urge] (+IND) the Secretariat to report;\n"
        "4. Parties [shall][should] (-CHN, +TUR) act [now][soon] (+IRAN) (-AZER).\n"
        "5. [Note][Welcome [with appreciation] (+CHN)][Take note of] the report."
    )
    draft, back = _round_trip(text, tmp_path)
    assert back.source == text
    assert _sets(back) == _sets(draft)
    assert _sets(back)[0] == [("Invite", (), ()), ("Request", (), ()), ("Urge", ("IND",), ())]
    # the notes are listed, state no position, and are not counted as silent comments
    assert back.warnings == ()
    comments = back.notes
    assert len(comments) == 10 and not [c for c in comments if c.positions]
