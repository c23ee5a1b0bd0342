"""Every output format on the real examples: content checked, not only "it ran"."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import lxml.html
import pytest
from click.testing import CliRunner

from gaicheck.api import parse_path, result_for
from gaicheck.cli import main
from gaicheck.engine.core import Options
from gaicheck.output import full, github, html, text
from gaicheck.output.schema import check_document_model, json_schema

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
WRONG = EXAMPLES / "2023_example_wrong_totals.txt"
CLEAN = EXAMPLES / "2023_example_clean.txt"
SARIF_SCHEMA = ROOT / "tests" / "data" / "output" / "sarif-schema-2.1.0-rtm.4.json"
# the arithmetic and value findings of the wrong-totals example: (code, severity, line, column, expected, actual)
WRONG_FINDINGS = [
    ("VAL002", "error", 21, 8, None, 46.5),
    ("SUM001", "error", 53, 11, 55, 56),
    ("SUM003", "error", 53, 11, 48, 49),
    ("SUM001", "error", 53, 36, 63, 64),
    ("SUM003", "error", 53, 36, 55, 56),
    ("SUM004", "error", 59, 17, 4, 5),
]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "SUM,VAL", *args], env=env)
    return result.exit_code, result.stdout


def test_text_pipe_has_no_colour_and_terminal_colour_only_styles() -> None:
    code, out = run(str(WRONG))
    assert code == 1
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert lines[0] == (
        f"{WRONG}:21:8: VAL002 表1「行政处罚」「本年处理决定数量」不是整数（46.5），件数、项数应为整数"
    )
    assert lines[-1] == "共检查1个文件：错误6个，警告0个，提示0个"
    report = parse_path(str(WRONG))
    result = result_for(report, Options(select=["SUM004"]))
    coloured = text.format_finding(result, result.findings[0], "zh", color=True)
    assert "\x1b[31" in coloured  # the code in red: an error
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == text.format_finding(result, result.findings[0], "zh")


def test_text_statistics_counts_per_code() -> None:
    _code, out = run(str(WRONG), "--statistics")
    assert "     2  SUM001  apply-official-identity" in out.splitlines()
    assert "     1  SUM004  review-group-total" in out.splitlines()


def test_full_shows_the_table_around_the_identity() -> None:
    code, out = run(str(WRONG), "--format", "full", "--select", "SUM004")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{WRONG}:59:17: SUM004 表3「行政复议」")
    assert "表3 政府信息公开行政复议、行政诉讼情况" in out
    header = next(line for line in lines if "结果维持" in line)
    for label in ("结果纠正", "其他结果", "尚未审结", "总计"):
        assert label in header
    row = next(line for line in lines if "行政复议" in line and "[" in line)
    # the five cells of the identity, each one of five equally good candidates with its proposed value
    assert re.findall(r"\[(\d+) → (\d+)\]", row) == [("2", "3"), ("1", "2"), ("0", "1"), ("1", "2"), ("5", "4")]
    assert "  应为 4，实为 5" in lines


def test_full_renders_only_the_rows_and_columns_involved() -> None:
    report = parse_path(str(WRONG))
    result = result_for(report, Options(select=["SUM001"]))
    out = full.render([(result, report)], "zh")
    first = out.split("\n\n")[0]
    assert "自然人" in first and "商业企业" not in first
    for label in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（七）总计", "四、结转下年度继续办理"):
        assert label in first
    assert re.findall(r"\[(\d+(?: → \d+)?)\]", first) == ["52", "3", "49 → 48", "7"]
    assert "应为 55，实为 56" in first


def test_json_validates_against_the_published_schema() -> None:
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", str(EXAMPLES)])
    document = json.loads(result.stdout)
    schema_out = CliRunner().invoke(main, ["schema"]).stdout
    schema = json.loads(schema_out)
    assert schema == json_schema()
    jsonschema.validate(document, schema)
    check_document_model().model_validate(document)
    assert document["summary"]["files"] == 7
    broken = dict(document, extra=1)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_sarif_validates_against_the_sarif_2_1_0_schema(tmp_path: Path) -> None:
    chinese = tmp_path / "错例报告.txt"
    shutil.copy(WRONG, chinese)
    code, out = run(str(chinese), "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"SUM001", "SUM004", "VAL002", "STR001"}
    results = run_["results"]
    got = [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in results
    ]
    assert got == [(c, s, line, col) for c, s, line, col, _e, _a in WRONG_FINDINGS]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert "%E9%94%99%E4%BE%8B" in uri and "错" not in uri  # percent-encoded UTF-8
    assert unquote(uri).endswith("错例报告.txt")
    assert run_["columnKind"] == "unicodeCodePoints"


def test_columns_count_characters_not_bytes() -> None:
    line = WRONG.read_text(encoding="utf-8").splitlines()[52]
    assert line[11 - 1 : 11 + 1] == "49"  # SUM001/SUM003 at 53:11 point at the （七）总计 value
    assert len(line[:10].encode("utf-8")) != 10


def test_sarif_reports_unreadable_files_as_notifications(tmp_path: Path) -> None:
    missing = tmp_path / "没有.txt"
    code, out = run(str(missing), str(CLEAN), "--format", "sarif")
    assert code == 2
    log = json.loads(out)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notification = invocation["toolExecutionNotifications"][0]
    assert "无法读取文件" in notification["message"]["text"]


def test_github_workflow_commands_and_step_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    code, out = run(str(WRONG), "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1
    lines = out.splitlines()
    pattern = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),title=([A-Z]+\d+)::(.+)$")
    parsed = [pattern.match(line) for line in lines]
    assert all(parsed)
    got = [(m.group(5), m.group(1), int(m.group(3)), int(m.group(4))) for m in parsed if m]
    assert got == [(c, s, line, col) for c, s, line, col, _e, _a in WRONG_FINDINGS]
    assert lines[-1].endswith("::表3「行政复议」：结果维持(2)+结果纠正(1)+其他结果(0)+尚未审结(1)=4，而总计为5，相差1")
    written = summary.read_text(encoding="utf-8")
    assert "共检查1个文件：错误6个，警告0个，提示0个" in written
    assert "| SUM001 | apply-official-identity | 2 |" in written


def test_github_escapes_properties_and_data() -> None:
    from gaicheck.model.finding import Finding

    finding = Finding(code="STR001", name="x", severity="info", message="a%b\nc", line=3, column=1)
    assert github.annotation("a,b:c.txt", finding) == "::notice file=a%2Cb%3Ac.txt,line=3,col=1,title=STR001::a%25b%0Ac"


def test_junit_one_testcase_per_file() -> None:
    code, out = run(str(CLEAN), str(WRONG), str(EXAMPLES / "nonexistent.txt"), "--format", "junit")
    assert code == 2
    root = ET.fromstring(out.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [str(CLEAN), str(WRONG), str(EXAMPLES / "nonexistent.txt")]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    assert cases[0].find("failure") is None and cases[0].find("error") is None
    failure = cases[1].find("failure")
    assert failure is not None
    assert failure.get("message") == "6 finding(s): SUM001, SUM003, SUM004, VAL002"
    assert (failure.text or "").count("\n") == 5
    assert cases[2].find("error") is not None


def test_junit_findings_below_fail_on_go_to_system_out() -> None:
    _code, out = run(str(WRONG), "--format", "junit", "--select", "SUM004", "--fail-on", "error")
    case = ET.fromstring(out).find("testsuite/testcase")
    assert case is not None and case.find("failure") is not None
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--select", "STR", "--format", "junit", str(EXAMPLES / "2022_shuikouzhen.txt")]
    )
    case = ET.fromstring(result.stdout).find("testsuite/testcase")
    assert case is not None and case.find("failure") is None
    assert "STR006" in (case.findtext("system-out") or "")


def test_gitlab_code_quality(tmp_path: Path) -> None:
    out_file = tmp_path / "gl-code-quality-report.json"
    code, _ = run(str(WRONG), str(EXAMPLES / "2022_shuikouzhen.txt"), "--format", "gitlab", "-o", str(out_file),
                  "--select", "SUM,VAL,STR")
    assert code == 1
    raw = out_file.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    issues = json.loads(raw.decode("utf-8"))
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    first = issues[0]
    assert set(first) == {"type", "description", "check_name", "fingerprint", "severity", "location"}
    assert first["location"] == {"path": str(WRONG), "lines": {"begin": 21}}
    assert (first["check_name"], first["severity"]) == ("VAL002", "major")
    assert {i["severity"] for i in issues if i["check_name"] == "STR006"} == {"minor"}
    again = json.loads(CliRunner().invoke(main, [
        "check", "--isolated", "--select", "SUM,VAL,STR", "--lang", "en", "--format", "gitlab", str(WRONG),
        str(EXAMPLES / "2022_shuikouzhen.txt")]).stdout)
    assert [i["fingerprint"] for i in again] == fingerprints  # stable across languages and runs


def _html_tree(out: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(out.encode("utf-8"))


def test_html_report_colours_cells_and_links_findings(tmp_path: Path) -> None:
    out_file = tmp_path / "report.html"
    code, _ = run(str(WRONG), "--format", "html", "--output", str(out_file))
    assert code == 1
    page = out_file.read_text(encoding="utf-8")
    tree = _html_tree(page)
    def keys(state: str) -> set[str]:
        return {td.get("data-key") for td in tree.xpath(f'//td[contains(@class, "{state}")]')}

    # the culprit search's unique pair, strongly marked with the proposed values beside
    assert keys("suggested") == {"apply.total.natural", "apply.total.total"}
    assert [td.text_content() for td in tree.xpath('//td[@id="cell-apply.total.natural"]')] == ["49→ 48"]
    # table 3's five equally good candidates; the value error of table 1 (VAL002)
    assert keys("candidate") == {f"review.reconsideration.{c}" for c in ("upheld", "corrected", "other", "pending", "total")}
    assert keys("wrong") == {"active.penalty.decisions"}
    assert [td.text_content() for td in tree.xpath('//td[@id="cell-active.penalty.decisions"]')] == ["46.5✗"]
    # the other non-zero cells of the broken identities are outlined; their zeros stay unmarked
    report = parse_path(str(WRONG))
    result = result_for(report, Options(select=["SUM"]))
    values = {c.key: c.value for c in report.cells}
    named = {k for f in result.findings for k in f.cells} - keys("suggested") - keys("candidate")
    assert keys("involved") == {k for k in named if values[k]}
    assert len(keys("involved")) == 30  # 15 non-zero cells in each of the two broken columns
    assert keys("blank") == set() and keys("unverifiable") == set()
    # one legend, the group headings of table 2
    assert tree.xpath('//p[@class="legend"]/span/@class') == [
        "suggested", "candidate", "involved", "wrong", "blank", "unverifiable"
    ]
    assert tree.xpath('//table[@data-table="apply"]//tr[@class="group"]/th/text()')[:2] == ["三、本年度办理结果", "（三）不予公开"]
    assert "最可能出错：表2「（七）总计」「自然人」49改为48" in page
    links = tree.xpath('//ol[@class="findings"]//a/@href')
    assert len(links) == 6
    ids = set(tree.xpath("//@id"))
    assert all(href[1:] in ids for href in links)
    assert len(tree.xpath("//table")) == 3  # table 1 (its blocks under captions), tables 2 and 3
    assert "数值有误" in page and "解释" not in page[:200]
    explanations = tree.xpath('//p[@class="explain"]/text()')
    assert any("国办" in e or "总计" in e for e in explanations)
    # self-contained: no external resource, no script
    assert not tree.xpath("//script | //link | //img | //iframe")
    assert "http" not in page.split("<body>")[1].split("</h1>")[0]


def test_html_blank_and_unverifiable_cells() -> None:
    report = parse_path(str(EXAMPLES / "2022_shuikouzhen.txt"))
    result = result_for(report, Options())
    page = html.render_report_html(report, result.findings, "zh")
    tree = _html_tree(page)
    blank = tree.xpath('//td[contains(@class, "blank")]')
    assert len(blank) == sum(1 for c in report.cells if c.status in ("empty", "missing"))
    assert len(blank) > 50
    assert tree.xpath('//td[contains(@class, "wrong") or contains(@class, "suggested")]') == []


def test_html_escapes_report_text() -> None:
    report = parse_path(str(CLEAN))
    report = replace(report, organ="<script>alert(1)</script>", path="a&b.txt")
    page = html.render_report_html(report, [], "zh")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "a&amp;b.txt" in page
    assert "未发现问题。" in page


def test_html_in_english() -> None:
    report = parse_path(str(WRONG))
    result = result_for(report, Options(select=["SUM004"], lang="en"))
    page = html.render_report_html(report, result.findings, "en")
    assert '<html lang="en">' in page and "one of the possible culprits" in page and "Table 3" in page
    assert "（七）总计" not in page and "(7) Total" in page and "(3) Not disclosed" in page
