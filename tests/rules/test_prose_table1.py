"""TXT003 on table 1: the prose as a second witness for 制发/废止/现行有效 行政规范性文件, 行政强制 decisions and
收费金额 (issue 13, point 3a)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rules.common import CLEAN, PROSE, run, variant

AT = "（五）监督保障。"


def test_pingtan_2023_in_force_count_contradicts_table_1() -> None:
    found = run(PROSE / "2023_pingtan_shiyanqu.html", ["TXT003"])
    assert [(f.code, f.cells, f.expected, f.actual, f.line) for f in found] == [
        ("TXT003", ["active.normative.in_force"], 470, 393, 8)
    ]
    assert found[0].message == (
        "正文「清理并集中发布现行有效行政规范性文件393件」：现行有效行政规范性文件393件，而表1「行政规范性文件」为470"
    )
    en = run(PROSE / "2023_pingtan_shiyanqu.html", ["TXT003"], lang="en")
    assert en[0].message == (
        'The prose "清理并集中发布现行有效行政规范性文件393件" gives normative documents in force as 393, '
        'but table 1 "Administrative normative documents" is 470'
    )


@pytest.mark.parametrize(
    ("sentence", "cell", "stated"),
    [
        ("本年制发行政规范性文件4件。", "active.normative.issued", 4),
        ("全年废止行政规范性文件2件。", "active.normative.repealed", 2),
        ("现行有效行政规范性文件共26件。", "active.normative.in_force", 26),
        ("全年作出行政强制决定3件。", "active.enforcement.decisions", 3),
        ("收取行政事业性收费12.6万元。", "active.fees.amount", 12.6),
    ],
)
def test_each_table_1_figure_is_compared_with_its_cell(tmp_path: Path, sentence: str, cell: str, stated: float) -> None:
    found = run(variant(tmp_path, CLEAN, (AT, AT + sentence)), ["TXT003"])
    assert [(f.cells, f.actual) for f in found] == [([cell], stated)]


def test_fee_message_names_its_unit(tmp_path: Path) -> None:
    found = run(variant(tmp_path, CLEAN, (AT, AT + "收取行政事业性收费12.6万元。")), ["TXT003"])
    assert found[0].message == (
        "正文「收取行政事业性收费12.6万元」：行政事业性收费金额12.6万元，而表1「行政事业性收费」为12.5"
    )
    assert (found[0].expected, found[0].actual) == (12.5, 12.6)


@pytest.mark.parametrize(
    "sentence",
    [
        "本年制发行政规范性文件3件，废止1件。现行有效行政规范性文件25件。",  # all as in the table
        "主动公开行政规范性文件13件。",  # published, not issued: no verb
        "拟废止行政规范性文件9件。",  # planned
        "全年作出行政强制决定2件，收取行政事业性收费12.5万元。",
        "减免行政事业性收费30万元。",  # fees waived, not collected
    ],
)
def test_agreeing_or_other_figures_are_not_reported(tmp_path: Path, sentence: str) -> None:
    assert run(variant(tmp_path, CLEAN, (AT, AT + sentence)), ["TXT003"]) == []


@pytest.mark.parametrize(
    "name",
    ["2022_pingtan_shiyanqu.html", "2024_pingtan_shiyanqu.html", "2020_pingtan_shiyanqu.html"],
)
def test_corpus_table_1_figures_that_agree_are_not_reported(name: str) -> None:
    # 2022: 现行有效698件 and 制发88件 = the table; 2024: 制发62件 = the table; 2020 (2019 format): 废止规范性
    # 文件5件 has no 本年废止 column to compare with
    assert run(PROSE / name, ["TXT003"]) == []
