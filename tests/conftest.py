"""Shared fixtures: the shipped line set, loaded once per test session."""
from __future__ import annotations

import pytest

from indicators import DEFAULT_LINES_DIR
from indicators.reasoning import load_valid_line_set


@pytest.fixture(scope="session")
def line_set():
    return load_valid_line_set(DEFAULT_LINES_DIR)
