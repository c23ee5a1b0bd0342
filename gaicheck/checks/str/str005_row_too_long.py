"""STR005 row-too-long: a row has more values than the table has columns (its cells are not assigned).

Report (the extractor's `RowLong` observations) → **STR005** → one finding each.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.str.row_count import emit_row_counts
from gaicheck.model.observations import RowLong


def check(ctx: RuleContext) -> None:
    emit_row_counts(ctx, "STR005", RowLong)
