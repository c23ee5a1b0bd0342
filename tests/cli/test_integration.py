"""The integration points: the cross-file hook of `check` (gaicheck.series), `--previous`, the progress
bar decision, and the Python API for CMS integrations."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import gaicheck
from gaicheck import cli
from gaicheck.api import check_file_report
from gaicheck.engine.core import Options
from gaicheck.model.finding import Finding
from gaicheck.model.report import Report
from gaicheck.pipeline import crossyear

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
WRONG = EXAMPLES / "2023_example_wrong_totals.txt"
CLEAN = EXAMPLES / "2023_example_clean.txt"


class FakeCrossFile:
    """Stands in for the cross-year rules (gaicheck.pipeline.crossyear.findings) and records its calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], list[str]]] = []

    def __call__(self, reports: list[Report], options: Options, previous: list[Report] | None = None) -> Any:
        self.calls.append(([r.path for r in reports], [p.path for p in previous or []]))
        extra = Finding(code="STR001", name="missing-section", severity="warning", message="跨年度", line=1, column=1)
        late = Finding(code="SUM005", name="identity-unverifiable", severity="warning", message="末尾", line=999)
        return {reports[0].path: [late, extra]}


@pytest.fixture
def twin(tmp_path: Path) -> Path:
    """Last year's report of the same organ as WRONG (the cross-year rules run organ by organ)."""
    path = tmp_path / "2022_example_wrong_totals.txt"
    path.write_text(WRONG.read_text(encoding="utf-8").replace("2023年度政府信息公开工作年度报告", "2022年度政府信息公开工作年度报告", 1),
                    encoding="utf-8")
    return path


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeCrossFile:
    stub = FakeCrossFile()
    monkeypatch.setattr(crossyear, "findings", stub)
    return stub


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli.main, list(args))
    return result.exit_code, result.stdout


def test_cross_file_findings_are_merged_sorted_and_filtered(tmp_path: Path, fake: FakeCrossFile, twin: Path) -> None:
    code, out = invoke("check", "--isolated", "--select", "SUM004,STR001,SUM005", "--format", "json", "-j", "1",
                       str(WRONG), str(twin))
    assert code == 1
    assert fake.calls == [([str(WRONG), str(twin)], [])]
    findings = json.loads(out)["files"][0]["findings"]
    assert [(f["code"], f["line"]) for f in findings] == [("STR001", 1), ("SUM004", 59), ("SUM005", 999)]
    # ignored codes stay ignored, whatever produced them
    _code, out = invoke("check", "--isolated", "--select", "SUM004,STR001", "--format", "json", str(WRONG), str(twin))
    assert [f["code"] for f in json.loads(out)["files"][0]["findings"]] == ["STR001", "SUM004"]
    config = tmp_path / "g.toml"
    config.write_text(f'[per-file-ignores]\n"{WRONG.name}" = ["STR001"]\n', encoding="utf-8")
    _code, out = invoke("check", "--config", str(config), "--select", "SUM004,STR001", "--format", "json",
                        str(WRONG), str(twin))
    assert [f["code"] for f in json.loads(out)["files"][0]["findings"]] == ["SUM004"]


def test_reports_of_different_organs_are_never_given_together(fake: FakeCrossFile, twin: Path) -> None:
    invoke("check", "--isolated", str(WRONG), str(CLEAN), str(twin))
    assert fake.calls == [([str(WRONG), str(twin)], [])]  # 示例镇 (CLEAN) has no other year: not called
    fake.calls.clear()
    invoke("check", "--isolated", str(WRONG), str(CLEAN))
    assert fake.calls == []


def test_single_file_without_previous_does_not_call_cross_file(fake: FakeCrossFile) -> None:
    invoke("check", "--isolated", str(CLEAN))
    assert fake.calls == []


def test_previous_is_read_but_not_reported(tmp_path: Path, fake: FakeCrossFile) -> None:
    last_year = tmp_path / "2022.txt"
    shutil.copy(CLEAN, last_year)
    _code, out = invoke("check", "--isolated", "--select", "STR001", "--format", "json", "--previous",
                        str(last_year), str(WRONG))
    assert fake.calls == [([str(WRONG)], [str(last_year)])]
    document = json.loads(out)
    assert [f["path"] for f in document["files"]] == [str(WRONG)]
    assert [f["code"] for f in document["files"][0]["findings"]] == ["STR001"]


def test_cross_file_findings_respect_the_baseline(tmp_path: Path, fake: FakeCrossFile, twin: Path) -> None:
    baseline = tmp_path / "b.json"
    args = ["check", "--isolated", "--select", "STR001,SUM004", str(WRONG), str(twin)]
    assert invoke(*args, "--write-baseline", str(baseline))[0] == 0
    code, out = invoke(*args, "--baseline", str(baseline))
    assert code == 0 and out.splitlines() == ["共检查2个文件：错误0个，警告0个，提示0个"]


def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: True)
    assert cli._show_progress(cli.PROGRESS_MIN_FILES)
    assert not cli._show_progress(3)
    assert not cli._show_progress(1000, lines_on_terminal=True)  # text lines streaming to the same terminal
    monkeypatch.setenv("CI", "true")
    assert not cli._show_progress(1000)
    monkeypatch.delenv("CI")
    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: False)
    assert not cli._show_progress(1000)


def test_python_api() -> None:
    findings = gaicheck.check_path(str(WRONG), Options(select=["SUM004"]))
    assert [(f.code, f.expected, f.actual) for f in findings] == [("SUM004", 4, 5)]
    report = gaicheck.parse_path(str(WRONG))
    cell = report.cell("review.reconsideration.total")
    assert cell is not None and (cell.value, cell.line) == (5, 59)
    result, parsed = check_file_report(str(WRONG), Options(select=["SUM004"]))
    assert parsed is not None and parsed.organ == "示例县错例镇人民政府"
    assert [f.code for f in result.findings] == ["SUM004"]
    result, parsed = check_file_report(str(EXAMPLES / "missing.txt"))
    assert parsed is None and result.error is not None and "无法读取文件" in result.error


def test_a_failing_cross_file_rule_keeps_the_per_file_findings(monkeypatch: pytest.MonkeyPatch, twin: Path) -> None:
    def broken(reports: list[Report], options: Options, previous: list[Report] | None = None) -> Any:
        raise KeyError("boom")

    monkeypatch.setattr(crossyear, "findings", broken)
    result = CliRunner().invoke(cli.main, ["check", "--isolated", "--select", "SUM004", str(WRONG), str(twin)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(f"{WRONG}:59:17: SUM004 ")
    assert "cross-file rules failed: KeyError" in result.stderr
