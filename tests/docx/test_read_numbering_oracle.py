"""List labels as Word computes them, held to LibreOffice's text export paragraph by paragraph.

Every hand-made case carries its expected labels written out (so the test means something
without soffice) and is also converted by LibreOffice, all cases in one soffice call. Cases
where LibreOffice 7.4 is known to differ from Word are marked `word_only`: we follow Word and
LibreOffice is not asked (it ignores w:isLgl and w:lvlRestart).
"""

from __future__ import annotations

import difflib
import re
import string
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from numberkit import (
    NumberedDoc,
    Para,
    abstract,
    level_override,
    libreoffice_labels,
    libreoffice_texts,
    lvl,
    num,
    our_labels,
    start_override,
    style,
)
from readkit import SAMPLES

from brackets.docx.reader import extract_text

# An outline as UN drafts use it: parts I., II., paragraphs 1., 2., sub-paragraphs (a), (b).
OUTLINE = abstract(
    1,
    lvl(0, "upperRoman", "%1."),
    lvl(1, "decimal", "%2."),
    lvl(2, "lowerLetter", "(%3)"),
    lvl(3, "lowerRoman", "%1.%2.%3.%4"),
)
OTHER = abstract(2, lvl(0, "decimal", "%1)"), lvl(1, "lowerLetter", "%2)"))
SEQ = [Para(1, 0), Para(1, 1), Para(1, 0), Para(1, 0), Para(2, 0), Para(2, 1), Para(2, 0),
       Para(1, 0), Para(2, 0)]


@dataclass(frozen=True, slots=True)
class Case:
    doc: NumberedDoc
    expected: list[str]
    word_only: bool = False


def _outline(nums: str, paragraphs: list[Para], expected: list[str]) -> Case:
    return Case(NumberedDoc(OUTLINE + OTHER, nums, paragraphs), expected)


N1 = num(1, 1)
UPPER_A = lvl(0, "upperLetter", "%1.", start=None)
UPPER_A_START = lvl(0, "upperLetter", "%1.", start=1)

CASES: dict[str, Case] = {
    "two instances continue": _outline(
        N1 + num(2, 1), SEQ, ["I.", "1.", "II.", "III.", "IV.", "1.", "V.", "VI.", "VII."]
    ),
    # The real drafts' shape: the second w:num redefines the level (w:lvl with w:start, no
    # w:startOverride): it restyles, the parts go on counting.
    "real draft: level override with its own start does not restart": _outline(
        N1 + num(2, 1, level_override(0, UPPER_A_START)),
        SEQ,
        ["I.", "1.", "II.", "III.", "D.", "1.", "E.", "VI.", "G."],
    ),
    "level override without start": _outline(
        N1 + num(2, 1, level_override(0, UPPER_A)),
        SEQ,
        ["I.", "1.", "II.", "III.", "D.", "1.", "E.", "VI.", "G."],
    ),
    "empty level override": _outline(
        N1 + num(2, 1, level_override(0)),
        SEQ,
        ["I.", "1.", "II.", "III.", "IV.", "1.", "V.", "VI.", "VII."],
    ),
    "start override restarts once": _outline(
        N1 + num(2, 1, start_override(0, 1)),
        SEQ,
        ["I.", "1.", "II.", "III.", "I.", "1.", "II.", "III.", "IV."],
    ),
    "start override wins over the level's start": _outline(
        N1 + num(2, 1, start_override(0, 3, UPPER_A_START)),
        SEQ,
        ["I.", "1.", "II.", "III.", "C.", "1.", "D.", "V.", "F."],
    ),
    "start override on a deeper level applies where that level is first used": _outline(
        N1 + num(2, 1, start_override(1, 7)),
        SEQ,
        ["I.", "1.", "II.", "III.", "IV.", "7.", "V.", "VI.", "VII."],
    ),
    "start override on another level than the one used": _outline(
        N1 + num(2, 1, start_override(2, 5)),
        [Para(1, 0), Para(1, 1), Para(2, 0), Para(2, 1), Para(2, 2), Para(2, 2), Para(1, 2)],
        ["I.", "1.", "II.", "1.", "(e)", "(f)", "(g)"],
    ),
    "only the first override met restarts": _outline(
        N1 + num(2, 1, start_override(0, 3), start_override(1, 4)),
        [Para(1, 0), Para(2, 1), Para(2, 1), Para(2, 0), Para(2, 1), Para(1, 0)],
        ["I.", "4.", "5.", "II.", "1.", "III."],
    ),
    "the same num used again later does not restart again": _outline(
        N1 + num(2, 1, start_override(0, 1)),
        [Para(1, 0), Para(1, 0), Para(2, 0), Para(1, 0), Para(2, 0), Para(1, 0)],
        ["I.", "II.", "I.", "II.", "III.", "IV."],
    ),
    "two restarting instances": _outline(
        N1 + num(2, 1, start_override(0, 1)) + num(3, 1, start_override(0, 1)),
        [Para(1, 0), Para(2, 0), Para(2, 0), Para(3, 0), Para(1, 0), Para(3, 0)],
        ["I.", "I.", "II.", "I.", "II.", "III."],
    ),
    "a sub-list interrupted by another instance": _outline(
        N1 + num(2, 1, start_override(2, 1)),
        [Para(1, 0), Para(1, 2), Para(1, 2), Para(2, 2), Para(2, 2), Para(1, 1), Para(1, 2),
         Para(2, 2)],
        ["I.", "(a)", "(b)", "(a)", "(b)", "2.", "(a)", "(b)"],
    ),
    "levels continue across another list": _outline(
        N1 + num(5, 2),
        [Para(1, 0), Para(5, 0), Para(1, 1), Para(5, 1), Para(1, 0), Para(5, 0), Para(5, 1),
         Para(1, 1), Para(None), Para(1, 2)],
        ["I.", "1)", "1.", "a)", "II.", "2)", "a)", "1.", "", "(a)"],
    ),
    "a skipped level counts as used at its start": _outline(
        N1,
        [Para(1, 0), Para(1, 2), Para(1, 2), Para(1, 1), Para(1, 3), Para(1, 1), Para(1, 0),
         Para(1, 3), Para(1, 2)],
        ["I.", "(a)", "(b)", "2.", "I.2.a.i", "3.", "II.", "II.1.a.i", "(b)"],
    ),
    # A skipped level stands at the start the w:num of the paragraph that last restarted it
    # gives (never restarted: the paragraph's own w:num), not the start of the w:num of the
    # paragraph that skips it; here the second w:num's paragraphs start "1." at 5.
    "a skipped level starts as the instance that restarted it says": _outline(
        N1 + num(2, 1, level_override(1, lvl(1, "decimal", "%2.", start=5))),
        [Para(2, 2), Para(1, 0), Para(2, 3), Para(2, 0), Para(1, 3), Para(1, 1), Para(2, 1)],
        ["(a)", "II.", "II.1.a.i", "III.", "III.5.a.i", "6.", "7."],
    ),
    "a deep paragraph first": _outline(
        N1, [Para(1, 2), Para(1, 0), Para(1, 1)], ["(a)", "II.", "1."]
    ),
    "numPr without ilvl is level 0; numId 0 removes numbering": _outline(
        N1, [Para(1, None), Para(1, None), Para(0, 0), Para(1, 1)], ["I.", "II.", "", "1."]
    ),
    "formats, starts and suffixes": Case(
        NumberedDoc(
            abstract(
                1,
                lvl(0, "decimalZero", "%1", start=8),
                lvl(1, "ordinal", "%2", extra='<w:suff w:val="space"/>'),
                lvl(2, "none", "x"),
                lvl(3, "bullet", "\u2022"),
                lvl(4, "upperLetter", "%5)", start=25, extra='<w:suff w:val="nothing"/>'),
                lvl(5, "lowerRoman", "%6.%1"),
            ),
            N1,
            [Para(1, 0), Para(1, 0), Para(1, 0), Para(1, 1), Para(1, 1), Para(1, 2), Para(1, 3),
             Para(1, 4), Para(1, 4), Para(1, 4), Para(1, 5), Para(1, 5)],
        ),
        ["08", "09", "10", "1st", "2nd", "x", "-", "Y)", "Z)", "AA)", "i.10", "ii.10"],
    ),
    "numbering from paragraph styles": Case(
        NumberedDoc(
            abstract(
                1,
                lvl(0, "decimal", "%1.", extra='<w:pStyle w:val="Op"/>'),
                lvl(1, "lowerLetter", "(%2)", extra='<w:pStyle w:val="Sub"/>'),
            ),
            num(3, 1) + num(4, 1, start_override(0, 10)),
            [Para(style="Op"), Para(style="Sub"), Para(style="Sub"), Para(style="Derived"),
             Para(4, 0), Para(style="Op"), Para(4, 1, "Op"), Para(style="Sub"),
             Para(0, 0, "Op")],
            (style("Op", 3), style("Sub", None, 1, "Op"), style("Derived", based_on="Op")),
        ),
        ["1.", "(a)", "(b)", "2.", "10.", "11.", "(a)", "(b)", ""],
    ),
    "numStyleLink to a numbering style": Case(
        NumberedDoc(
            abstract(1, extra='<w:numStyleLink w:val="ListStyle"/>')
            + abstract(
                2,
                lvl(0, "decimal", "%1."),
                lvl(1, "lowerLetter", "%1.%2"),
                extra='<w:styleLink w:val="ListStyle"/>',
            ),
            num(1, 1) + num(2, 2) + num(3, 1, start_override(0, 1)),
            [Para(1, 0), Para(1, 1), Para(2, 0), Para(1, 0), Para(3, 0), Para(3, 1), Para(2, 0)],
            (style("ListStyle", 2, kind="numbering"),),
        ),
        ["1.", "1.a", "2.", "3.", "1.", "1.a", "2."],
    ),
    # Word: w:lvlRestart 0 never restarts, 1 restarts only after level 1 (ilvl 0); w:isLgl
    # shows every level as a decimal. LibreOffice 7.4 ignores both.
    "lvlRestart and isLgl": Case(
        NumberedDoc(
            abstract(
                1,
                lvl(0, "upperRoman", "%1."),
                lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>'),
                lvl(2, "lowerLetter", "%1.%2.%3", extra="<w:isLgl/>"),
                lvl(3, "lowerLetter", "(%4)", extra='<w:lvlRestart w:val="1"/>'),
            ),
            N1,
            [Para(1, 0), Para(1, 1), Para(1, 2), Para(1, 3), Para(1, 1), Para(1, 3), Para(1, 0),
             Para(1, 1), Para(1, 3)],
        ),
        ["I.", "1.", "1.1.1", "(a)", "2.", "(b)", "II.", "3.", "(a)"],
        word_only=True,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_labels_as_word_shows_them(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    assert our_labels(case.doc.write(tmp_path / "case.docx")) == case.expected


def test_libreoffice_shows_the_same_labels(tmp_path: Path) -> None:
    names = [name for name, case in CASES.items() if not case.word_only]
    paths = [CASES[name].doc.write(tmp_path / f"case{i}.docx") for i, name in enumerate(names)]
    shown = libreoffice_labels(paths)
    for name, theirs in zip(names, shown, strict=True):
        assert (name, theirs) == (name, CASES[name].expected)


# -- generated numbering parts ---------------------------------------------------------------

_FORMATS = ["upperRoman", "lowerRoman", "upperLetter", "lowerLetter", "decimal", "decimalZero",
            "bullet", "none"]


@st.composite
def _level(draw: st.DrawFn, ilvl: int, numeric: Sequence[int], override: bool = False) -> str:
    """Level `ilvl`; its text may show the higher levels in `numeric` (LibreOffice drops a
    bullet or "none" level shown inside another level's text together with its separator,
    which Word does not: left out, and so overrides keep a level numeric)."""
    fmt = draw(st.sampled_from(_FORMATS[:-2] if override else _FORMATS))
    if fmt == "bullet":
        text = "\u2022"
    elif fmt == "none":
        text = draw(st.sampled_from(["", "-"]))
    else:
        higher = [n + 1 for n in numeric if n < ilvl]
        shown = sorted(draw(st.sets(st.sampled_from(higher), max_size=2)) if higher else set())
        shown.append(ilvl + 1)
        text = draw(st.sampled_from(["", "("])) + ".".join(f"%{n}" for n in shown)
        text += draw(st.sampled_from([".", ")", ""]))
    start = draw(st.one_of(st.none(), st.integers(1, 4))) if override else draw(st.integers(1, 4))
    suffix = draw(st.sampled_from(["", '<w:suff w:val="space"/>', '<w:suff w:val="nothing"/>']))
    return lvl(ilvl, fmt, text, start=start, extra=suffix)


@st.composite
def numbered_docs(draw: st.DrawFn) -> NumberedDoc:
    """An abstract list or two, instances over them with or without overrides, and
    paragraphs numbered through them. (Numbering through styles is in the hand-made cases:
    LibreOffice 7.4 drops it when several styles or direct numbering share one w:num.)"""
    depth = {key: draw(st.integers(1, 4)) for key in range(1, draw(st.integers(1, 2)) + 1)}
    numeric: dict[int, list[int]] = {}
    parts = []
    for key, levels in depth.items():
        numeric[key] = []
        xml = []
        for i in range(levels):
            xml.append(draw(_level(i, numeric[key])))
            if "bullet" not in xml[-1] and '"none"' not in xml[-1]:
                numeric[key].append(i)
        parts.append(abstract(key, *xml))
    abstracts = "".join(parts)
    owners: dict[int, int] = {}
    nums = []
    for num_id in range(1, draw(st.integers(1, 4)) + 1):
        owner = owners[num_id] = draw(st.sampled_from(list(depth)))
        overrides = []
        for ilvl in draw(st.sets(st.integers(0, depth[owner] - 1), max_size=2)):
            kind = draw(st.sampled_from(["start", "level", "both", "empty"]))
            inner = draw(_level(ilvl, [], override=True)) if kind in ("level", "both") else ""
            if kind in ("start", "both"):
                overrides.append(start_override(ilvl, draw(st.integers(1, 5)), inner))
            else:
                overrides.append(level_override(ilvl, inner))
        nums.append(num(num_id, owner, *overrides))
    paragraphs = []
    for _ in range(draw(st.integers(1, 14))):
        num_id = draw(st.sampled_from([None, *owners]))
        if num_id is None:
            paragraphs.append(Para())
            continue
        ilvl = draw(st.integers(0, depth[owners[num_id]] - 1))
        paragraphs.append(Para(num_id, ilvl))
    return NumberedDoc(abstracts, "".join(nums), paragraphs)


_BATCH = st.lists(numbered_docs(), min_size=12, max_size=12)
#: Each example is one soffice call over a batch of documents: a fiftieth of the profile's
#: examples (2 locally, 20 in CI).
_EXAMPLES = max(2, settings.default.max_examples // 50)


@settings(max_examples=_EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(batch=_BATCH)
def test_generated_numbering_matches_libreoffice(batch: list[NumberedDoc], tmp_path: Path) -> None:
    folder = tmp_path / "".join(string.ascii_lowercase[n % 26] for n in range(8))
    folder.mkdir(exist_ok=True)
    paths = [doc.write(folder / f"doc{i}.docx") for i, doc in enumerate(batch)]
    for doc, path, theirs in zip(batch, paths, libreoffice_labels(paths), strict=True):
        assert (our_labels(path), doc) == (theirs, doc)


# -- samples ---------------------------------------------------------------------------------


def _split(line: str) -> tuple[str, str]:
    """A line's label and its first words (labels are what precedes the first space when
    the line starts like one)."""
    head, _, rest = line.strip().partition(" ")
    if head and (head[-1] in ".)" or head in ("-", "\u2022")) and len(head) <= 8:
        return ("-" if head == "\u2022" else head), rest[:30]
    return "", line.strip()[:30]


_MARK_REVISION = re.compile(r"<w:pPr>(?:(?!</w:pPr>).)*<w:(?:ins|del)\b", re.S)


def _tracks_paragraphs(path: Path) -> bool:
    """Whether a paragraph mark itself is a tracked insertion or deletion."""
    with zipfile.ZipFile(path) as archive:
        return bool(_MARK_REVISION.search(archive.read("word/document.xml").decode("utf-8")))


def test_samples_show_libreoffices_labels() -> None:
    # LibreOffice shows a tracked paragraph insertion or deletion as a numbered paragraph of
    # its own (both views at once), which neither Accept All nor Reject All shows: samples
    # with such paragraphs are left out (tracked-changes.docx).
    paths = [path for path in sorted(SAMPLES.glob("*.docx")) if not _tracks_paragraphs(path)]
    assert len(paths) >= 3
    for path, theirs_text in zip(paths, libreoffice_texts(paths), strict=True):
        ours = [_split(line) for line in extract_text(path)[0].split("\n") if line.strip()]
        theirs = [_split(line) for line in theirs_text.split("\n") if line.strip()]
        # Tracked changes inside a paragraph: LibreOffice shows deleted and inserted words
        # together; paragraphs whose first words agree are compared, most of the draft.
        matcher = difflib.SequenceMatcher(
            a=[text for _, text in ours], b=[text for _, text in theirs], autojunk=False
        )
        compared = 0
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                assert (path.name, ours[block.a + k]) == (path.name, theirs[block.b + k])
                compared += 1
        assert compared >= len(ours) // 2, path.name
