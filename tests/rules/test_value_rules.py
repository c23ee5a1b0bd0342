"""VAL004–VAL007 on real tables: the 2021 fee amount's unit and decimals, and the 2019 table-1 relations."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.rules.common import CLEAN, PROSE, SEEDS, run, variant

NEW_VAL = ["VAL004", "VAL005", "VAL006", "VAL007"]
BINJIANG = EXAMPLES / "2020_binjiangxinqu.txt"


@pytest.mark.parametrize("path", [*SEEDS, CLEAN, *sorted(PROSE.iterdir())], ids=lambda p: p.name)
def test_real_tables_have_no_value_finding(path: Path) -> None:
    # includes 平潭 2021/2025 fee amounts with six decimals (24252.311082, 4166.241619)
    assert run(path, NEW_VAL) == []


@pytest.mark.parametrize(
    "written,reason",
    [("125000元", "单元格写明单位为“元”"), ("1250000", "数值达到100万（按万元计即100亿元），疑似按元填报")],
)
def test_fee_amount_in_yuan(tmp_path: Path, written: str, reason: str) -> None:
    path = variant(tmp_path, CLEAN, ("行政事业性收费 | 12.5 |", f"行政事业性收费 | {written} |"))
    found = run(path, NEW_VAL)
    assert [(f.code, f.line, f.cells, f.actual) for f in found] == [("VAL004", 25, ["active.fees.amount"], written)]
    assert (
        found[0].message == f"表1「行政事业性收费」「本年收费金额（单位：万元）」为{written}，{reason}；该列单位是万元"
    )


def test_fee_amount_with_too_many_decimals(tmp_path: Path) -> None:
    assert run(variant(tmp_path, CLEAN, ("行政事业性收费 | 12.5 |", "行政事业性收费 | 24252.311082 |")), NEW_VAL) == []
    found = run(variant(tmp_path, CLEAN, ("行政事业性收费 | 12.5 |", "行政事业性收费 | 12.34567891 |")), NEW_VAL)
    assert [(f.code, f.severity, f.actual) for f in found] == [("VAL005", "info", 8)]


def test_2019_new_published_above_total(tmp_path: Path) -> None:
    path = variant(tmp_path, BINJIANG, ("规范性文件 | 0 | 0 | 0 |", "规范性文件 | 12 | 12 | 5 |"))
    found = run(path, NEW_VAL)
    assert [(f.code, f.cells, f.actual) for f in found] == [
        ("VAL006", ["active.normative.new_published", "active.normative.total_published"], 5)
    ]
    assert found[0].message == "表1「规范性文件」：本年新公开数量（12）大于对外公开总数量（5）"


def test_2019_item_count_below_zero(tmp_path: Path) -> None:
    path = variant(tmp_path, BINJIANG, ("行政许可 | 0 | 0 | 0 |", "行政许可 | 3 | -5 | 120 |"))
    found = run(path, NEW_VAL)
    assert [(f.code, f.severity, f.cells, f.actual) for f in found] == [
        ("VAL007", "error", ["active.license.prev_count", "active.license.change"], -2)
    ]
    ok = variant(tmp_path, BINJIANG, ("行政许可 | 0 | 0 | 0 |", "行政许可 | 3 | -3 | 120 |"), name="ok.txt")
    assert run(ok, NEW_VAL) == []
