"""No silent pass: a document that names itself an annual report but lacks a table gets STR002, an error
saying which table is missing and what stands in its place — a picture (an HTML <img>, a picture in a
DOCX, a PDF page without text), a linked attachment, or nothing — from the facts the readers record
(Document.pictures, Document.attachments). A picture file given directly is refused with one line.

The pages: tests/data/missing/ (the hand-made clean example, on a CMS page, with its table 2 as a picture
or its tables as a linked .xls; as text without any table); the DOCX and PDF are made from the example
by tests/fixtures/make_formats.py with a table given as a picture."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gaicheck import i18n
from gaicheck.api import check_report, parse_path
from gaicheck.checks.options import Options
from gaicheck.model.document import Attachment, Location, Picture
from gaicheck.readers import read_file
from tests.conftest import DATA, EXAMPLES
from tests.readers.test_make_formats import load_make_formats

MISSING = DATA / "missing"
ROOT = Path(__file__).resolve().parents[2]
T1, T2, T3 = (
    "表1「主动公开政府信息情况」",
    "表2「收到和处理政府信息公开申请情况」",
    "表3「政府信息公开行政复议、行政诉讼情况」",
)
TAIL = "；该表的数据无法核对"


def found(path: Path, lang: str = "zh") -> list[tuple[str, str, int | None, int | None, int | None, str | None]]:
    return [
        (f.code, f.message, f.line, f.column, f.page, i18n.location(f.where, lang) or None)
        for f in check_report(parse_path(str(path)), Options(lang=lang))
    ]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    mf = load_make_formats()
    out = tmp_path_factory.mktemp("missing")
    example = mf.load(EXAMPLES / "2023_example_clean.txt")
    mf.to_docx(example, out / "table3_as_picture.docx", as_picture=frozenset({3}))
    mf.to_pdf(example, out / "table2_as_picture.pdf", as_picture=frozenset({2}))
    return {"docx": out / "table3_as_picture.docx", "pdf": out / "table2_as_picture.pdf"}


def test_html_table_given_as_a_picture() -> None:
    page = MISSING / "2023_table2_as_picture.html"
    doc = read_file(str(page))
    # the logo and the footer badge are pictures too, outside the report's sections; the one at 40:30 is table 2
    assert [(p.loc.line, p.loc.column, p.name) for p in doc.pictures] == [
        (9, 33, "示例县人民政府"),
        (40, 30, "20240125093015_表2.png"),
        (53, 71, "政府网站找错"),
    ]
    assert doc.attachments == []
    assert found(page) == [
        (
            "STR002",
            f"未找到{T2}：第三部分中是一张图片（20240125093015_表2.png），表格可能以图片发布{TAIL}",
            40,
            30,
            None,
            None,
        )
    ]
    assert found(page, "en")[0][1] == (
        'Table 2 ("Requests received and handled") was not found: section III holds a picture'
        " (20240125093015_表2.png) instead; the table may have been published as a picture; its figures cannot be checked"
    )


def test_html_tables_in_a_linked_attachment() -> None:
    page = MISSING / "2023_tables_as_attachment.html"
    doc = read_file(str(page))
    name = "示例镇2023年政府信息公开工作年度报告统计表.xls"
    href = f"/attach/0/20240125/{name}"
    assert doc.attachments == [Attachment(name, href, Location(32, 7), doc.attachments[0].block)]
    assert doc.tables() == []
    why = f"：正文中没有表格，只有附件「{name}」（{href}），表格可能在附件中，请单独检查该附件{TAIL}"
    assert found(page) == [("STR002", f"未找到{t}{why}", 32, 7, None, None) for t in (T1, T2, T3)]
    assert found(page, "en")[0][1] == (
        f'Table 1 ("Proactive disclosure") was not found: the text has no table, only the attachment "{name}" ({href});'
        " the table may be in it, check it on its own; its figures cannot be checked"
    )


def test_docx_with_a_picture_in_place_of_table_3(made: dict[str, Path]) -> None:
    doc = read_file(str(made["docx"]))
    assert doc.pictures == [Picture(Location(paragraph=14), 15, "Picture 1")]
    assert len(doc.tables()) == 2
    assert found(made["docx"]) == [
        (
            "STR002",
            f"未找到{T3}：第四部分中是一张图片（Picture 1），表格可能以图片发布{TAIL}",
            None,
            None,
            None,
            "第14段",
        )
    ]


def test_pdf_page_without_text(made: dict[str, Path]) -> None:
    doc = read_file(str(made["pdf"]))
    assert [(p.loc, p.name) for p in doc.pictures] == [(Location(page=2), "")]
    assert found(made["pdf"]) == [
        ("STR002", f"未找到{T2}：第2页只有图片、没有文字，表格可能以图片发布{TAIL}", None, None, 2, "第2页")
    ]
    assert found(made["pdf"], "en")[0][1] == (
        'Table 2 ("Requests received and handled") was not found: page 2 shows a picture and no text;'
        " the table may have been published as a picture; its figures cannot be checked"
    )


def test_a_report_with_nothing_in_place_of_its_tables() -> None:
    page = MISSING / "2023_no_tables.txt"
    why = f"：正文中没有该表，也没有代替它的图片或附件{TAIL}"
    # each at its section's heading (lines 11, 13, 15)
    assert found(page) == [
        ("STR002", f"未找到{T1}{why}", 11, 1, None, None),
        ("STR002", f"未找到{T2}{why}", 13, 1, None, None),
        ("STR002", f"未找到{T3}{why}", 15, 1, None, None),
    ]
    assert found(page, "en")[2][1] == (
        'Table 3 ("Administrative reconsideration and litigation") was not found: the text has no such table,'
        " nor a picture or an attachment in its place; its figures cannot be checked"
    )


def test_the_exit_code_fails(made: dict[str, Path]) -> None:
    files = [str(MISSING / name) for name in sorted(p.name for p in MISSING.iterdir())] + [str(made["pdf"])]
    done = subprocess.run(
        [sys.executable, "-m", "gaicheck", "check", *files, "--isolated", "--select", "STR002", "-j", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == "共检查4个文件：错误8个，警告0个，提示0个"


def test_a_complete_report_and_a_page_that_is_no_report_get_no_str002() -> None:
    assert [f for f in found(EXAMPLES / "2023_example_clean.txt") if f[0] == "STR002"] == []
    not_a_report = DATA / "corpus" / "2014_pingtan_not_an_annual_report.html"
    assert [f[0] for f in found(not_a_report)] == ["TPL004"]


def test_a_picture_file_given_directly(tmp_path: Path) -> None:
    """One line naming it a picture and OCR, exit code 2, and the other files are still checked."""
    mf = load_make_formats()
    png = mf.picture_png(tmp_path / "表2.png")
    jpeg = tmp_path / "表3.jpg"
    from PIL import Image

    Image.open(png).convert("RGB").save(jpeg, format="JPEG")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "gaicheck",
            "check",
            str(png),
            str(jpeg),
            "examples/2023_example_clean.txt",
            "--isolated",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "GAICHECK_OCR": "0"},  # as without the `ocr` extra (tests/ocr/ read pictures)
        timeout=300,
    )
    assert done.returncode == 2
    lines = (done.stdout + done.stderr).splitlines()
    for path, kind in ((png, "PNG"), (jpeg, "JPEG")):
        assert (
            f"{path}: 无法检查: 这是一张图片（{kind}），图片中的表格需要OCR识别，需要安装图像识别组件："
            f"pip install 'gaicheck[ocr]' / this is a picture ({kind}): reading tables from pictures needs OCR; "
            "OCR needs the ocr extra: pip install 'gaicheck[ocr]'"
        ) in lines
    assert "共检查3个文件：错误0个，警告0个，提示0个；2个文件无法读取" in lines


def test_docx_with_a_hyperlink_to_an_attachment(tmp_path: Path) -> None:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    mf = load_make_formats()
    path = tmp_path / "附件.docx"
    mf.to_docx(mf.load(MISSING / "2023_no_tables.txt"), path)
    made = docx.Document(str(path))
    url = "https://www.example.gov.cn/attach/统计表.et"
    paragraph = made.add_paragraph("附件：")
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), made.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "2023年统计表"
    run.append(text)
    link.append(run)
    paragraph._p.append(link)
    made.save(str(path))
    doc = read_file(str(path))
    assert doc.attachments == [Attachment("2023年统计表", url, Location(paragraph=21), 20)]
    why = f"：正文中没有表格，只有附件「2023年统计表」（{url}），表格可能在附件中，请单独检查该附件{TAIL}"
    assert found(path) == [("STR002", f"未找到{t}{why}", None, None, None, "第21段") for t in (T1, T2, T3)]
