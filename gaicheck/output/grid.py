"""The three statistical tables of a Report as grids (rows × columns of cells, in template order), and the
state of each cell given the findings: shared by the `full` and `html` reporters.

Report + Findings → **grids and cell states** → full / html reporters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from gaicheck.model.finding import Finding
from gaicheck.model.report import CellValue, Report

CellState = Literal["wrong", "unverifiable", "blank", "ok"]

_TABLES = {"active": (1, "主动公开政府信息情况"), "apply": (2, "收到和处理政府信息公开申请情况"),
           "review": (3, "政府信息公开行政复议、行政诉讼情况")}
_TABLES_EN = {"active": "Proactive disclosure", "apply": "Requests received and handled",
              "review": "Administrative reconsideration and litigation"}


@dataclass
class Segment:
    """Consecutive rows sharing the same columns (table 1 has several such blocks)."""

    columns: list[tuple[str, str]]  # (col key, label)
    rows: list[tuple[str, str, dict[str, CellValue]]] = field(default_factory=list)  # (row key, label, cells)


@dataclass
class TableGrid:
    key: str
    number: int
    title: str
    segments: list[Segment] = field(default_factory=list)


def table_title(key: str, lang: str = "zh") -> tuple[int, str]:
    number, title = _TABLES.get(key, (0, key))
    return number, (_TABLES_EN.get(key, key) if lang == "en" else title)


def grids(report: Report, lang: str = "zh", only: set[str] | None = None) -> list[TableGrid]:
    """The tables of the report; with `only`, just the rows and columns holding those cell keys."""
    rows: dict[str, dict[str, list[CellValue]]] = {}
    for cell in report.cells:
        if only is not None and cell.key not in only:
            continue
        rows.setdefault(cell.table, {}).setdefault(cell.row, []).append(cell)
    out: list[TableGrid] = []
    for table, table_rows in sorted(rows.items(), key=lambda item: table_title(item[0])[0]):
        number, title = table_title(table, lang)
        grid = TableGrid(table, number, title)
        if only is not None:  # a sub-grid: the union of the columns involved
            columns: dict[str, str] = {}
            for cells in table_rows.values():
                for c in cells:
                    columns.setdefault(c.col, c.column_label)
            order = [c.col for c in report.cells if c.table == table]
            cols = sorted(columns.items(), key=lambda kv: order.index(kv[0]))
            segment = Segment(cols)
            for row, cells in table_rows.items():
                segment.rows.append((row, cells[0].row_label, {c.col: c for c in cells}))
            grid.segments.append(segment)
        else:
            for row, cells in table_rows.items():
                cols = [(c.col, c.column_label) for c in cells]
                if not grid.segments or grid.segments[-1].columns != cols:
                    grid.segments.append(Segment(cols))
                grid.segments[-1].rows.append((row, cells[0].row_label, {c.col: c for c in cells}))
        out.append(grid)
    return out


def is_wrong(finding: Finding) -> bool:
    """An error that says the figure in these cells is wrong (not merely unverifiable, blank or suspect)."""
    return finding.severity == "error" and finding.code.startswith(("SUM", "VAL")) and finding.code != "SUM005"


def cell_states(report: Report, findings: list[Finding]) -> dict[str, CellState]:
    wrong = {k for f in findings if is_wrong(f) for k in f.cells}
    unverifiable = {k for f in findings if f.code == "SUM005" for k in f.cells}
    states: dict[str, CellState] = {}
    for cell in report.cells:
        if cell.key in wrong:
            states[cell.key] = "wrong"
        elif cell.status in ("empty", "missing"):
            states[cell.key] = "blank"
        elif cell.status in ("ambiguous", "invalid", "unreadable") or cell.key in unverifiable:
            states[cell.key] = "unverifiable"
        else:
            states[cell.key] = "ok"
    return states


def shown(cell: CellValue) -> str:
    if cell.raw is None:
        return "—"
    return cell.raw if cell.raw.strip() else "（空）"
