"""DOCX reader: fixtures made with python-docx in tmp_path — body order, merged cells, labels over
several paragraphs, list numbers, layout tables, core properties, zip-bomb and damage refusals."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from gaicheck.model.document import Document, Paragraph, Table
from gaicheck.readers import ReadError, read_bytes
from gaicheck.readers import docx as docx_reader
from gaicheck.readers.ziplimits import check_zip


def save(document: docx.document.Document, tmp_path: Path, name: str = "report.docx") -> bytes:
    path = tmp_path / name
    document.save(str(path))
    return path.read_bytes()


def texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def report(tmp_path: Path) -> Document:
    d = docx.Document()
    d.core_properties.title = "某镇2023年政府信息公开工作年度报告"
    d.add_paragraph("某镇2023年政府信息公开工作年度报告")
    d.add_paragraph("")  # an empty paragraph still counts
    d.add_paragraph("二、主动公开政府信息情况")
    t = d.add_table(rows=5, cols=4)
    t.cell(0, 0).merge(t.cell(0, 3)).text = "第二十条第（一）项"
    for c, value in enumerate(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]):
        t.cell(1, c).text = value
    for c, value in enumerate(["规章", "0", "0", "7"]):
        t.cell(2, c).text = value
    label = t.cell(3, 0).merge(t.cell(4, 0))  # vMerge over two rows
    label.text = "（三）"
    label.add_paragraph("不予公开")
    t.cell(3, 1).merge(t.cell(3, 2)).text = "12"  # gridSpan 2
    t.cell(3, 3).text = "5"
    for c, value in enumerate(["3", "4", "5"], start=1):
        t.cell(4, c).text = value
    p = d.add_paragraph("第一行")
    p.add_run().add_break()
    p.add_run("第二行")
    return read_bytes(str(tmp_path / "report.docx"), save(d, tmp_path))


def test_body_order_and_paragraph_locations(tmp_path: Path) -> None:
    doc = report(tmp_path)
    assert doc.format == "docx"
    assert doc.title == "某镇2023年政府信息公开工作年度报告"
    assert "created" in doc.meta
    kinds = [(b.text, b.loc.paragraph) if isinstance(b, Paragraph) else ("TABLE", b.loc.table) for b in doc.blocks]
    assert kinds == [
        ("某镇2023年政府信息公开工作年度报告", 1),
        ("二、主动公开政府信息情况", 3),
        ("TABLE", 1),
        ("第一行", 4),
        ("第二行", 4),
    ]


def test_merged_cells_are_expanded(tmp_path: Path) -> None:
    table = report(tmp_path).tables()[0]
    assert table.exact_grid
    assert texts(table) == [
        ["第二十条第（一）项"] * 4,
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "0", "7"],
        ["（三）不予公开", "12", "12", "5"],
        ["（三）不予公开", "3", "4", "5"],
    ]
    spanned = [[c.spanned for c in row.cells] for row in table.rows]
    assert spanned[0] == [False, True, True, True]
    assert spanned[3] == [False, False, True, False]
    assert spanned[4] == [True, False, False, False]
    origin, copy = table.rows[3].cells[0], table.rows[4].cells[0]
    assert (origin.loc.table, origin.loc.row, origin.loc.cell) == (1, 4, 1)
    assert copy.loc == origin.loc
    value = table.rows[4].cells[3]
    assert (value.loc.table, value.loc.row, value.loc.cell) == (1, 5, 4)
    assert (table.rows[2].loc.table, table.rows[2].loc.row) == (1, 3)


def test_list_numbers_are_rendered(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("总体情况", style="List Number")
    d.add_paragraph("主动公开政府信息情况", style="List Number")
    d.add_paragraph("无编号")
    doc = docx_reader.read("list.docx", save(d, tmp_path))
    assert [p.text for p in doc.paragraphs()] == ["1.总体情况", "2.主动公开政府信息情况", "无编号"]


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCounting", "十二"),
        (20, "chineseCounting", "二十"),
        (105, "chineseCountingThousand", "一百零五"),
        (3, "decimal", "3"),
        (3, "decimalFullWidth", "３"),
        (2, "decimalEnclosedCircle", "②"),
        (28, "upperLetter", "BB"),
        (4, "lowerRoman", "iv"),
        (2, "chineseLegalSimplified", "贰"),
    ],
)
def test_number_formats(n: int, fmt: str, expected: str) -> None:
    assert docx_reader.format_number(n, fmt) == expected


def test_nested_table_outer_is_layout(tmp_path: Path) -> None:
    d = docx.Document()
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "版面文字"
    inner = outer.cell(0, 0).add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "信息内容", (0, 1): "数量", (1, 0): "规章", (1, 1): "1"}.items():
        inner.cell(r, c).text = value
    outer.cell(0, 1).text = "右栏"
    box = d.add_table(rows=1, cols=1)
    box.cell(0, 0).text = "单列表格里的正文"
    doc = docx_reader.read("layout.docx", save(d, tmp_path))
    assert len(doc.tables()) == 1
    assert texts(doc.tables()[0]) == [["信息内容", "数量"], ["规章", "1"]]
    assert doc.tables()[0].loc.table == 2  # tables are numbered in document order, layout ones too
    paragraphs = [(p.text, p.loc.table, p.loc.row, p.loc.cell) for p in doc.paragraphs()]
    assert paragraphs == [("版面文字", 1, 1, 1), ("右栏", 1, 1, 2), ("单列表格里的正文", 3, 1, 1)]


def test_grid_before_and_short_rows_are_padded(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    for c, value in enumerate(["a", "b", "c"]):
        t.cell(0, c).text = value
    row = t.rows[1]._tr
    tr_pr = row.get_or_add_trPr()
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    tr_pr.append(before)
    row.remove(row.tc_lst[-1])  # one cell skipped before, one missing at the end
    row.tc_lst[0].clear_content()
    row.tc_lst[0].add_p().add_r().text = "x"
    table = docx_reader.read("grid.docx", save(d, tmp_path)).tables()[0]
    assert texts(table) == [["a", "b", "c"], ["", "x", ""]]


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(201):  # 201 MiB of zeros: about 200 KB compressed
                member.write(chunk)
    data = path.read_bytes()
    assert len(data) < 2_000_000
    with pytest.raises(ReadError, match="zip bomb"):
        read_bytes(str(path), data)


def test_too_many_zip_members_are_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        for i in range(10_001):
            zf.writestr(f"word/media/{i}.bin", b"")
    with pytest.raises(ReadError, match="too many members"):
        read_bytes("many.docx", buf.getvalue())


def test_zip_limits_helper(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("x")
    data = save(d, tmp_path)
    check_zip(data)  # within the defaults
    with pytest.raises(ReadError, match="uncompressed size too large"):
        check_zip(data, max_bytes=1000)
    with pytest.raises(ReadError, match="too many members"):
        check_zip(data, max_entries=2)
    check_zip(data, max_bytes=0, max_entries=0)  # 0 = no limit
    with pytest.raises(ReadError, match="not a readable zip"):
        check_zip(b"PK\x03\x04 broken")


def test_damaged_docx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<not xml")
    with pytest.raises(ReadError, match="damaged DOCX"):
        read_bytes("bad.docx", buf.getvalue())
