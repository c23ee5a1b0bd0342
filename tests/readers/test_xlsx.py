"""XLSX reader: workbooks made with openpyxl in tmp_path — one table per sheet, merged ranges,
numbers rendered without `.0` or float noise, locations, zip-bomb refusal."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from gaicheck.model.document import Document, Table
from gaicheck.readers import ReadError, read_bytes
from gaicheck.readers import xlsx as xlsx_reader


def texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def workbook(tmp_path: Path) -> Document:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "主动公开"
    ws["A1"] = "第二十条第（一）项"
    ws.merge_cells("A1:D1")
    ws.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
    ws.append(["规章", 12.0, 0.1 + 0.2, 7])
    ws.append(["行政规范性文件\n（含部门）", 3, None, 1e16])
    ws["A5"] = "行政事业性收费"
    ws["B5"] = 4166.241619
    ws.merge_cells("B5:D5")
    wb.create_sheet("空白")
    ws3 = wb.create_sheet("申请")
    ws3["A1"] = "三、本年度办理结果"
    ws3.merge_cells("A1:A2")
    ws3["B1"] = "（一）予以公开"
    ws3["C1"] = 0.125
    ws3["C1"].number_format = "0.0%"
    ws3["B2"] = "发布日期"
    ws3["C2"] = dt.datetime(2024, 1, 19)
    ws3["D2"] = True
    wb.properties.title = "年报数据"
    path = tmp_path / "report.xlsx"
    wb.save(str(path))
    return read_bytes(str(path), path.read_bytes())


def test_sheets_become_tables(tmp_path: Path) -> None:
    doc = workbook(tmp_path)
    assert doc.format == "xlsx"
    assert doc.title == "年报数据"
    tables = doc.tables()
    assert [t.loc.table for t in tables] == [1, 3]  # the empty sheet 2 gives no table
    assert all(t.exact_grid for t in tables)
    assert texts(tables[0]) == [
        ["第二十条第（一）项"] * 4,
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "12", "0.3", "7"],
        ["行政规范性文件（含部门）", "3", "", "10000000000000000"],
        ["行政事业性收费", "4166.241619", "4166.241619", "4166.241619"],
    ]
    assert texts(tables[1]) == [
        ["三、本年度办理结果", "（一）予以公开", "12.5%", ""],
        ["三、本年度办理结果", "发布日期", "2024-01-19", "TRUE"],
    ]


def test_merged_copies_and_locations(tmp_path: Path) -> None:
    table1, table3 = workbook(tmp_path).tables()
    first = table1.rows[0].cells
    assert [c.spanned for c in first] == [False, True, True, True]
    assert all((c.loc.table, c.loc.row, c.loc.cell) == (1, 1, 1) for c in first)
    value = table1.rows[2].cells[1]
    assert (value.text, value.loc.table, value.loc.row, value.loc.cell) == ("12", 1, 3, 2)
    below = table3.rows[1].cells[0]
    assert below.spanned and (below.loc.row, below.loc.cell) == (1, 1)
    assert (table3.rows[1].loc.table, table3.rows[1].loc.row) == (3, 2)


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (12.0, "General", "12"),
        (12, "General", "12"),
        (-0.0, "General", "0"),
        (0.1 + 0.2, "General", "0.3"),
        (4166.241619, "General", "4166.241619"),
        (73802895.9, "#,##0.00", "73802895.9"),
        (1e16, "General", "10000000000000000"),
        (1.5e-7, "General", "0.00000015"),
        (0.07, "0%", "7%"),
        (True, "General", "TRUE"),
    ],
)
def test_render_number(value: float, fmt: str, expected: str) -> None:
    assert xlsx_reader.render(value, fmt) == expected


def test_zip_bomb_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(201):
                member.write(b"\0" * (1 << 20))
    with pytest.raises(ReadError, match="zip bomb"):
        read_bytes("bomb.xlsx", buf.getvalue())


def test_damaged_xlsx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<not xml")
    with pytest.raises(ReadError, match="damaged XLSX"):
        read_bytes("bad.xlsx", buf.getvalue())


def test_far_away_cell_does_not_blow_up(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.active["XFD1048576"] = "y"
    path = tmp_path / "far.xlsx"
    wb.save(str(path))
    with pytest.raises(ReadError, match="worksheet too large"):
        read_bytes(str(path), path.read_bytes())
