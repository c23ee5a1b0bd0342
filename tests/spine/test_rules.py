"""Positive and negative tests of each core rule on small edits of the clean hand-made report."""

from __future__ import annotations

from pathlib import Path

from gaicheck.api import check_path, parse_path
from gaicheck.checks.options import Options
from tests.conftest import EXAMPLES
from tests.spine.helpers import APPLY_COLS, SPINE

CLEAN = (EXAMPLES / "2023_example_clean.txt").read_text(encoding="utf-8")


def check(tmp_path: Path, text: str, name: str = "r.txt") -> list[tuple[str, list[str], object, object]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [(f.code, f.cells, f.expected, f.actual) for f in check_path(str(path), Options(select=SPINE))]


def codes(tmp_path: Path, text: str) -> list[str]:
    return [c for c, *_rest in check(tmp_path, text)]


def test_clean_has_none(tmp_path: Path) -> None:
    assert check(tmp_path, CLEAN) == []


def test_tpl001_2021_tables_in_a_2020_report(tmp_path: Path) -> None:
    text = CLEAN.replace("2023年度政府信息公开工作年度报告", "2020年度政府信息公开工作年度报告")
    assert check(tmp_path, text) == [("TPL001", [], "2019", "2021")]


def test_tpl002_mixed_template(tmp_path: Path) -> None:
    text = CLEAN.replace("信息内容 | 本年处理决定数量 | |\n行政许可", "信息内容 | 处理决定数量 | |\n行政许可", 1)
    text = text.replace("第二十条第（八）项 | | |", "第二十条第（九）项 | | |\n信息内容 | 采购项目数量 | 采购总金额\n政府集中采购 | 3 | 12.5万元\n第二十条第（八）项 | | |")
    found = check(tmp_path, text)
    assert ("TPL002", [], None, None) in found
    report = parse_path(str(tmp_path / "r.txt"))
    assert report.template == "mixed" and report.template_votes == {"2019": 5, "2021": 7}


def test_tpl006_year_unknown(tmp_path: Path) -> None:
    text = CLEAN.replace("示例县示例镇人民政府2023年度政府信息公开工作年度报告", "示例县示例镇人民政府政府信息公开工作年度报告")
    assert codes(tmp_path, text) == ["TPL006"]


def test_str002_missing_table(tmp_path: Path) -> None:
    start = CLEAN.index("行政复议 | | |")
    end = CLEAN.index("五、存在的主要问题")
    text = CLEAN[:start] + CLEAN[end:]
    assert check(tmp_path, text) == [("STR002", [], None, None)]


def test_str003_missing_row_and_str008_extra_row(tmp_path: Path) -> None:
    text = CLEAN.replace("| | 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1\n", "")
    found = check(tmp_path, text)
    assert ("STR003", [f"apply.rejected_repeat.{c}" for c in APPLY_COLS], None, None) in found
    # the outcome sum and the row total can no longer include the row: （七）总计 is now off by one
    assert {c for c, *_ in found} == {"STR003", "SUM005"}
    text = CLEAN.replace("行政强制 | 2 | |", "行政强制 | 2 | |\n其他主动公开文件 | 56 | |")
    assert codes(tmp_path, text) == ["STR008"]


def test_str006_blank_cells_once_per_row(tmp_path: Path) -> None:
    text = CLEAN.replace("二、上年结转政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3", "二、上年结转政府信息公开申请数量 | 3 | - | — | / | 无 | | 3")
    found = check(tmp_path, text)
    blank = [f for f in found if f[0] == "STR006"]
    assert blank == [("STR006", [f"apply.carried_over.{c}" for c in ("commercial", "research", "nonprofit", "legal", "other_org")], None, None)]
    assert [f[0] for f in found if f[0].startswith("SUM")] == ["SUM005", "SUM005"]  # row total, 一+二=（七）+四


def test_val003_text_in_a_number_cell(tmp_path: Path) -> None:
    text = CLEAN.replace("| | 3.其他 | 1 | 1 | 0 | 0 | 0 | 0 | 2", "| | 3.其他 | 1 | 1 | 0 | 详见附件 | 0 | 0 | 2")
    found = check(tmp_path, text)
    assert ("VAL003", ["apply.other_other.nonprofit"], None, "详见附件") in found


def test_val001_negative_count_but_signed_change_allowed(tmp_path: Path) -> None:
    text = (EXAMPLES / "2020_binjiangxinqu.txt").read_text(encoding="utf-8")
    text = text.replace("行政许可 | 0 | 0 | 0 |", "行政许可 | 5 | -3 | 0 |").replace("行政强制 | 0 | 0 | 0 |", "行政强制 | -1 | 0 | 0 |")
    found = [f for f in check(tmp_path, text) if f[0].startswith("VAL")]
    assert found == [("VAL001", ["active.enforcement.prev_count"], None, -1)]


def test_sum005_scope_wording(tmp_path: Path) -> None:
    text = CLEAN.replace("一、本年新收政府信息公开申请数量 | 52 | 6 | 0 | 1 | 1 | 0 | 60", "一、本年新收政府信息公开申请数量 | | | | | | | ")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    messages = sorted(f.message for f in check_path(str(path), Options(select=["SUM005"])))
    assert messages == [
        "表2勾稽关系「第一项+第二项=第三项（七）总计+第四项」无法核对（全部各列）：第一项为空",
        "表2各行「总计=自然人+各类法人或其他组织」无法核对（第一项）：自然人为空、商业企业为空、科研机构为空、社会公益组织为空、法律服务机构为空、其他为空、总计为空",
    ]
