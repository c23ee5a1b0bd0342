"""TPL005 label-deviation: a section heading, row label or column header differs from the official
wording (accepted, but reported: `deviations` in rules/templates/*.toml).

Report (sections, the extractor's `LabelDeviation` observations) → **TPL005** → one finding each.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import LabelDeviation


def check(ctx: RuleContext) -> None:
    report = ctx.report
    if not is_report(report):
        return
    for section in report.sections:
        if section.found_title is not None and not section.official:
            number = i18n.section_number(section.number, ctx.lang)
            ctx.emit(
                "TPL005",
                {
                    "place": i18n.word("tpl.section_heading", ctx.lang, n=number),
                    "found": section.found_title,
                    "official": section.official_title,
                },
                at=section,
                expected=section.official_title,
                actual=section.found_title,
            )
    for obs in ctx.observed(LabelDeviation):
        row = obs.row
        cells = [c.key for c in report.cells if row and c.table == obs.table and c.row == row]
        ctx.emit(
            "TPL005",
            {
                "place": i18n.word(f"tpl.{obs.part}_label", ctx.lang, n=obs.table_no),
                "found": obs.found,
                "official": obs.official,
            },
            at=obs,
            cells=cells,
            expected=obs.official,
            actual=obs.found,
        )
