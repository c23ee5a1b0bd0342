"""Shared test helpers: paths to the project's inputs and compact finding signatures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# the suite's runs never read results cached by another test (one that patched a rule, say): the cache's own
# tests (tests/pipeline/test_cache.py) switch it back on in a folder of their own
os.environ["GAICHECK_NO_CACHE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = ROOT / "tests" / "data"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES
