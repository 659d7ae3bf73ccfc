"""Hypothesis profiles (more examples in CI, bounded) and shared fixtures."""

from __future__ import annotations

import os

import pytest
from drafts import CICA, corpus_text
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
# CI draws the same 1,000 examples on every run (derandomize), so that a landing is decided by
# the code, not by the seed; random exploration runs locally ("dev", or "explore" for long
# runs: HYPOTHESIS_PROFILE=explore).
settings.register_profile(
    "ci",
    max_examples=1000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "explore", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def cica_text() -> str:
    return corpus_text(CICA)
