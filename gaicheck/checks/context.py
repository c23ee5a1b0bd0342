"""The rule context: Report → **RuleContext** (the report, its effective template version, the options, the
emitter, and the views several rules derive from the report) → every rule of the registry.

`run_rules` (checks/run.py) makes one context per report and hands it to each selected rule; views
(logical paragraphs, cell map, cell statuses, row order, …) are built the first time a rule asks for them
and live as long as the context, so nothing is kept from one run to the next (a Report is mutable).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

from gaicheck.checks.common.template import effective_template
from gaicheck.checks.emitter import Emitter
from gaicheck.checks.options import Options
from gaicheck.model.observations import Observation
from gaicheck.model.report import CellValue, Report

T = TypeVar("T")
Obs = TypeVar("Obs", bound=Observation)

_KEY = attrgetter("key")
_STATUS = attrgetter("status")


class RuleContext:
    """What a rule receives: `report`, `version` (the effective template version: "2019", "2021", or the
    report's own template name when it has none of them), `options`, `lang`, `emit` (the emitter's emit)
    and cached views of the report. Do not modify a view."""

    __slots__ = ("_views", "emit", "emitter", "lang", "options", "report", "version")

    def __init__(self, report: Report, options: Options | None = None, emitter: Emitter | None = None) -> None:
        self.report = report
        self.options = options = options or Options()
        self.lang = options.lang
        self.version = effective_template(report)
        self.emitter = emitter = emitter or Emitter(report, options)
        self.emit = emitter.emit
        self._views: dict[str, Any] = {}

    def view(self, name: str, build: Callable[[], T]) -> T:
        """`build()`, computed once per context (the name says which view). Do not modify it."""
        views = self._views
        if name not in views:
            views[name] = build()
        value: T = views[name]
        return value

    def cell_map(self) -> dict[str, CellValue]:
        """report.cell_map() (key → cell, the last of a key), once per run; keys read in C (attrgetter)."""
        cells = self._views.get("cell_map")
        if cells is None:
            report_cells = self.report.cells
            cells = self._views["cell_map"] = dict(zip(map(_KEY, report_cells), report_cells, strict=True))
        result: dict[str, CellValue] = cells
        return result

    def observed(self, kind: type[Obs]) -> list[Obs]:
        """The extractor's observations of one kind (class), in the order they were made."""
        by_kind: dict[type, list[Any]] | None = self._views.get("observed")
        if by_kind is None:
            by_kind = self._views["observed"] = {}
            for obs in self.report.observations:
                by_kind.setdefault(type(obs), []).append(obs)
        found: list[Obs] = by_kind.get(kind, [])
        return found

    def cell_statuses(self) -> list[str]:
        """The status of each of report.cells, in order, once per run."""
        return self.view("cell_statuses", lambda: list(map(_STATUS, self.report.cells)))
