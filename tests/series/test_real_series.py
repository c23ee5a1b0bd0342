"""The real series: 平潭综合实验区 2018 (legacy) … 2025, as published HTML and as text dumps.

Every cross-year finding below was verified by reading both reports (tables 第二十条第（一）项 and
表2 rows 二/四 of consecutive years):
- 2019→2020 (2019 format): 规章 对外公开总数量 0 → 7 with 本年新公开 0 (YOY004); 规范性文件 89+77=166 and
  every 上一年项目数量 (396, 10, 2648, 126, 35; all 本年增/减 0 in 2019) reconcile.
- 2021→2022: 665+88−55=698 (ok). 2022→2023: 698+77−132=643 ≠ 470. 2023→2024: 470+62−33=499 ≠ 440.
  2024→2025: 440+58−45=453 ≠ 546 (YOY002). 规章 are 0/0/0 every year.
- 上年结转 = last year's 结转下年度 in every year (2021's 1 carried into 2022; all others 0).
- No prose is copied (largest share 2023 vs 2022: about 20%, below 50%).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from gaicheck.checks.emitter import Emitter
from gaicheck.checks.options import Options
from gaicheck.checks.yoy.yoy006_copied_prose import copied_prose
from gaicheck.model.finding import Finding
from gaicheck.model.report import Report
from gaicheck.series.config import load_config
from gaicheck.series.crossfile import cross_file_findings
from gaicheck.series.grouping import group_reports
from gaicheck.series.pair import PairContext
from tests.series.helpers import CORPUS, parse, sig

PINGTAN = sorted(CORPUS.glob("*pingtan_shiyanqu*"))


@pytest.fixture(scope="module")
def pingtan() -> list[Report]:
    return parse(*PINGTAN)


@pytest.fixture(scope="module")
def results(pingtan: list[Report]) -> dict[str, list[Finding]]:
    return cross_file_findings(pingtan, Options())


def _path(name: str) -> str:
    return str(CORPUS / name)


def test_html_and_text_dump_are_one_report_per_year(pingtan: list[Report]) -> None:
    (series,) = group_reports(pingtan)
    assert series.organ == "平潭综合实验区"
    assert series.years() == list(range(2018, 2026))
    assert [Path(r.path).name for r in series.reports] == [
        "2018_pingtan_shiyanqu_legacy.html", *(f"{y}_pingtan_shiyanqu.html" for y in range(2019, 2026))
    ]
    assert sorted(Path(d.path).name for d, _kept in series.duplicates) == [
        f"{y}_pingtan_shiyanqu.txt" for y in range(2019, 2026)
    ]


def test_exact_cross_year_findings(results: dict[str, list[Finding]]) -> None:
    found = {Path(p).name: [sig(f) for f in fs] for p, fs in results.items() if fs}
    normative = (
        "active.normative.in_force", "active.normative.issued", "active.normative.repealed",
        "previous:active.normative.in_force",
    )
    assert found == {
        "2019_pingtan_shiyanqu.html": [("YOY009", (), None, None)],
        "2020_pingtan_shiyanqu.html": [
            ("YOY004", ("active.rules.total_published", "active.rules.new_published",
                        "previous:active.rules.total_published"), 0, 7),
        ],
        "2023_pingtan_shiyanqu.html": [("YOY002", normative, 643, 470)],
        "2024_pingtan_shiyanqu.html": [("YOY002", normative, 499, 440)],
        "2025_pingtan_shiyanqu.html": [("YOY002", normative, 453, 546)],
    }


def test_messages_name_both_files(results: dict[str, list[Finding]]) -> None:
    (f2025,) = results[_path("2025_pingtan_shiyanqu.html")]
    assert f2025.message == (
        f"表1「行政规范性文件」：2024年度报告 {_path('2024_pingtan_shiyanqu.html')} 的现行有效件数440＋本年制发件数58－"
        "本年废止件数45＝453，而本年现行有效件数为546，相差93"
    )
    (f2020,) = results[_path("2020_pingtan_shiyanqu.html")]
    assert f2020.message == (
        f"表1「规章」：2019年度报告 {_path('2019_pingtan_shiyanqu.html')} 的对外公开总数量0＋本年新公开数量0＝0，"
        "而本年对外公开总数量为7，相差7"
    )


def test_legacy_year_is_skipped_with_a_note(results: dict[str, list[Finding]]) -> None:
    (note,) = results[_path("2019_pingtan_shiyanqu.html")]
    assert note.severity == "info"
    assert note.message == (
        f"无法与2018年度报告 {_path('2018_pingtan_shiyanqu_legacy.html')} 做跨年度核对："
        "该报告为2019年以前的旧版格式，与现行格式不可比，不作跨年度比较"
    )
    assert results[_path("2018_pingtan_shiyanqu_legacy.html")] == []


def test_text_dumps_alone_never_give_a_figure_the_html_does_not(results: dict[str, list[Finding]]) -> None:
    """The dumps lost cell separators (`规章000行政规范性文件693665`): whatever cannot be split safely is
    `ambiguous` and not compared (YOY009, info); every cross-year figure finding made from the dumps
    must be one the published HTML gives too (same year, code, cells and values)."""
    dumps = parse(*(p for p in PINGTAN if p.suffix == ".txt"))
    from_dumps = cross_file_findings(dumps, Options())
    numeric = {"YOY001", "YOY002", "YOY003", "YOY004"}
    html = {(Path(p).name[:4], sig(f)) for p, fs in results.items() for f in fs if f.code in numeric}
    txt = {(Path(p).name[:4], sig(f)) for p, fs in from_dumps.items() for f in fs if f.code in numeric}
    assert txt <= html
    assert {f.code for fs in from_dumps.values() for f in fs} <= numeric | {"YOY009"}


def test_one_pair_with_previous(pingtan: list[Report]) -> None:
    by_name = {Path(r.path).name: r for r in pingtan}
    current, previous = by_name["2022_pingtan_shiyanqu.html"], by_name["2021_pingtan_shiyanqu.html"]
    assert cross_file_findings([current], Options(), previous=[previous]) == {current.path: []}


HONGZE = [CORPUS / "2023_huaian_hongzequ.pdf", CORPUS / "2024_huaian_hongzequ.pdf"]


@pytest.fixture(scope="module")
def hongze() -> list[Report]:
    return parse(*HONGZE, CORPUS / "2024_huaian_shi.pdf")


def test_hongze_pdfs_pair_by_the_compiler_in_the_preamble(hongze: list[Report]) -> None:
    """The PDF titles are just `2023年政府信息公开工作年度报告`; the organ comes from 本报告由淮安市洪泽区
    人民政府办公室…编制. The city (淮安市人民政府) is another organ."""
    assert [(s.key, [Path(r.path).name for r in s.reports]) for s in group_reports(hongze)] == [
        ("淮安市政府", ["2024_huaian_shi.pdf"]),
        ("淮安市洪泽区政府", ["2023_huaian_hongzequ.pdf", "2024_huaian_hongzequ.pdf"]),
    ]


def test_hongze_2023_to_2024_reconciles(hongze: list[Report]) -> None:
    """现行有效 8 = 5 + 3 制发 − 0 废止, 上年结转 0 = 结转下年度 0: nothing to say. About half of the prose
    repeats last year's (below the 50% threshold): no YOY006."""
    by_name = {Path(r.path).name: r for r in hongze}
    current = by_name["2024_huaian_hongzequ.pdf"]
    assert {c: current.cell(c).value for c in ("active.normative.in_force", "active.normative.issued",  # type: ignore[union-attr]
                                             "active.normative.repealed")} == {
        "active.normative.in_force": 8, "active.normative.issued": 3, "active.normative.repealed": 0,
    }
    assert by_name["2023_huaian_hongzequ.pdf"].cell("active.normative.in_force").value == 5  # type: ignore[union-attr]
    results = cross_file_findings(hongze, Options())
    assert {Path(p).name: fs for p, fs in results.items() if fs} == {}


def test_similarity_threshold_is_respected(hongze: list[Report]) -> None:
    """The same pair with a lower threshold: the shared prose is reported, with share and passage."""
    by_name = {Path(r.path).name: r for r in hongze}
    previous, current = by_name["2023_huaian_hongzequ.pdf"], by_name["2024_huaian_hongzequ.pdf"]
    out = Emitter(current, Options())
    copied_prose(PairContext(previous, current, out), replace(load_config(), similarity_threshold=0.3))
    assert [f.code for f in out.findings] == ["YOY006", "YOY006"]
    whole, section = out.findings
    assert 0.3 < float(section.actual) <= float(whole.actual) < 0.5  # type: ignore[arg-type]
    assert whole.message.startswith("全文（第一至第六部分的文字）有") and str(previous.path) in whole.message
    assert section.message.startswith("第五部分「存在的主要问题及改进情况」有")


def test_every_input_together_says_only_what_is_true() -> None:
    """All examples, the whole corpus and the hand-made consistent pair in one batch: the only cross-year
    findings are the real ones above (and the 2019/2025 上海市人民政府办公厅 gap)."""
    from tests.series.helpers import ROOT, SERIES

    paths = [*sorted((ROOT / "examples").glob("*.txt")), *sorted(p for p in CORPUS.iterdir() if p.name != "SOURCES.md"),
             *sorted((SERIES / "consistent").iterdir())]
    reports = parse(*paths)
    found = {
        (Path(p).name, f.code)
        for p, fs in cross_file_findings(reports, Options(), previous=reports[:3]).items()
        for f in fs
    }
    assert found == {
        ("2019_pingtan_shiyanqu.html", "YOY009"),
        ("2020_pingtan_shiyanqu.html", "YOY004"),
        ("2023_pingtan_shiyanqu.html", "YOY002"),
        ("2024_pingtan_shiyanqu.html", "YOY002"),
        ("2025_pingtan_shiyanqu.html", "YOY002"),
        ("2025_shanghai_shizhengfu_bangongting.md", "YOY008"),
    }
