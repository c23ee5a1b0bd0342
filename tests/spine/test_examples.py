"""The hand-made examples: exact findings, and the mutation test — changing any single number of the
clean report produces a finding that names that cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaicheck.api import check_path, parse_path
from gaicheck.checks.options import Options
from tests.conftest import EXAMPLES
from tests.spine.helpers import REVIEW_COLS, SPINE, outcome_rows, row, sorted_signature

CLEAN = EXAMPLES / "2023_example_clean.txt"
WRONG = EXAMPLES / "2023_example_wrong_totals.txt"


def test_clean_example_has_no_finding() -> None:
    assert check_path(str(CLEAN)) == []  # no rule of any family fires on it
    report = parse_path(str(CLEAN))
    assert report.template == "2021" and report.report_year == 2023
    assert all(c.status == "ok" for c in report.cells)
    assert len(report.cells) == 10 + 175 + 15


def test_wrong_totals_example_exact_findings() -> None:
    outcomes = outcome_rows("2021")

    def col(rows_: list[str], c: str) -> tuple[str, ...]:
        return tuple(sorted(f"apply.{r}.{c}" for r in rows_))

    expected = [
        ("VAL002", 21, ("active.penalty.decisions",), None, 46.5),
        ("SUM001", 53, col(["new", "carried_over", "total", "carry_forward"], "natural"), 55, 56),
        ("SUM001", 53, col(["new", "carried_over", "total", "carry_forward"], "total"), 63, 64),
        ("SUM003", 53, col([*outcomes, "total"], "natural"), 48, 49),
        ("SUM003", 53, col([*outcomes, "total"], "total"), 55, 56),
        ("SUM004", 59, tuple(sorted(row("review", "reconsideration", REVIEW_COLS))), 4, 5),
    ]
    assert sorted(sorted_signature(str(WRONG)), key=repr) == sorted(expected, key=repr)


def test_wrong_totals_message_in_words_a_clerk_understands() -> None:
    messages = {f.code + f.cells[-1]: f.message for f in check_path(str(WRONG), Options(select=SPINE))}
    assert messages["SUM001apply.carry_forward.natural"] == (
        "表2「自然人」列：第一项(52)+第二项(3)=55，第三项（七）总计(49)+第四项(7)=56，相差1"
    )
    assert messages["SUM004review.reconsideration.total"] == (
        "表3「行政复议」：结果维持(2)+结果纠正(1)+其他结果(0)+尚未审结(1)=4，而总计为5，相差1"
    )


def test_english_messages() -> None:
    findings = check_path(str(WRONG), Options(lang="en"))
    sum004 = next(f for f in findings if f.code == "SUM004")
    assert sum004.message == (
        'Table 3, "Administrative reconsideration": upheld(2)+corrected(1)+other result(0)+pending(1)=4 '
        "but the total is 5, difference 1"
    )


def _identity_cells() -> list[tuple[str, int, int]]:
    """(key, line, column) of every table-2/3 cell of the clean report (all take part in an identity)."""
    report = parse_path(str(CLEAN))
    return [(c.key, c.line or 0, c.column or 0) for c in report.cells if c.table in ("apply", "review")]


@pytest.mark.parametrize("key,line,column", _identity_cells())
def test_changing_any_number_of_the_clean_report_is_found(tmp_path: Path, key: str, line: int, column: int) -> None:
    lines = CLEAN.read_text(encoding="utf-8").splitlines()
    text = lines[line - 1]
    start = column - 1
    end = start
    while end < len(text) and text[end].isdigit():
        end += 1
    old = int(text[start:end])
    lines[line - 1] = text[:start] + str(old + 1) + text[end:]
    mutated = tmp_path / "mutated.txt"
    mutated.write_text("\n".join(lines) + "\n", encoding="utf-8")
    findings = check_path(str(mutated), Options(select=SPINE))
    assert any(f.code.startswith("SUM") and key in f.cells for f in findings), (key, findings)


def test_a_table1_count_made_negative_is_found(tmp_path: Path) -> None:
    text = CLEAN.read_text(encoding="utf-8").replace("行政许可 | 128 | |", "行政许可 | -128 | |")
    path = tmp_path / "neg.txt"
    path.write_text(text, encoding="utf-8")
    found = [(f.code, f.cells) for f in check_path(str(path), Options(select=SPINE))]
    assert found == [("VAL001", ["active.license.decisions"])]
