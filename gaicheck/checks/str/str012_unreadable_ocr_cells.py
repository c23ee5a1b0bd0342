"""STR012 ocr-unreadable: cells of a table read from a picture (OCR) whose figures are not trusted.

Report (cells with the status `unreadable`, set by the extractor for OCR'd cells below the confidence bar)
→ **STR012** → one finding per row, naming its columns and what OCR saw; identities through them are
"cannot be checked" (SUM005), never an arithmetic error.
"""

from __future__ import annotations

from collections import defaultdict

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.extract.values import UNREADABLE
from gaicheck.model.report import CellValue


def check(ctx: RuleContext) -> None:
    if "unreadable" not in ctx.cell_statuses():
        return
    rows: dict[tuple[str, str], list[CellValue]] = defaultdict(list)
    for cell in ctx.report.cells:
        if cell.status == "unreadable":
            rows[(cell.table, cell.row)].append(cell)
    lang, version = ctx.lang, ctx.version
    for (table, _row), cells in rows.items():
        first = cells[0]
        columns = [i18n.word("str.column", lang, name=i18n.cell_names(c, version, lang)[1]) for c in cells]
        ctx.emit(
            "STR012",
            {
                "table_no": i18n.table_number(table),
                "row": i18n.cell_names(first, version, lang)[0],
                "columns": i18n.join(columns, lang),
                "raws": i18n.join([(c.raw or "").replace(UNREADABLE, "") or "?" for c in cells], lang),
            },
            at=first,
            cells=[c.key for c in cells],
        )
