#!/usr/bin/env python3
"""Which library writes the `--format xlsx` workbook: openpyxl (write-only mode) against XlsxWriter
(constant-memory mode), on N finding rows of 13 columns with the same frozen header, widths and filter.
Not a test; run it by hand (README, "The workbook"). openpyxl is a dependency anyway; XlsxWriter won.

    python bench/xlsx_writers.py            # 5,000 rows
    python bench/xlsx_writers.py 50000

Prints each library's time (a run without tracing) and its peak of Python memory (a second run under
tracemalloc, which slows it down).
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROW = ["平潭综合实验区管理委员会", 2023, "tests/data/corpus/2023_pingtan_shiyanqu.html", "第53行第11列",
       "SUM001", "错误",
       "表2「自然人」列：第一项(52)+第二项(3)=55，第三项（七）总计(49)+第四项(7)=56，相差1",
       "表2 收到和处理政府信息公开申请情况", "第一项、第二项、第三项（七）总计、第四项", "自然人", 55, 56, ""]
COLUMNS = len(ROW)


def with_openpyxl(path: Path, rows: int) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("问题清单")
    sheet.freeze_panes = "A2"
    for n in range(COLUMNS):
        sheet.column_dimensions[get_column_letter(n + 1)].width = 20
    header = []
    for n in range(COLUMNS):
        cell = WriteOnlyCell(sheet, value=f"h{n}")
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for _ in range(rows):
        sheet.append(ROW)
    sheet.auto_filter.ref = f"A1:{get_column_letter(COLUMNS)}{rows + 1}"
    book.save(path)


def with_xlsxwriter(path: Path, rows: int) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_urls": False})
    sheet = book.add_worksheet("问题清单")
    bold = book.add_format({"bold": True})
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, COLUMNS - 1, 20)
    sheet.write_row(0, 0, [f"h{n}" for n in range(COLUMNS)], bold)
    for r in range(rows):
        sheet.write_row(r + 1, 0, ROW)
    sheet.autofilter(0, 0, rows, COLUMNS - 1)
    book.close()


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    writers: list[tuple[str, Callable[[Path, int], None]]] = [
        ("openpyxl write_only", with_openpyxl), ("XlsxWriter constant_memory", with_xlsxwriter),
    ]
    with tempfile.TemporaryDirectory() as folder:
        for name, write in writers:
            path = Path(folder) / f"{name.split()[0]}.xlsx"
            start = time.perf_counter()
            write(path, rows)
            seconds = time.perf_counter() - start
            tracemalloc.start()
            write(path, rows)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"{name:28s} {rows} rows: {seconds:6.2f} s, peak {peak / 1e6:5.1f} MB, {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
