"""STR011 group-total-instead-of-items: a group (e.g. （三）不予公开) is given as one total row instead of
its items.

Report (the extractor's `GroupRow` observations) → **STR011** → one finding each.
"""

from __future__ import annotations

from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import GroupRow


def check(ctx: RuleContext) -> None:
    if not is_report(ctx.report):
        return
    for obs in ctx.observed(GroupRow):
        ctx.emit(
            "STR011",
            {"table_no": obs.table_no, "group": obs.group, "items": "、".join(obs.items), "count": len(obs.items)},
            at=obs,
            cells=obs.cells,
        )
