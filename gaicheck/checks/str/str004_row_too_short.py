"""STR004 row-too-short: a row has fewer values than the table has columns (its cells are not assigned).

Report (the extractor's `RowShort` observations) → **STR004** → one finding each.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.str.row_count import emit_row_counts
from gaicheck.model.observations import RowShort


def check(ctx: RuleContext) -> None:
    emit_row_counts(ctx, "STR004", RowShort)
