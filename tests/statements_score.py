"""Scoring the statement reader on the gold set (tests/comments_gold.py), per (comment,
delegation, stance): shared by the benchmark and the tests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from comments_gold import Gold

from brackets.delegations import Registry
from brackets.statements import Statement, positions, read_statements


@dataclass(frozen=True, slots=True)
class Score:
    """True and false positives, false negatives, and the cases that missed or erred."""

    found: int
    wrong: int
    missed: int
    scope_wrong: tuple[str, ...]
    errors: tuple[tuple[str, frozenset[tuple[str, str]], frozenset[tuple[str, str]]], ...]

    @property
    def precision(self) -> float:
        return self.found / (self.found + self.wrong) if self.found + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.found / (self.found + self.missed) if self.found + self.missed else 1.0


def read_pairs(
    case: Gold, registry: Registry
) -> tuple[frozenset[tuple[str, str]], tuple[Statement, ...]]:
    statements = read_statements(case.text, registry, author=case.author)
    return frozenset(positions(statements)), statements


def _scope_of(statement: Statement) -> str:
    if statement.paragraphs:
        return "para:" + ",".join(statement.paragraphs)
    if statement.scope != "anchor":
        return statement.scope
    if statement.quotes:
        return "quote:" + "|".join(statement.quotes)
    return "anchor"


def score(cases: Iterable[Gold], registry: Registry | None = None) -> Score:
    registry = registry or Registry.default()
    found = wrong = missed = 0
    scopes: list[str] = []
    errors = []
    for case in cases:
        got, statements = read_pairs(case, registry)
        expected = case.pairs
        found += len(got & expected)
        wrong += len(got - expected)
        missed += len(expected - got)
        if got != expected:
            errors.append((case.text, expected, got))
        if case.scope is not None:
            seen = {_scope_of(s) for s in statements if s.stance is not None}
            if seen != {case.scope}:
                scopes.append(f"{case.text!r}: {sorted(seen)} != {case.scope}")
    return Score(found, wrong, missed, tuple(scopes), tuple(errors))
