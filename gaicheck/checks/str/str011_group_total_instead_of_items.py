"""STR011 group-total-instead-of-items: a group (e.g. （三）不予公开) is given as one total row instead of its items.

Report (the extractor's `group_row` observations) → **STR011** → one finding each.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.str.observed import emit_observed


def check(ctx: RuleContext) -> None:
    emit_observed(ctx, "group_row", "STR011")
