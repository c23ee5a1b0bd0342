"""YOY001 carry-over-mismatch: 二、上年结转 of this year differs from 四、结转下年度继续办理 of last year's
report, in a column of table 2.

PairContext → **YOY001** → one finding per column.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.yoy.stock import EPSILON, diff
from gaicheck.series.pair import PREVIOUS_PREFIX, PairContext, fmt_number
from gaicheck.series.plan import version
from gaicheck.templates import load_template


def carry_over(ctx: PairContext) -> None:
    """YOY001: 二、上年结转[y] = 四、结转下年度继续办理[y−1], in every column of table 2."""
    template = load_template(version(ctx.current))
    check = "carried_over"  # its name: gaicheck.i18n "yoy.check.carried_over"
    for column in template.tables["apply"].columns:
        cur_key, prev_key = f"apply.carried_over.{column.key}", f"apply.carry_forward.{column.key}"
        cells = ctx.values(check, [cur_key], [prev_key])
        if cells is None:
            continue
        (cur,), (prev,) = cells
        assert cur.value is not None and prev.value is not None
        if abs(cur.value - prev.value) < EPSILON:
            continue
        ctx.out.emit(
            "YOY001",
            {
                **ctx.fields(),
                "column": i18n.column_name(column, ctx.lang),
                "actual": fmt_number(cur.value),
                "expected": fmt_number(prev.value),
                "diff": diff(cur.value, prev.value),
            },
            at=cur,
            cells=[cur_key, PREVIOUS_PREFIX + prev_key],
            expected=prev.value,
            actual=cur.value,
        )
