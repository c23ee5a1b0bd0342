"""STR008 extra-row: a labelled row that is not in the template.

Report (the extractor's `ExtraRow` observations) → **STR008** → one finding each.
"""

from __future__ import annotations

from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import ExtraRow


def check(ctx: RuleContext) -> None:
    if not is_report(ctx.report):
        return
    for obs in ctx.observed(ExtraRow):
        ctx.emit("STR008", {"table_no": obs.table_no, "label": obs.label}, at=obs)
