"""YOY002 in-force-stock-flow: 2021 format, table 1: 现行有效件数 does not equal last year's 现行有效件数
+ this year's 本年制发件数 − 本年废止件数.

PairContext → **YOY002** → one finding per row (规章, 行政规范性文件).
"""

from __future__ import annotations

from gaicheck.checks.yoy.stock import DOCUMENT_ROWS, stock
from gaicheck.series.pair import PREVIOUS_PREFIX, PairContext


def in_force_2021(ctx: PairContext) -> None:
    """YOY002: 现行有效件数[y] = 现行有效件数[y−1] + 本年制发件数[y] − 本年废止件数[y]."""
    check = "in_force"  # its name: gaicheck.i18n "yoy.check.in_force"
    for row in DOCUMENT_ROWS:
        keys = [f"active.{row}.in_force", f"active.{row}.issued", f"active.{row}.repealed"]
        prev_key = f"active.{row}.in_force"
        cells = ctx.values(check, keys, [prev_key])
        if cells is None:
            continue
        (in_force, issued, repealed), (prev,) = cells
        assert issued.value is not None and repealed.value is not None and prev.value is not None
        stock(
            ctx, "YOY002", in_force, prev.value + issued.value - repealed.value,
            {"previous": prev.value, "issued": issued.value, "repealed": repealed.value},
            [*keys, PREVIOUS_PREFIX + prev_key],
        )
