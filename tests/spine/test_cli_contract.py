"""The command line and the JSON contracts of `check` and `parse`, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from gaicheck.cli import main
from tests.conftest import EXAMPLES

WRONG = str(EXAMPLES / "2023_example_wrong_totals.txt")
CLEAN = str(EXAMPLES / "2023_example_clean.txt")


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.output


def test_exit_codes() -> None:
    assert run("check", CLEAN)[0] == 0
    assert run("check", WRONG)[0] == 1
    assert run("check", WRONG, "--select", "STR")[0] == 0
    assert run("check", str(EXAMPLES / "2020_binjiangxinqu.txt"))[0] == 0  # warnings only
    assert run("check", str(EXAMPLES / "2020_binjiangxinqu.txt"), "--fail-on", "warning")[0] == 1
    assert run("check", WRONG, "--select", "XYZ999")[0] == 2


def test_unreadable_file_gets_exit_2_and_the_batch_goes_on(tmp_path: Path) -> None:
    binary = tmp_path / "broken.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    code, out = run("check", str(binary), WRONG)
    assert code == 2
    assert f"{binary}: 无法检查: 无法识别的文件格式" in out
    assert "SUM004" in out
    code, out = run("check", str(tmp_path / "missing.txt"))
    assert code == 2 and "无法读取文件" in out


SPINE = "STR,TPL,SUM,VAL001,VAL002,VAL003"


def test_text_output_lines_and_summary() -> None:
    code, out = run("check", WRONG, "--select", SPINE)
    lines = out.strip().splitlines()
    assert lines[0] == f"{WRONG}:21:8: VAL002 表1「行政处罚」「本年处理决定数量」不是整数（46.5），件数、项数应为整数"
    assert lines[-1] == "共检查1个文件：错误6个，警告0个，提示0个"
    code, out = run("check", WRONG, "--lang", "en", "--select", SPINE)
    assert out.strip().splitlines()[-1] == "1 file(s) checked: 6 error(s), 0 warning(s), 0 info"


def test_json_contract() -> None:
    code, out = run("check", WRONG, "--format", "json", "--select", SPINE)
    data = json.loads(out)
    assert set(data) == {"version", "files", "summary"}
    file = data["files"][0]
    assert {k: file[k] for k in ("path", "format", "template", "report_year", "organ", "error")} == {
        "path": WRONG, "format": "text", "template": "2021", "report_year": 2023, "organ": "示例县错例镇人民政府",
        "error": None,
    }
    f = next(x for x in file["findings"] if x["code"] == "SUM004")
    assert f == {
        "code": "SUM004", "name": "review-group-total", "severity": "error",
        "message": "表3「行政复议」：结果维持(2)+结果纠正(1)+其他结果(0)+尚未审结(1)=4，而总计为5，相差1",
        "line": 59, "column": 17, "page": None, "where": None,
        "cells": [f"review.reconsideration.{c}" for c in ("upheld", "corrected", "other", "pending", "total")],
        "expected": 4, "actual": 5, "classification": "candidates",
        "suggestions": [
            {"cell": f"review.reconsideration.{c}", "current": v, "proposed": v + d, "kind": "candidate", "hint": None,
             "solution": i}
            for i, (c, v, d) in enumerate(
                [("upheld", 2, 1), ("corrected", 1, 1), ("other", 0, 1), ("pending", 1, 1), ("total", 5, -1)]
            )
        ],
        "advice": "可能出错（5种改法同样使全部勾稽关系成立）：表3「行政复议」「结果维持」2改为3；表3「行政复议」「结果纠正」1改为2；"
        "表3「行政复议」「其他结果」0改为1；表3「行政复议」「尚未审结」1改为2；表3「行政复议」「总计」5改为4",
    }
    assert data["summary"] == {"files": 1, "errors": 6, "warnings": 0, "infos": 0, "unreadable": 0}


def test_parse_contract_one_entry_per_template_cell() -> None:
    code, out = run("parse", str(EXAMPLES / "2022_shuikouzhen.txt"), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert (data["template"], data["report_year"], data["organ"], data["published"]) == ("2019", 2022, "水口镇", "2023-01-19")
    assert len(data["cells"]) == 22 + 161 + 15
    assert [s["key"] for s in data["sections"]] == ["overview", "active", "apply", "review", "problems", "other"]
    cell = next(c for c in data["cells"] if c["key"] == "active.procurement.amount")
    assert cell == {
        "key": "active.procurement.amount", "table": "active", "row_label": "政府集中采购", "column_label": "采购总金额",
        "raw": "37964.59万元", "value": 37964.59, "unit": "万元", "status": "ok", "line": 128, "column": 1,
        "page": None, "where": None,
    }
    blank = next(c for c in data["cells"] if c["key"] == "apply.new.natural")
    assert (blank["raw"], blank["value"], blank["status"]) == ("", None, "empty")


def test_stdin_rules_explain() -> None:
    code, out = run("check", "-", stdin=Path(WRONG).read_bytes())
    assert code == 1 and "<stdin>:59:17: SUM004" in out
    code, out = run("rules")
    assert code == 0 and "SUM001" in out and "apply-official-identity" in out
    code, out = run("explain", "SUM001")
    assert code == 0 and "第一项加第二项之和，等于第三项加第四项之和" in out
    code, out = run("explain", "sum001", "--lang", "en")
    assert code == 0 and "Default severity: error" in out
    assert run("explain", "NOPE1")[0] == 2
