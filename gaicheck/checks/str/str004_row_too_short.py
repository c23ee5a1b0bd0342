"""STR004 row-too-short: a row has fewer values than the table has columns (its cells are not assigned).

Report (the extractor's `RowShort` observations) → **STR004** → one finding each.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import RowShort


def check(ctx: RuleContext) -> None:
    if not is_report(ctx.report):
        return
    for obs in ctx.observed(RowShort):
        ctx.emit(
            "STR004",
            {
                "table_no": obs.table_no,
                "row": i18n.observed_row(obs, ctx.version, ctx.lang),
                "found": obs.found,
                "expected": obs.expected,
            },
            at=obs,
            cells=obs.cells,
            expected=obs.expected,
            actual=obs.found,
        )
