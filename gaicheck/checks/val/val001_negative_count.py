"""VAL001 negative-count: a count (or any cell that is not a signed change) holds a negative value.

Report (cells) → **VAL001** → one finding per cell.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.val.cells import cell_fields, unusual_cells


def check(ctx: RuleContext) -> None:
    for cell, status, value in unusual_cells(ctx):
        if status == "ok" and value is not None and value < 0 and cell.kind != "signed":
            ctx.emit("VAL001", cell_fields(ctx, cell), at=cell, cells=[cell.key], actual=value)
