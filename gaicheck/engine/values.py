"""Value rules (VAL): Report → findings about cells whose value has the wrong kind (negative count,
fraction where a whole number belongs, text where a number belongs)."""

from __future__ import annotations

from operator import attrgetter

from gaicheck.engine.core import Emitter, rule
from gaicheck.model.report import CellValue, Report
from gaicheck.templates import load_template, registry


def _fields(report: Report, cell: CellValue) -> dict[str, object]:
    version = registry().or_newest(report.template).version
    number = load_template(version).tables[cell.table].number
    return {"table_no": number, "row": cell.row_label, "column": cell.column_label, "raw": cell.raw}


_STATUS_VALUE = attrgetter("status", "value")


@rule("VAL001", "VAL002", "VAL003")
def cell_values(report: Report, out: Emitter) -> None:
    for cell, (status, value) in zip(report.cells, map(_STATUS_VALUE, report.cells), strict=True):
        if status == "invalid":
            out.emit("VAL003", _fields(report, cell), at=cell, cells=[cell.key], actual=cell.raw)
            continue
        if status != "ok" or value is None or (value >= 0 and not isinstance(value, float)):
            continue  # (the last test: most cells, which neither check below reports)
        if value < 0 and cell.kind != "signed":
            out.emit("VAL001", _fields(report, cell), at=cell, cells=[cell.key], actual=value)
        elif isinstance(value, float) and cell.kind in ("count", "signed"):
            out.emit("VAL002", _fields(report, cell), at=cell, cells=[cell.key], actual=value)
