"""VAL003 not-a-number: a cell of a statistical table holds text that is no number.

Report (cells) → **VAL003** → one finding per cell.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.val.cells import cell_fields, unusual_cells


def check(ctx: RuleContext) -> None:
    for cell, status, _value in unusual_cells(ctx):
        if status == "invalid":
            ctx.emit("VAL003", cell_fields(ctx, cell), at=cell, cells=[cell.key], actual=cell.raw)
