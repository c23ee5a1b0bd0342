"""STY rules on real reports: the Regulation's name, document-number brackets, unbalanced brackets,
section order and numbering."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.rules.common import CLEAN, PROSE, codes, run, variant


def test_dakou_2020_wrong_regulation_name() -> None:
    found = run(EXAMPLES / "2020_dakouzhen.txt", ["STY"])
    assert [(f.code, f.severity, f.line, f.column, f.actual) for f in found] == [
        ("STY001", "error", 15, 56, "中华人民共和国政务信息公开条例")
    ]
    assert found[0].message == "「中华人民共和国政务信息公开条例」名称有误，应为《中华人民共和国政府信息公开条例》"


@pytest.mark.parametrize("wrong", ["《政务信息公开条例》", "中华人民共和国政务公开条例"])
def test_other_wrong_names(tmp_path: Path, wrong: str) -> None:
    path = variant(tmp_path, CLEAN, ("认真贯彻落实《中华人民共和国政府信息公开条例》", f"认真贯彻落实{wrong}"))
    assert codes(run(path, ["STY001"])) == ["STY001"]


def test_official_and_local_names_are_accepted(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        CLEAN,
        (
            "（五）监督保障。",
            "（五）监督保障。贯彻《政府信息公开条例》和《上海市政府信息公开规定》、《湖南省政务公开条例》。",
        ),
    )
    assert run(path, ["STY001"]) == []


def test_xiaodukou_2024_document_number_in_square_brackets() -> None:
    found = run(EXAMPLES / "2024_xiaodukouzhen.txt", ["STY"])
    assert [(f.code, f.line, f.column, f.expected, f.actual) for f in found] == [
        ("STY002", 2, 76, "国办公开办函〔2021〕30号", "国办公开办函[2021]30号")
    ]


@pytest.mark.parametrize("written", ["【2021】", "(2021)", "（2021）", "〔2021]"])
def test_other_wrong_document_number_brackets(tmp_path: Path, written: str) -> None:
    path = variant(tmp_path, CLEAN, ("国办公开办函〔2021〕30号", f"国办公开办函{written}30号"))
    found = run(path, ["STY002"])
    assert [(f.code, f.expected) for f in found] == [("STY002", "国办公开办函〔2021〕30号")]


def test_court_case_numbers_are_not_document_numbers(tmp_path: Path) -> None:
    path = variant(tmp_path, CLEAN, ("（五）监督保障。", "（五）监督保障。（2023）苏0101行初12号案件已审结。"))
    assert run(path, ["STY002"]) == []


def test_binjiang_2020_bracket_typed_as_opening() -> None:
    found = run(EXAMPLES / "2020_binjiangxinqu.txt", ["STY"])
    assert [(f.code, f.line, f.actual) for f in found] == [("STY003", 6, "(")]
    assert "苏政办公开办函〔2020" in found[0].message and "没有对应的右半" in found[0].message


def test_legacy_2018_doubled_title_mark() -> None:
    found = run(PROSE / "2018_pingtan_shiyanqu_legacy.html", ["STY003"])
    assert [f.actual for f in found] == ["《"]
    assert "《《福建省人民政府办公厅" in found[0].message


@pytest.mark.parametrize(
    "path",
    [
        EXAMPLES / "2022_shuikouzhen.txt",  # page chrome "打印【字体:" is not a sentence
        PROSE / "2025_shuyang_xian.txt",  # a quotation broken by a blank line in the conversion
        PROSE / "2024_huaian_hongzequ.pdf",  # brackets and quotes across lines and pages
        PROSE / "2025_shanghai_shizhengfu_bangongting.md",  # table debris in sections 二–四 is not prose
        CLEAN,
    ],
    ids=lambda p: p.name,
)
def test_balanced_text_across_conversion_breaks(path: Path) -> None:
    assert run(path, ["STY003"]) == []


def test_list_markers_are_single_brackets(tmp_path: Path) -> None:
    path = variant(tmp_path, CLEAN, ("（五）监督保障。", "（五）监督保障。主要做法：1）加强考核；2）强化培训。"))
    assert run(path, ["STY003"]) == []


def test_sections_out_of_order(tmp_path: Path) -> None:
    lines = CLEAN.read_text(encoding="utf-8").splitlines()
    five, six = lines[59:61], lines[61:63]  # 五 heading + text, 六 heading + text
    swapped = tmp_path / "swapped.txt"
    swapped.write_text("\n".join(lines[:59] + six + five) + "\n", encoding="utf-8")
    found = run(swapped, ["STY004"])
    assert [(f.code, f.line) for f in found] == [("STY004", 60)]
    assert found[0].message.startswith("第六部分「六、其他需要报告的事项」出现在第五部分")


def test_kewei_2024_renumbered_headings() -> None:
    found = run(PROSE / "2024_shanghai_kewei.md", ["STY"])
    assert [(f.code, f.line) for f in found] == [("STY005", 73)]
    assert found[0].message.startswith("部分标题编号与格式不符：「一、主动公开政府信息情况」应为「二、」；")
    assert run(CLEAN, ["STY004", "STY005"]) == []
