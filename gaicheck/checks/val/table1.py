"""What VAL006 and VAL007 share: the rows of a 2019 table 1, and whether a cell holds a number."""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.model.report import CellValue


def ok(cell: CellValue | None) -> bool:
    return cell is not None and cell.status == "ok" and cell.value is not None


def table1_rows_2019(ctx: RuleContext) -> list[str]:
    """The row keys of table 1 in a 2019-format report (none in any other), sorted."""
    report = ctx.report
    if report.template != "2019":
        return []
    return sorted({c.row for c in report.cells if c.table == "active"})
