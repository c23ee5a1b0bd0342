"""What the STR rules share: one finding per structural observation of the extractor (STR002–STR005,
STR007, STR008, STR010, STR011)."""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.model.report import Observation


def localised(ctx: RuleContext, obs: Observation) -> dict[str, object]:
    """The observation's fields for a message in the context's language: the template's names of its table,
    row, group and items (the extractor records the official Chinese wording); the document's text as found."""
    lang, version, data = ctx.lang, ctx.version, obs.data
    fields: dict[str, object] = {"row": data.get("row_label"), **data}
    table = obs.table
    if table is None:
        return fields
    official_row = str(data.get("row_label") or "")
    if obs.row:
        fields["row"] = i18n.cell_row(table, obs.row, version, lang, official_row)
    elif official_row:
        fields["row"] = i18n.flat_row(table, lang, official_row)
    if "title" in data:
        fields["title"] = i18n.table_name(table, lang)
    if obs.kind == "group_row" and obs.row:
        fields["group"] = i18n.group_row(table, obs.row, version, lang, str(data.get("group")))
        rows = dict.fromkeys(key.split(".")[1] for key in obs.cells)
        fields["items"] = i18n.join([i18n.template_row(table, r, version, lang) for r in rows], lang)
    return fields


def emit_observed(ctx: RuleContext, kind: str, code: str, counts: bool = False) -> None:
    """One `code` finding for each observation of `kind`; `counts`: the expected and found number of
    values are the finding's expected and actual values."""
    report = ctx.report
    if not is_report(report):
        return
    for obs in report.observations:
        if obs.kind != kind:
            continue
        fields = localised(ctx, obs)
        expected = obs.data.get("expected") if counts else None
        actual = obs.data.get("found") if counts else None
        ctx.emit(code, fields, at=obs, cells=obs.cells, expected=expected, actual=actual)
