"""What is compared for a pair of reports: Series → **PairPlan** → the checks crossfile.py runs and
`gaicheck series` lists (one source of truth, so a clerk sees exactly why a rule could fire).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from gaicheck.checks.common.template import effective_template
from gaicheck.model.report import Report
from gaicheck.series.grouping import comparable
from gaicheck.templates import registry

PairKind = Literal["compared", "gap", "previous_not_comparable", "current_not_comparable"]

# check names, in the order they run (shown through i18n: "series.check.<name>")
CARRY_OVER = "carry_over"  # YOY001
IN_FORCE_2021 = "in_force_2021"  # YOY002
ROLLOVER_2019 = "rollover_2019"  # YOY003, YOY004
TEMPLATE_REGRESSION = "template_regression"  # YOY005
PROSE = "prose"  # YOY006, YOY007



@dataclass(slots=True)
class PairPlan:
    previous: Report
    current: Report
    kind: PairKind
    checks: list[str] = field(default_factory=list)


def version(report: Report) -> str:
    """The version a comparable report's tables follow (the newest when none was chosen)."""
    return registry().or_newest(effective_template(report)).version


def plan_pair(previous: Report, current: Report) -> PairPlan:
    """Which checks apply to `current` against `previous` (the report before it in its series)."""
    if not comparable(current):
        return PairPlan(previous, current, "current_not_comparable")
    assert previous.report_year is not None and current.report_year is not None
    if current.report_year - previous.report_year > 1:
        return PairPlan(previous, current, "gap", [PROSE] if comparable(previous) else [])
    if not comparable(previous):
        return PairPlan(previous, current, "previous_not_comparable")
    checks: list[str] = []
    before, now = version(previous), version(current)
    versions = registry()
    if versions.rank(now) < versions.rank(before):
        checks.append(TEMPLATE_REGRESSION)
    if current.tables_found.get("apply", False) or previous.tables_found.get("apply", False):
        checks.append(CARRY_OVER)
    has_active = current.tables_found.get("active", False) or previous.tables_found.get("active", False)
    if before == now and has_active:  # table 1 figures carried from year to year, by the format's features
        if versions.has(now, "in_force_count"):
            checks.append(IN_FORCE_2021)
        elif versions.has(now, "rollover_counts"):
            checks.append(ROLLOVER_2019)
    checks.append(PROSE)
    return PairPlan(previous, current, "compared", checks)
