"""TPL002 mixed-template: the tables carry labels of both the 2019 and the 2021 format.

Report (the extractor's `mixed_template` observation) → **TPL002** → one finding.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext


def check(ctx: RuleContext) -> None:
    report = ctx.report
    if "no-text-layer" in report.notes:
        return
    for obs in report.observations:
        if obs.kind == "mixed_template":
            ctx.emit("TPL002", dict(obs.data))
