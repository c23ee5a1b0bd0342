"""Per-run memo: views that several rules derive from the same Report (logical paragraphs, cell map,
row order, …), computed once while the rules run over that report.

engine/core.py `run_rules` opens the memo for its report and drops it when the run ends: a Report is
mutable, so nothing is kept from one run to the next. Outside a run every call computes afresh.
Entries are keyed by the report's id (and checked with `is`), so concurrent runs over different reports
in threads do not mix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from operator import attrgetter
from typing import Any, TypeVar

from gaicheck.model.report import CellValue, Report

T = TypeVar("T")

_RUNS: dict[int, tuple[Report, dict[str, Any]]] = {}


@contextmanager
def rule_run(report: Report) -> Iterator[None]:
    """Memoize derived views of `report` until the block ends."""
    key = id(report)
    _RUNS[key] = (report, {})
    try:
        yield
    finally:
        _RUNS.pop(key, None)


def memo(report: Report, name: str, build: Callable[[], T]) -> T:
    """`build()`, computed once per rule run over `report` (every time outside a run). Do not modify it."""
    run = _RUNS.get(id(report))
    if run is None or run[0] is not report:
        return build()
    views = run[1]
    if name not in views:
        views[name] = build()
    value: T = views[name]
    return value


def cell_map(report: Report) -> dict[str, CellValue]:
    """report.cell_map() (key → cell, the last of a key), once per run; keys read in C (attrgetter)."""
    return memo(report, "cell_map", lambda: dict(zip(map(_KEY, report.cells), report.cells, strict=True)))


def cell_statuses(report: Report) -> list[str]:
    """The status of each of report.cells, in order, once per run."""
    return memo(report, "cell_statuses", lambda: list(map(_STATUS, report.cells)))


_KEY = attrgetter("key")
_STATUS = attrgetter("status")
