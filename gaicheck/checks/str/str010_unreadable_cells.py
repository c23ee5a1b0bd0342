"""STR010 unreadable-cells: a row's digits run together so that they cannot be split into its cells.

Report (the extractor's `run_unsplittable` observations) → **STR010** → one finding each.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.str.observed import emit_observed


def check(ctx: RuleContext) -> None:
    emit_observed(ctx, "run_unsplittable", "STR010")
