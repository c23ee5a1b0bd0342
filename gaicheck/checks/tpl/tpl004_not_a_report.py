"""TPL004 not-a-report: the file has neither an annual report title nor any statistical table.

Report (title, tables) → **TPL004** → one finding.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext


def check(ctx: RuleContext) -> None:
    report = ctx.report
    if "no-text-layer" in report.notes:
        return
    if report.template == "none" and not any(report.tables_found.values()) and report.title is None:
        reason = "没有年度报告标题，也没有统计表格"
        reason_en = "no annual report title and no statistical tables"
        ctx.emit("TPL004", {"reason": reason, "reason_en": reason_en})
