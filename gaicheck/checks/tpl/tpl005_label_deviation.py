"""TPL005 label-deviation: a section heading, row label or column header differs from the official
wording (accepted, but reported: `deviations` in rules/templates/*.toml).

Report (sections, the extractor's `label_deviation` observations) → **TPL005** → one finding each.
"""

from __future__ import annotations

from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext


def check(ctx: RuleContext) -> None:
    report = ctx.report
    if not is_report(report):
        return
    for section in report.sections:
        if section.found_title is not None and not section.official:
            ctx.emit(
                "TPL005",
                {
                    "place": f"第{section.number}部分标题",
                    "place_en": f"Heading of section {section.number}",
                    "found": section.found_title,
                    "official": section.official_title,
                },
                at=section,
                expected=section.official_title,
                actual=section.found_title,
            )
    for obs in report.observations:
        if obs.kind != "label_deviation":
            continue
        row = obs.row
        cells = [c.key for c in report.cells if row and c.table == obs.table and c.row == row]
        ctx.emit(
            "TPL005",
            dict(obs.data),
            at=obs,
            cells=cells,
            expected=obs.data.get("official"),
            actual=obs.data.get("found"),
        )
