"""STR006 blank-cells: cells of a statistical table left blank (a blank is never taken for 0).

Report (cells) → **STR006** → one finding per printed row with blank cells (table 3 is one printed row
of 15 cells), naming the columns, or "all columns".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from operator import attrgetter

from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.model.report import CellValue
from gaicheck.templates import load_template

_TABLE_ROW = attrgetter("table", "row")


def check(ctx: RuleContext) -> None:
    """Blank cells, once per printed row (table 3 is one printed row of 15 cells)."""
    report = ctx.report
    if not is_report(report):
        return
    if "empty" not in ctx.cell_statuses():  # (most reports: a search in C)
        return
    rows: dict[tuple[str, str], list[CellValue]] = defaultdict(list)
    for cell in [c for c in report.cells if c.status == "empty"]:
        rows[(cell.table, "" if cell.table == "review" else cell.row)].append(cell)
    if not rows:
        return
    # cells per printed row, counted in C (Counter over attrgetter) rather than in the loop above
    sizes = Counter(map(_TABLE_ROW, report.cells))
    sizes[("review", "")] = sum(n for (table, _row), n in sizes.items() if table == "review")  # one printed row
    template = load_template(ctx.version)
    for (table, row), cells in rows.items():
        first = cells[0]
        if table == "review":
            names = [f"{c.row_label}·{c.column_label}" for c in cells]
            spec = template.tables[table]
            row_label, row_en = spec.row_label or spec.title, spec.row_label_en or spec.title
        else:
            names = [c.column_label for c in cells]
            row_label, row_en = first.row_label, first.row_label
        total = sizes[(table, row)]
        columns = "全部各列" if len(cells) == total else "、".join(f"「{n}」" for n in names)
        columns_en = "all columns" if len(cells) == total else ", ".join(f'"{n}"' for n in names)
        ctx.emit(
            "STR006",
            {
                "table_no": template.tables[table].number,
                "row": row_label,
                "row_en": row_en,
                "columns": columns,
                "columns_en": columns_en,
                "count": len(cells),
            },
            at=first,
            cells=[c.key for c in cells],
        )
