"""A batch's cross-year rules, organ by organ from the spool (gaicheck.series.parked), give exactly the
findings of the rules run on every full report at once — also when the batch holds the same report many
times (only the copy kept for its year is read back)."""

from __future__ import annotations

import os
from pathlib import Path

from gaicheck.api import parse_path
from gaicheck.batch import Task, check_task
from gaicheck.checks.options import Options
from gaicheck.model.finding import Finding
from gaicheck.series.crossfile import cross_file_findings
from gaicheck.series.parked import ParkedBatch
from tests.conftest import DATA, EXAMPLES

SKIP = {"SOURCES.md", "README.md"}


def _inputs(tmp_path: Path) -> list[Path]:
    files = [p for folder in (EXAMPLES, DATA / "corpus") for p in sorted(folder.iterdir()) if p.name not in SKIP]
    copies = tmp_path / "copies"
    copies.mkdir()
    for n, source in enumerate(p for p in files if "pingtan" in p.name and p.suffix == ".html"):
        for k in range(3):  # the published pages again, under other names
            os.link(source, copies / f"{k}{n:02d}_{source.name}")
    return files + sorted(copies.iterdir())


def _non_empty(found: dict[str, list[Finding]]) -> dict[str, list[tuple[str, str, str | None, str | None]]]:
    return {path: [(f.code, f.message, f.expected, f.actual) for f in fs] for path, fs in found.items() if fs}


def test_organ_by_organ_from_the_spool_equals_the_whole_batch(tmp_path: Path) -> None:
    files = _inputs(tmp_path)
    parked = ParkedBatch()
    for path in files:
        parked.add(check_task(Task(str(path), Options(), keep_report=True, series_only=True)))
    by_organ = parked.cross_year(cross_file_findings, Options(), [])
    parked.close()
    whole = cross_file_findings([parse_path(str(p)) for p in files], Options())
    assert _non_empty(by_organ) == _non_empty(whole)
    codes = sorted(f.code for fs in whole.values() for f in fs)
    assert codes == ["YOY002", "YOY002", "YOY002", "YOY004", "YOY008", "YOY009"], codes
