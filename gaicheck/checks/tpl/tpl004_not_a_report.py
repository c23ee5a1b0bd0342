"""TPL004 not-a-report: the file has neither an annual report title nor any statistical table.

Report (title, tables) → **TPL004** → one finding.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.context import RuleContext


def check(ctx: RuleContext) -> None:
    report = ctx.report
    if "no-text-layer" in report.notes:
        return
    if report.template == "none" and not any(report.tables_found.values()) and report.title is None:
        ctx.emit("TPL004", {"reason": i18n.word("tpl.no_title_no_tables", ctx.lang)})
