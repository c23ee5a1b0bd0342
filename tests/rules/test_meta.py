"""META rules on real reports: years, publication dates, the cited format notice, the statements and
lengths the format requires."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.rules.common import CLEAN, PROSE, SEEDS, codes, run, variant

ALL_INPUTS = [*SEEDS, CLEAN, *sorted(PROSE.iterdir())]
YEARS_AND_DATES = ["META001", "META002", "META003", "META004", "META005"]


@pytest.mark.parametrize("path", ALL_INPUTS, ids=lambda p: p.name)
def test_real_reports_agree_about_their_year_and_were_published_in_time(path: Path) -> None:
    assert run(path, YEARS_AND_DATES) == []


def test_statistical_period_of_another_year(tmp_path: Path) -> None:
    path = variant(
        tmp_path, CLEAN, ("统计期限自2023年1月1日起至2023年12月31日止", "统计期限自2022年1月1日起至2022年12月31日止")
    )
    found = run(path, ["META"])
    assert [(f.code, f.line, f.expected, f.actual) for f in found] == [("META001", 3, 2023, 2022)]
    assert found[0].message == (
        "统计期限「统计期限自2022年1月1日起至2022年12月31日止」写的是2022年，"
        "而标题「示例县示例镇人民政府2023年度政府信息公开工作年度报告」的报告年度是2023年"
    )


def test_statistical_period_without_second_year_is_read() -> None:
    # 上海市政府办公厅 2019: "统计期限从2019年1月1日到12月31日止" agrees with the title
    assert run(PROSE / "2019_shanghai_shizhengfu_bangongting.html", ["META001"]) == []


def test_overview_opening_with_last_year(tmp_path: Path) -> None:
    path = variant(tmp_path, CLEAN, ("2023年，示例镇认真贯彻落实", "2022年，示例镇认真贯彻落实"))
    found = run(path, ["META"])
    assert [(f.code, f.line, f.column, f.expected, f.actual) for f in found] == [("META002", 5, 1, 2023, 2022)]
    assert found[0].message.startswith("第一部分「一、总体情况」开头「2022年")


def test_section_five_may_open_with_next_years_plan(tmp_path: Path) -> None:
    text = "2023年，我镇政府信息公开工作仍存在一些不足"
    assert run(variant(tmp_path, CLEAN, (text, "2024年，我镇将着力解决以下不足")), ["META002"]) == []
    found = run(variant(tmp_path, CLEAN, (text, "2021年，我镇政府信息公开工作仍存在一些不足")), ["META002"])
    assert [(f.line, f.actual) for f in found] == [(61, 2021)]


@pytest.mark.parametrize(
    "title,published,code,deadline",
    [
        ("示例县示例镇人民政府", "2024-02-05", "META003", "2024-01-31"),  # a township: 1月31日
        ("示例县人民政府", "2024-02-05", None, None),  # a whole government: 3月31日
        ("示例县人民政府", "2024-04-02", "META003", "2024-03-31"),
        ("示例县示例镇人民政府", "2023-12-20", "META004", None),  # before the year ended
    ],
)
def test_publication_date_against_the_deadline(
    tmp_path: Path, title: str, published: str, code: str | None, deadline: str | None
) -> None:
    path = variant(
        tmp_path,
        CLEAN,
        ("示例县示例镇人民政府2023年度", f"{title}2023年度"),
        ("发布日期：2024-01-25", f"发布日期：{published}"),
    )
    found = run(path, ["META003", "META004"])
    assert codes(found) == ([code] if code else [])
    if code == "META003":
        assert (found[0].expected, found[0].actual) == (deadline, published)
        assert f"发布日期{published}晚于法定期限{deadline}" in found[0].message


def test_cited_notice_of_the_other_format(tmp_path: Path) -> None:
    path = variant(tmp_path, CLEAN, ("国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号"))
    found = run(path, ["META005"])
    assert [(f.code, f.line, f.expected, f.actual) for f in found] == [("META005", 3, "2021", "2019")]
    assert "〔2019〕60号" in found[0].message and "2021年版格式" in found[0].message


def test_cited_notice_with_wrong_brackets_still_counts() -> None:
    # 小渡口镇 cites 国办公开办函[2021]30号 and fills the 2021 tables
    assert run(EXAMPLES / "2024_xiaodukouzhen.txt", ["META005"]) == []


@pytest.mark.parametrize("name", ["2022_cangtaizhen.txt", "2024_xiaodukouzhen.txt"])
def test_2021_format_without_fee_statement(name: str) -> None:
    found = run(EXAMPLES / name, ["META006"])
    assert codes(found) == ["META006"]
    assert found[0].message.startswith("第六部分「其他需要报告的事项」没有实质内容，未报告信息处理费收取情况")


@pytest.mark.parametrize(
    "path",
    [
        CLEAN,  # 本年度未收取信息处理费
        PROSE / "2025_shanghai_shizhengfu_bangongting.md",  # 未收取信息公开处理费
        PROSE / "2024_shanghai_kewei.md",  # 未发生政府信息公开收费事项
        PROSE / "2025_shuyang_xian.txt",  # 收取信息处理费共计380元
        EXAMPLES / "2020_dakouzhen.txt",  # 2019 format: not required
    ],
    ids=lambda p: p.name,
)
def test_fee_statement_present_or_not_required(path: Path) -> None:
    assert run(path, ["META006"]) == []


def test_fee_statement_replaced_by_none(tmp_path: Path) -> None:
    found = run(variant(tmp_path, CLEAN, ("本年度未收取信息处理费。", "无。")), ["META006", "META009"])
    assert [(f.code, f.line) for f in found] == [("META006", 63)]
    assert "只写了「无。」" in found[0].message


def test_long_overview_is_info() -> None:
    found = run(PROSE / "2021_pingtan_shiyanqu.txt", ["META007"])
    assert [(f.code, f.severity, f.expected, f.actual) for f in found] == [("META007", "info", 1000, 1346)]
    assert run(CLEAN, ["META007"]) == []


def test_empty_problems_section(tmp_path: Path) -> None:
    old = (
        "2023年，我镇政府信息公开工作仍存在一些不足：一是主动公开内容不够丰富；二是政策解读形式较为单一。"
        "2024年，我镇将进一步丰富公开内容，创新解读形式，加强工作人员培训。"
    )
    found = run(variant(tmp_path, CLEAN, (old, "无")), ["META008"])
    assert [(f.code, f.severity) for f in found] == [("META008", "warning")]


def test_section_six_none_is_a_valid_answer_in_2019_format(tmp_path: Path) -> None:
    # 大口镇 2020 answers 暂无其它需要报告的事项。: nothing is required there in the 2019 format
    assert run(EXAMPLES / "2020_dakouzhen.txt", ["META009"]) == []
    # but a heading left with nothing under it gets a note
    found = run(variant(tmp_path, EXAMPLES / "2020_dakouzhen.txt", ("暂无其它需要报告的事项。", "")), ["META009"])
    assert [(f.code, f.severity) for f in found] == [("META009", "info")]
    assert found[0].message == "第六部分「其他需要报告的事项」没有实质内容"
