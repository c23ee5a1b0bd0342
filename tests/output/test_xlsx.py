"""`--format xlsx`: the workbook, opened with openpyxl — every finding a row with the right cells, one
summary row per file (unreadable ones with their reason), the count per rule; headers, filters, frozen row."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook as OpenedBook

from gaicheck import cli
from gaicheck.cli import main
from gaicheck.model.finding import FileResult, Finding
from gaicheck.output import xlsx
from tests.conftest import EXAMPLES, ROOT

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _rows(book: OpenedBook, sheet: int) -> list[tuple[object, ...]]:
    return list(book.worksheets[sheet].iter_rows(values_only=True))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[OpenedBook, dict[str, object], str]:
    """examples/ and an unreadable file, checked once into a workbook and once as JSON."""
    folder = tmp_path_factory.mktemp("xlsx")
    broken = folder / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\ngarbage")
    out = folder / "out.xlsx"
    paths = ["examples", str(broken)]
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        result = CliRunner().invoke(main, ["check", *paths, "--isolated", "-j", "1", "--format", "xlsx", "-o", str(out)])
        assert result.exit_code == 2, result.output  # the unreadable file
        assert result.stdout == ""
        as_json = CliRunner().invoke(main, ["check", *paths, "--isolated", "-j", "1", "--format", "json"])
    return load_workbook(out), json.loads(as_json.stdout), str(broken)


def test_every_finding_is_a_row(run: tuple[OpenedBook, dict[str, object], str]) -> None:
    book, data, _broken = run
    assert book.sheetnames == ["问题清单", "汇总", "规则统计"]
    rows = _rows(book, 0)
    assert rows[0] == ("机关", "年度", "文件", "位置", "规则", "级别", "问题", "表格", "行", "列", "应为", "实为",
                       "修改建议")
    expected = [
        (file["organ"], file["report_year"], file["path"], f["code"], SEVERITY_ZH[f["severity"]], f["message"],
         f["expected"], f["actual"])
        for file in data["files"]  # type: ignore[attr-defined]
        for f in file["findings"]
    ]
    found = [(r[0], r[1], r[2], r[4], r[5], r[6], r[10], r[11]) for r in rows[1:]]
    assert found == expected
    assert len(found) == 59


def test_named_rows_exactly(run: tuple[OpenedBook, dict[str, object], str]) -> None:
    rows = _rows(run[0], 0)
    wrong = "examples/2023_example_wrong_totals.txt"
    by_place = {(r[2], r[3], r[4]): r for r in rows[1:]}
    assert by_place[(wrong, "第59行第17列", "SUM004")] == (
        "示例县错例镇人民政府", 2023, wrong, "第59行第17列", "SUM004", "错误",
        "表3「行政复议」：结果维持(2)+结果纠正(1)+其他结果(0)+尚未审结(1)=4，而总计为5，相差1",
        "表3 政府信息公开行政复议、行政诉讼情况", "行政复议", "结果维持、结果纠正、其他结果、尚未审结、总计", 4, 5,
        # the culprit search's candidates (issue 14): any one of the row's five cells makes it hold
        "行政复议「结果维持」：2 → 3；行政复议「结果纠正」：1 → 2；行政复议「其他结果」：0 → 1；"
        "行政复议「尚未审结」：1 → 2；行政复议「总计」：5 → 4",
    )
    assert by_place[(wrong, "第53行第11列", "SUM001")][7:12] == (
        "表2 收到和处理政府信息公开申请情况", "第一项、第二项、第三项（七）总计、第四项", "自然人", 55, 56,
    )
    assert by_place[(wrong, "第21行第8列", "VAL002")][7:12] == (
        "表1 主动公开政府信息情况", "行政处罚", "本年处理决定数量", None, 46.5,
    )
    binjiang = "examples/2020_binjiangxinqu.txt"
    assert by_place[(binjiang, "第39行第11列", "STR007")][7:10] == (
        "表2 收到和处理政府信息公开申请情况", "（三）1.属于国家秘密",
        "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计",
    )


def test_summary_and_rule_counts(run: tuple[OpenedBook, dict[str, object], str]) -> None:
    book, data, broken = run
    files = _rows(book, 1)
    assert files[0] == ("机关", "年度", "文件", "表格版本", "错误", "警告", "提示", "读到数字的单元格",
                        "未读到数字的单元格", "说明")
    entries = data["files"]  # type: ignore[index]
    assert [r[2] for r in files[1:]] == [f["path"] for f in entries]  # type: ignore[attr-defined]
    for row, entry in zip(files[1:], entries, strict=True):  # type: ignore[call-overload]
        counts = Counter(f["severity"] for f in entry["findings"])
        assert row[4:7] == (counts["error"], counts["warning"], counts["info"])
    assert files[1] == ("滨江新区办事处", 2020, "examples/2020_binjiangxinqu.txt", "2019版（国办公开办函〔2019〕60号）",
                        0, 4, 0, 198, 0, None)
    assert files[3] == ("苍台镇人民政府", 2022, "examples/2022_cangtaizhen.txt", "2021版（国办公开办函〔2021〕30号）",
                        7, 3, 0, 151, 49, None)
    last = files[-1]
    assert last[2] == broken and last[4:9] == (0, 0, 0, None, None)
    assert str(last[9]).startswith("无法读取：")
    rules = _rows(book, 2)
    assert rules[0] == ("规则", "规则名称", "级别", "数量", "涉及文件数")
    codes = Counter(f["code"] for e in entries for f in e["findings"])  # type: ignore[attr-defined]
    assert {r[0]: r[3] for r in rules[1:]} == dict(codes)
    assert [r[3] for r in rules[1:]] == sorted(codes.values(), reverse=True)
    sum001 = next(r for r in rules[1:] if r[0] == "SUM001")
    assert sum001[1:] == ("表2勾稽关系不成立：第一项+第二项=第三项+第四项", "错误", 2, 1)


def test_sheet_layout(run: tuple[OpenedBook, dict[str, object], str]) -> None:
    book = run[0]
    for sheet, last in zip(book.worksheets, ("M60", "J9", "E"), strict=True):
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:" + last)
    assert book.worksheets[0].column_dimensions["G"].width > 60  # the message column is wide


def test_english_headers_and_names(tmp_path: Path) -> None:
    out = tmp_path / "en.xlsx"
    path = str(EXAMPLES / "2023_example_wrong_totals.txt")
    CliRunner().invoke(main, ["check", path, "--isolated", "--format", "xlsx", "--lang", "en", "-o", str(out)])
    book = load_workbook(out)
    assert book.sheetnames == ["Findings", "Summary", "Rules"]
    rows = _rows(book, 0)
    assert rows[0][:7] == ("Organ", "Year", "File", "Place", "Code", "Severity", "Message")
    sum004 = next(r for r in rows if r[4] == "SUM004")
    assert sum004[3] == "line 59, column 17"
    assert sum004[5:10] == (
        "error", 'Table 3, "Administrative reconsideration": upheld(2)+corrected(1)+other result(0)+pending(1)=4 '
        "but the total is 5, difference 1",
        "Table 3: Administrative reconsideration and litigation", "Administrative reconsideration",
        "upheld, corrected, other result, pending, total",
    )
    assert _rows(book, 1)[1][3] == "2021 format (notice Guobangongkaibanhan [2021] No. 30)"


def test_workbook_to_a_pipe_but_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    result = CliRunner().invoke(main, ["check", str(EXAMPLES / "2023_example_clean.txt"), "--isolated",
                                       "--format", "xlsx"])
    assert result.exit_code == 0
    book = load_workbook(io.BytesIO(result.stdout_bytes))
    assert [len(_rows(book, n)) for n in range(3)] == [1, 2, 1]

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(cli.sys, "stdout", Terminal())
    assert cli._open_binary(None) == (
        "不向终端输出 xlsx 工作簿，请用 -o 文件名 / refusing to write an xlsx workbook to a terminal: use -o FILE"
    )


def test_text_stays_text_and_suggestions_fill_their_column() -> None:
    """A message starting with `=` is no formula; suggestions (dicts or objects) are written out."""
    finding = Finding(code="SUM004", name="x", severity="error", message="=SUM(A1:A9)",
                      cells=["review.reconsideration.total"], expected=4, actual=5)
    finding_with = Finding(code="SUM004", name="x", severity="error", message="m", cells=[])
    result = FileResult(path="a.txt", template="2021", report_year=2023, organ="某镇", findings=[finding])
    buffer = io.BytesIO()
    xlsx.write(buffer, [result])
    rows = _rows(load_workbook(io.BytesIO(buffer.getvalue())), 0)
    assert rows[1][6] == "=SUM(A1:A9)"
    assert rows[1][7:12] == ("表3 政府信息公开行政复议、行政诉讼情况", "行政复议", "总计", 4, 5)

    class WithSuggestions:
        suggestions: ClassVar[list[dict[str, object]]] = [
            {"cell": "review.reconsideration.total", "current": 5, "proposed": 4, "kind": "total", "hint": "按分项之和"},
            {"cell": None, "current": None, "proposed": None, "kind": "note", "hint": "核对原表"},
        ]

    assert xlsx.suggestion_text(WithSuggestions(), "2021", "zh") == (  # type: ignore[arg-type]
        "行政复议「总计」：5 → 4（按分项之和）；核对原表"
    )
    assert xlsx.suggestion_text(WithSuggestions(), "2021", "en") == (  # type: ignore[arg-type]
        "Administrative reconsideration / total: 5 → 4 (按分项之和); 核对原表"
    )
    assert xlsx.suggestion_text(finding_with, "2021", "zh") == ""


def test_format_from_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "gaicheck.toml").write_text('format = "xlsx"\nlang = "en"\n', encoding="utf-8")
    report = tmp_path / "2023_example_clean.txt"
    report.write_bytes((EXAMPLES / "2023_example_clean.txt").read_bytes())
    result = CliRunner().invoke(main, ["check", str(report)])
    assert result.exit_code == 0
    book = load_workbook(io.BytesIO(result.stdout_bytes))
    assert book.sheetnames == ["Findings", "Summary", "Rules"]
    assert _rows(book, 1)[1][2:] == (str(report), "2021 format (notice Guobangongkaibanhan [2021] No. 30)",
                                     0, 0, 0, 200, 0, None)
