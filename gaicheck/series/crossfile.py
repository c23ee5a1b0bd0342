"""Cross-file findings: Reports → series (grouping.py) → each report compared with the one before it
in its series (numeric.py, prose.py) → YOY findings keyed by report path.

Called by `gaicheck check` when more than one report is checked or `--previous FILE` is given.
Findings are made only for `reports`; `previous` reports are compared against, never reported on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from gaicheck.engine.core import Emitter, Options
from gaicheck.model.finding import Finding
from gaicheck.model.report import Report
from gaicheck.series.aggregate import aggregate_findings, enabled
from gaicheck.series.config import SeriesConfig, load_config
from gaicheck.series.grouping import Series, comparable, group_reports, series_key
from gaicheck.series.numeric import carry_over, in_force_2021, rollover_2019, template_regression
from gaicheck.series.pair import PairContext
from gaicheck.series.plan import CARRY_OVER, IN_FORCE_2021, PROSE, ROLLOVER_2019, TEMPLATE_REGRESSION, plan_pair
from gaicheck.series.prose import prose_checks


def _missing_years(before: int, after: int) -> str:
    years = list(range(before + 1, after))
    if len(years) <= 3:
        return "、".join(str(y) for y in years)
    return f"{years[0]}–{years[-1]}"


def _not_comparable_reason(report: Report) -> tuple[str, str]:
    if report.template == "legacy":
        return ("该报告为2019年以前的旧版格式，与现行格式不可比，不作跨年度比较",
                "it is in the pre-2019 format, which cannot be compared with the current formats")
    return ("该报告未识别出国办格式的统计表，不作跨年度比较",
            "no statistical tables of the national format were recognised in it")


_CHECKS: dict[str, Callable[[PairContext], None]] = {
    TEMPLATE_REGRESSION: template_regression,
    CARRY_OVER: carry_over,
    IN_FORCE_2021: in_force_2021,
    ROLLOVER_2019: rollover_2019,
}


def compare_pair(previous: Report, current: Report, series: Series, out: Emitter, config: SeriesConfig) -> None:
    """All cross-year findings of `current` against `previous`, the report before it in its series."""
    plan = plan_pair(previous, current)
    if plan.kind == "current_not_comparable":
        return  # legacy or unrecognised: TPL003/TPL004 already say so for the report itself
    ctx = PairContext(previous, current, out)
    if plan.kind == "gap":
        assert previous.report_year is not None and current.report_year is not None
        missing = _missing_years(previous.report_year, current.report_year)
        out.emit("YOY008", {**ctx.fields(), "organ": series.organ, "missing": missing})
    elif plan.kind == "previous_not_comparable":
        zh, en = _not_comparable_reason(previous)
        out.emit("YOY009", {**ctx.fields(), "reason": zh, "reason_en": en})
    for check in plan.checks:
        if check == PROSE:
            prose_checks(ctx, config)
        else:
            _CHECKS[check](ctx)
    ctx.emit_unverifiable()


def _explicit_unpaired(report: Report, previous: list[Report], out: Emitter) -> None:
    """`--previous` was given but `report` has nothing before it in its series: say why."""
    key = series_key(report)
    same = [p for p in previous if key is not None and series_key(p) == key]
    if not same and len(previous) != 1:
        return  # several previous files, none of this organ: nothing was asked of this report
    prev = same[0] if same else previous[0]
    prev_key = series_key(prev)
    if key is None or prev_key is None:
        zh = "无法从标题确定发布机关，不作比较"
        en = "the issuing organ could not be read from a title, so they are not compared"
    elif key != prev_key:
        zh = f"两份报告的发布机关不同（{prev_key} / {key}），不作比较"
        en = f"the issuing organs differ ({prev_key} / {key}), so they are not compared"
    elif report.report_year is None or prev.report_year is None:
        zh, en = "无法从标题确定报告年度，不作比较", "the report year could not be read from a title"
    elif prev.report_year >= report.report_year:
        zh = f"指定的上年报告为{prev.report_year}年度，不早于本报告（{report.report_year}年度），不作比较"
        en = f"the given previous report is for {prev.report_year}, not earlier than this one ({report.report_year})"
    else:
        return
    fields: dict[str, object] = {
        "previous_path": prev.path,
        "previous_year": prev.report_year if prev.report_year is not None else "?",
        "year": report.report_year if report.report_year is not None else "?",
        "reason": zh,
        "reason_en": en,
    }
    out.emit("YOY009", fields)


# the cells the cross-year rules read (numeric.py, aggregate.py); the rest of a report is not kept in a batch
SERIES_CELL_PREFIXES = ("active.", "apply.new.", "apply.carried_over.", "apply.total.", "apply.carry_forward.")


def series_view(report: Report) -> Report:
    """The part of a report the cross-year rules need, so that a batch of thousands of files keeps only
    that in memory until every file is read: its identity, prose, and the cells compared across years."""
    return replace(
        report,
        cells=[c for c in report.cells if c.key.startswith(SERIES_CELL_PREFIXES)],
        subtotals=[],
        observations=[],
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
                _explicit_unpaired(report, previous, emitters[report.path])
    return {path: sorted(e.findings, key=Finding.sort_key) for path, e in emitters.items()}
