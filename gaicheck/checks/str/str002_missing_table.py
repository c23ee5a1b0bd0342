"""STR002 missing-table: a statistical table of the template was not found.

Report (the extractor's `table_missing` observations) → **STR002** → one finding each.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.str.observed import emit_observed


def check(ctx: RuleContext) -> None:
    emit_observed(ctx, "table_missing", "STR002")
