"""A row whose number of values differs from its columns (STR004 too few, STR005 too many): the finding both
rules emit, one per observation.

Report (the extractor's `RowShort` / `RowLong` observations) → **row_count** → STR004 / STR005.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import RowLong, RowShort


def emit_row_counts(ctx: RuleContext, code: str, kind: type[RowShort] | type[RowLong]) -> None:
    if not is_report(ctx.report):
        return
    for obs in ctx.observed(kind):
        ctx.emit(
            code,
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
