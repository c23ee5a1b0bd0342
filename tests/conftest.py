"""Shared test helpers: paths to the project's inputs and compact finding signatures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = ROOT / "tests" / "data"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES
