"""Cross-file findings: Reports → series (grouping.py) → each report compared with the one before it
in its series (the rules of gaicheck/checks/yoy/, as plan.py says) → YOY findings keyed by report path.

Called by `gaicheck check` when more than one report is checked or `--previous FILE` is given.
Findings are made only for `reports`; `previous` reports are compared against, never reported on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from gaicheck.checks.emitter import Emitter
from gaicheck.checks.options import Options
from gaicheck.checks.yoy.yoy001_carry_over_mismatch import carry_over
from gaicheck.checks.yoy.yoy002_in_force_stock_flow import in_force_2021
from gaicheck.checks.yoy.yoy003_item_count_rollover import item_counts_2019
from gaicheck.checks.yoy.yoy004_published_total_rollover import published_total_2019
from gaicheck.checks.yoy.yoy005_template_regression import template_regression
from gaicheck.checks.yoy.yoy006_copied_prose import copied_prose
from gaicheck.checks.yoy.yoy007_copied_report import copied_report
from gaicheck.checks.yoy.yoy008_series_gap import series_gap
from gaicheck.checks.yoy.yoy009_cross_year_unverifiable import (
    emit_unverifiable,
    explicit_unpaired,
    previous_not_comparable,
)
from gaicheck.checks.yoy.yoy010_aggregate_difference import aggregate_findings, enabled
from gaicheck.model.finding import Finding
from gaicheck.model.report import Report
from gaicheck.series.config import SeriesConfig, load_config
from gaicheck.series.grouping import Series, comparable, group_reports
from gaicheck.series.pair import PairContext
from gaicheck.series.plan import CARRY_OVER, IN_FORCE_2021, PROSE, ROLLOVER_2019, TEMPLATE_REGRESSION, plan_pair


def _rollover_2019(ctx: PairContext) -> None:
    item_counts_2019(ctx)
    published_total_2019(ctx)


def _prose(ctx: PairContext, config: SeriesConfig) -> None:
    if not copied_report(ctx, config):  # a copied report is not also reported as copied prose
        copied_prose(ctx, config)


_CHECKS: dict[str, Callable[[PairContext], None]] = {
    TEMPLATE_REGRESSION: template_regression,
    CARRY_OVER: carry_over,
    IN_FORCE_2021: in_force_2021,
    ROLLOVER_2019: _rollover_2019,
}


def compare_pair(previous: Report, current: Report, series: Series, out: Emitter, config: SeriesConfig) -> None:
    """All cross-year findings of `current` against `previous`, the report before it in its series."""
    plan = plan_pair(previous, current)
    if plan.kind == "current_not_comparable":
        return  # legacy or unrecognised: TPL003/TPL004 already say so for the report itself
    ctx = PairContext(previous, current, out)
    if plan.kind == "gap":
        series_gap(ctx, series.organ)
    elif plan.kind == "previous_not_comparable":
        previous_not_comparable(ctx)
    for check in plan.checks:
        if check == PROSE:
            _prose(ctx, config)
        else:
            _CHECKS[check](ctx)
    emit_unverifiable(ctx)


# the cells the cross-year rules read (checks/yoy: YOY001–YOY004, YOY010); the rest of a report is not kept in a batch
SERIES_CELL_PREFIXES = ("active.", "apply.new.", "apply.carried_over.", "apply.total.", "apply.carry_forward.")


def series_view(report: Report) -> Report:
    """The part of a report the cross-year rules need, so that a batch of thousands of files keeps only
    that in memory until every file is read: its identity, prose, and the cells compared across years."""
    return replace(
        report,
        cells=[c for c in report.cells if c.key.startswith(SERIES_CELL_PREFIXES)],
        subtotals=[],
        observations=[],
        ocr_cells={},
    )


def cross_file_findings(
    reports: list[Report], options: Options, previous: list[Report] | None = None
) -> dict[str, list[Finding]]:
    """YOY findings for each of `reports` (keyed by `report.path`), comparing each with the report
    before it of the same organ among `reports` + `previous`."""
    config = load_config()
    emitters: dict[str, Emitter] = {}
    for report in reports:
        emitters.setdefault(report.path, Emitter(report, options))
    targets = {id(r) for r in reports}
    previous = [p for p in previous or [] if id(p) not in targets]
    paired: set[int] = set()
    dropped: set[int] = set()
    for series in group_reports([*reports, *previous]):
        dropped.update(id(d) for d, _kept in series.duplicates)
        for before, current in series.pairs():
            if id(current) in targets:
                paired.add(id(current))
                compare_pair(before, current, series, emitters[current.path], config)
    if enabled(options):
        aggregate_findings(reports, emitters, config)
    if previous:
        for report in reports:
            if id(report) not in paired and id(report) not in dropped and comparable(report):
                explicit_unpaired(report, previous, emitters[report.path])
    return {path: sorted(e.findings, key=Finding.sort_key) for path, e in emitters.items()}
