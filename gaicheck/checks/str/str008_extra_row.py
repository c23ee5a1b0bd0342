"""STR008 extra-row: a labelled row that is not in the template.

Report (the extractor's `extra_row` observations) → **STR008** → one finding each.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.str.observed import emit_observed


def check(ctx: RuleContext) -> None:
    emit_observed(ctx, "extra_row", "STR008")
