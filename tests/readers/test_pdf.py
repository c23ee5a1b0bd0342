"""PDF reader: the real Huai'an PDFs read completely (tables joined across pages, merged labels
mended at the page break, values exact), page chrome dropped, scanned and encrypted PDFs, limits."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from gaicheck.model.document import Document, Paragraph, Table
from gaicheck.readers import ReadError, read_bytes
from gaicheck.readers import pdf as pdf_reader

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
FONT = "STSong-Light"


def read(name: str) -> Document:
    path = CORPUS / name
    return read_bytes(str(path), path.read_bytes())


def texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def row_starting(table: Table, *labels: str) -> list[str]:
    for row in texts(table):
        if row[: len(labels)] == list(labels):
            return row
    raise AssertionError(f"no row {labels}")


@pytest.fixture(scope="module")
def hongze_2023() -> Document:
    return read("2023_huaian_hongzequ.pdf")


def test_hongze_2023_tables(hongze_2023: Document) -> None:
    doc = hongze_2023
    assert doc.format == "pdf"
    assert doc.title == "洪泽区人民政府2023年政府信息公开工作年度报告"
    tables = doc.tables()
    assert [(len(t.rows), len(t.rows[0].cells)) for t in tables] == [(14, 4), (26, 10), (4, 15)]
    assert all(t.exact_grid for t in tables)
    for table in tables:
        assert {len(row.cells) for row in table.rows} == {len(table.rows[0].cells)}


def test_hongze_2023_table_4_real_data_error(hongze_2023: Document) -> None:
    table4 = hongze_2023.tables()[2]
    rows = texts(table4)
    assert rows[0] == ["行政复议"] * 5 + ["行政诉讼"] * 10
    assert rows[1][:5] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert rows[2][5:] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
    # 行政复议: 维持 10, 纠正 1, 总计 0; 复议后起诉: 维持 5, 总计 0
    assert rows[3] == ["10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0"]
    value = table4.rows[3].cells[0]
    assert (value.loc.page, value.loc.table, value.loc.row, value.loc.cell) == (4, 2, 4, 1)
    assert not value.spanned
    assert [c.spanned for c in table4.rows[2].cells[:5]] == [True] * 5  # 结果维持 etc. span two rows


def test_hongze_2023_table_2_joined_across_pages(hongze_2023: Document) -> None:
    table2 = hongze_2023.tables()[0]
    assert texts(table2)[0] == ["第二十条第（一）项"] * 4
    assert row_starting(table2, "行政规范性文件") == ["行政规范性文件", "0", "5", "5"]
    assert row_starting(table2, "行政许可") == ["行政许可", "550", "550", "550"]
    assert row_starting(table2, "行政处罚") == ["行政处罚", "4119", "4119", "4119"]
    assert row_starting(table2, "行政事业性收费") == ["行政事业性收费", "7730.28", "7730.28", "7730.28"]
    pages = [row.loc.page for row in table2.rows]
    assert pages == [2] * 8 + [3] * 6
    # the part on page 3 has two columns only: aligned on page 2's grid by x position
    fee = next(r for r in table2.rows if r.cells[0].text == "行政事业性收费")
    assert [c.spanned for c in fee.cells] == [False, False, True, True]
    assert (fee.cells[1].loc.page, fee.cells[1].loc.row, fee.cells[1].loc.cell) == (3, 6, 2)


def test_hongze_2023_table_3_labels_and_page_break(hongze_2023: Document) -> None:
    table3 = hongze_2023.tables()[1]
    rows = texts(table3)
    assert rows[0][0] == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert rows[2][3:] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert row_starting(table3, "一、本年新收政府信息公开申请数量")[3:] == ["21", "0", "0", "0", "0", "0", "21"]
    # labels wrapped over lines (and a vertical one) are re-joined, justification spaces dropped
    assert (
        row_starting(table3, "三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")[3] == "4"
    )
    assert row_starting(table3, "三、本年度办理结果", "（三）不予公开", "2.其他法律行政止公开")[3] == "0"
    # the row at the top of page 4 continues the merged labels of page 3
    carried = next(r for r in table3.rows if r.cells[2].text == "3.补正后申请内容仍不明确")
    assert carried.loc.page == 4
    assert [(c.text, c.spanned) for c in carried.cells[:2]] == [("三、本年度办理结果", True), ("（四）无法提供", True)]
    assert carried.cells[1].loc.page == 3
    assert row_starting(table3, "三、本年度办理结果", "（七）总计")[3:] == ["21", "0", "0", "0", "0", "0", "21"]
    assert row_starting(table3, "四、结转下年度继续办理")[3:] == ["0"] * 7


def test_hongze_2023_text_lines(hongze_2023: Document) -> None:
    doc = hongze_2023
    paragraphs = doc.paragraphs()
    assert paragraphs[0].text == "洪泽区人民政府"
    assert (paragraphs[0].loc.page, paragraphs[0].loc.line) == (1, 1)
    assert "号，邮编：223100，电话：0517-87222589，电子邮箱：" in [p.text for p in paragraphs]
    # page numbers `- 1 -` … are dropped
    assert not any(pdf_reader._PAGE_NUMBER.match(p.text) for p in paragraphs)
    assert not any(p.text.strip("- ").isdigit() for p in paragraphs)
    # reading order: heading, then its table
    kinds = [b.text if isinstance(b, Paragraph) else "TABLE" for b in doc.blocks]
    i = kinds.index("二、主动公开政府信息情况")
    assert kinds[i + 1] == "TABLE"
    j = kinds.index("四、政府信息公开行政复议、行政诉讼情况")
    assert kinds[j + 1] == "TABLE"
    assert kinds[-1] == "法》，全年收取政府信息公开信息处理费0元。"


def test_huaian_shi_2024() -> None:
    doc = read("2024_huaian_shi.pdf")
    table2, table3, table4 = doc.tables()
    assert (len(table2.rows), len(table3.rows), len(table4.rows)) == (14, 28, 4)
    assert texts(table2)[0] == ["第二十条第（一）项"] * 4
    assert row_starting(table2, "行政处罚")[:2] == ["行政处罚", "3985758"]
    assert row_starting(table3, "一、本年新收政府信息公开申请数量")[3:] == ["3001", "53", "0", "0", "61", "4", "3119"]
    # `（四）无` on page 4 + `法提供` on page 5: one merged label cut by the page break
    rows = [r for r in table3.rows if r.cells[1].text == "（四）无法提供"]
    assert [r.cells[2].text for r in rows] == [
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
    ]
    assert [r.loc.page for r in rows] == [4, 5, 5]
    assert [r.cells[1].spanned for r in rows] == [False, True, True]
    assert row_starting(table3, "三、本年度办理结果", "（六）其他处理", "3、其他")[3:] == [
        "108",
        "2",
        "0",
        "0",
        "0",
        "0",
        "110",
    ]
    assert (
        row_starting(table3, "三、本年度办理结果", "（六）其他处理")[2]
        == "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    )
    assert texts(table4)[3] == ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]


def test_hongze_2024() -> None:
    doc = read("2024_huaian_hongzequ.pdf")
    table2, table3, table4 = doc.tables()
    assert [(len(t.rows), len(t.rows[0].cells)) for t in doc.tables()] == [(14, 4), (26, 10), (4, 15)]
    assert row_starting(table2, "行政规范性文件") == ["行政规范性文件", "3", "0", "8"]
    assert row_starting(table3, "三、本年度办理结果", "（七）总计")[3:] == ["95", "0", "0", "0", "0", "0", "95"]
    assert [r.cells[1].text for r in table3.rows if r.cells[2].text.startswith(("2.没有", "3.补正"))] == [
        "（四）无法提供"
    ] * 2
    assert texts(table4)[3] == ["1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "1", "0", "3"]


def test_speed_per_page() -> None:
    """Loose guard (the target is < 0.5 s per page)."""
    data = (CORPUS / "2024_huaian_shi.pdf").read_bytes()
    started = time.process_time()
    pdf_reader.read("x.pdf", data)
    assert (time.process_time() - started) / 6 < 1.0


# ---- unit pieces -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "line", ["— 5 —", "- 5 -", "-5-", "5", "第 5 页", "第5页 共12页", "5/12", "5 / 12", "Page 3 of 9"]
)
def test_page_number_lines(line: str) -> None:
    assert pdf_reader._PAGE_NUMBER.match(line)


@pytest.mark.parametrize("line", ["2023年", "一、总体情况", "5件", "第5条", "（五）监督保障"])
def test_not_page_number_lines(line: str) -> None:
    assert not pdf_reader._PAGE_NUMBER.match(line)


def test_clean_cell_text() -> None:
    assert pdf_reader.clean("结果\n维持") == "结果维持"
    assert pdf_reader.clean("1.申请人无正当理由逾期不补正、行政机关不再处理其政府\n信息公开申请") == (
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    )
    assert pdf_reader.clean("号 ， 邮 编 ： 223100") == "号，邮编：223100"
    assert pdf_reader.clean("总 计") == "总计"
    assert pdf_reader.clean("7730.28") == "7730.28"
    assert pdf_reader.clean("Annual  report 2023") == "Annual report 2023"


# ---- synthetic PDFs -------------------------------------------------------------------------------
def _canvas(buf: io.BytesIO, **kwargs: object) -> object:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return canvas.Canvas(buf, pagesize=A4, **kwargs)


def test_scanned_pdf_has_no_text_layer() -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = _canvas(buf)
    image = ImageReader(Image.new("RGB", (300, 400), (230, 230, 230)))
    for _ in range(2):
        c.drawImage(image, 50, 300, 450, 500)  # type: ignore[attr-defined]
        c.showPage()  # type: ignore[attr-defined]
    c.save()  # type: ignore[attr-defined]
    doc = read_bytes("scan.pdf", buf.getvalue())
    assert doc.format == "pdf"
    assert doc.blocks == []
    assert doc.notes == ["no-text-layer"]


def test_encrypted_pdf_needs_a_password() -> None:
    buf = io.BytesIO()
    c = _canvas(buf, encrypt="secret")
    c.setFont(FONT, 12)  # type: ignore[attr-defined]
    c.drawString(100, 700, "加密的报告")  # type: ignore[attr-defined]
    c.save()  # type: ignore[attr-defined]
    with pytest.raises(ReadError) as info:
        read_bytes("locked.pdf", buf.getvalue())
    message = str(info.value)
    assert "加密" in message and "encrypted" in message and "\n" not in message


def test_pdf_with_owner_password_only_is_read() -> None:
    from reportlab.lib import pdfencrypt

    buf = io.BytesIO()
    c = _canvas(buf, encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=1))
    c.setFont("Helvetica", 12)  # type: ignore[attr-defined]
    c.drawString(100, 700, "Government information 2023")  # type: ignore[attr-defined]
    c.save()  # type: ignore[attr-defined]
    doc = read_bytes("restricted.pdf", buf.getvalue())
    assert [p.text for p in doc.paragraphs()] == ["Government information 2023"]


def test_damaged_pdf() -> None:
    with pytest.raises(ReadError, match="damaged PDF"):
        read_bytes("bad.pdf", b"%PDF-1.7\n this is not a pdf at all")


def test_too_many_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "_max_pages", lambda: 4)
    with pytest.raises(ReadError, match="too many PDF pages"):
        read("2023_huaian_hongzequ.pdf")


def _unruled_table_pdf() -> bytes:
    buf = io.BytesIO()
    c = _canvas(buf)
    c.setFont(FONT, 11)  # type: ignore[attr-defined]
    c.drawString(280, 800, "— 3 —")  # type: ignore[attr-defined]
    c.drawString(60, 770, "三、收到和处理政府信息公开申请情况")  # type: ignore[attr-defined]
    rows = [
        ["项目", "自然人", "商业企业", "总计"],
        ["一、本年新收", "20", "1", "21"],
        ["二、上年结转", "0", "0", "0"],
        ["（七）总计", "20", "", "21"],
        ["四、结转下年度", "0", "0", "0"],
    ]
    y = 740
    for row in rows:
        for i, value in enumerate(row):
            c.drawString(60 + 120 * i, y, value)  # type: ignore[attr-defined]
        y -= 20
    c.drawString(60, y - 20, "四、行政复议")  # type: ignore[attr-defined]
    c.drawString(280, 40, "第 3 页")  # type: ignore[attr-defined]
    c.save()  # type: ignore[attr-defined]
    return buf.getvalue()


def test_table_without_rules_found_by_text_alignment() -> None:
    doc = read_bytes("unruled.pdf", _unruled_table_pdf())
    kinds = [b.text if isinstance(b, Paragraph) else "TABLE" for b in doc.blocks]
    assert kinds == ["三、收到和处理政府信息公开申请情况", "TABLE", "四、行政复议"]
    table = doc.tables()[0]
    assert not table.exact_grid
    assert texts(table) == [
        ["项目", "自然人", "商业企业", "总计"],
        ["一、本年新收", "20", "1", "21"],
        ["二、上年结转", "0", "0", "0"],
        ["（七）总计", "20", "", "21"],
        ["四、结转下年度", "0", "0", "0"],
    ]
    cell = table.rows[1].cells[3]
    assert (cell.loc.page, cell.loc.table, cell.loc.row, cell.loc.cell) == (1, 1, 2, 4)


def test_ruled_table_split_over_pages_with_repeated_header() -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RLTable

    _canvas(io.BytesIO())  # registers the font
    style = ParagraphStyle("c", fontName=FONT, fontSize=9, leading=11, wordWrap="CJK")
    data = [["项目", "数量一", "数量二"]] + [[f"第{i}项", str(i), str(i * 2)] for i in range(1, 91)]
    table = RLTable([[RLParagraph(v, style) for v in row] for row in data], colWidths=[200, 100, 100], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build([RLParagraph("标题", style), table])
    doc = read_bytes("long.pdf", buf.getvalue())
    assert len(doc.tables()) == 1
    rows = texts(doc.tables()[0])
    assert rows == data  # one table, the header repeated on the next pages dropped
    assert len({r.loc.page for r in doc.tables()[0].rows}) >= 2
