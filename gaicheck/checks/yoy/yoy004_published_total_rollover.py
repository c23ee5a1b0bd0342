"""YOY004 published-total-rollover: 2019 format, table 1: 对外公开总数量 does not equal last year's
对外公开总数量 + this year's 本年新公开数量.

PairContext → **YOY004** → one finding per row (规章, 规范性文件).
"""

from __future__ import annotations

from gaicheck.checks.yoy.stock import DOCUMENT_ROWS, stock
from gaicheck.series.pair import PREVIOUS_PREFIX, PairContext


def published_total_2019(ctx: PairContext) -> None:
    """YOY004: 对外公开总数量[y] = 对外公开总数量[y−1] + 本年新公开数量[y]."""
    check = "total_published"  # its name: gaicheck.i18n "yoy.check.total_published"
    for row in DOCUMENT_ROWS:
        keys = [f"active.{row}.total_published", f"active.{row}.new_published"]
        prev_key = f"active.{row}.total_published"
        cells = ctx.values(check, keys, [prev_key])
        if cells is None:
            continue
        (total, new), (prev,) = cells
        assert new.value is not None and prev.value is not None
        stock(
            ctx, "YOY004", total, prev.value + new.value,
            {"previous": prev.value, "new_published": new.value},
            [*keys, PREVIOUS_PREFIX + prev_key],
        )
