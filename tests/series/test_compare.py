"""`gaicheck compare OLD NEW` on the 平潭 series: 2019→2020 (both in the 2019 format) and 2022→2023 (both
2021): named cells with their old and new values and change, the cross-year findings exactly as
`gaicheck check OLD NEW` gives them, and the prose reuse measure of YOY006."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from gaicheck.cli import main

PT = "tests/data/corpus/{}_pingtan_shiyanqu.html"


def _compare(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["compare", *args])
    return result.exit_code, result.stdout


@pytest.fixture(scope="module")
def json_2022(request: pytest.FixtureRequest) -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(request.config.rootpath)
        code, out = _compare(PT.format(2022), PT.format(2023), "--format", "json")
    assert code == 0
    data: dict[str, Any] = json.loads(out)
    return data


def _cells(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["key"]: c for t in data["tables"] for c in t["cells"]}


def test_2022_to_2023_cells(json_2022: dict[str, Any]) -> None:
    data = json_2022
    assert data["old"] == {"path": PT.format(2022), "report_year": 2022, "template": "2021", "organ": "平潭综合实验区"}
    assert data["new"]["report_year"] == 2023 and data["paired"] is True
    assert [(t["number"], t["title"], len(t["cells"])) for t in data["tables"]] == [
        (1, "主动公开政府信息情况", 10), (2, "收到和处理政府信息公开申请情况", 175), (3, "政府信息公开行政复议、行政诉讼情况", 15),
    ]
    assert data["summary"] == {"same": 156, "up": 24, "down": 20, "unread": 0, "only_old": 0, "only_new": 0}
    cells = _cells(data)
    in_force = cells["active.normative.in_force"]
    assert (in_force["row"], in_force["column"]) == ("行政规范性文件", "现行有效件数")
    assert (in_force["old"]["value"], in_force["new"]["value"], in_force["delta"], in_force["change"]) == (
        698, 470, -228, "down")
    assert [(cells[k]["old"]["value"], cells[k]["new"]["value"], cells[k]["delta"]) for k in (
        "active.normative.repealed", "active.license.decisions", "active.fees.amount", "apply.new.natural",
        "apply.total.total", "review.litigation_direct.total", "apply.carry_forward.total",
    )] == [(55, 132, 77), (10690, 2629, -8061), (9116.36, 5949.088667, -3167.271333), (71, 80, 9), (75, 81, 6),
           (1, 5, 4), (0, 0, 0)]
    assert cells["apply.carry_forward.total"]["change"] == "same"


def test_2022_to_2023_findings_and_prose(json_2022: dict[str, Any]) -> None:
    findings = json_2022["findings"]
    assert [(f["path"], f["code"], f["expected"], f["actual"]) for f in findings] == [
        (PT.format(2023), "YOY002", 643, 470),
    ]
    assert findings[0]["message"].startswith("表1「行政规范性文件」：2022年度报告 tests/data/corpus/2022_pingtan_shiyanqu.html "
                                             "的现行有效件数698＋本年制发件数77－本年废止件数132＝643")
    assert [(p["scope"], p["share"], p["copied"], p["chars"], p["longest_chars"]) for p in json_2022["prose"]] == [
        ("全文（第一至第六部分的文字）", 0.2031, 369, 1817, 47),
        ("第五部分「存在的主要问题及改进情况」", 0.1066, 37, 347, 20),
    ]
    assert json_2022["prose"][1]["longest"] == "。 2024年，我区将采取以下措施加以改进"


def test_findings_are_those_of_check(json_2022: dict[str, Any], request: pytest.FixtureRequest) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(request.config.rootpath)
        result = CliRunner().invoke(main, ["check", PT.format(2022), PT.format(2023), "--format", "json",
                                           "--select", "YOY"])
    checked = [(file["path"], f) for file in json.loads(result.stdout)["files"] for f in file["findings"]]
    assert [(f["path"], {k: v for k, v in f.items() if k != "path"}) for f in json_2022["findings"]] == checked


def test_2019_to_2020_text(request: pytest.FixtureRequest) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(request.config.rootpath)
        code, out = _compare(PT.format(2019), PT.format(2020))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (f"{PT.format(2019)}（2019年度，2019版（国办公开办函〔2019〕60号））→ "
                        f"{PT.format(2020)}（2020年度，2019版（国办公开办函〔2019〕60号））")
    assert lines[1] == "机关：平潭综合实验区 / 平潭综合实验区"
    assert lines[3:5] == ["表1 主动公开政府信息情况", "  行                    列                 2019年度    2020年度  变化"]
    for line in (
        "  规章                  对外公开总数量            0           7  +7",
        "  行政许可              处理决定数量            181         278  +97",
        "  行政处罚              本年增/减                 0         -18  -18",
        "  政府集中采购          采购总金额      75394432.52  73802895.9  -1591536.62",
        "  第一项                                自然人              23        20  -3",
        "  （二）部分公开                        自然人               1         6  +5",
    ):
        assert line in lines, line
    assert "共198个单元格：增加16个，减少15个，相同167个，无法比较0个，仅2019年度有0个，仅2020年度有0个" in lines
    start = lines.index("跨年度核对（与 gaicheck check 对这两份报告的结果相同）")
    assert lines[start + 1] == (
        f"  {PT.format(2020)}:200:215: YOY004 表1「规章」：2019年度报告 {PT.format(2019)} 的对外公开总数量0＋"
        "本年新公开数量0＝0，而本年对外公开总数量为7，相差7"
    )
    assert lines[start + 3] == "文字雷同（YOY006 的测量方法，不论是否超过阈值）"
    assert lines[start + 4].startswith("  全文（第一至第六部分的文字）：2020年度的文字有10%（452/4418字）见于2019年度报告；最长的相同段落77字：")
    assert lines[start + 5] == ("  第五部分「存在的主要问题及改进情况」：2020年度的文字有5%（18/329字）见于2019年度报告；"
                                "最长的相同段落18字：「《中华人民共和国政府信息公开条例》，」")


def test_english_html_across_formats(request: pytest.FixtureRequest) -> None:
    """2019 (2019 format) against 2023 (2021 format): table 1 only where both formats have the cell."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(request.config.rootpath)
        code, out = _compare(PT.format(2019), PT.format(2023), "--format", "html", "--lang", "en")
    assert code == 0
    assert out.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<script" not in out and "http" not in out.split("</style>")[0]
    assert "226 cells: 33 up, 4 down, 135 the same, 0 not comparable, 26 only in 2019, 28 only in 2023" in out
    assert ('<td class="up" title="active.license.decisions · Administrative licensing · decisions made this year">'
            '<span class="old">181</span><span class="arrow">→</span><span class="new">2629</span>'
            '<span class="delta">+2448</span></td>') in out
    assert "<h2>Table 1: Proactive disclosure (only in 2019)</h2>" in out
    assert '<td class="only_new" title="active.rules.in_force · Rules · in force"><span class="old"></span>' in out


def test_unreadable_file_is_named(tmp_path: pytest.TempPathFactory) -> None:
    broken = f"{tmp_path}/broken.pdf"
    with open(broken, "wb") as fh:
        fh.write(b"%PDF-1.4\ngarbage")
    result = CliRunner().invoke(main, ["compare", broken, broken])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"gaicheck: {broken}: PDF 文件损坏")


def test_two_organs_are_compared_but_not_paired(request: pytest.FixtureRequest) -> None:
    """Cells are still set side by side; the cross-year rules, as in `check`, do not pair two organs."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(request.config.rootpath)
        code, out = _compare("examples/2022_cangtaizhen.txt", "examples/2023_example_clean.txt")
    assert code == 0
    lines = out.splitlines()
    assert lines[1:3] == [
        "机关：苍台镇人民政府 / 示例县示例镇人民政府",
        "这两份报告不是同一机关不同年度的报告（机关不同、年度相同或无法识别），gaicheck check 不对其作跨年度核对",
    ]
    assert "共200个单元格：增加50个，减少0个，相同101个，无法比较49个，仅2022年度有0个，仅2023年度有0个" in lines
    start = lines.index("跨年度核对（与 gaicheck check 对这两份报告的结果相同）")
    assert lines[start + 1] == "  无"
