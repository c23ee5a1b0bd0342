"""Table figures for prose comparison: Report cells → the value of a row (or several rows), with
whether it is exact or only a lower bound.

A row's value is its 总计 cell; when that is blank, the sum of its filled applicant columns: exact
when every column is filled, otherwise only a lower bound (a blank never stands for a known 0).
Missing, ambiguous or invalid cells make the figure unknown (None): nothing is compared then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.model.report import CellValue, Report
from gaicheck.templates import load_template, registry

APPLICANT_COLUMNS = ("natural", "commercial", "research", "nonprofit", "legal", "other_org")


@dataclass(slots=True)
class Figure:
    value: float = 0
    exact: bool = True
    cells: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    def add(self, other: Figure) -> None:
        self.value += other.value
        self.exact = self.exact and other.exact
        self.cells += other.cells
        self.labels += other.labels

    def contradicts(self, stated: float) -> bool:
        """True when the stated figure cannot be this one: different from an exact value, or below a bound."""
        return stated != self.value if self.exact else stated < self.value


def table_number(report: Report, table: str) -> int:
    version = registry().or_newest(report.template).version
    try:
        return load_template(version).tables[table].number
    except (KeyError, FileNotFoundError):
        return {"active": 1, "apply": 2, "review": 3}.get(table, 0)


_TABLE_ROW = attrgetter("table", "row")


def _row_order(report: Report) -> dict[str, list[str]]:
    """table → its row keys in the order of their first cell."""
    order: dict[str, list[str]] = {}
    for table, row in dict.fromkeys(map(_TABLE_ROW, report.cells)):  # (table, row) pairs, first seen first
        order.setdefault(table, []).append(row)
    return order


def row_keys(ctx: RuleContext, table: str, patterns: list[str]) -> list[str]:
    """Row keys of a table present in the report, in order; "x_*" matches by prefix."""
    rows = ctx.view("row_order", lambda: _row_order(ctx.report)).get(table, [])
    exact = set(patterns)
    prefixes = tuple(p[:-1] for p in patterns if p.endswith("*"))
    return [row for row in rows if row in exact or (prefixes and row.startswith(prefixes))]


def _ok(cell: CellValue | None) -> bool:
    return cell is not None and cell.status == "ok" and cell.value is not None


def row_figure(ctx: RuleContext, table: str, row: str, column: str = "total") -> Figure | None:
    cells = ctx.cell_map()
    total = cells.get(f"{table}.{row}.{column}")
    if total is None:
        return None
    if _ok(total):
        return Figure(float(total.value or 0), True, [total.key], [i18n.cell_names(total, ctx.version, ctx.lang)[0]])
    if table != "apply" or column != "total" or total.status != "empty":
        return None
    parts = [cells.get(f"{table}.{row}.{c}") for c in APPLICANT_COLUMNS]
    if any(p is None or p.status not in ("ok", "empty") for p in parts):
        return None
    filled = [p for p in parts if p is not None and _ok(p)]
    if not filled:
        return None
    value = float(sum(p.value or 0 for p in filled))
    row_name = i18n.cell_names(total, ctx.version, ctx.lang)[0]
    return Figure(value, len(filled) == len(parts), [p.key for p in filled], [row_name])


def rows_figure(ctx: RuleContext, table: str, rows: list[str], column: str = "total") -> Figure | None:
    """The sum of several rows' figures; None when any of them is unknown."""
    keys = row_keys(ctx, table, rows)
    if not keys:
        return None
    out = Figure()
    for key in keys:
        fig = row_figure(ctx, table, key, column)
        if fig is None:
            return None
        out.add(fig)
    return out
