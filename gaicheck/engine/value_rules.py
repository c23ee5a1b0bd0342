"""More value rules (VAL004–VAL007): Report → findings about the 2021 fee amount's unit and decimals and
the 2019 table-1 relations between columns (new ≤ total published; previous count + change ≥ 0).

VAL001–VAL003 (kind of a single value) live in engine/values.py.
"""

from __future__ import annotations

from gaicheck.engine.core import Emitter, rule
from gaicheck.model.report import CellValue, Report
from gaicheck.prose.figures import table_number
from gaicheck.prose.memo import cell_map
from gaicheck.prose.numbers import show
from gaicheck.templates import registry

YUAN_THRESHOLD = 1_000_000
MAX_DECIMALS = 6


def _ok(cell: CellValue | None) -> bool:
    return cell is not None and cell.status == "ok" and cell.value is not None


def _decimals(raw: str) -> int:
    digits = "".join(ch for ch in raw if ch.isdigit() or ch == ".")
    return len(digits.split(".", 1)[1]) if "." in digits else 0


@rule("VAL004", "VAL005")
def fee_amount(report: Report, out: Emitter) -> None:
    if not registry().has(report.template, "fee_amount"):
        return
    cell = report.cell("active.fees.amount")
    if cell is None or not _ok(cell) or cell.value is None:
        return
    base = {
        "table_no": table_number(report, "active"),
        "row": cell.row_label,
        "column": cell.column_label,
        "raw": cell.raw,
    }
    if cell.unit == "元" or cell.value >= YUAN_THRESHOLD:
        reason = "单元格写明单位为“元”" if cell.unit == "元" else "数值达到100万（按万元计即100亿元），疑似按元填报"
        reason_en = "the cell says 元 (yuan)" if cell.unit == "元" else "10⁶ or more, probably entered in yuan"
        out.emit(
            "VAL004", {**base, "reason": reason, "reason_en": reason_en}, at=cell, cells=[cell.key], actual=cell.raw
        )
    decimals = _decimals(cell.raw or "")
    if decimals > MAX_DECIMALS:
        out.emit(
            "VAL005", {**base, "decimals": decimals}, at=cell, cells=[cell.key], expected=MAX_DECIMALS, actual=decimals
        )


@rule("VAL006", "VAL007")
def table1_2019(report: Report, out: Emitter) -> None:
    if not registry().has(report.template, "published_totals"):
        return
    cells = cell_map(report)
    number = table_number(report, "active")
    rows = sorted({c.row for c in report.cells if c.table == "active"})
    for row in rows:
        new, total = cells.get(f"active.{row}.new_published"), cells.get(f"active.{row}.total_published")
        if new is not None and total is not None and _ok(new) and _ok(total) and (new.value or 0) > (total.value or 0):
            out.emit(
                "VAL006",
                {
                    "table_no": number,
                    "row": new.row_label,
                    "new": show(new.value or 0),
                    "total": show(total.value or 0),
                },
                at=total,
                cells=[new.key, total.key],
                expected=f">={show(new.value or 0)}",
                actual=total.value,
            )
        prev, change = cells.get(f"active.{row}.prev_count"), cells.get(f"active.{row}.change")
        if prev is not None and change is not None and _ok(prev) and _ok(change):
            result = (prev.value or 0) + (change.value or 0)
            if result < 0:
                out.emit(
                    "VAL007",
                    {
                        "table_no": number,
                        "row": prev.row_label,
                        "prev": show(prev.value or 0),
                        "change": show(change.value or 0),
                        "result": show(result),
                    },
                    at=change,
                    cells=[prev.key, change.key],
                    expected=">=0",
                    actual=result,
                )
