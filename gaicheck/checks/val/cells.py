"""What VAL001–VAL003 share: the cells whose value is not a plain count (text, negative, fraction),
found in one pass per run, and the fields of a finding about one cell."""

from __future__ import annotations

from operator import attrgetter

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.model.report import CellValue
from gaicheck.templates import load_template, registry

_STATUS_VALUE = attrgetter("status", "value")


def _unusual(ctx: RuleContext) -> list[tuple[CellValue, str, int | float | None]]:
    cells = ctx.report.cells
    return [
        (cell, status, value)
        for cell, (status, value) in zip(cells, map(_STATUS_VALUE, cells), strict=True)
        if status == "invalid"
        # (the last test: most cells, which no VAL001–VAL003 check reports)
        or (status == "ok" and value is not None and not (value >= 0 and not isinstance(value, float)))
    ]


def unusual_cells(ctx: RuleContext) -> list[tuple[CellValue, str, int | float | None]]:
    """(cell, status, value) of each cell that is invalid, or ok with a negative or fractional value."""
    return ctx.view("unusual_cells", lambda: _unusual(ctx))


def cell_fields(ctx: RuleContext, cell: CellValue) -> dict[str, object]:
    report = ctx.report
    version = registry().or_newest(report.template).version
    number = load_template(version).tables[cell.table].number
    row, column = i18n.cell_names(cell, ctx.version, ctx.lang)
    return {"table_no": number, "row": row, "column": column, "raw": cell.raw}
