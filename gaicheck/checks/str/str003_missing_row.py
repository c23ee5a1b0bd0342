"""STR003 missing-row: a row of the template is absent from a table that was found.

Report (the extractor's `row_missing` observations) → **STR003** → one finding each.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.str.observed import emit_observed


def check(ctx: RuleContext) -> None:
    emit_observed(ctx, "row_missing", "STR003")
