"""STR009 no-text: the file has no readable text (a scanned PDF without a text layer).

Report (the reader's `no-text-layer` note) → **STR009** → one finding on page 1.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.model.report import Position


def check(ctx: RuleContext) -> None:
    if "no-text-layer" in ctx.report.notes:
        ctx.emit("STR009", {}, at=Position(page=1))
