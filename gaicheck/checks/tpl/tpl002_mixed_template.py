"""TPL002 mixed-template: the tables carry labels of both the 2019 and the 2021 format.

Report (the extractor's `MixedTemplate` observation) → **TPL002** → one finding, listing the labels of
each version found.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import MixedTemplate


def check(ctx: RuleContext) -> None:
    if "no-text-layer" in ctx.report.notes:
        return
    for obs in ctx.observed(MixedTemplate):
        fields: dict[str, object] = {"chosen": obs.chosen}
        fields.update({f"labels_{version}": "、".join(labels) for version, labels in obs.labels.items()})
        ctx.emit("TPL002", fields)
