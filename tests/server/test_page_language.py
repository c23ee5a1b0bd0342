"""The page in the language chosen: in English (`GET /?lang=en`, or the form's `lang=en`) no Chinese outside
the document's own text; in Chinese the page as it was (an exact copy of the empty page, the result's words)."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import lxml.html
import pytest
from starlette.testclient import TestClient

from gaicheck import __version__
from gaicheck.api import check_report, parse_path
from gaicheck.checks.options import Options
from gaicheck.server import render
from gaicheck.server.app import create_app
from gaicheck.server.config import ServerConfig
from gaicheck.server.errors import RequestError
from gaicheck.server.view import build_view
from tests.house.test_english import _visible_html, unquoted_cjk
from tests.server.conftest import EXAMPLES

WRONG = EXAMPLES / "2023_example_wrong_totals.txt"
GOLDEN = Path(__file__).parent / "golden"
# Han characters, CJK punctuation and full-width forms
HAN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
# the document's text as messages quote it: “…”, "…", 「…」
QUOTED = re.compile(r"“[^”]*”|「[^」]*」|\"[^\"]*\"")


def page_words(page: str, filename: str = "") -> tuple[str, str]:
    """(the words the page writes itself, the document's own text it shows), from an HTML page: every text
    node and attribute value, the document's text taken out — the report's title and organ, the cells' values
    as written, the pasted text, the file name, the quotations in messages, advice and a row label as written,
    and the name "中文" of the language to switch to (in its own language, `lang="zh"`)."""
    tree = lxml.html.document_fromstring(page)
    document: list[str] = []

    def take(text: str | None) -> str:
        document.append(text or "")
        return ""

    for el in tree.xpath('//dd[@id="report-title" or @id="report-organ"] | //textarea[@id="text"]'):
        el.text = take(el.text)
    for td in tree.xpath("//td[@data-key]"):
        td.text = take(td.text)  # the value as written (the proposed value and marks follow in spans)
    for el in tree.xpath('//option[@lang="zh"]'):
        el.text = take(el.text)
    for el in tree.xpath('//*[contains(@class, "msg") or contains(@class, "advice") or @class="asis"]'):
        for node in [el, *el.iterdescendants()]:
            node.text = QUOTED.sub(lambda m: take(m.group(0)), node.text or "")
            if node is not el:
                node.tail = QUOTED.sub(lambda m: take(m.group(0)), node.tail or "")
    words: list[str] = []
    for el in tree.iter():
        words += [el.text or "", el.tail or "", *(str(v) for v in el.attrib.values())]
    own = "\n".join(words)
    if filename:
        own = own.replace(filename, take(filename))
    return own, "\n".join(document)


def han(text: str) -> list[str]:
    """The Chinese in `text`, each with a little context (for a readable failure)."""
    return [text[max(0, m.start() - 20): m.end() + 20] for m in HAN.finditer(text)]


def _download(page: str) -> str:
    href = re.search(r'id="download" href="data:text/html;charset=utf-8;base64,([^"]+)"', page)
    assert href is not None
    return base64.b64decode(href.group(1)).decode("utf-8")


def test_page_words_takes_out_only_the_document() -> None:
    page = (
        '<html lang="en"><body><dd id="report-organ">某镇</dd><div class="msg">The prose "办结55件" differs'
        '<button title="试改">try</button></div><td data-key="a.b.c" title="row 1">1万元<span>→ 2</span></td>'
        "<p>Table 2 结果</p></body></html>"
    )
    own, document = page_words(page)
    assert HAN.findall(own) == ["试", "改", "结", "果"]  # an attribute and plain text are the page's own
    assert document.split("\n") == ["某镇", "1万元", '"办结55件"']


def test_empty_page_in_english(client: TestClient) -> None:
    page = client.get("/?lang=en").text
    assert page.startswith('<!doctype html>\n<html lang="en">')
    assert '<option value="en" selected>English</option>' in page
    assert '<option value="zh" lang="zh">中文</option>' in page
    assert "<h1>Government information disclosure annual report · check before publishing</h1>" in page
    assert '<script type="application/json" id="page-words">{"still":"With the values tried, identities still' in page
    own, document = page_words(page)
    assert han(own) == [] and document.split("\n") == ["", "中文"]  # the empty textarea, the language's name


@pytest.mark.parametrize("path", sorted(p for p in EXAMPLES.iterdir() if p.suffix == ".txt"), ids=lambda p: p.name)
def test_checked_page_in_english(client: TestClient, path: Path) -> None:
    r = client.post("/check", files={"file": (path.name, path.read_bytes())}, data={"lang": "en"})
    assert r.status_code == 200
    own, document = page_words(r.text)
    assert han(own) == []
    assert HAN.search(document)  # the document's Chinese is there, as found
    assert '<html lang="en">' in r.text and '<option value="en" selected>English</option>' in r.text
    # the downloadable report: the check's language too (gaicheck.output.html, as `--format html --lang en`)
    report = _download(r.text)
    assert report.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert sorted({piece for line in _visible_html(report).splitlines() for piece in unquoted_cjk(line)}) == []


def test_wrong_totals_in_english(client: TestClient) -> None:
    r = client.post("/check", files={"file": (WRONG.name, WRONG.read_bytes())}, data={"lang": "en"})
    page = r.text
    own, document = page_words(page, WRONG.name)
    assert han(own) == []
    assert "示例县错例镇人民政府2023年度政府信息公开工作年度报告\n示例县错例镇人民政府\n" in document
    assert '"办结55件"' in document  # TXT003 quotes the prose
    assert "<h2>Result: 2023_example_wrong_totals.txt</h2>" in page
    assert '<dt>Year</dt><dd id="report-year">2023</dd>' in page
    assert ">2021 format (notice Guobangongkaibanhan [2021] No. 30)</dd>" in page
    assert (
        '<span class="pill error">errors 6</span><span class="pill warning">warnings 1</span>'
        '<span class="pill info">info 0</span>'
    ) in page
    assert "<h2>Findings (7)</h2>" in page
    assert '<div class="head"><span class="code">TXT003</span> · warning · line 5, column 74</div>' in page
    tries = re.findall(r'<button type="button" class="try"[^>]*>([^<]*)</button>', page)
    assert tries == ["try it", "try it", "try it", "try it", "try 1", "try 2", "try 3", "try 4", "try 5"]
    assert '<span class="suggested">→ most likely wrong (→ suggested value)</span>' in page
    assert 'id="copy-table2">Copy table 2 (with the values tried)</button>' in page


def test_pasted_text_and_errors_in_english(client: TestClient) -> None:
    text = WRONG.read_text(encoding="utf-8")
    page = client.post("/check", data={"text": text, "lang": "en"}).text
    own, document = page_words(page)
    assert han(own) == [] and text in document
    assert "<h2>Result: pasted text.txt</h2>" in page and 'download="pasted text-gaicheck.html"' in page

    r = client.post("/check", files={"file": ("a.exe", bytes(range(256)))}, data={"lang": "en"})
    assert r.status_code == 415
    assert "<strong>Cannot check: </strong>unsupported file type: a.exe</section>" in r.text
    assert han(page_words(r.text)[0]) == []
    r = client.post("/check", files={"file": ("", b"")}, data={"text": " ", "lang": "en"})
    assert r.status_code == 400 and "</strong>send a file (field &#39;file&#39;) or the text" in r.text
    assert han(page_words(r.text)[0]) == []


def test_body_too_large_in_english() -> None:
    """A body over the limit is refused before the form is read: the English page's form posts to
    `/check?lang=en`, so the refusal is in English too."""
    with TestClient(create_app(ServerConfig(max_upload_bytes=2000)), raise_server_exceptions=False) as c:
        assert 'action="/check?lang=en"' in c.get("/?lang=en").text and 'action="/check"' in c.get("/").text
        r = c.post("/check?lang=en", files={"file": ("big.txt", b"x" * 900_000)}, data={"lang": "en"})
        assert r.status_code == 413 and "<strong>Cannot check: </strong>upload too large (limit 2 KB)" in r.text
        assert han(page_words(r.text)[0]) == []
        r = c.post("/check", files={"file": ("big.txt", b"x" * 900_000)})
        assert r.status_code == 413 and "<strong>无法检查：</strong>上传内容过大（上限 2 KB）/ upload too large" in r.text


def test_the_servers_own_report_in_english() -> None:
    """templates/report.html, the downloadable report when gaicheck.output.html is not installed."""
    report = parse_path(str(WRONG))
    view = build_view(WRONG.name, report, check_report(report, Options(lang="en")), "en")
    page = render.own_report_html(view, "en")
    assert page.startswith('<!doctype html>\n<html lang="en">')
    assert f"<footer>generated by gaicheck {__version__}</footer>" in page
    own, document = page_words(page, WRONG.name)
    assert han(own) == [] and "示例县错例镇人民政府" in document


def test_error_message_in_the_pages_language() -> None:
    error = RequestError(415, "不支持的文件类型：a.exe（可上传 Word、PDF）/ unsupported file type: a.exe")
    assert error.said("zh") == error.message
    assert error.said("en") == "unsupported file type: a.exe"
    assert RequestError(400, "only one language").said("en") == "only one language"
    assert error.as_json()["message"] == error.message  # the API keeps both


def test_empty_page_in_chinese_unchanged(client: TestClient) -> None:
    """The Chinese page exactly as it was, with the words app.js writes passed to it (`page-words`)."""
    golden = (GOLDEN / "index.zh.html").read_text(encoding="utf-8").replace("@VERSION@", __version__)
    assert client.get("/").text == golden
    assert client.get("/?lang=zh").text == golden
    assert client.get("/?lang=fr").text == golden  # any other language: the default, Chinese


def test_checked_page_in_chinese_unchanged(client: TestClient) -> None:
    r = client.post("/check", files={"file": (WRONG.name, WRONG.read_bytes())}, data={"lang": "zh"})
    page = re.sub(r'href="data:text/html;charset=utf-8;base64,[^"]+"', 'href="data:…"', r.text)
    summary = page[page.index('<section class="card summary"'): page.index('<div class="result">')]
    assert summary == """<section class="card summary" id="summary">
  <h2>检查结果：2023_example_wrong_totals.txt</h2>
  <dl>
    <dt>报告标题</dt><dd id="report-title">示例县错例镇人民政府2023年度政府信息公开工作年度报告</dd>
    <dt>发布机关</dt><dd id="report-organ">示例县错例镇人民政府</dd>
    <dt>报告年度</dt><dd id="report-year">2023年</dd>
    <dt>表格模板</dt><dd id="report-template" data-template="2021">2021版（国办公开办函〔2021〕30号）</dd>
    <dt>文件格式</dt><dd>text</dd>
    <dt>问题数量</dt>
    <dd id="counts"><span class="pill error">错误 6</span><span class="pill warning">警告 1</span><span class="pill info">提示 0</span></dd>
  </dl>
  <p class="no-print counts"><a class="button secondary" id="download" href="data:…" download="2023_example_wrong_totals-gaicheck.html">下载检查报告（HTML）</a>
  <span class="hint">离线也可打开，可打印或存档</span></p>
</section>
"""
    assert page.startswith('<!doctype html>\n<html lang="zh-CN">')
    assert (
        '<p class="hint no-print">点击右侧的问题，对应单元格会被框出；点击“试改”把建议值填入表中并重新核对（不会改动您的文件）。</p>'
        in page
    )
    assert (
        '<p class="no-print" id="tools"><button type="button" class="secondary" id="copy-table2">复制表2（含试改）</button> '
        '<button type="button" class="secondary" id="undo" hidden>撤销试改</button> <span class="hint" id="copy-note"></span></p>'
        in page
    )
    assert "<h2>发现的问题（7）</h2>" in page
    assert '<div class="head"><span class="code">TXT003</span> · 警告 · 第5行第74列</div>' in page
    assert re.findall(r'<button type="button" class="try"[^>]*>([^<]*)</button>', page)[-2:] == ["试改4", "试改5"]
    assert _download(r.text).startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
