"""STR003 missing-row: a row of the template is absent from a table that was found.

Report (the extractor's `RowMissing` observations) → **STR003** → one finding each.
"""

from __future__ import annotations

from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import RowMissing


def check(ctx: RuleContext) -> None:
    if not is_report(ctx.report):
        return
    for obs in ctx.observed(RowMissing):
        ctx.emit("STR003", {"table_no": obs.table_no, "row": obs.row_label}, at=obs, cells=obs.cells)
