"""STR011 group-total-instead-of-items: a group (e.g. （三）不予公开) is given as one total row instead of
its items.

Report (the extractor's `GroupRow` observations) → **STR011** → one finding each.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import GroupRow


def check(ctx: RuleContext) -> None:
    if not is_report(ctx.report):
        return
    lang, version = ctx.lang, ctx.version
    for obs in ctx.observed(GroupRow):
        rows = list(dict.fromkeys(key.split(".")[1] for key in obs.cells))  # the item rows, in order
        items = list(obs.items)
        if len(rows) == len(items):
            named = zip(rows, obs.items, strict=True)
            items = [i18n.cell_row(obs.table, row, version, lang, label) for row, label in named]
        ctx.emit(
            "STR011",
            {
                "table_no": obs.table_no,
                "group": i18n.group_row(obs.table, obs.row, version, lang, obs.group),
                "items": i18n.join(items, lang),
                "count": len(obs.items),
            },
            at=obs,
            cells=obs.cells,
        )
