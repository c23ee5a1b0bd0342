"""YOY003 item-count-rollover: 2019 format, table 1: 上一年项目数量 does not equal last year's
上一年项目数量 + 本年增/减 (rows （五）（六）（八）).

PairContext → **YOY003** → one finding per row.
"""

from __future__ import annotations

from gaicheck.checks.yoy.stock import ROLLOVER_ROWS_2019, stock
from gaicheck.series.pair import PREVIOUS_PREFIX, PairContext


def item_counts_2019(ctx: PairContext) -> None:
    """YOY003: 上一年项目数量[y] = 上一年项目数量[y−1] + 本年增/减[y−1] (（五）（六）（八）)."""
    check = "items_last_year"  # its name: gaicheck.i18n "yoy.check.items_last_year"
    for row in ROLLOVER_ROWS_2019:
        cur_key = f"active.{row}.prev_count"
        prev_keys = [f"active.{row}.prev_count", f"active.{row}.change"]
        cells = ctx.values(check, [cur_key], prev_keys)
        if cells is None:
            continue
        (cur,), (prev, change) = cells
        assert prev.value is not None and change.value is not None
        stock(
            ctx, "YOY003", cur, prev.value + change.value,
            {"previous": prev.value, "change": change.value},
            [cur_key, *(PREVIOUS_PREFIX + k for k in prev_keys)],
        )
