"""STR002 missing-table: a statistical table of the template was not found.

Report (the extractor's `TableMissing` observations) → **STR002** → one finding each.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import TableMissing


def check(ctx: RuleContext) -> None:
    if not is_report(ctx.report):
        return
    for obs in ctx.observed(TableMissing):
        title = i18n.table_named(obs.table, ctx.lang, obs.title)
        ctx.emit("STR002", {"table_no": obs.table_no, "title": title}, at=obs)
