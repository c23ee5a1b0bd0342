"""Prose rules that read too much (issue 13, point 7): outcomes listed by category are compared category by
category, never each with （七）总计; section 五 citing last year's report is not a wrong year."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rules.common import CLEAN, run, variant

AT = "（五）监督保障。"
PROBLEMS = "五、存在的主要问题及改进情况\n"


def test_agreeing_category_list_is_not_compared_with_the_total(tmp_path: Path) -> None:
    sentence = "全年办结的申请中，给予同意公开答复23件，同意部分公开答复6件，不予公开答复4件，无法提供16件，其他处理3件。"
    assert run(variant(tmp_path, CLEAN, (AT, AT + sentence)), ["TXT003"]) == []


def test_each_category_is_compared_with_its_own_rows(tmp_path: Path) -> None:
    sentence = "共答复55件，其中：给予同意公开答复1件，不予公开答复3件，其他处理2件。"
    found = run(variant(tmp_path, CLEAN, (AT, AT + sentence)), ["TXT003"])
    assert [(f.code, f.cells[0], len(f.cells), f.expected, f.actual) for f in found] == [
        ("TXT003", "apply.granted.total", 1, 23, 1),
        ("TXT003", "apply.denied_secret.total", 8, 4, 3),
        ("TXT003", "apply.other_no_correction.total", 3, 3, 2),
    ]
    assert found[0].message == "正文「给予同意公开答复1件」：予以公开1件，而表2「（一）予以公开」为23"
    assert not any("（七）总计" in f.message for f in found)


@pytest.mark.parametrize(
    "opening",
    [
        "针对2022年度工作报告中提到的问题，我镇逐项整改。",
        "2022年度存在的问题已整改完毕。",
        "（一）2022年度存在问题的改进情况\n",
    ],
)
def test_section_5_citing_last_years_problems_is_not_a_wrong_year(tmp_path: Path, opening: str) -> None:
    assert run(variant(tmp_path, CLEAN, (PROBLEMS, PROBLEMS + opening)), ["META002"]) == []


def test_section_5_opening_with_last_year_as_its_own_is_still_reported(tmp_path: Path) -> None:
    path = variant(tmp_path, CLEAN, (PROBLEMS, PROBLEMS + "2022年，我镇政府信息公开工作仍存在一些不足。"))
    found = run(path, ["META002"])
    assert [(f.code, f.expected, f.actual) for f in found] == [("META002", 2023, 2022)]
    assert found[0].message == "第五部分「五、存在的主要问题及改进情况」开头「2022年」写的是2022年，而报告年度是2023年"
