"""STR007 row-label-missing: a data row was found without its label (placed by its position).

Report (the extractor's `row_unlabelled` observations) → **STR007** → one finding each.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.str.observed import emit_observed


def check(ctx: RuleContext) -> None:
    emit_observed(ctx, "row_unlabelled", "STR007")
