"""XLSX reader (openpyxl): file → **XLSX reader** → Document → extractor.

The zip is checked against the zip-bomb limits first (`ziplimits`). Each sheet with content
becomes one `Table(exact_grid=True)`: merged ranges are expanded (the copies `spanned=True`, with
the top-left cell's text and location), values are rendered as a person reads them (an integral
float is `12`, not `12.0`; no float noise; percentages as `12.5%`; dates as ISO dates), and the
lines of a wrapped label are joined with no separator. The workbook is opened in normal mode, not
read-only: read-only sheets do not know their merged ranges. Formula cells give the value Excel
saved with the file (`data_only`). Locations: `Location(table=sheet number, row=r, cell=c)`, 1-based.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import warnings
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

from gaicheck.model.document import Cell, Document, Location, Paragraph, Row, Table
from gaicheck.readers.errors import ReadError
from gaicheck.readers.ziplimits import check_zip

MAX_GRID_CELLS = 2_000_000


def render_number(value: float | int, number_format: str = "General") -> str:
    """A number as shown: `12.0` → `12`, `0.30000000000000004` → `0.3`, `0.125` with a % format → `12.5%`."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    percent = "%" in (number_format or "")
    if percent:
        value = value * 100
    if isinstance(value, int):
        text = str(value)
    else:
        if value != value or value in (float("inf"), float("-inf")):  # NaN / infinity
            return str(value)
        text = format(value, ".15g")
        if "e" in text or "E" in text:
            with contextlib.suppress(InvalidOperation):  # .15g output is always a valid Decimal
                text = format(Decimal(text), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        if text in ("-0", ""):
            text = "0"
    return text + "%" if percent else text


def render(value: Any, number_format: str = "General") -> str:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return render_number(value, number_format)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    text = str(value)
    if "\n" in text or "\r" in text:
        text = "".join(line.strip() for line in text.splitlines())
    return " ".join(text.split())


_SENTENCE_END = ("。", "；", "！", "？", ";")


def _prose(row: list[Cell]) -> str | None:
    """The text of a row that is a sentence of prose written in a sheet (its only text, in one cell, ending
    a sentence): a paragraph of the report, not a table row."""
    texts = [c for c in row if c.text and not c.spanned]
    if len(texts) != 1 or len(texts[0].text) < 12 or not texts[0].text.endswith(_SENTENCE_END):
        return None
    return texts[0].text


def _sheet_blocks(ws: Any, index: int) -> list[Table | Paragraph]:
    """The sheet as tables, cut where a row is prose (a sentence in one cell): that row is a Paragraph."""
    table = _sheet_table(ws, index)
    if table is None:
        return []
    blocks: list[Table | Paragraph] = []
    rows: list[Row] = []
    for row in table.rows:
        text = _prose(row.cells)
        if text is None:
            rows.append(row)
            continue
        if rows:
            blocks.append(Table(rows=rows, loc=rows[0].loc, exact_grid=True))
            rows = []
        cell = next(c for c in row.cells if c.text and not c.spanned)
        blocks.append(Paragraph(text, cell.loc))
    if rows:
        blocks.append(Table(rows=rows, loc=table.loc if not blocks else rows[0].loc, exact_grid=True))
    return blocks


def _sheet_table(ws: Any, index: int) -> Table | None:
    values: dict[tuple[int, int], str] = {}
    cells = getattr(ws, "_cells", None)  # the cells that exist: a stray far-away cell costs nothing
    if isinstance(cells, dict):
        items = cells.items()
    else:  # pragma: no cover - every openpyxl worksheet has _cells
        items = {(c.row, c.column): c for row in ws.iter_rows() for c in row}.items()
    for (r, c), cell in items:
        text = render(cell.value, getattr(cell, "number_format", "General"))
        if text:
            values[(r, c)] = text
    merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    if not values:
        return None
    n_rows = max([r for r, _ in values] + [m[2] for m in merged if (m[0], m[1]) in values])
    n_cols = max([c for _, c in values] + [m[3] for m in merged if (m[0], m[1]) in values])
    if n_rows * n_cols > MAX_GRID_CELLS:
        raise ReadError(f"工作表过大 / worksheet too large ({n_rows} × {n_cols} cells)")
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for min_row, min_col, max_row, max_col in merged:
        for r in range(min_row, min(max_row, n_rows) + 1):
            for c in range(min_col, min(max_col, n_cols) + 1):
                if (r, c) != (min_row, min_col):
                    covered[(r, c)] = (min_row, min_col)
    rows: list[Row] = []
    for r in range(1, n_rows + 1):
        line: list[Cell] = []
        for c in range(1, n_cols + 1):
            origin = covered.get((r, c))
            if origin is not None:
                line.append(Cell(values.get(origin, ""), Location(table=index, row=origin[0], cell=origin[1]), True))
            else:
                line.append(Cell(values.get((r, c), ""), Location(table=index, row=r, cell=c)))
        rows.append(Row(line, Location(table=index, row=r)))
    return Table(rows=rows, loc=Location(table=index), exact_grid=True)


def read(path: str, data: bytes) -> Document:
    check_zip(data)
    try:
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(BytesIO(data), data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise ReadError(f"XLSX 文件损坏，无法读取 / damaged XLSX, cannot be read ({type(exc).__name__})") from exc
    doc = Document(path=path, format="xlsx")
    try:
        for index, ws in enumerate(workbook.worksheets, start=1):
            doc.blocks.extend(_sheet_blocks(ws, index))
        title = workbook.properties.title
        if title and str(title).strip():
            doc.title = " ".join(str(title).split())
        created = workbook.properties.created
        if isinstance(created, dt.datetime):
            doc.meta["created"] = created.date().isoformat()
    finally:
        workbook.close()
    return doc
