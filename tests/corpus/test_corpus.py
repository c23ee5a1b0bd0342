"""The real corpus (tests/data/corpus, see its SOURCES.md): every file read as completely as the document
allows, the real errors found with their exact cells and values, and nothing invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaicheck.api import check_report, parse_path
from gaicheck.checks.options import Options
from gaicheck.model.finding import Finding
from gaicheck.templates import load_template
from tests.conftest import DATA

CORPUS = DATA / "corpus"
SPINE = Options(select=["STR", "TPL", "SUM", "VAL001", "VAL002", "VAL003"])
APPLY_COLS = ["natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"]

# file → (template, report year, organ, template cells, cells located: a value or a blank read)
EXPECTED = {
    "2014_pingtan_not_an_annual_report.html": ("none", None, None, 0, 0),
    "2018_pingtan_shiyanqu_legacy.html": ("legacy", 2018, "平潭综合实验区", 0, 0),
    "2019_pingtan_shiyanqu.html": ("2019", 2019, "平潭综合实验区", 198, 198),
    "2019_pingtan_shiyanqu.txt": ("2019", 2019, "平潭综合实验区", 198, 179),
    "2019_shanghai_shizhengfu_bangongting.html": ("2019", 2019, "上海市人民政府办公厅", 198, 198),
    "2020_pingtan_shiyanqu.html": ("2019", 2020, "平潭综合实验区", 198, 198),
    "2020_pingtan_shiyanqu.txt": ("2019", 2020, "平潭综合实验区", 198, 181),
    "2021_pingtan_shiyanqu.html": ("2021", 2021, "平潭综合实验区", 200, 200),
    "2021_pingtan_shiyanqu.txt": ("2021", 2021, "平潭综合实验区", 200, 197),
    "2022_pingtan_shiyanqu.html": ("2021", 2022, "平潭综合实验区", 200, 200),
    "2022_pingtan_shiyanqu.txt": ("2021", 2022, "平潭综合实验区", 200, 200),  # 8855698 split by the prose
    "2023_huaian_hongzequ.pdf": ("2021", 2023, "洪泽区人民政府", 200, 179),
    "2023_pingtan_shiyanqu.html": ("2021", 2023, "平潭综合实验区", 200, 200),
    "2023_pingtan_shiyanqu.txt": ("2021", 2023, "平潭综合实验区", 200, 197),
    "2023_shuyang_fagaiju.html": ("2021", 2023, "沭阳县发展和改革局", 200, 200),
    "2024_huaian_hongzequ.pdf": ("2021", 2024, "淮安市洪泽区人民政府", 200, 179),
    "2024_huaian_shi.pdf": ("2021", 2024, "淮安市人民政府", 200, 200),
    "2024_pingtan_shiyanqu.html": ("2021", 2024, "平潭综合实验区", 200, 200),
    "2024_pingtan_shiyanqu.txt": ("2021", 2024, "平潭综合实验区", 200, 197),
    "2024_shanghai_kewei.md": ("2021", 2024, "上海市科委", 200, 186),  # the unlabelled row before 1.信访 moved to （四）2 (issue 13),
    "2025_pingtan_shiyanqu.html": ("2021", 2025, "平潭综合实验区", 200, 200),
    "2025_pingtan_shiyanqu.txt": ("2021", 2025, "平潭综合实验区", 200, 197),
    "2025_shanghai_shizhengfu_bangongting.md": ("2021", 2025, "上海市人民政府办公厅", 200, 180),
    "2025_shuyang_xian.txt": ("2021", 2025, "沐阳县人民政府", 200, 200),
    "2025_synthetic_hangzhou_style_fixture.html": ("2021", 2025, "测试市", 200, 200),
}


def findings(name: str) -> list[Finding]:
    return check_report(parse_path(str(CORPUS / name)), SPINE)


def sig(found: list[Finding]) -> list[tuple[str, tuple[str, ...], object, object]]:
    return sorted(((f.code, tuple(sorted(f.cells)), f.expected, f.actual) for f in found), key=repr)


def col(rows: list[str], column: str) -> tuple[str, ...]:
    return tuple(sorted(f"apply.{r}.{column}" for r in rows))


def test_every_corpus_file_is_listed() -> None:
    files = sorted(p.name for p in CORPUS.iterdir() if p.name != "SOURCES.md")
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_template_year_organ_and_cells_located(name: str) -> None:
    report = parse_path(str(CORPUS / name))
    located = sum(1 for c in report.cells if c.status in ("ok", "empty"))
    assert (report.template, report.report_year, report.organ, len(report.cells), located) == EXPECTED[name]


@pytest.mark.parametrize("name", [n for n, e in EXPECTED.items() if e[0] in ("2019", "2021")])
def test_every_cell_is_located_or_a_finding_says_why(name: str) -> None:
    """A template cell is either read (a value or a blank) or named by a structural finding."""
    report = parse_path(str(CORPUS / name))
    named = {k for f in check_report(report, SPINE) if f.code.startswith(("STR", "TPL")) for k in f.cells}
    unexplained = [c.key for c in report.cells if c.status not in ("ok", "empty") and c.key not in named]
    assert unexplained == []


def test_pingtan_2020_outcomes_do_not_add_up_to_the_total() -> None:
    """SOURCES.md: （七）总计 20 / 其他 1 / 总计 21, outcome rows 6+6+4+3+3+4 = 26 (自然人), 27 (总计)."""
    outcomes = [r.key for r in load_template("2019").tables["apply"].rows if "outcome" in r.tags]
    expected = [
        ("SUM003", col([*outcomes, "total"], "natural"), 26, 20),
        ("SUM003", col([*outcomes, "total"], "total"), 27, 21),
    ]
    assert sig(findings("2020_pingtan_shiyanqu.html")) == sorted(expected, key=repr)
    # the crawler dump of the same page: the same two errors, plus table 1 rows it cannot split
    txt = sig(findings("2020_pingtan_shiyanqu.txt"))
    assert [s for s in txt if s[0] == "SUM003"] == sorted(expected, key=repr)
    assert sorted(s[1][0].rsplit(".", 1)[0] for s in txt if s[0] == "STR010") == [
        "active.enforcement", "active.license", "active.normative", "active.other_service",
        "active.penalty", "active.procurement",
    ]
    assert {s[0] for s in txt} == {"SUM003", "STR010"}


def test_hongze_2023_table3_totals_are_zero() -> None:
    """行政复议 维持 10 + 纠正 1 with 总计 0; 复议后起诉 维持 5 with 总计 0; （六） given as one row; label typo."""
    review = [f"review.{g}.{c}" for g in ("reconsideration",) for c in ("upheld", "corrected", "other", "pending", "total")]
    after = [f"review.litigation_after.{c}" for c in ("upheld", "corrected", "other", "pending", "total")]
    other_items = [f"apply.{r}.{c}" for r in ("other_no_correction", "other_no_fee", "other_other") for c in APPLY_COLS]
    assert sig(findings("2023_huaian_hongzequ.pdf")) == sorted(
        [
            ("SUM004", tuple(sorted(review)), 11, 0),
            ("SUM004", tuple(sorted(after)), 5, 0),
            ("STR011", tuple(sorted(other_items)), None, None),
            ("TPL005", tuple(sorted(f"apply.denied_prohibited.{c}" for c in APPLY_COLS)),
             "2.其他法律行政法规禁止公开", "2.其他法律行政止公开"),
        ],
        key=repr,
    )
    report = parse_path(str(CORPUS / "2023_huaian_hongzequ.pdf"))
    cells = report.cell_map()
    assert [cells[k].value for k in review] == [10, 1, 0, 0, 0]
    assert cells["review.reconsideration.total"].page == 4
    # the one-row （六） subtotal stands in for its items, so （七）总计 = Σ outcomes is checked (21 = 21)
    assert {c.key: c.value for c in report.subtotals}["apply.other.total"] == 0
    assert cells["apply.total.total"].value == 21


def test_hongze_2024_and_huaian_city_2024() -> None:
    assert {f.code for f in findings("2024_huaian_hongzequ.pdf")} == {"STR011", "TPL005"}
    assert findings("2024_huaian_shi.pdf") == []
    cells = parse_path(str(CORPUS / "2024_huaian_shi.pdf")).cell_map()
    assert (cells["apply.new.total"].value, cells["apply.carried_over.total"].value) == (3119, 34)
    assert (cells["apply.total.total"].value, cells["apply.carry_forward.total"].value) == (3050, 103)
    assert cells["active.penalty.decisions"].value == 3985758


@pytest.mark.parametrize(
    "name",
    ["2019_pingtan_shiyanqu.html", "2021_pingtan_shiyanqu.html", "2022_pingtan_shiyanqu.html",
     "2023_pingtan_shiyanqu.html", "2024_pingtan_shiyanqu.html", "2025_pingtan_shiyanqu.html",
     "2025_shuyang_xian.txt", "2024_huaian_shi.pdf"],
)
def test_consistent_reports_have_no_finding(name: str) -> None:
    assert findings(name) == []


def test_shanghai_2019_blank_cells_are_never_zero() -> None:
    """总计 blank on every result row but （七）; （六） entirely blank; the columns that are filled reconcile."""
    report = parse_path(str(CORPUS / "2019_shanghai_shizhengfu_bangongting.html"))
    cells = report.cell_map()
    assert [cells[f"apply.{r}.total"].value for r in ("new", "carried_over", "total", "carry_forward")] == [859, 18, 805, 72]
    assert cells["apply.granted.total"].status == "empty"
    assert all(cells[f"apply.other.{c}"].status == "empty" for c in APPLY_COLS)
    found = findings("2019_shanghai_shizhengfu_bangongting.html")
    assert not any(f.code in ("SUM001", "SUM002", "SUM003", "SUM004") for f in found)
    sum001 = next(f for f in found if f.code == "SUM005" and "第一项+第二项" in f.message)
    assert "商业企业、科研机构、社会公益组织、法律服务机构、其他" in sum001.message  # 自然人 and 总计 were checked


def test_legacy_and_non_report_get_their_own_finding_only() -> None:
    assert [(f.code, f.severity) for f in findings("2018_pingtan_shiyanqu_legacy.html")] == [("TPL003", "warning")]
    assert [(f.code, f.severity) for f in findings("2014_pingtan_not_an_annual_report.html")] == [("TPL004", "error")]


def test_crawler_dumps_equal_the_published_pages() -> None:
    """Digits split from the separator-less dumps equal the HTML values of the same report, cell by cell."""
    for year in range(2019, 2026):
        txt = parse_path(str(CORPUS / f"{year}_pingtan_shiyanqu.txt")).cell_map()
        html = parse_path(str(CORPUS / f"{year}_pingtan_shiyanqu.html")).cell_map()
        read = [k for k, c in txt.items() if c.status == "ok"]
        assert len(read) >= 179
        assert [(k, txt[k].value) for k in read] == [(k, html[k].value) for k in read]


def test_unsplittable_run_is_reported_not_guessed() -> None:
    # 77132470: the prose's 制发77件 leaves 5 splits and its 现行有效393件 agrees with none (issue 13)
    report = parse_path(str(CORPUS / "2023_pingtan_shiyanqu.txt"))
    cells = report.cell_map()
    assert [cells[f"active.normative.{c}"].status for c in ("issued", "repealed", "in_force")] == ["ambiguous"] * 3
    (finding,) = [f for f in findings("2023_pingtan_shiyanqu.txt") if f.code.startswith("STR")]
    assert finding.code == "STR010" and "77132470" in finding.message


def test_run_with_one_split_the_prose_agrees_with_is_read_and_said_so() -> None:
    # 8855698: 制发的规范性文件88件 and 现行有效行政规范性文件698件 leave one split, 88/55/698 (as the HTML page)
    report = parse_path(str(CORPUS / "2022_pingtan_shiyanqu.txt"))
    cells = report.cell_map()
    assert [(cells[f"active.normative.{c}"].status, cells[f"active.normative.{c}"].value) for c in (
        "issued", "repealed", "in_force")] == [("ok", 88), ("ok", 55), ("ok", 698)]  # fmt: skip
    (finding,) = findings("2022_pingtan_shiyanqu.txt")
    assert (finding.code, finding.severity, finding.line, finding.column) == ("STR013", "info", 10, 2357)
    assert finding.cells == ["active.normative.issued", "active.normative.repealed", "active.normative.in_force"]
    assert finding.message == (
        "表1「行政规范性文件」行的数字连在一起（8855698），有多种拆法；按正文「动态更新本年度制发的规范性文件88件」、"
        "「集中公开现行有效行政规范性文件698件」所述拆分为88、55、698"
    )


def test_corpus_sources_file_is_kept() -> None:
    assert (CORPUS / "SOURCES.md").read_text(encoding="utf-8").startswith("# Real-world corpus")


def test_path_type() -> None:
    assert isinstance(CORPUS, Path)
