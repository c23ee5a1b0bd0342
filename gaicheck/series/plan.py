"""What is compared for a pair of reports: Series → **PairPlan** → the checks crossfile.py runs and
`gaicheck series` lists (one source of truth, so a clerk sees exactly why a rule could fire).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from gaicheck.checks.common.template import effective_template
from gaicheck.model.report import Report
from gaicheck.series.grouping import comparable
from gaicheck.templates import VERSIONS

PairKind = Literal["compared", "gap", "previous_not_comparable", "current_not_comparable"]

# check names, in the order they run
CARRY_OVER = "carry_over"  # YOY001
IN_FORCE_2021 = "in_force_2021"  # YOY002
ROLLOVER_2019 = "rollover_2019"  # YOY003, YOY004
TEMPLATE_REGRESSION = "template_regression"  # YOY005
PROSE = "prose"  # YOY006, YOY007

CHECK_NAMES: dict[str, tuple[str, str]] = {
    CARRY_OVER: ("上年结转（YOY001）", "carry-over (YOY001)"),
    IN_FORCE_2021: ("现行有效件数（YOY002）", "in force (YOY002)"),
    ROLLOVER_2019: ("上一年项目数量、对外公开总数量（YOY003、YOY004）", "2019 table 1 roll-over (YOY003, YOY004)"),
    TEMPLATE_REGRESSION: ("格式倒退（YOY005）", "template went backwards (YOY005)"),
    PROSE: ("文字雷同（YOY006、YOY007）", "copied prose (YOY006, YOY007)"),
}


@dataclass(slots=True)
class PairPlan:
    previous: Report
    current: Report
    kind: PairKind
    checks: list[str] = field(default_factory=list)


def version(report: Report) -> str:
    """The format a comparable report's tables follow ("2019" or "2021")."""
    chosen = effective_template(report)
    return chosen if chosen in VERSIONS else "2021"


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
    if before == "2021" and now == "2019":
        checks.append(TEMPLATE_REGRESSION)
    if current.tables_found.get("apply", False) or previous.tables_found.get("apply", False):
        checks.append(CARRY_OVER)
    has_active = current.tables_found.get("active", False) or previous.tables_found.get("active", False)
    if before == now and has_active:
        checks.append(IN_FORCE_2021 if now == "2021" else ROLLOVER_2019)
    checks.append(PROSE)
    return PairPlan(previous, current, "compared", checks)
