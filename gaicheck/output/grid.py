"""The three statistical tables of a Report as grids (rows × columns of cells, in template order), and the
state of each cell given the findings: shared by the `full` and `html` reporters.

Report + Findings → **grids and cell states** → full / html reporters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from gaicheck import i18n
from gaicheck.model.finding import Finding
from gaicheck.model.report import CellValue, Report

CellState = Literal["wrong", "unverifiable", "blank", "ok"]


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
    return i18n.table_number(key), i18n.table_name(key, lang)


def grids(report: Report, lang: str = "zh", only: set[str] | None = None) -> list[TableGrid]:
    """The tables of the report; with `only`, just the rows and columns holding those cell keys. Row and
    column labels in `lang` (the template's official wording in Chinese)."""
    version = report.template

    def row_label(cell: CellValue) -> str:
        return i18n.cell_row(cell.table, cell.row, version, lang, cell.row_label)

    def column_label(cell: CellValue) -> str:
        return i18n.cell_column(cell.table, cell.col, version, lang, cell.column_label)

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
                    columns.setdefault(c.col, column_label(c))
            order = [c.col for c in report.cells if c.table == table]
            cols = sorted(columns.items(), key=lambda kv: order.index(kv[0]))
            segment = Segment(cols)
            for row, cells in table_rows.items():
                segment.rows.append((row, row_label(cells[0]), {c.col: c for c in cells}))
            grid.segments.append(segment)
        else:
            for row, cells in table_rows.items():
                cols = [(c.col, column_label(c)) for c in cells]
                if not grid.segments or grid.segments[-1].columns != cols:
                    grid.segments.append(Segment(cols))
                grid.segments[-1].rows.append((row, row_label(cells[0]), {c.col: c for c in cells}))
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


def shown(cell: CellValue, lang: str = "zh") -> str:
    if cell.raw is None:
        return "—"
    return cell.raw if cell.raw.strip() else i18n.word("cell.blank", lang)
