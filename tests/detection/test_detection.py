"""Detection test: every changed or deleted cell of a consistent report must be named by a finding.

For each report whose tables add up (examples/ and tests/data/corpus/, text and HTML), each
cell that takes part in a checkable identity is changed by +1 in the source file, and each read
table-2 cell is deleted, one at a time; the whole flow (reader → extractor → rules) is re-run on the
changed bytes. A change must produce a new SUM001–SUM004 finding whose `cells` include the cell's
key; a deletion a new STR004/STR005/STR006/SUM005 finding naming a cell of its row. Recall must be
100%: the figures are printed after the test run (see conftest.py).
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import DATA, EXAMPLES
from tests.detection.mutation import FileRun, run_file

CORPUS = DATA / "corpus"

# consistent reports named by the issue: they must yield many mutations (guards against a vacuous pass)
CLEAN = [
    EXAMPLES / "2023_example_clean.txt",
    EXAMPLES / "2024_xiaodukouzhen.txt",
    EXAMPLES / "2020_binjiangxinqu.txt",
    CORPUS / "2019_pingtan_shiyanqu.html",
    CORPUS / "2021_pingtan_shiyanqu.html",
    CORPUS / "2022_pingtan_shiyanqu.html",
    CORPUS / "2023_pingtan_shiyanqu.html",
    CORPUS / "2024_pingtan_shiyanqu.html",
    CORPUS / "2025_pingtan_shiyanqu.html",
    CORPUS / "2023_shuyang_fagaiju.html",
    CORPUS / "2025_shuyang_xian.txt",
    CORPUS / "2025_synthetic_hangzhou_style_fixture.html",
]
# consistent reports whose cells run together without separators (`21710000218`): a changed digit
# run can no longer be split, which is reported as SUM005 naming the cell (counted as detected)
# (two of the six such pingtan reports: the suite must stay within CI's time budget)
RUN_TOGETHER = [CORPUS / f"{year}_pingtan_shiyanqu.txt" for year in (2021, 2024)]


FILES = [*CLEAN, *RUN_TOGETHER]


@cache
def runs() -> dict[str, FileRun]:
    """All files mutated once per session, spread over the CPUs (a few seconds per file)."""
    workers = max(1, min(4, os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(run_file, FILES))
    return {run.path: run for run in results}


RESULTS: dict[str, FileRun] = {}  # read by conftest.py for the recall table


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_mutation_is_detected(path: Path) -> None:
    run = runs()[str(path)]
    RESULTS[run.path] = run
    failures = [f"{o.kind} {o.key}: {o.detail}" for o in run.failures()]
    assert not failures, f"{path.name}: {len(failures)} undetected\n" + "\n".join(failures[:30])


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_reports_are_fully_mutated(path: Path) -> None:
    """A consistent report yields mutations for its identity cells (no vacuous 100%)."""
    run = runs()[str(path)]
    changes = [o for o in run.outcomes if o.kind == "change"]
    deletions = [o for o in run.outcomes if o.kind == "delete"]
    assert len(changes) >= 60, len(changes)
    assert len(deletions) >= 45, len(deletions)
    assert not run.uncheckable
    assert all(o.detail in ("exact", "row named") for o in run.outcomes)  # no SUM005 stand-in


def test_a_cell_outside_every_identity_is_not_claimed() -> None:
    """Negative control: changing table-1 text (no identity) gives no SUM finding."""
    from gaicheck.api import check_file

    path = EXAMPLES / "2023_example_clean.txt"
    text = path.read_text(encoding="utf-8")
    assert check_file(str(path)).findings == []
    changed = text.replace("2023年度", "2023年度 ", 1).encode("utf-8")
    assert [f.code for f in check_file(str(path), data=changed).findings if f.code.startswith("SUM")] == []
