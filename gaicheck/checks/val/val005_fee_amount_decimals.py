"""VAL005 fee-amount-decimals: the 2021 fee amount has more than six decimals (finer than 0.01 yuan
when counted in 万元).

Report (active.fees.amount) → **VAL005** → one finding.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.val.fee import fee_cell, fee_fields

MAX_DECIMALS = 6


def _decimals(raw: str) -> int:
    digits = "".join(ch for ch in raw if ch.isdigit() or ch == ".")
    return len(digits.split(".", 1)[1]) if "." in digits else 0


def check(ctx: RuleContext) -> None:
    cell = fee_cell(ctx)
    if cell is None:
        return
    decimals = _decimals(cell.raw or "")
    if decimals > MAX_DECIMALS:
        ctx.emit(
            "VAL005",
            {**fee_fields(ctx, cell), "decimals": decimals},
            at=cell,
            cells=[cell.key],
            expected=MAX_DECIMALS,
            actual=decimals,
        )
