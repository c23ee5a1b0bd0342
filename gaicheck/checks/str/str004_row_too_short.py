"""STR004 row-too-short: a row has fewer values than the table has columns (its cells are not assigned).

Report (the extractor's `row_short` observations) → **STR004** → one finding each.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.str.observed import emit_observed


def check(ctx: RuleContext) -> None:
    emit_observed(ctx, "row_short", "STR004", counts=True)
