"""HTML reader: the real corpus pages read completely (grid sizes, joined labels, exact values and
source positions), encodings, page chrome, layout tables, Word-exported markup and hostile input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from gaicheck.model.document import Document, Paragraph, Table
from gaicheck.readers import ReadError, read_bytes
from gaicheck.readers import html as html_reader

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"

# (file, [(rows, grid columns), ...]) as given in SOURCES.md
PINGTAN_GRIDS = [
    ("2019_pingtan_shiyanqu.html", [(18, 4), (26, 10), (4, 15)]),
    ("2020_pingtan_shiyanqu.html", [(18, 4), (26, 10), (5, 15)]),
    ("2021_pingtan_shiyanqu.html", [(14, 4), (28, 11), (4, 15)]),
    ("2022_pingtan_shiyanqu.html", [(14, 4), (28, 10), (4, 15)]),
    ("2023_pingtan_shiyanqu.html", [(14, 4), (28, 10), (4, 15)]),
    ("2024_pingtan_shiyanqu.html", [(14, 4), (28, 10), (4, 15)]),
    ("2025_pingtan_shiyanqu.html", [(14, 4), (28, 10), (4, 15)]),
    ("2018_pingtan_shiyanqu_legacy.html", [(16, 4)]),
    ("2014_pingtan_not_an_annual_report.html", []),
    ("2019_shanghai_shizhengfu_bangongting.html", [(18, 5), (26, 10), (4, 15)]),
    ("2023_shuyang_fagaiju.html", [(6, 4), (14, 4), (28, 10), (4, 15)]),
    ("2025_synthetic_hangzhou_style_fixture.html", [(14, 4), (28, 10), (4, 15)]),
]


def read(name: str) -> Document:
    path = CORPUS / name
    return read_bytes(str(path), path.read_bytes())


def source_lines(name: str) -> list[str]:
    return (CORPUS / name).read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")


def texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def row_starting(table: Table, *labels: str) -> list[str]:
    """The texts of the first row whose leading cells are `labels` (spanned copies included)."""
    for row in texts(table):
        if row[: len(labels)] == list(labels):
            return row
    raise AssertionError(f"no row {labels}")


@pytest.mark.parametrize(("name", "grids"), PINGTAN_GRIDS)
def test_corpus_tables_have_the_published_grid(name: str, grids: list[tuple[int, int]]) -> None:
    doc = read(name)
    assert doc.format == "html"
    tables = doc.tables()
    assert [(len(t.rows), len(t.rows[0].cells)) for t in tables] == grids
    for table in tables:
        assert table.exact_grid
        assert {len(row.cells) for row in table.rows} == {len(table.rows[0].cells)}


def test_2020_pingtan_total_row_reads_the_real_data_error() -> None:
    doc = read("2020_pingtan_shiyanqu.html")
    table3 = doc.tables()[1]
    assert row_starting(table3, "三、本年度办理结果", "（七）总计")[3:] == ["20", "0", "0", "0", "0", "1", "21"]
    assert row_starting(table3, "三、本年度办理结果", "（一）予以公开")[3:] == ["6", "0", "0", "0", "0", "1", "7"]
    assert row_starting(table3, "一、本年新收政府信息公开申请数量")[3:] == ["20", "0", "0", "0", "0", "1", "21"]
    # the label split over two <p> is re-joined, the 10-row label cell occurs twice (as published)
    assert row_starting(table3, "三、本年度办理结果", "（三）不予公开")[2] == "1.属于国家秘密"
    labels = [row.cells[0] for row in table3.rows if row.cells[0].text == "三、本年度办理结果"]
    assert sum(1 for cell in labels if not cell.spanned) == 2
    # table 4 is all zero, then a borderless row of empty cells
    table4 = texts(doc.tables()[2])
    assert table4[3] == ["0"] * 15
    assert table4[4] == [""] * 15


def test_2020_pingtan_values_written_as_two_spans() -> None:
    doc = read("2020_pingtan_shiyanqu.html")
    lines = source_lines("2020_pingtan_shiyanqu.html")
    row = next(r for r in doc.tables()[1].rows if r.cells[1].text == "（七）总计")
    total = row.cells[9]
    assert total.text == "21" and not total.spanned
    assert total.loc.line is not None and total.loc.column is not None
    # `21` is `<span>2</span><span>1</span>`: the location is that of the `2`
    assert lines[total.loc.line - 1][total.loc.column - 1] == "2"


def test_table1_negative_values_and_bare_text_cells() -> None:
    table1 = read("2020_pingtan_shiyanqu.html").tables()[0]
    assert row_starting(table1, "行政处罚") == ["行政处罚", "2648", "-18", "538"]
    assert row_starting(table1, "行政许可") == ["行政许可", "396", "442", "278"]
    assert row_starting(table1, "行政事业性收费") == ["行政事业性收费", "35", "-15", "-15"]
    fee = next(r for r in table1.rows if r.cells[0].text == "行政事业性收费")
    assert [c.spanned for c in fee.cells] == [False, False, False, True]


@pytest.mark.parametrize("name", ["2024_pingtan_shiyanqu.html", "2025_pingtan_shiyanqu.html"])
def test_split_labels_are_rejoined(name: str) -> None:
    doc = read(name)
    table3, table4 = doc.tables()[1], doc.tables()[2]
    all_texts = {c.text for row in table3.rows for c in row.cells}
    assert "三、本年度办理结果" in all_texts
    assert {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"} <= all_texts
    assert texts(table4)[1][:5] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert texts(table4)[2][5:10] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def test_2025_pingtan_values() -> None:
    doc = read("2025_pingtan_shiyanqu.html")
    table2, table3, table4 = doc.tables()
    assert row_starting(table2, "行政规范性文件") == ["行政规范性文件", "58", "45", "546"]
    assert row_starting(table2, "行政事业性收费")[:2] == ["行政事业性收费", "4166.241619"]
    assert row_starting(table3, "一、本年新收政府信息公开申请数量")[3:] == ["151", "3", "0", "0", "0", "0", "154"]
    assert row_starting(table3, "四、结转下年度继续办理")[3:] == ["4", "2", "0", "0", "0", "0", "6"]
    assert texts(table4)[3] == ["25", "3", "8", "0", "36", "3", "3", "0", "0", "6", "3", "0", "0", "0", "3"]
    # a merged header: the origin and its copies
    first = table2.rows[0].cells
    assert [c.text for c in first] == ["第二十条第（一）项"] * 4
    assert [c.spanned for c in first] == [False, True, True, True]
    assert len({c.loc for c in first}) == 1


def test_2022_pingtan_one_character_per_paragraph_headers() -> None:
    table4 = read("2022_pingtan_shiyanqu.html").tables()[2]
    assert texts(table4)[1][:5] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert texts(table4)[3] == ["0", "1", "1", "0", "2", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"]


def test_2021_pingtan_misaligned_header_gives_eleven_columns() -> None:
    table3 = read("2021_pingtan_shiyanqu.html").tables()[1]
    assert len(table3.rows[0].cells) == 11
    assert row_starting(table3, "一、本年新收政府信息公开申请数量")[3:] == ["64", "0", "0", "0", "2", "0", "4", "70"]


def test_shanghai_blank_totals_and_meta() -> None:
    doc = read("2019_shanghai_shizhengfu_bangongting.html")
    assert doc.title == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert doc.meta == {"发布日期": "2020-01-31"}
    table3 = doc.tables()[1]
    # `&nbsp;` cells are empty, not a space
    assert row_starting(table3, "三、本年度办理结果", "（一）予以公开")[3:] == ["258", "12", "", "", "1", "1", ""]
    assert row_starting(table3, "三、本年度办理结果", "（六）其他处理")[3:] == [""] * 7
    assert row_starting(table3, "三、本年度办理结果", "（七）总计")[3:] == ["767", "35", "", "", "2", "1", "805"]
    assert texts(doc.tables()[2])[3] == ["5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""]


def test_shuyang_page_chrome_stays_and_index_table_gives_meta() -> None:
    doc = read("2023_shuyang_fagaiju.html")
    assert doc.title == "沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局"
    assert doc.meta.get("公开日期") == "2024-01-17"
    paragraphs = [p.text for p in doc.paragraphs()]
    assert "采集时间：2025-12-30T21:37:37+08:00" in paragraphs  # chrome stays: the extractor decides
    assert "沭阳县人民政府" not in paragraphs  # a second <title> in the body is not visible text
    assert "五、存在的主要问题及整改措施" in paragraphs
    table2 = doc.tables()[1]
    assert row_starting(table2, "规范性文件") == ["规范性文件", "8", "0", "18"]
    table3 = doc.tables()[2]
    assert row_starting(table3, "一、本年新收政府信息公开申请数量")[3:] == ["26", "", "", "", "", "", "26"]


def test_legacy_2018_table() -> None:
    table = read("2018_pingtan_shiyanqu_legacy.html").tables()[0]
    assert texts(table)[0] == ["指标名称", "计量单位", "2018年度", "历年累计"]
    assert row_starting(table, "主动公开文件数") == ["主动公开文件数", "条", "2069", "12106"]
    assert row_starting(table, "接受行政诉讼、举报数") == ["接受行政诉讼、举报数", "件", "0", "0"]


def test_not_an_annual_report_is_all_paragraphs() -> None:
    doc = read("2014_pingtan_not_an_annual_report.html")
    assert doc.tables() == []
    paragraphs = [p.text for p in doc.paragraphs()]
    assert paragraphs[0] == "省政府办公厅："
    assert "二、存在问题及下一步工作计划" in paragraphs
    assert paragraphs[-1] == "2014年12月10日"
    assert not any("xml:namespace" in p or "TEXT-AUTOSPACE" in p for p in paragraphs)


@pytest.mark.parametrize("name", [name for name, _ in PINGTAN_GRIDS])
def test_every_location_points_at_the_first_character(name: str) -> None:
    """Line and column (in characters) of every paragraph and cell are where its text starts."""
    doc = read(name)
    lines = source_lines(name)
    checked = 0
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            items = [(block.text, block.loc)]
        else:
            items = [(c.text, c.loc) for row in block.rows for c in row.cells if c.text and not c.spanned]
        for text, loc in items:
            assert loc.line is not None and loc.column is not None, (text, loc)
            assert lines[loc.line - 1][loc.column - 1] == text[0], (text, loc)
            checked += 1
    assert checked > 10


def test_paragraph_location_line_and_column() -> None:
    doc = read("2020_pingtan_shiyanqu.html")
    heading = next(p for p in doc.paragraphs() if p.text == "一、总体情况")
    lines = source_lines("2020_pingtan_shiyanqu.html")
    assert heading.loc.line == 25 and heading.loc.column is not None
    assert lines[24][heading.loc.column - 1 :].startswith("一、总体情况")


# ---- synthetic pages -------------------------------------------------------------------------------
GBK_PAGE = """<!DOCTYPE html><html><head><meta charset="gb2312"><title>某镇2023年政府信息公开工作年度报告</title>
<style>p {{ color: red }}</style><script>var s = "<p>不该出现</p>";</script></head>
<body><!-- 注释 --><p>发布日期：2024-01-19</p><p>一、总体情况</p>
<table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>{value}</td></tr></table></body></html>"""


def test_gbk_page_with_meta_charset() -> None:
    data = GBK_PAGE.format(value="3").encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = html_reader.read("gbk.html", data)
    assert doc.title == "某镇2023年政府信息公开工作年度报告"
    assert [p.text for p in doc.paragraphs()] == ["发布日期：2024-01-19", "一、总体情况"]
    assert doc.meta == {"发布日期": "2024-01-19"}
    assert texts(doc.tables()[0]) == [["信息内容", "本年制发件数"], ["规章", "3"]]


def test_page_declaring_gb2312_but_stored_as_utf8() -> None:
    doc = html_reader.read("utf8.html", GBK_PAGE.format(value="4").encode("utf-8"))
    assert texts(doc.tables()[0])[1] == ["规章", "4"]


def test_declared_charset() -> None:
    assert html_reader.declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GBK">') == "gbk"
    assert html_reader.declared_charset(b"<meta charset='utf-8'>") == "utf-8"
    assert html_reader.declared_charset(b'<?xml version="1.0" encoding="gb2312"?><html>') == "gb2312"
    assert html_reader.declared_charset(b"<html><body>no declaration</body></html>") is None


def test_utf8_bom_and_crlf() -> None:
    data = "\ufeff<html><body>\r\n<p>第一段</p>\r\n<p>第二段</p></body></html>".encode()
    doc = html_reader.read("bom.html", data)
    assert [(p.text, p.loc.line, p.loc.column) for p in doc.paragraphs()] == [("第一段", 2, 4), ("第二段", 3, 4)]


def test_inline_fragments_join_without_spaces_and_br_splits() -> None:
    page = (
        "<p><span>三、本</span><font>年度办</font><b>理结果</b><o:p></o:p></p>"
        "<p>第一行<br>第二行<br/>&nbsp;\u3000 第三行&nbsp;&nbsp;很长</p>"
        "<div>块<p>内段落</p>尾巴</div>"
    )
    doc = html_reader.read("x.html", page.encode())
    assert [p.text for p in doc.paragraphs()] == [
        "三、本年度办理结果",
        "第一行",
        "第二行",
        "第三行 很长",
        "块",
        "内段落",
        "尾巴",
    ]


def test_cell_pieces_join_without_separator() -> None:
    page = """<table>
    <tr><td><p>（三）</p><p>不予公开&nbsp;&nbsp;</p></td><td>结果<br/>纠正</td><td><p>社会&nbsp;</p><p>公益 &nbsp; &nbsp;</p><p>组织</p></td></tr>
    <tr><td>&nbsp;</td><td> <span>&nbsp;</span><span>0</span><span>&nbsp;&nbsp;</span> </td><td></td></tr>
    </table>"""
    doc = html_reader.read("x.html", page.encode())
    assert texts(doc.tables()[0]) == [["（三）不予公开", "结果纠正", "社会公益组织"], ["", "0", ""]]


def test_rowspan_colspan_grid() -> None:
    page = """<table>
    <tr><td rowspan="3">A</td><td colspan="2">B</td></tr>
    <tr><td>c</td><td rowspan="0">D</td></tr>
    <tr><td colspan="5000">e</td></tr>
    </table>"""
    table = html_reader.read("x.html", page.encode()).tables()[0]
    cells = [[(c.text, c.spanned) for c in row.cells] for row in table.rows]
    assert len(cells[0]) == 1 + html_reader.MAX_COLSPAN  # colspan=5000 is clipped to 1000
    assert cells[0][:3] == [("A", False), ("B", False), ("B", True)]
    assert cells[1][:3] == [("A", True), ("c", False), ("D", False)]
    assert cells[2][:4] == [("A", True), ("e", False), ("D", True), ("e", True)]  # overlap: the first span wins
    assert table.rows[1].cells[0].loc == table.rows[0].cells[0].loc


def test_nested_tables_outer_is_layout() -> None:
    page = """<table><tr><td><p>版面文字</p>
      <table><tr><td>信息内容</td><td>数量</td></tr><tr><td>规章</td><td>1</td></tr></table>
    </td><td>右栏</td></tr></table>
    <table><tr><td>只有一列的框<br>第二行</td></tr><tr><td>下一格</td></tr></table>"""
    doc = html_reader.read("x.html", page.encode())
    assert len(doc.tables()) == 1
    assert texts(doc.tables()[0]) == [["信息内容", "数量"], ["规章", "1"]]
    kinds = [(type(b).__name__, getattr(b, "text", None)) for b in doc.blocks]
    assert kinds == [
        ("Paragraph", "版面文字"),
        ("Table", None),
        ("Paragraph", "右栏"),
        ("Paragraph", "只有一列的框"),
        ("Paragraph", "第二行"),
        ("Paragraph", "下一格"),
    ]


def test_word_exported_markup() -> None:
    page = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>x</o:Author></o:DocumentProperties></xml><![endif]-->
<style><!-- p.MsoNormal {mso-style-parent:""; font-size:10.5pt} --></style></head>
<body lang=ZH-CN><?xml:namespace prefix = o ns = "urn:schemas-microsoft-com:office:office" />
<p class=MsoNormal style='TEXT-AUTOSPACE: '><![if !supportLists]><span>1.</span><![endif]><span
style='font-family:仿宋_GB2312;mso-bidi-font-family:"Times New Roman"'>属于国家秘密<o:p></o:p></span></p>
<p class=MsoNormal><span lang=EN-US>&nbsp;<o:p></o:p></span></p>
<!--EndFragment--></body></html>"""
    doc = html_reader.read("word.html", page.encode())
    assert [p.text for p in doc.paragraphs()] == ["1.属于国家秘密"]
    para = doc.paragraphs()[0]
    line5 = page.split("\n")[4]
    assert (para.loc.line, para.loc.column) == (5, line5.index("<span>1.") + len("<span>") + 1)


def test_title_and_meta_variants() -> None:
    page = """<html><head><title> 标题  一 </title></head><body>
    <div>发文日期：2023年3月5日</div><table><tr><td>成 文 日 期</td><td>2023-02-01</td></tr>
    <tr><td>发布时间:</td><td>2023/03/06 10:00</td></tr></table></body></html>"""
    doc = html_reader.read("x.html", page.encode())
    assert doc.title == "标题 一"
    assert doc.meta == {"发文日期": "2023年3月5日", "成文日期": "2023-02-01", "发布时间": "2023/03/06"}


def test_broken_markup_survives() -> None:
    page = b"<html><body><p>a<table><tr><td>1<td>2<tr><td>3</table><p>b</div></span>c<td>d</html></html>"
    doc = html_reader.read("broken.html", page)
    assert texts(doc.tables()[0]) == [["1", "2"], ["3", ""]]
    assert "a" in [p.text for p in doc.paragraphs()]


def test_empty_and_whitespace_pages() -> None:
    assert html_reader.read("empty.html", b"").blocks == []
    assert html_reader.read("ws.html", b"  \n ").blocks == []


def test_deep_nesting_is_read_without_recursion() -> None:
    depth = 100_000
    for opener, closer in (("<div>", "</div>"), ("<span>", "</span>"), ("<table><tr><td>", "</td></tr></table>")):
        page = "<html><body><p>before</p>" + opener * depth + "x" + closer * depth + "<p>after</p></body></html>"
        doc = html_reader.read("deep.html", page.encode())
        assert [p.text for p in doc.paragraphs()] == ["before", "x", "after"]
        assert "html-deep-nesting" in doc.notes


def test_unclosed_inline_tags_deeper_than_libxml2_allows() -> None:
    page = "<p>开始</p>" + "<font>字" * 5000 + "<p>结束</p>"
    doc = html_reader.read("fonts.html", page.encode())
    texts_ = [p.text for p in doc.paragraphs()]
    assert texts_[0] == "开始" and texts_[-1] == "结束"
    assert "字" * 5000 in texts_


def test_large_page_is_linear() -> None:
    row = "<tr>" + "".join(f"<td><p><span>{i}</span></p></td>" for i in range(10)) + "</tr>\n"
    page = (
        "<html><body>" + "<p><span>一段</span><span>文字</span></p>\n" * 20_000 + "<table>" + row * 2_000 + "</table>"
    )
    data = page.encode()
    assert len(data) > 1_000_000
    started = time.process_time()
    doc = html_reader.read("big.html", data)
    elapsed = time.process_time() - started
    assert len(doc.paragraphs()) == 20_000
    assert len(doc.tables()[0].rows) == 2_000
    assert doc.tables()[0].rows[-1].cells[9].loc.line == 20_000 + 2_000
    assert elapsed < 30


def test_span_bomb_is_refused() -> None:
    page = "<table>" + '<tr><td colspan="1000" rowspan="65534">x</td></tr>' * 200 + "</table>"
    with pytest.raises(ReadError, match="table grid too large"):
        html_reader.read("bomb.html", page.encode())


def test_corpus_speed() -> None:
    """Loose guard (the target is ≥ 200 pages/s of ~100 KB on one core)."""
    pages = [(p.name, p.read_bytes()) for p in sorted(CORPUS.glob("*.html"))]
    started = time.process_time()
    for name, data in pages:
        html_reader.read(name, data)
    assert (time.process_time() - started) / len(pages) < 0.1


def test_blank_cells_point_at_their_own_td_and_findings_follow_the_document() -> None:
    """A blank cell has no text to find: it is placed at its own `<td` tag, so that on a page whose whole
    table sits on one long line (上海 2019: line 8 has 36,000 characters) each finding about a blank cell
    points at that cell, and the findings come out in document order."""
    from gaicheck.api import check_path, parse_path

    path = "tests/data/corpus/2019_shanghai_shizhengfu_bangongting.html"
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    report = parse_path(path)
    blank = [c for c in report.cells if c.status == "empty"]
    assert len(blank) > 100
    for cell in blank:
        assert cell.line is not None and cell.column is not None
        assert lines[cell.line - 1][cell.column - 1 :].lower().startswith(("<td", "<th")), cell.key
    research = next(c for c in blank if c.key == "apply.new.research")
    assert (research.line, research.column) == (8, 9945)
    str006 = [f for f in check_path(path) if f.code == "STR006"]
    assert [(f.line, f.column) for f in str006] == sorted((f.line or 0, f.column or 0) for f in str006)
    assert len({f.column for f in str006}) == len(str006)
