"""TPL003 legacy-template: the report uses the statistics table of before 2019, which cannot be checked
against the current formats.

Report (the extractor's `LegacyTemplate` observation) → **TPL003** → one finding.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import LegacyTemplate


def check(ctx: RuleContext) -> None:
    if "no-text-layer" in ctx.report.notes:
        return
    for obs in ctx.observed(LegacyTemplate):
        ctx.emit("TPL003", {"signal": obs.signal})
