"""The five seed reports: each one's exact set of findings (code, line, cells, expected, actual)."""

from __future__ import annotations

from tests.conftest import EXAMPLES
from tests.spine.helpers import REVIEW_COLS, REVIEW_ROWS, outcome_rows, row, rows, sorted_signature

OUTCOMES_2019 = outcome_rows("2019")
TABLE2_2019 = ["new", "carried_over", *OUTCOMES_2019]


def test_shuikouzhen_2022_uses_2019_tables_and_is_blank() -> None:
    got = sorted_signature(str(EXAMPLES / "2022_shuikouzhen.txt"))
    blank_rows = ["new", "carried_over", *OUTCOMES_2019]
    lines = {
        "new": 154, "carried_over": 163, "granted": 174, "partial": 183, "denied_secret": 196,
        "denied_prohibited": 205, "denied_security": 214, "denied_third_party": 223, "denied_internal": 232,
        "denied_process": 241, "denied_case_file": 250, "denied_query": 259, "unable_no_info": 270,
        "unable_need_create": 279, "unable_unclear": 288, "rejected_petition": 299, "rejected_repeat": 308,
        "rejected_publication": 317, "rejected_mass": 326, "rejected_confirm": 335, "other": 344,
    }
    expected = [
        ("TPL001", 6, (), "2021", "2019"),
        ("TPL005", 32, (), "对外公开总数量", "对外公开总数"),
    ]
    for r in blank_rows:
        expected.append(("STR006", lines[r], tuple(sorted(row("apply", r))), None, None))
    expected += [
        # row totals: every row but (七)总计 and 四 is blank
        ("SUM005", 154, rows("apply", blank_rows), None, None),
        # 一 + 二 = （七） + 四: 一 and 二 are blank in every column, so none of its cells is verified
        ("SUM005", 154, rows("apply", ["new", "carried_over", "total", "carry_forward"]), None, None),
        # （七）总计 = Σ outcomes: all outcome rows blank
        ("SUM005", 174, rows("apply", [*OUTCOMES_2019, "total"]), None, None),
        ("STR006", 385, rows("review", REVIEW_ROWS, REVIEW_COLS), None, None),
        ("SUM005", 385, rows("review", REVIEW_ROWS, REVIEW_COLS), None, None),
    ]
    assert sorted(got, key=repr) == sorted(expected, key=repr)


def test_shuikouzhen_reads_year_from_title_not_page_chrome() -> None:
    from gaicheck.api import parse_path

    report = parse_path(str(EXAMPLES / "2022_shuikouzhen.txt"))
    assert (report.report_year, report.organ, report.published) == (2022, "水口镇", "2023-01-19")
    total = {c.key: c for c in report.cells}
    assert [total[k].value for k in row("apply", "total")] == [0] * 7
    assert [total[k].value for k in row("apply", "carry_forward")] == [0] * 7
    assert total["active.procurement.amount"].value == 37964.59
    assert total["active.procurement.amount"].unit == "万元"


def test_binjiang_2020_lost_labels_placed_and_section_five_missing() -> None:
    got = sorted_signature(str(EXAMPLES / "2020_binjiangxinqu.txt"))
    assert got == [
        ("STR007", 39, tuple(sorted(row("apply", "denied_secret"))), None, None),
        ("STR007", 40, tuple(sorted(row("apply", "denied_prohibited"))), None, None),
        ("STR001", 69, (), None, None),
    ]


def test_binjiang_values_land_on_their_template_rows() -> None:
    from gaicheck.api import parse_path

    report = parse_path(str(EXAMPLES / "2020_binjiangxinqu.txt"))
    cells = {c.key: c for c in report.cells}
    assert cells["apply.denied_secret.natural"].line == 39
    assert cells["apply.denied_prohibited.natural"].line == 40
    assert cells["apply.denied_security.natural"].line == 41
    assert cells["active.procurement.amount"].value == 1428.9
    assert all(c.status == "ok" for c in report.cells)
    assert report.published == "2021-01-18"


def test_cangtai_2022_short_rows() -> None:
    got = sorted_signature(str(EXAMPLES / "2022_cangtaizhen.txt"))
    short = ["granted", "partial", "denied_secret", "denied_prohibited", "denied_security", "denied_third_party"]
    lines = dict(zip([*short, "denied_internal"], [33, 34, 35, 36, 37, 38, 39], strict=True))
    expected = [("STR004", lines[r], tuple(sorted(row("apply", r))), 7, 6) for r in short]
    expected.append(("STR004", 39, tuple(sorted(row("apply", "denied_internal"))), 7, 5))
    ambiguous = [*short, "denied_internal"]
    expected.append(("SUM005", 33, rows("apply", ambiguous), None, None))  # row totals of those rows
    expected.append(("SUM005", 33, rows("apply", [*outcome_rows("2021"), "total"]), None, None))  # （七） = Σ outcomes
    assert sorted(got, key=repr) == sorted(expected, key=repr)


def test_dakou_2020_long_rows_and_label() -> None:
    got = sorted_signature(str(EXAMPLES / "2020_dakouzhen.txt"))
    expected = [
        ("TPL005", 53, tuple(sorted(row("apply", "denied_prohibited"))), "2.其他法律行政法规禁止公开", "2. 其他法律法规禁止公开"),
        ("STR005", 68, tuple(sorted(row("apply", "other"))), 7, 8),
        ("STR005", 69, tuple(sorted(row("apply", "total"))), 7, 8),
        ("STR005", 70, tuple(sorted(row("apply", "carry_forward"))), 7, 8),
        ("SUM005", 68, rows("apply", ["other", "total", "carry_forward"]), None, None),  # row totals
        ("SUM005", 68, rows("apply", [*OUTCOMES_2019, "total"]), None, None),  # Σ outcomes
        ("SUM005", 69, rows("apply", ["new", "carried_over", "total", "carry_forward"]), None, None),  # 一+二=（七）+四
    ]
    assert sorted(got, key=repr) == sorted(expected, key=repr)


def test_xiaodukou_2024_is_clean() -> None:
    assert sorted_signature(str(EXAMPLES / "2024_xiaodukouzhen.txt")) == []


def test_templates_detected() -> None:
    from gaicheck.api import parse_path

    got = {
        name: (parse_path(str(EXAMPLES / name)).template, parse_path(str(EXAMPLES / name)).report_year)
        for name in ["2022_shuikouzhen.txt", "2020_binjiangxinqu.txt", "2022_cangtaizhen.txt",
                     "2020_dakouzhen.txt", "2024_xiaodukouzhen.txt"]
    }
    assert got == {
        "2022_shuikouzhen.txt": ("2019", 2022),
        "2020_binjiangxinqu.txt": ("2019", 2020),
        "2022_cangtaizhen.txt": ("2021", 2022),
        "2020_dakouzhen.txt": ("2019", 2020),
        "2024_xiaodukouzhen.txt": ("2021", 2024),
    }
