"""TXT rules on real reports: prose that contradicts the tables, and "其中" lists that do not add up."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.rules.common import CLEAN, PROSE, SEEDS, run, variant

SHANGHAI_2019 = PROSE / "2019_shanghai_shizhengfu_bangongting.html"


@pytest.mark.parametrize("path", [*SEEDS, CLEAN], ids=lambda p: p.name)
def test_seeds_prose_agrees_with_tables(path: Path) -> None:
    assert run(path, ["TXT"]) == []


@pytest.mark.parametrize(
    "name",
    [
        "2021_pingtan_shiyanqu.txt",  # 70 received, 69 handled, 1 carried forward
        "2022_pingtan_shiyanqu.txt",  # "收到75件" = 74 new + 1 carried over
        "2023_pingtan_shiyanqu.txt",  # outcomes 42/5/31/1/2, 复议2, 诉讼7; 其中 list reaches 81 before 复议
        "2025_pingtan_shiyanqu.txt",  # 154 / 148 / 结转至2026年6件 / 复议36起 / 诉讼9起
        "2025_shuyang_xian.txt",  # 受理749 = 713 + 36; 其中 741 + 8; 办理718; 结转下一年31
        "2024_huaian_hongzequ.pdf",  # "区政府办代表区政府受理…17件": a narrower scope than the table (95)
        "2025_shanghai_shizhengfu_bangongting.md",
    ],
)
def test_consistent_corpus_reports_have_no_prose_finding(name: str) -> None:
    assert run(PROSE / name, ["TXT"]) == []


def test_shanghai_2019_outcomes_in_prose_contradict_table_2() -> None:
    found = run(SHANGHAI_2019, ["TXT003"])
    assert [(f.code, f.expected, f.actual) for f in found] == [("TXT003", 275, 258), ("TXT003", 337, 265)]
    granted, unable = found
    assert granted.message == (
        "正文「予以公开及部分公开258件」：予以公开及部分公开258件，而表2「（一）予以公开」+"
        "「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」（总计列空白，按已填各列合计，至少）为275"
    )
    assert granted.cells == [
        "apply.granted.natural", "apply.granted.commercial", "apply.granted.legal", "apply.granted.other_org",
        "apply.partial.natural",
    ]  # fmt: skip
    assert "无法提供265件" in unable.message and "「无法提供」3行之和" in unable.message
    assert granted.line == 8  # the HTML element of the paragraph


def test_shanghai_2019_consistent_figures_are_not_reported() -> None:
    # 受理859 = 一, 答复805 = （七）, 上年度结转18 = 二, 顺延72 = 四, 不予公开35, 不予处理158, 复议7: all agree
    messages = " ".join(f.message for f in run(SHANGHAI_2019, ["TXT003"]))
    for figure in ("859件", "805件", "18件", "72件", "35件", "158件", "7件"):
        assert figure not in messages


def test_shanghai_2019_all_upheld_contradicts_pending_cases() -> None:
    found = run(SHANGHAI_2019, ["TXT005"])
    assert sorted((f.cells[0], f.actual) for f in found) == [
        ("review.litigation_direct.pending", 1),
        ("review.reconsideration.pending", 2),
    ]
    assert all("「信息公开类行政复议7件，诉讼9件，均获维持」" in f.message for f in found)


def test_wrong_totals_example_prose_handled_differs_from_total() -> None:
    found = run(EXAMPLES / "2023_example_wrong_totals.txt", ["TXT"])
    assert [(f.code, f.line, f.column, f.expected, f.actual, f.cells) for f in found] == [
        ("TXT003", 5, 74, 56, 55, ["apply.total.total"])
    ]
    assert found[0].message == "正文「办结55件」：办结55件，而表2「（七）总计」为56"


def test_changed_received_count_is_reported_in_both_languages(tmp_path: Path) -> None:
    path = variant(tmp_path, CLEAN, ("共收到政府信息公开申请60件", "共收到政府信息公开申请61件"))
    zh = run(path, ["TXT"])
    assert [(f.code, f.expected, f.actual, f.cells) for f in zh] == [("TXT003", 60, 61, ["apply.new.total"])]
    assert (
        zh[0].message
        == "正文「全年共收到政府信息公开申请61件」：收到申请61件，而表2「一、本年新收政府信息公开申请数量」为60"
    )
    en = run(path, ["TXT"], lang="en")
    assert en[0].message.startswith('The prose "全年共收到政府信息公开申请61件" gives applications received as 61')


def test_received_may_include_the_carried_over(tmp_path: Path) -> None:
    path = variant(tmp_path, CLEAN, ("共收到政府信息公开申请60件", "共收到政府信息公开申请63件"))
    assert run(path, ["TXT"]) == []  # 63 = 一 60 + 二 3


@pytest.mark.parametrize(
    "old,new,metric_cells,stated",
    [
        ("上年结转3件", "上年结转4件", ["apply.carried_over.total"], 4),
        ("结转下年度继续办理8件", "结转下年度继续办理9件", ["apply.carry_forward.total"], 9),
        ("（五）监督保障。", "（五）监督保障。全年作出行政许可决定120件。", ["active.license.decisions"], 120),
        (
            "（五）监督保障。",
            "（五）监督保障。因政府信息公开引起的行政复议案件5件。",
            ["review.reconsideration.total"],
            5,
        ),
    ],
)
def test_each_stated_count_is_compared_with_its_cell(
    tmp_path: Path, old: str, new: str, metric_cells: list[str], stated: int
) -> None:
    found = run(variant(tmp_path, CLEAN, (old, new)), ["TXT003"])
    assert [(f.cells, f.actual) for f in found] == [(metric_cells, stated)]


def test_matching_permit_count_is_not_reported(tmp_path: Path) -> None:
    path = variant(tmp_path, CLEAN, ("（五）监督保障。", "（五）监督保障。全年作出行政许可决定128件，同比增长10件。"))
    assert run(path, ["TXT"]) == []


def test_no_applications_claim_with_applications_in_table(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        CLEAN,
        ("全年共收到政府信息公开申请60件，上年结转3件，办结55件，结转下年度继续办理8件", "全年未收到政府信息公开申请"),
    )
    found = run(path, ["TXT001"])
    assert [(f.code, f.expected, f.actual, f.cells) for f in found] == [("TXT001", 0, 60, ["apply.new.total"])]
    assert (
        found[0].message
        == "正文「全年未收到政府信息公开申请」称没有政府信息公开申请，而表2「一、本年新收政府信息公开申请数量」总计为60"
    )


def test_no_review_claim_with_cases_in_table(tmp_path: Path) -> None:
    path = variant(
        tmp_path, CLEAN, ("（五）监督保障。", "（五）监督保障。本年度未发生政府信息公开行政复议、行政诉讼案件。")
    )
    found = run(path, ["TXT002"])
    assert [(f.cells, f.actual) for f in found] == [
        (["review.litigation_direct.total", "review.litigation_after.total"], 3),
        (["review.reconsideration.total"], 4),
    ]
    assert (
        found[1].message
        == "正文「本年度未发生政府信息公开行政复议、行政诉讼案件」称未发生行政复议，而表3「行政复议」总计为4"
    )


def test_no_review_claim_agrees_with_zero_table() -> None:
    # 小渡口镇 and 大口镇 say 未发生…行政复议、行政诉讼, and their table 3 is all zero
    assert run(EXAMPLES / "2024_xiaodukouzhen.txt", ["TXT002"]) == []
    assert run(EXAMPLES / "2020_dakouzhen.txt", ["TXT002"]) == []


@pytest.mark.parametrize(
    "name,total,parts_sum,count",
    [
        ("2019_pingtan_shiyanqu.txt", 2599, 2533, 11),  # SOURCES.md: 11 categories add up to 2533
        ("2020_pingtan_shiyanqu.txt", 2602, 2603, 11),
        ("2024_shanghai_kewei.md", 2139, 2160, 4),
    ],
)
def test_parts_listed_after_qizhong_do_not_add_up(name: str, total: int, parts_sum: int, count: int) -> None:
    found = run(PROSE / name, ["TXT004"])
    assert [(f.expected, f.actual) for f in found] == [(total, parts_sum)]
    assert f"“其中”所列{count}项之和为{parts_sum}" in found[0].message


def test_parts_that_add_up_are_not_reported(tmp_path: Path) -> None:
    # 滨江新区: 320条，其中 10 + 16 + 294
    assert run(EXAMPLES / "2020_binjiangxinqu.txt", ["TXT004"]) == []
    broken = variant(tmp_path, EXAMPLES / "2020_binjiangxinqu.txt", ("新媒体平台信息294条", "新媒体平台信息284条"))
    found = run(broken, ["TXT004"])
    assert [(f.expected, f.actual) for f in found] == [(320, 310)]


def test_hedged_or_short_lists_are_not_summed(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        CLEAN,
        ("（五）监督保障。", "（五）监督保障。全年发布信息500条，其中政策文件10条、通知公告20条、工作动态30条等。"),
    )
    assert run(path, ["TXT004"]) == []
