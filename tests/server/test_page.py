"""The clerks' page through the ASGI test client: form, result, escaping, errors shown on the page, and
the view model that colours the cells."""

from __future__ import annotations

import base64
import re

from starlette.testclient import TestClient

from gaicheck.api import check_report, parse_path
from gaicheck.server.app import create_app
from gaicheck.server.config import ServerConfig
from gaicheck.server.view import build_view, cell_classes
from tests.server.conftest import EXAMPLES

WRONG = EXAMPLES / "2023_example_wrong_totals.txt"


def test_form_page(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert 'action="/check"' in r.text and 'name="file"' in r.text and 'name="text"' in r.text
    assert 'src="/static/app.js"' in r.text and "http" not in r.text.split("<body")[0].replace('href="/', "")
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/app.css").status_code == 200


def test_result_page(client: TestClient) -> None:
    r = client.post(
        "/check", files={"file": ("2023_example_wrong_totals.txt", WRONG.read_bytes())}, data={"lang": "zh"}
    )
    assert r.status_code == 200
    html = r.text
    assert 'data-template="2021"' in html and "2023年" in html and "示例县错例镇人民政府" in html
    assert re.search(
        r'<td class="candidate" data-key="review.reconsideration.total"[^>]*data-proposed="4">5'
        r'<span class="proposed">→ 4</span></td>',
        html,
    )
    assert re.search(r'<td class="suggested" data-key="apply.total.natural"[^>]*data-proposed="48">49<', html)
    assert re.search(r'<td class="ok" data-key="apply.new.commercial"[^>]*>6</td>', html)
    # the same legend as the downloadable report, and the suggestion with its button
    assert html.count('<p class="legend">') == 1 and '<span class="suggested">→ 最可能出错（→ 建议值）</span>' in html
    assert 'data-suggestions="apply.total.natural=48 apply.total.total=55"' in html
    assert "表3「行政复议」：结果维持(2)+结果纠正(1)+其他结果(0)+尚未审结(1)=4，而总计为5，相差1" in html
    href = re.search(r'id="download" href="data:text/html;charset=utf-8;base64,([^"]+)" download="([^"]+)"', html)
    assert href is not None and href.group(2) == "2023_example_wrong_totals-gaicheck.html"
    report = base64.b64decode(href.group(1)).decode("utf-8")
    assert "SUM004" in report and report.lstrip().lower().startswith("<!doctype html>")
    legend = re.search(r'<p class="legend">.*?</p>', html)
    assert legend is not None and legend.group(0) in report


def test_script_in_report_is_text(client: TestClient) -> None:
    text = WRONG.read_text(encoding="utf-8").replace("示例县错例镇", "示例县<script>alert(1)</script>镇", 1)
    r = client.post("/check", data={"text": text}, files={"file": ("<img src=x onerror=alert(2)>.txt", b"")})
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.text and "<img src=x" not in r.text
    assert "示例县&lt;script&gt;alert(1)&lt;/script&gt;镇人民政府" in r.text
    # only the page's own /static/app.js, and its data blocks (JSON: never executed, no report text in them):
    # the values to re-check, the words app.js writes
    assert r.text.count("<script") == 3 and r.text.count('<script type="application/json" id="recheck">') == 1
    assert r.text.count('<script type="application/json" id="page-words">') == 1


def test_errors_on_the_page() -> None:
    with TestClient(create_app(ServerConfig(max_upload_bytes=2000)), raise_server_exceptions=False) as c:
        r = c.post("/check", files={"file": ("", b"")}, data={"text": "  "})
        assert r.status_code == 400 and 'id="error"' in r.text and "请选择报告文件或粘贴报告全文" in r.text
        r = c.post("/check", files={"file": ("big.txt", b"x" * 3000)})
        assert r.status_code == 413 and "上传内容过大（上限 2 KB）" in r.text
        r = c.post("/check", files={"file": ("big.txt", b"x" * 900_000)})
        assert r.status_code == 413 and 'data-status="413"' in r.text
        r = c.post("/check", files={"file": ("a.exe", bytes(range(256)))})
        assert r.status_code == 415 and "不支持的文件类型：a.exe" in r.text


def test_cell_classes_of_seeds() -> None:
    report = parse_path(str(WRONG))
    classes = cell_classes(report, check_report(report))
    assert {k for k, v in classes.items() if v == "wrong"} == {"active.penalty.decisions"}
    assert {k for k, v in classes.items() if v == "candidate"} == {
        "review.reconsideration.upheld",
        "review.reconsideration.corrected",
        "review.reconsideration.other",
        "review.reconsideration.pending",
        "review.reconsideration.total",
    }
    assert {k for k, v in classes.items() if v == "suggested"} == {"apply.total.natural", "apply.total.total"}
    assert classes["apply.new.natural"] == "involved" and classes["apply.new.commercial"] == "ok"
    assert classes["apply.denied_secret.natural"] == "ok"  # a consistent zero of a broken column
    assert "blank" not in classes.values() and "unverifiable" not in classes.values()

    blank = parse_path(str(EXAMPLES / "2022_shuikouzhen.txt"))
    classes = cell_classes(blank, check_report(blank))
    assert classes["apply.new.natural"] == "blank" and classes["review.reconsideration.total"] == "blank"
    assert classes["apply.total.total"] == "unverifiable" and "wrong" not in classes.values()  # read, never checked

    short = parse_path(str(EXAMPLES / "2022_cangtaizhen.txt"))
    classes = cell_classes(short, check_report(short))
    assert classes["apply.granted.natural"] == "unverifiable"  # row with 6 values for 7 columns (STR004)
    assert classes["apply.new.natural"] == "ok"


def test_view_layout_follows_the_template() -> None:
    report = parse_path(str(EXAMPLES / "2022_shuikouzhen.txt"))
    view = build_view("s.txt", report, check_report(report))
    assert view.template == "2019" and view.year == "2022年"
    assert view.template_label == "2019版（国办公开办函〔2019〕60号）"
    active, apply, review = view.tables
    assert [r.label for r in active.rows if r.kind == "caption"][:2] == ["第二十条第（一）项", "第二十条第（五）项"]
    assert [r.label for r in apply.rows if r.kind == "group"][:2] == ["三、本年度办理结果", "（三）不予公开"]
    assert review.columns == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert [r.label for r in review.rows] == ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]
