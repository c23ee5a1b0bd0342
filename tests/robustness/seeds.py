"""Seed inputs and the invariant every checked file must satisfy, for the robustness tests.

Seeds are the real reports of examples/ and tests/data/corpus/ (text, Markdown, HTML; PDF where cheap).
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

from gaicheck.api import check_file
from gaicheck.catalogue import load_catalogue
from gaicheck.limits import Limits
from gaicheck.model.finding import FileResult
from tests.conftest import DATA, EXAMPLES

CORPUS = DATA / "corpus"
# generous for a small file; a timeout in these tests means a hang, and fails them
TEST_LIMITS = Limits(max_seconds=20)
MAX_SECONDS = 20.0


@cache
def seed_paths() -> tuple[Path, ...]:
    paths = [*sorted(EXAMPLES.glob("*.txt")), *sorted(CORPUS.glob("*.txt"))]
    paths += [*sorted(CORPUS.glob("*.md")), *sorted(CORPUS.glob("*.html"))]
    return tuple(p for p in paths if p.name.lower() != "sources.md")


@cache
def seed_bytes(path: Path) -> bytes:
    return path.read_bytes()


def check_bounded(name: str, data: bytes, limits: Limits = TEST_LIMITS) -> FileResult:
    """check_file under the invariant: no exception, a FileResult, findings from the catalogue with a
    message, or a one-line error; within the time bound."""
    start = time.monotonic()
    result = check_file(name, data=data, limits=limits)
    elapsed = time.monotonic() - start
    assert isinstance(result, FileResult)
    assert elapsed < MAX_SECONDS, f"{name}: {elapsed:.1f}s"
    if result.error is not None:
        assert result.error.strip(), "empty error"
        assert "\n" not in result.error, result.error
        assert "超时" not in result.error, f"{name}: hang ({result.error})"
        assert not result.findings
    catalogue = load_catalogue()
    for finding in result.findings:
        assert finding.code in catalogue, finding.code
        assert finding.message.strip(), finding
    return result
