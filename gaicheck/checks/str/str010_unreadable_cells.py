"""STR010 unreadable-cells: a row's digits run together so that they cannot be split into its cells.

Report (the extractor's `RunUnsplittable` observations, but those the prose split: STR013) → **STR010** → one
finding each.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import RunUnsplittable


def check(ctx: RuleContext) -> None:
    if not is_report(ctx.report):
        return
    for obs in ctx.observed(RunUnsplittable):
        if obs.chosen:
            continue  # split as the prose states it (STR013)
        ctx.emit(
            "STR010",
            {
                "table_no": obs.table_no,
                "row": i18n.observed_row(obs, ctx.version, ctx.lang),
                "raw": obs.raw,
                "expected": obs.expected,
            },
            at=obs,
            cells=obs.cells,
        )
