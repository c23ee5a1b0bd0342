"""VAL007 item-count-below-zero: 2019 table 1, a row's 上一年项目数量 plus its 本年增/减 is negative.

Report (table 1 cells) → **VAL007** → one finding per row.
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
        prev, change = cells.get(f"active.{row}.prev_count"), cells.get(f"active.{row}.change")
        if prev is not None and change is not None and ok(prev) and ok(change):
            result = (prev.value or 0) + (change.value or 0)
            if result < 0:
                ctx.emit(
                    "VAL007",
                    {
                        "table_no": number,
                        "row": i18n.cell_names(prev, ctx.version, ctx.lang)[0],
                        "prev": show(prev.value or 0),
                        "change": show(change.value or 0),
                        "result": show(result),
                    },
                    at=change,
                    cells=[prev.key, change.key],
                    expected=">=0",
                    actual=result,
                )
