"""VAL004 fee-amount-in-yuan: the 2021 fee amount (in 万元) says 元 or is so large (10⁶ or more, i.e.
10 billion yuan) that it was probably entered in yuan.

Report (active.fees.amount) → **VAL004** → one finding.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.checks.val.fee import fee_cell, fee_fields

YUAN_THRESHOLD = 1_000_000


def check(ctx: RuleContext) -> None:
    cell = fee_cell(ctx)
    if cell is None or cell.value is None:
        return
    if cell.unit == "元" or cell.value >= YUAN_THRESHOLD:
        reason = i18n.word("val.unit_yuan" if cell.unit == "元" else "val.million", ctx.lang)
        ctx.emit(
            "VAL004",
            {**fee_fields(ctx, cell), "reason": reason},
            at=cell,
            cells=[cell.key],
            actual=cell.raw,
        )
