"""TPL003 legacy-template: the report uses the statistics table of before 2019, which cannot be checked
against the current formats.

Report (the extractor's `legacy_template` observation) → **TPL003** → one finding.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext


def check(ctx: RuleContext) -> None:
    report = ctx.report
    if "no-text-layer" in report.notes:
        return
    for obs in report.observations:
        if obs.kind == "legacy_template":
            ctx.emit("TPL003", dict(obs.data))
