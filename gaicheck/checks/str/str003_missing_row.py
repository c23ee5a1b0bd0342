"""STR003 missing-row: a row of the template is absent from a table that was found.

Report (the extractor's `RowMissing` observations) → **STR003** → one finding each.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import RowMissing


def check(ctx: RuleContext) -> None:
    if not is_report(ctx.report):
        return
    for obs in ctx.observed(RowMissing):
        row = i18n.observed_row(obs, ctx.version, ctx.lang)
        ctx.emit("STR003", {"table_no": obs.table_no, "row": row}, at=obs, cells=obs.cells)
