"""STR005 row-too-long: a row has more values than the table has columns (its cells are not assigned).

Report (the extractor's `row_long` observations) → **STR005** → one finding each.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.str.observed import emit_observed


def check(ctx: RuleContext) -> None:
    emit_observed(ctx, "row_long", "STR005", counts=True)
