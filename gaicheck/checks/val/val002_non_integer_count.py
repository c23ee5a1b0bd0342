"""VAL002 non-integer-count: a count holds a fraction (a negative count is VAL001's).

Report (cells) → **VAL002** → one finding per cell.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.val.cells import cell_fields, unusual_cells


def check(ctx: RuleContext) -> None:
    for cell, status, value in unusual_cells(ctx):
        if status != "ok" or value is None or (value < 0 and cell.kind != "signed"):
            continue
        if isinstance(value, float) and cell.kind in ("count", "signed"):
            ctx.emit("VAL002", cell_fields(ctx, cell), at=cell, cells=[cell.key], actual=value)
