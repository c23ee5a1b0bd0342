"""STR013 run-split-by-prose: a run-on table-1 row with several possible splits, read the one way the prose's
figures allow (gaicheck/prose/witness.py): the note says so, and which prose.

Report (`RunUnsplittable` observations with a `chosen` split) → **STR013** → one finding each.
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
        if not obs.chosen:
            continue
        ctx.emit(
            "STR013",
            {
                "table_no": obs.table_no,
                "row": i18n.observed_row(obs, ctx.version, ctx.lang),
                "raw": obs.raw,
                "witness": i18n.join([i18n.word("txt.label", ctx.lang, x=q) for q in obs.witness], ctx.lang),
                "values": i18n.join(obs.chosen, ctx.lang),
            },
            at=obs,
            cells=obs.cells,
        )
