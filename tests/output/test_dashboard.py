"""`--format html` over several files: the overview page comes first (counts per organ × year linking to
each report's section, the most frequent problems, SVG charts per severity and per rule, nothing from the
network); a single file keeps its page as it was."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from gaicheck.cli import main
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, object]]:
    broken = tmp_path_factory.mktemp("dash") / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\ngarbage")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        page = CliRunner().invoke(main, ["check", "examples", str(broken), "--isolated", "-j", "1", "--format", "html"])
        data = CliRunner().invoke(main, ["check", "examples", str(broken), "--isolated", "-j", "1", "--format", "json"])
    return page.stdout, json.loads(data.stdout)


def _overview(page: str) -> str:
    start = page.index('<section id="overview">')
    return page[start:page.index("</section>", start)]


def test_overview_comes_first_and_counts(batch: tuple[str, dict[str, object]]) -> None:
    page, _data = batch
    overview = _overview(page)
    assert page.index('<section id="overview">') < page.index('<section id="f1">')
    assert "<script" not in page and "@import" not in page and "url(" not in page and "http" not in page
    assert '<p class="meta">共检查8个文件、7个机关：错误18个，警告41个，提示0个；1个文件无法读取</p>' in overview
    assert ("<thead><tr><th>机关</th><th>2020</th><th>2022</th><th>2023</th><th>2024</th><th>年度不详</th></tr></thead>"
            in overview)
    rows = re.findall(r"<tr><td class=\"organ\"><a href=\"#(f\d+)\">([^<]+)</a></td>(.*?)</tr>", overview)
    assert [(anchor, organ) for anchor, organ, _cells in rows] == [
        ("f1", "滨江新区办事处"), ("f2", "大口镇人民政府"), ("f3", "苍台镇人民政府"), ("f4", "水口镇"),
        ("f5", "示例县示例镇人民政府"), ("f6", "示例县错例镇人民政府"), ("f7", "澧县小渡口镇"), ("f8", "（未识别机关）"),
    ]
    cells = dict((organ, cells) for _anchor, organ, cells in rows)
    assert cells["示例县错例镇人民政府"] == (
        '<td></td><td></td><td class="has-error"><span class="n-error">6</span>/<span class="n-warning">1</span>/'
        '<span class="n-info">0</span> <a href="#f6">查看</a></td><td></td><td></td>'
    )
    assert '<td class="clean"><span class="n-error">0</span>' in cells["示例县示例镇人民政府"]
    assert cells["（未识别机关）"].endswith('<td class="unreadable">无法读取 <a href="#f8">查看</a></td>')
    for n in range(1, 9):  # every link has its target
        assert page.count(f'<section id="f{n}">') == 1
    assert page.count('<a href="#overview">↑ 返回总览</a>') == 8


def test_charts_and_top_problems_match_the_findings(batch: tuple[str, dict[str, object]]) -> None:
    page, data = batch
    overview = _overview(page)
    findings = [f for file in data["files"] for f in file["findings"]]  # type: ignore[attr-defined]
    codes = Counter(f["code"] for f in findings)
    severity_chart, rule_chart = re.findall(r"<svg .*?</svg>", overview, re.S)
    assert re.findall(r'end">([^<]+)</text>\n<rect [^>]*/>\n<text [^>]*>(\d+)<', severity_chart) == [
        ("错误", "18"), ("警告", "41"), ("提示", "0")]
    bars = re.findall(r'end">([^<]+)</text>\n<rect [^>]*/>\n<text [^>]*>(\d+)<', rule_chart)
    assert len(bars) == 15 and bars[0] == ("STR006", "22")
    assert all(codes[code] == int(n) for code, n in bars)
    assert [int(n) for _code, n in bars] == sorted((int(n) for _code, n in bars), reverse=True)
    assert ('<rect x="70" y="28" width="340" height="18" fill="#d97706"/>' in rule_chart)  # the longest bar: full width
    top = re.findall(r'<tr><td class="code">(\w+)</td><td>([^<]*)</td><td>([^<]*)</td><td class="n">(\d+)</td>'
                     r'<td class="n">(\d+)</td></tr>', overview)
    assert len(top) == 10
    assert top[:3] == [("STR006", "单元格为空", "警告", "22", "1"), ("SUM005", "勾稽关系无法核对", "警告", "9", "3"),
                       ("STR004", "行中数值少于列数", "错误", "7", "1")]
    assert "<h3>无法读取的文件</h3><ul>" in overview and "PDF 文件损坏" in overview


def test_english_overview(tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        page = CliRunner().invoke(main, ["check", "examples/2023_example_clean.txt", "examples/2020_dakouzhen.txt",
                                         "--isolated", "--format", "html", "--lang", "en"]).stdout
    overview = _overview(page)
    assert "<h2>Overview</h2>" in overview
    assert "2 file(s) of 2 organ(s) checked: 4 error(s), 4 warning(s), 0 info" in overview
    assert '<a href="#f1">open</a>' in overview and "By rule (top 4)" in overview


def test_single_file_keeps_its_page() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        page = CliRunner().invoke(main, ["check", "examples/2023_example_wrong_totals.txt", "--isolated",
                                         "--format", "html"]).stdout
    assert 'id="overview"' not in page and "<section" not in page and "<svg" not in page
    assert page.count("<h2>") == 1 and 'id="cell-review.reconsideration.total"' in page
