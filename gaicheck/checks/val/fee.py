"""What VAL004 and VAL005 share: the 2021 fee amount cell (表1 行政事业性收费 本年收费金额) when it holds
a number, and the fields of a finding about it."""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.model.report import CellValue
from gaicheck.prose.figures import table_number
from gaicheck.templates import registry


def fee_cell(ctx: RuleContext) -> CellValue | None:
    report = ctx.report
    if not registry().has(report.template, "fee_amount"):
        return None
    cell = report.cell("active.fees.amount")
    if cell is None or cell.status != "ok" or cell.value is None:
        return None
    return cell


def fee_fields(ctx: RuleContext, cell: CellValue) -> dict[str, object]:
    row, column = i18n.cell_names(cell, ctx.version, ctx.lang)
    return {"table_no": table_number(ctx.report, "active"), "row": row, "column": column, "raw": cell.raw}
