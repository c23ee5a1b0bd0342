"""TPL006 year-unknown: no report year was found in the title (the format cannot be checked against it).

Report (template, year) → **TPL006** → one finding at the title.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext


def check(ctx: RuleContext) -> None:
    report = ctx.report
    if "no-text-layer" in report.notes:
        return
    if report.template == "none" and not any(report.tables_found.values()):
        return  # TPL004, or STR002 for a titled report without tables
    if report.report_year is None and report.template != "none":
        ctx.emit("TPL006", {}, at=report.title_at)
