"""YOY010 (opt-in, info): a county's table 2 totals against the sum of its townships' reports."""

from __future__ import annotations

from dataclasses import dataclass

from gaicheck.checks.options import Options
from gaicheck.series.crossfile import cross_file_findings
from tests.series.helpers import SERIES, case, parse, sig


@dataclass(slots=True)
class _WithFlag(Options):
    check_aggregate: bool = True


def test_aggregate_is_opt_in() -> None:
    reports = parse(*case("aggregate"))
    assert all(fs == [] for fs in cross_file_findings(reports, Options()).values())


def test_county_totals_against_townships() -> None:
    reports = parse(*case("aggregate"))
    county = str(SERIES / "aggregate" / "2024_county.txt")
    for options in (Options(select=["YOY010"]), _WithFlag()):
        result = cross_file_findings(reports, options)
        assert [f for p, fs in result.items() if p != county for f in fs] == []
        findings = result[county]
        # 四、结转下年度 4 = 2 + 2: not mentioned
        assert [sig(f) for f in findings] == [
            ("YOY010", ("apply.new.total",), 101, 30),
            ("YOY010", ("apply.carried_over.total",), 15, 2),
            ("YOY010", ("apply.total.total",), 112, 28),
        ]
        assert {f.severity for f in findings} == {"info"}
    assert findings[0].message == (
        "表2「一、本年新收政府信息公开申请数量」「总计」为30，同一目录中2份下级单位2024年度报告"
        "（2024_example_consistent.txt、2024_other_town.txt）之和为101，相差71"
    )


def test_townships_of_another_county_or_year_are_not_summed() -> None:
    county = parse(SERIES / "aggregate" / "2024_county.txt")
    others = parse(SERIES / "gap" / "2025_example_after_gap.txt", SERIES / "organs" / "2024_same_town_other_spelling.txt")
    result = cross_file_findings([*county, *others], Options(select=["YOY010"]))
    assert all(fs == [] for fs in result.values())


def test_aggregate_through_the_cli_flag() -> None:
    from click.testing import CliRunner

    from gaicheck.cli import main

    folder = str(SERIES / "aggregate")
    without = CliRunner().invoke(main, ["check", folder, "--select", "YOY", "--isolated"])
    with_flag = CliRunner().invoke(main, ["check", folder, "--select", "YOY", "--isolated", "--check-aggregate"])
    assert "YOY010" not in without.output
    assert with_flag.output.count("YOY010") == 3  # 一, 二 and （七）总计 of the county vs its towns
