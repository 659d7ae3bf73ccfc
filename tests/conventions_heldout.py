"""HELD-OUT drafts in the conventions of NOTATION 3a, written by hand before the reader was run
on them and never tuned on: each with its hand counts and its clean text under `all`.

`score()` gives how many of the checks hold; tests/test_conventions.py reports it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HeldOut:
    name: str
    text: str
    options: int
    option_sets: int
    placeholders: int
    labelled_sets: int  # sets of labelled alternatives among the bracket sets
    all_text: str  # the clean text under `all`


DRAFTS = (
    HeldOut(
        "unfccc-pdf",
        "Pp1 Recalling its decision 1/CP.21,\n"
        "Pp2 Option 1: Recognizing that the Paris Agreement\n"
        "enters a new phase,\n"
        "Option 2: Acknowledging the progress made,\n"
        "Pp3 Noting with concern the gap,\n"
        "Op1 Option A: Decides to launch a work programme;\n"
        "Option B: Decides to continue consideration at its [X] session;\n"
        "Option C: No text\n"
        "Op2 Requests the secretariat to prepare a report by [date];\n",
        5,
        2,
        2,
        0,
        "Pp1 Recalling its decision 1/CP.21,\n"
        "Pp2 Recognizing that the Paris Agreement\n"
        "enters a new phase,\n"
        "Pp3 Noting with concern the gap,\n"
        "Op1 Decides to launch a work programme;\n"
        "Op2 Requests the secretariat to prepare a report by [date];\n",
    ),
    HeldOut(
        "isa",
        "1. The Contractor shall comply with [Alt. 1 the Standards and Guidelines] "
        "[Alt. 2 any future Standards and Guidelines] adopted by the Council.\n"
        "2. [Alt.1. The Authority shall review the plan.] "
        "[Alt.2. The Commission shall review the plan.]\n"
        "3. Fees shall be [US$ [x]] per annum.\n"
        "[4. The Council shall adopt rules.]\n"
        "[4. Alt. The Assembly shall adopt rules.]\n",
        0,
        0,
        1,
        2,
        "1. The Contractor shall comply with the Standards and Guidelines adopted by the "
        "Council.\n"
        "2. The Authority shall review the plan.\n"
        "3. Fees shall be US$ [x] per annum.\n"
        "4. The Council shall adopt rules.\n"
        "4. Alt. The Assembly shall adopt rules.\n",
    ),
    HeldOut(
        "bbnj-markdown",
        "## Article 7 *(Objectives)*\n"
        "\n"
        "**Option A:**\n"
        "\n"
        "1. The objectives of this Part are to:\n"
        "\n"
        "    (a) Promote the use of [area-based management tools];\n"
        "\n"
        "    (b) Establish a system of [XX] marine protected areas;\n"
        "\n"
        "**Option B:** No text\n"
        "\n"
        "## Article 8\n"
        "\n"
        "The Conference shall meet in [20XX] at [venue to be determined].\n",
        2,
        1,
        3,
        0,
        "## Article 7 *(Objectives)*\n"
        "\n"
        "1. The objectives of this Part are to:\n"
        "\n"
        "    (a) Promote the use of area-based management tools;\n"
        "\n"
        "    (b) Establish a system of [XX] marine protected areas;\n"
        "\n"
        "## Article 8\n"
        "\n"
        "The Conference shall meet in [20XX] at [venue to be determined].\n",
    ),
)


def score() -> tuple[int, int, list[str]]:
    """(checks that hold, checks, what failed) over the held-out drafts."""
    import brackets
    from brackets.stats import draft_stats

    held = 0
    failed: list[str] = []
    total = 0
    for draft in DRAFTS:
        parsed = brackets.parse(draft.text, lenient=True)
        figures = draft_stats(parsed)
        labelled = sum(1 for node in _sets(parsed) if node)
        checks = {
            "options": figures.options == draft.options,
            "option_sets": figures.option_sets == draft.option_sets,
            "placeholders": figures.placeholders == draft.placeholders,
            "labelled_sets": labelled == draft.labelled_sets,
            "all": brackets.resolve(parsed, "all").text == draft.all_text,
        }
        total += len(checks)
        held += sum(checks.values())
        failed += [f"{draft.name}: {name}" for name, ok in checks.items() if not ok]
    return held, total, failed


def _sets(draft: object) -> list[bool]:
    """Whether each set of alternatives in the draft is labelled."""
    from brackets.model import Alternatives, Draft

    assert isinstance(draft, Draft)
    found: list[bool] = []
    stack = list(draft.nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, Alternatives):
            found.append(node.labelled)
            for option in node.options:
                stack.extend(option.children)
        elif hasattr(node, "children"):
            stack.extend(node.children)
    return found
