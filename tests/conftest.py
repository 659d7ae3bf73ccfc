"""Hypothesis profiles (more examples in CI, bounded) and shared fixtures."""

from __future__ import annotations

import os

import pytest
from drafts import CICA, corpus_text
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def cica_text() -> str:
    return corpus_text(CICA)
