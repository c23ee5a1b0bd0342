"""What the STR rules share: one finding per structural observation of the extractor (STR002–STR005,
STR007, STR008, STR010, STR011)."""

from __future__ import annotations

from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext


def emit_observed(ctx: RuleContext, kind: str, code: str, counts: bool = False) -> None:
    """One `code` finding for each observation of `kind`; `counts`: the expected and found number of
    values are the finding's expected and actual values."""
    report = ctx.report
    if not is_report(report):
        return
    for obs in report.observations:
        if obs.kind != kind:
            continue
        fields: dict[str, object] = {"row": obs.data.get("row_label"), **obs.data}
        expected = obs.data.get("expected") if counts else None
        actual = obs.data.get("found") if counts else None
        ctx.emit(code, fields, at=obs, cells=obs.cells, expected=expected, actual=actual)
