"""Hand-made pairs (tests/data/series/<case>/): one consistent pair and one pair per kind of break.

Each 2024 report is derived from examples/2023_example_clean.txt (see the case folder names)."""

from __future__ import annotations

from gaicheck.checks.options import Options
from gaicheck.series.crossfile import cross_file_findings
from tests.series.helpers import SERIES, case, codes, parse, run, sig


def test_consistent_pair_has_no_finding() -> None:
    assert codes(run(case("consistent"))) == {}


def test_carry_over_break_names_both_files_cells_and_values() -> None:
    paths = case("carry_break")
    result = run(paths)
    assert codes(result) == {"2024_example_carry_break.txt": ["YOY001", "YOY001"]}
    first, second = result[str(paths[1])]
    assert sig(first) == ("YOY001", ("apply.carried_over.natural", "previous:apply.carry_forward.natural"), 7, 6)
    assert sig(second) == ("YOY001", ("apply.carried_over.total", "previous:apply.carry_forward.total"), 8, 7)
    assert first.severity == "error"
    assert (first.line, first.column) == (31, 20)
    assert first.message == (
        f"表2「自然人」列：本年「二、上年结转」为6，而2023年度报告 {paths[0]} 的「四、结转下年度继续办理」为7，相差1"
    )
    english = run(paths, lang="en")[str(paths[1])][1].message
    assert english == (
        "Table 2, column \"total\": requests carried over from last year (II) are 7, but requests carried forward "
        f"to next year (IV) in the 2023 report {paths[0]} is 8, difference 1"
    )


def test_findings_only_for_the_later_report() -> None:
    paths = case("carry_break")
    result = run(paths)
    assert result[str(paths[0])] == []


def test_stock_flow_break_2021_format() -> None:
    paths = case("stock_break")
    result = run(paths)
    assert codes(result) == {"2024_example_stock_break.txt": ["YOY002"]}
    (finding,) = result[str(paths[1])]
    assert finding.severity == "warning"
    assert sig(finding) == (
        "YOY002",
        ("active.normative.in_force", "active.normative.issued", "active.normative.repealed",
         "previous:active.normative.in_force"),
        27,
        30,
    )
    assert finding.message == (
        f"表1「行政规范性文件」：2023年度报告 {paths[0]} 的现行有效件数25＋本年制发件数4－本年废止件数2＝27，"
        "而本年现行有效件数为30，相差3"
    )


def test_2019_format_rollovers() -> None:
    paths = case("format2019")
    result = run(paths)
    findings = result[str(paths[1])]
    assert [sig(f) for f in findings] == [
        ("YOY004", ("active.rules.total_published", "active.rules.new_published",
                    "previous:active.rules.total_published"), 4, 7),
        ("YOY003", ("active.license.prev_count", "previous:active.license.prev_count",
                    "previous:active.license.change"), 12, 15),
    ]
    assert findings[1].message == (
        f"表1「行政许可」：本年「上一年项目数量」为15，而2019年度报告 {paths[0]} 的上一年项目数量10＋本年增/减2＝12，相差3"
    )
    # a negative 本年增/减 (行政处罚 6 + (−1) = 5) and the carry-over (2 = 2) reconcile: nothing said


def test_template_going_backwards() -> None:
    paths = case("template_back")
    result = run(paths)
    assert codes(result) == {"2024_example_2019_format.txt": ["YOY005"]}
    (finding,) = result[str(paths[1])]
    assert finding.severity == "warning"
    assert finding.message == (
        f"本报告（2024年度）使用2019年版表格，而2023年度报告 {paths[0]} 已使用2021年版表格：格式倒退"
    )


def test_copied_section_five() -> None:
    paths = case("copied_prose")
    result = run(paths)
    assert codes(result) == {"2024_example_copied_problems.txt": ["YOY006"]}
    (finding,) = result[str(paths[1])]
    assert (finding.severity, finding.expected, finding.actual, finding.line) == ("warning", 0.5, 1.0, 61)
    assert finding.message.startswith(
        f"第五部分「存在的主要问题及改进情况」有100%（85/85字）与2023年度报告 {paths[0]} 相同（年份不计，阈值50%）；"
        "最长的相同段落85字：「2024年，我镇政府信息公开工作仍存在一些不足："
    )
    assert finding.message.endswith("…」")


def test_copied_report_is_an_error_and_breaks_the_figures_too() -> None:
    paths = case("copied_report")
    findings = run(paths)[str(paths[1])]
    assert [f.code for f in findings] == ["YOY007", "YOY002", "YOY001", "YOY001", "YOY001"]
    copied = findings[0]
    assert copied.severity == "error"
    assert copied.message == (
        f"除年份外，本报告与2023年度报告 {paths[0]} 完全相同：全部文字（351字）逐字一致，200个表格数字也全部相同"
    )
    # the copy's 二、上年结转 (3) is not last year's 四 (8); its 现行有效 (25) ignores 3 issued − 1 repealed
    assert [sig(f)[2:] for f in findings[1:]] == [(27, 25), (7, 3), (1, 0), (8, 3)]


def test_a_missing_year_is_info_and_figures_are_not_compared() -> None:
    paths = case("gap")
    result = run(paths)
    (finding,) = result[str(paths[1])]
    assert (finding.code, finding.severity) == ("YOY008", "info")
    assert finding.message == (
        f"同一机关（示例县示例镇人民政府）的报告中没有2024年度：本报告（2025年度）之前只有2023年度报告 {paths[0]}，"
        "数字不作跨年度核对"
    )


def test_blank_cells_are_never_taken_for_zero() -> None:
    paths = case("blank")
    result = run(paths)
    (finding,) = result[str(paths[1])]
    assert (finding.code, finding.severity) == ("YOY009", "info")
    assert finding.message == (
        f"无法与2023年度报告 {paths[0]} 做跨年度核对：上年结转：本年「二、上年结转政府信息公开申请数量」"
        "自然人、商业企业、科研机构等7列为空"
    )
    assert finding.cells[0] == "apply.carried_over.natural" and len(finding.cells) == 7


def test_other_organ_never_compared_and_organ_spelling_normalised() -> None:
    folder = SERIES / "organs"
    result = run(case("organs"))
    # 示例县另一镇 breaks carry-over against 示例镇's 2023 but is another organ: nothing;
    # "示例县 示例镇政府" is 示例县示例镇人民政府 written differently: compared (its 现行有效 30 ≠ 27)
    assert codes(result) == {"2024_same_town_other_spelling.txt": ["YOY002"]}
    assert str(folder / "2024_other_town.txt") in result


def test_previous_option_pairs_one_report() -> None:
    paths = case("stock_break")
    result = run([paths[1]], previous=[paths[0]])
    assert list(result) == [str(paths[1])]
    assert [f.code for f in result[str(paths[1])]] == ["YOY002"]


def test_previous_of_another_organ_is_explained() -> None:
    other = SERIES / "organs" / "2024_other_town.txt"
    clean = SERIES / "consistent" / "2023_example_clean.txt"
    (finding,) = run([other], previous=[clean])[str(other)]
    assert finding.code == "YOY009"
    assert finding.message == (
        f"无法与2023年度报告 {clean} 做跨年度核对：两份报告的发布机关不同（示例县示例镇政府 / 示例县另一镇政府），不作比较"
    )


def test_previous_not_earlier_is_explained() -> None:
    paths = case("consistent")
    (finding,) = run([paths[0]], previous=[paths[1]])[str(paths[0])]
    assert finding.code == "YOY009"
    assert "指定的上年报告为2024年度，不早于本报告（2023年度）" in finding.message


def test_select_and_ignore_apply() -> None:
    reports = parse(*case("copied_report"))
    only = cross_file_findings(reports, Options(select=["YOY001"]))
    assert {f.code for fs in only.values() for f in fs} == {"YOY001"}
    rest = cross_file_findings(reports, Options(ignore=["YOY00"]))
    assert [f for fs in rest.values() for f in fs] == []


def test_all_cases_together_never_compare_across_folders_wrongly() -> None:
    """Every folder in one batch: same organ and year → one report kept per year (no crash, no
    comparison of a report with itself)."""
    paths = sorted(p for p in SERIES.rglob("*.txt"))
    result = run(paths)
    assert set(result) == {str(p) for p in paths}
