"""Options in the tracked redline (NOTATION 3a): followed like touching brackets.

Reject All gives the `agreed` text (an unresolved set as written, labels and all); Accept All
gives the `all` text (the first option without its `Option 1:` label, the other options'
paragraphs deleted as tracked changes), and the later options are quoted in comments on the
option shown. Checked with our XML views, on text drafts and on Word drafts with one paragraph
per option (numbered or not), and with LibreOffice, all redlines converted by one call.
"""

from __future__ import annotations

import re
from pathlib import Path

from writekit import (
    libreoffice_views,
    normalise,
    ooxml_problems,
    paragraphs_docx,
    revisions,
    view,
)

import brackets
from brackets.docx import strip_emphasis, write_redline

PARAGRAPHS = (
    "Pp11 Recalling its decisions,",
    "Pp12 Option 1: Recognizing the urgency,",
    "Option 2: Recognizing the need [for action] (-CHN),",
    "Option 3: No text",
    "Pp13 Noting the report on [x] per cent of [emissions] (+IND),",
)
TEXTS = {
    "plain": "\n".join(PARAGRAPHS) + "\n",
    # a set inside a bracketed paragraph's option, options of several paragraphs, bold labels
    "nested": (
        "1. The Parties agree:\n"
        "**Option A:** to act [now] (+IND);\n"
        "the action continues.\n"
        "**Option B:** to wait;\n"
        "2. [Option 1: Decides [to meet] (-USA) yearly;] (+EU)\n"
        "[Option 2: Decides to meet when needed;]\n"
        "3. Closing.\n"
    ),
    # a lone option offers no choice (only `all` removes its label); an option set without a parent
    "lone": "Option 1: Only one way forward.\nThen [text] (+CHN).\n",
}
_LABEL = re.compile(r"^([0-9]+[.)]|Pp[0-9]+) ?")


def _unlabelled(lines: list[str]) -> list[str]:
    """Paragraphs without their leading label: Word draws auto-numbers (the reader writes
    them), our XML view and LibreOffice do not."""
    return [_LABEL.sub("", line) for line in lines]


def _word(path: Path, numbered: bool) -> Path:
    return paragraphs_docx(path, PARAGRAPHS, numbered=numbered)


def _drafts(folder: Path) -> dict[str, brackets.Draft]:
    drafts = {name: brackets.parse(text, lenient=True) for name, text in TEXTS.items()}
    for numbered in (False, True):
        source = _word(folder / f"word-{numbered}.docx", numbered)
        drafts[f"word-{'numbered' if numbered else 'plain'}"] = brackets.read(source, lenient=True)
    return drafts


def _expected(draft: brackets.Draft) -> dict[str, list[str]]:
    return {
        policy: _unlabelled(normalise(strip_emphasis(brackets.resolve(draft, mode).text)))
        for policy, mode in (("reject", "agreed"), ("accept", "all"))
    }


def test_reject_all_gives_the_agreed_text_and_accept_all_the_first_option(
    tmp_path: Path,
) -> None:
    for name, draft in _drafts(tmp_path).items():
        out = tmp_path / f"{name}.docx"
        out.write_bytes(write_redline(draft))
        expected = _expected(draft)
        for mode in ("reject", "accept"):
            assert _unlabelled(normalise(view(out, mode))) == expected[mode], (name, mode)
        if name in TEXTS:  # a Word draft keeps its own markup (python-docx writes rsids)
            assert ooxml_problems(out) == [], name


def test_the_plain_set_in_both_views(tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    out.write_bytes(write_redline(brackets.parse(TEXTS["plain"])))
    assert normalise(view(out, "reject")) == [
        "Pp11 Recalling its decisions,",
        "Pp12 Option 1: Recognizing the urgency,",
        "Option 2: Recognizing the need,",
        "Option 3: No text",
        "Pp13 Noting the report on [x] per cent of,",
    ]
    assert normalise(view(out, "accept")) == [
        "Pp11 Recalling its decisions,",
        "Pp12 Recognizing the urgency,",
        "Pp13 Noting the report on [x] per cent of emissions,",
    ]


def test_later_options_are_quoted_on_the_option_shown(tmp_path: Path) -> None:
    for name in ("plain", "word-numbered"):
        draft = _drafts(tmp_path)[name]
        out = tmp_path / f"{name}.docx"
        out.write_bytes(write_redline(draft, neutral_author="Secretariat"))
        texts = revisions(out).comment_texts
        # the objection inside option 2 travels in its quotation, not as a comment on nothing
        assert sorted(texts) == [
            ("Secretariat", "alternative 1 of 3"),
            ("Secretariat", "alternative 2 of 3: Option 2: Recognizing the need [for action] "
                            "(-CHN),"),
            ("Secretariat", "alternative 3 of 3: Option 3: No text"),
        ], name


def test_options_of_several_paragraphs_are_quoted_whole(tmp_path: Path) -> None:
    out = tmp_path / "nested.docx"
    out.write_bytes(write_redline(brackets.parse(TEXTS["nested"]), neutral_author="N"))
    texts = [text for _, text in revisions(out).comment_texts]
    assert "alternative 2 of 2: **Option B:** to wait;" in texts
    assert "alternative 2 of 2: [Option 2: Decides to meet when needed;]" in texts
    assert texts.count("alternative 1 of 2") == 2


def test_a_lone_option_is_no_alternative(tmp_path: Path) -> None:
    out = tmp_path / "lone.docx"
    out.write_bytes(write_redline(brackets.parse(TEXTS["lone"])))
    # Accept All is the `all` text, which removes a lone option's label too; Reject All keeps it
    assert normalise(view(out, "accept")) == ["Only one way forward.", "Then text."]
    assert normalise(view(out, "reject")) == ["Option 1: Only one way forward.", "Then."]
    assert not any("alternative" in text for _, text in revisions(out).comment_texts)


def test_reading_the_redline_back_gives_the_options_again(tmp_path: Path) -> None:
    draft = brackets.parse(TEXTS["plain"])
    out = tmp_path / "redline.docx"
    out.write_bytes(write_redline(draft))
    rejected = brackets.read(out, track_changes="reject")
    assert rejected.source == brackets.resolve(draft, "agreed").text.rstrip("\n")
    assert [o.id for o in rejected.options] == ["o2.1", "o2.2", "o2.3"]
    back = brackets.read(out, track_changes="brackets", lenient=True)
    assert not [d for d in back.diagnostics if "alternative" in d.message]


def test_drafts_without_options_are_redlined_as_before(tmp_path: Path) -> None:
    text = "Promote [tolerance][patience] (+TUR) dialogue [among peoples] (-CHN);\n"
    out = tmp_path / "redline.docx"
    out.write_bytes(write_redline(brackets.parse(text)))
    assert [t for _, t in revisions(out).comment_texts if "alternative" in t] == [
        "alternative 1 of 2", "alternative 2 of 2: [patience] (+TUR)"
    ]


def test_libreoffice_accepts_and_rejects_as_we_do(tmp_path: Path) -> None:
    drafts = _drafts(tmp_path)
    paths = []
    for name, draft in drafts.items():
        out = tmp_path / f"{name}.docx"
        out.write_bytes(write_redline(draft))
        paths.append(out)
    for (name, draft), views in zip(drafts.items(), libreoffice_views(paths, tmp_path),
                                    strict=True):
        expected = _expected(draft)
        assert _unlabelled(views["reject"]) == expected["reject"], name
        assert _unlabelled(views["accept"]) == expected["accept"], name
