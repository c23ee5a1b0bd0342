"""STR006 blank-cells: cells of a statistical table left blank (a blank is never taken for 0).

Report (cells) → **STR006** → one finding per printed row with blank cells (table 3 is one printed row
of 15 cells), naming the columns, or "all columns".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from operator import attrgetter

from gaicheck import i18n
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
    lang, version = ctx.lang, ctx.version
    for (table, row), cells in rows.items():
        first = cells[0]
        if table == "review":
            names = ["·".join(i18n.cell_names(c, version, lang)) for c in cells]
            spec = template.tables[table]
            row_name = i18n.flat_row(table, lang, spec.row_label or spec.title)
        else:
            names = [i18n.cell_names(c, version, lang)[1] for c in cells]
            row_name = i18n.cell_names(first, version, lang)[0]
        total = sizes[(table, row)]
        if len(cells) == total:
            columns = i18n.word("str.all_columns", lang)
        else:
            columns = i18n.join([i18n.word("str.quoted", lang, name=n) for n in names], lang)
        ctx.emit(
            "STR006",
            {
                "table_no": template.tables[table].number,
                "row": row_name,
                "columns": columns,
                "count": len(cells),
            },
            at=first,
            cells=[c.key for c in cells],
        )
