"""STR007 row-label-missing: a data row was found without its label (placed by its position).

Report (the extractor's `RowUnlabelled` observations) → **STR007** → one finding each.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import RowUnlabelled


def check(ctx: RuleContext) -> None:
    if not is_report(ctx.report):
        return
    for obs in ctx.observed(RowUnlabelled):
        row = i18n.observed_row(obs, ctx.version, ctx.lang)
        ctx.emit("STR007", {"table_no": obs.table_no, "row": row}, at=obs, cells=obs.cells)
