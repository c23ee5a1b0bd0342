"""VAL006 new-published-above-total: 2019 table 1, a row's 本年新公开数量 exceeds its 对外公开总数量.

Report (table 1 cells) → **VAL006** → one finding per row.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.checks.val.table1 import ok, table1_rows_2019
from gaicheck.prose.figures import table_number
from gaicheck.prose.numbers import show


def check(ctx: RuleContext) -> None:
    rows = table1_rows_2019(ctx)
    if not rows:
        return
    cells = ctx.cell_map()
    number = table_number(ctx.report, "active")
    for row in rows:
        new, total = cells.get(f"active.{row}.new_published"), cells.get(f"active.{row}.total_published")
        if new is not None and total is not None and ok(new) and ok(total) and (new.value or 0) > (total.value or 0):
            ctx.emit(
                "VAL006",
                {
                    "table_no": number,
                    "row": i18n.cell_names(new, ctx.version, ctx.lang)[0],
                    "new": show(new.value or 0),
                    "total": show(total.value or 0),
                },
                at=total,
                cells=[new.key, total.key],
                expected=f">={show(new.value or 0)}",
                actual=total.value,
            )
