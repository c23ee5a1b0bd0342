"""The culprit search on SUM findings (gaicheck/checks/sum/pinpoint.py): classification, suggestions and the
one-line advice on examples and real reports, the JSON/SARIF shape, and the measured rates on consistent
reports (tests/pinpoint/measure.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from gaicheck.api import check_report, parse_path
from gaicheck.checks.context import RuleContext
from gaicheck.checks.options import Options
from gaicheck.checks.sum.pinpoint import SPLIT_RISK, cell_risk
from gaicheck.cli import main
from gaicheck.model.finding import Finding, Suggestion
from gaicheck.model.report import CellValue
from tests.pinpoint.measure import measure, with_values

ROOT = Path(__file__).resolve().parents[2]
WRONG = str(ROOT / "examples/2023_example_wrong_totals.txt")
CLEAN = ROOT / "examples/2023_example_clean.txt"
SUM_CODES = ("SUM001", "SUM002", "SUM003", "SUM004")


def sum_findings(path: str, lang: str = "zh") -> list[Finding]:
    findings = check_report(parse_path(path), Options(select=["SUM"], lang=lang))
    return [f for f in findings if f.code in SUM_CODES]


def test_wrong_totals_gives_the_unique_pair() -> None:
    findings = sum_findings(WRONG)
    table2 = [f for f in findings if f.cells[0].startswith("apply.")]
    assert [f.code for f in table2] == ["SUM001", "SUM003", "SUM001", "SUM003"]
    pair = [
        Suggestion(cell="apply.total.natural", current=49, proposed=48, kind="unique", hint=None, solution=0),
        Suggestion(cell="apply.total.total", current=56, proposed=55, kind="unique", hint=None, solution=0),
    ]
    for finding in table2:
        assert finding.classification == "unique"
        assert finding.suggestions == pair
        assert finding.advice == (
            "最可能出错：表2「（七）总计」「自然人」49改为48、表2「（七）总计」「总计」56改为55，"
            "改后全部勾稽关系成立"
        )
    (review,) = [f for f in findings if f.code == "SUM004"]
    assert review.classification == "candidates"
    assert [(s.cell, s.proposed, s.solution) for s in review.suggestions] == [
        ("review.reconsideration.upheld", 3, 0),
        ("review.reconsideration.corrected", 2, 1),
        ("review.reconsideration.other", 1, 2),
        ("review.reconsideration.pending", 2, 3),
        ("review.reconsideration.total", 4, 4),
    ]
    assert review.advice == (
        "可能出错（5种改法同样使全部勾稽关系成立）：表3「行政复议」「结果维持」2改为3；表3「行政复议」「结果纠正」1改为2；"
        "表3「行政复议」「其他结果」0改为1；表3「行政复议」「尚未审结」1改为2；表3「行政复议」「总计」5改为4"
    )


def test_single_changed_cell_is_named_with_its_value_in_english() -> None:
    report = parse_path(str(CLEAN))
    changed = with_values(report, {"apply.new.natural": 25})  # 52 in the clean report: two digits swapped
    assert report.cell_map()["apply.new.natural"].value == 52
    findings = [f for f in check_report(changed, Options(select=["SUM"], lang="en")) if f.code in SUM_CODES]
    assert [f.code for f in findings] == ["SUM002", "SUM001"]
    for finding in findings:
        assert finding.classification == "unique"
        assert finding.suggestions == [
            Suggestion(
                cell="apply.new.natural", current=25, proposed=52, kind="unique", hint="transposition",
                solution=0,
            )
        ]
        assert finding.advice == (
            'most likely wrong: table 2 "I. New requests for government information received this year" / "natural persons" 25; with 52 every identity holds'
            " (two adjacent digits may be swapped)"
        )


def test_hongze_2023_total_left_zero() -> None:
    findings = sum_findings(str(ROOT / "tests/data/corpus/2023_huaian_hongzequ.pdf"))
    by_row = {f.cells[0].split(".")[1]: f for f in findings}
    assert sorted(by_row) == ["litigation_after", "reconsideration"]
    assert by_row["reconsideration"].classification == "unique"
    assert [(s.cell, s.current, s.proposed) for s in by_row["reconsideration"].suggestions] == [
        ("review.reconsideration.total", 0, 11)
    ]
    assert by_row["litigation_after"].classification == "candidates"
    assert [(s.cell, s.current, s.proposed) for s in by_row["litigation_after"].suggestions] == [
        ("review.litigation_after.upheld", 5, 0),
        ("review.litigation_after.total", 0, 5),
    ]


def test_pingtan_2020_two_pairs() -> None:
    findings = sum_findings(str(ROOT / "tests/data/corpus/2020_pingtan_shiyanqu.html"))
    assert [f.code for f in findings] == ["SUM003", "SUM003"]
    for finding in findings:
        assert finding.classification == "candidates"
        assert [(s.cell, s.current, s.proposed, s.solution) for s in finding.suggestions] == [
            ("apply.granted.natural", 6, 0, 0),
            ("apply.granted.total", 7, 1, 0),
            ("apply.partial.natural", 6, 0, 1),
            ("apply.partial.total", 6, 0, 1),
        ]


def test_none_when_no_small_change_explains() -> None:
    report = parse_path(str(CLEAN))
    cells = report.cell_map()
    changes = {k: int(v) + d for k, d in (("apply.granted.natural", 3), ("apply.partial.research", 1),
                                          ("apply.new.legal", 2)) if isinstance(v := cells[k].value, int)}
    findings = [f for f in check_report(with_values(report, changes), Options(select=["SUM"])) if f.code in SUM_CODES]
    assert findings and {f.classification for f in findings} == {"none"}
    assert {f.advice for f in findings} == {"改动一两个数字无法使全部勾稽关系成立：可能有多个数字出错，或某行错位"}
    assert all(f.suggestions == [] for f in findings)


@dataclass(slots=True)
class _OcrCell(CellValue):
    confidence: float = 1.0  # what an OCR reader may add to a cell


def test_risk_from_a_cell_attribute_and_a_split_neighbour() -> None:
    plain = CellValue(key="apply.granted.natural", table="apply", row="granted", col="natural", row_label="",
                      column_label="")
    doubtful = _OcrCell(key="apply.granted.natural", table="apply", row="granted", col="natural", row_label="",
                        column_label="", confidence=0.25)
    assert cell_risk(plain, frozenset()) == 0.0
    assert cell_risk(doubtful, frozenset()) == 0.75
    assert cell_risk(plain, frozenset({("apply", "granted")})) == SPLIT_RISK


def test_low_confidence_cell_ranks_first_among_equal_candidates() -> None:
    report = parse_path(WRONG)
    # table 3 row 行政复议 is broken by one: five cells explain it equally; make 尚未审结 doubtful
    report.cells = [
        _OcrCell(**{k: getattr(c, k) for k in (*CellValue.__dataclass_fields__,)}, confidence=0.3)
        if c.key == "review.reconsideration.pending" else c
        for c in report.cells
    ]
    ctx = RuleContext(report, Options(select=["SUM004"]))
    from gaicheck.checks.sum.identities import check

    check(ctx)
    (finding,) = ctx.emitter.findings
    assert finding.suggestions[0].cell == "review.reconsideration.pending"


def test_json_and_sarif_carry_the_suggestion() -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["check", "--format", "json", "--select", "SUM001", WRONG]).output
    (first, _second) = json.loads(out)["files"][0]["findings"]
    assert first["classification"] == "unique"
    assert first["suggestions"][0] == {
        "cell": "apply.total.natural", "current": 49, "proposed": 48, "kind": "unique", "hint": None, "solution": 0,
    }
    sarif = json.loads(runner.invoke(main, ["check", "--format", "sarif", "--select", "SUM001", WRONG]).output)
    result = sarif["runs"][0]["results"][0]
    assert "fixes" not in result  # a SARIF fix must edit the artifact: gaicheck never edits a document
    assert result["properties"]["classification"] == "unique"
    assert [s["cell"] for s in result["properties"]["suggestions"]] == ["apply.total.natural", "apply.total.total"]


def test_text_says_it_on_the_finding_line() -> None:
    out = CliRunner().invoke(main, ["check", "--select", "SUM001", WRONG]).output.splitlines()
    assert out[0].endswith(
        "相差1 → 最可能出错：表2「（七）总计」「自然人」49改为48、表2「（七）总计」「总计」56改为55，改后全部勾稽关系成立"
    )
    assert len(out) == 3  # two findings, one line each, and the summary


def test_measured_on_a_consistent_report() -> None:
    tally = measure([CLEAN], pair_samples=40)
    single = sum(tally.single.values())
    assert single > 500
    assert tally.single["unique_right"] / single >= 0.95
    assert tally.single["excluded"] == 0 and tally.table3["excluded"] == 0
    assert tally.table3["among_candidates"] + tally.table3["unique_right"] == sum(tally.table3.values()) > 0
    assert tally.pairs["pair_among_candidates"] == sum(tally.pairs.values()) == 40
