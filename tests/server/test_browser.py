"""The clerks' page in a real browser: Debian's Chromium driven by Playwright against a live server.

Uploads seed reports, checks the findings listed and the cells coloured, clicks a finding and checks the
highlight, downloads the HTML report, and makes sure a report containing `<script>` opens no dialog.
Fails (never skips) when /usr/bin/chromium is missing: run tests/install_packages.sh.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.server.conftest import EXAMPLES

WRONG = EXAMPLES / "2023_example_wrong_totals.txt"
SUM_VAL = ["VAL002", "SUM001", "SUM003", "SUM001", "SUM003", "SUM004"]


def _upload(page: Any, base: str, path: Path) -> None:
    page.goto(base + "/")
    page.set_input_files("#file", str(path))
    page.click("#submit")
    page.wait_for_selector("#findings", timeout=20_000)


def _classes(page: Any, key: str) -> set[str]:
    return set((page.get_attribute(f'td[data-key="{key}"]', "class") or "").split())


def test_wrong_totals_in_the_browser(browser: Any, live_server: str, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _upload(page, live_server, WRONG)

    assert page.inner_text("#report-year") == "2023年"
    assert page.get_attribute("#report-template", "data-template") == "2021"
    assert page.inner_text("#report-organ") == "示例县错例镇人民政府"
    codes = page.eval_on_selector_all(".finding", "els => els.map(e => e.dataset.code)")
    assert [c for c in codes if c.startswith(("SUM", "VAL"))] == SUM_VAL
    sum004 = page.locator('.finding[data-code="SUM004"]')
    assert sum004.locator(".msg").inner_text().endswith(
        "表3「行政复议」：结果维持(2)+结果纠正(1)+其他结果(0)+尚未审结(1)=4，而总计为5，相差1"
    )

    # the suggested cells strongly marked with their proposed values; table 3's candidates; VAL002's cell
    assert _classes(page, "apply.total.natural") == {"suggested"}
    assert page.inner_text('td[data-key="apply.total.natural"]') == "49→ 48"
    assert _classes(page, "apply.total.total") == {"suggested"}
    assert _classes(page, "review.reconsideration.total") == {"candidate"}
    assert _classes(page, "apply.new.natural") == {"involved"}  # lightly outlined, never called wrong
    assert _classes(page, "apply.denied_secret.natural") == {"ok"}  # a consistent zero of a broken column
    assert "wrong" in _classes(page, "active.penalty.decisions")
    assert _classes(page, "review.litigation_direct.total") == {"ok"}
    assert _classes(page, "apply.new.commercial") == {"ok"}
    assert page.locator("td.blank").count() == 0

    sum004.click()
    highlighted = page.eval_on_selector_all("td.hl", "els => els.map(e => e.dataset.key)")
    assert highlighted == [f"review.reconsideration.{c}" for c in ("upheld", "corrected", "other", "pending", "total")]
    assert "active" in (sum004.get_attribute("class") or "")
    # another finding moves the highlight
    page.locator('.finding[data-code="VAL002"]').click()
    assert page.eval_on_selector_all("td.hl", "els => els.map(e => e.dataset.key)") == ["active.penalty.decisions"]
    # clicking a coloured cell selects its findings
    page.click('td[data-key="review.reconsideration.total"]')
    assert page.eval_on_selector_all(".finding.active", "els => els.map(e => e.dataset.code)") == ["SUM004"]

    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == "2023_example_wrong_totals-gaicheck.html"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    downloaded = saved.read_text(encoding="utf-8")
    assert "SUM004" in downloaded
    # the same legend and colours as the page
    legend = page.inner_html("p.legend")
    assert f'<p class="legend">{legend}</p>' in downloaded
    report_page = browser.new_page(viewport={"width": 1366, "height": 900})
    report_page.goto(saved.as_uri())
    for key in ("apply.total.natural", "review.reconsideration.total", "apply.new.natural", "active.penalty.decisions"):
        colours = [
            p.eval_on_selector(f'td[data-key="{key}"]', "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).boxShadow]")
            for p in (page, report_page)
        ]
        assert colours[0] == colours[1], key
    report_page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    report_page.close()

    page.screenshot(path=str(tmp_path / "wrong_totals.png"), full_page=True)
    # try the suggestion: the proposed values go into the page's table and every identity is re-checked
    findings_before = page.eval_on_selector_all(".finding:not([hidden])", "els => els.map(e => e.dataset.code)")
    sum001 = page.locator('.finding[data-code="SUM001"]').first
    assert "最可能出错：表2「（七）总计」「自然人」49改为48、表2「（七）总计」「总计」56改为55" in sum001.inner_text()
    sum001.locator("button.try").click()
    assert page.inner_text('td[data-key="apply.total.natural"]') == "48"
    assert page.inner_text('td[data-key="apply.total.total"]') == "55"
    visible = page.eval_on_selector_all(".finding:not([hidden])", "els => els.map(e => e.dataset.code)")
    assert [c for c in findings_before if c not in ("SUM001", "SUM003")] == visible  # the others stay
    assert [c for c in visible if c.startswith(("SUM", "VAL"))] == ["VAL002", "SUM004"]
    assert page.inner_text("#recheck-status") == "试改后仍有 1 处勾稽关系不成立。"  # table 3's row
    assert _classes(page, "apply.new.natural") == {"was-involved"}  # its identities hold now: no outline
    assert "candidate" in _classes(page, "review.reconsideration.upheld")
    # table 3's five candidates, each to try; trying one takes back the one tried before
    sum004_tries = page.locator('.finding[data-code="SUM004"] button.try')
    assert sum004_tries.all_inner_texts() == ["试改1", "试改2", "试改3", "试改4", "试改5"]
    sum004_tries.nth(0).click()
    assert page.inner_text('td[data-key="review.reconsideration.upheld"]') == "3"
    sum004_tries.nth(4).click()
    assert page.inner_text('td[data-key="review.reconsideration.upheld"]') == "2→ 3"
    assert page.inner_text('td[data-key="review.reconsideration.total"]') == "4"
    assert page.inner_text("#recheck-status") == "试改后全部勾稽关系成立（仅在本页试改，不会改动您的文件）。"
    # SUM004 stays, struck through (its other candidates can still be tried); nothing else is left
    open_codes = page.eval_on_selector_all(".finding:not([hidden]):not(.resolved)", "els => els.map(e => e.dataset.code)")
    assert [c for c in open_codes if c.startswith(("SUM", "VAL"))] == ["VAL002"]
    assert "resolved" in (page.get_attribute('.finding[data-code="SUM004"]', "class") or "")
    # copy corrected table 2 as tab-separated rows
    page.click("#copy-table2")
    tsv = page.input_value("#table2-tsv").splitlines()
    assert tsv[0] == "项目\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"
    assert "（七）总计\t48\t5\t0\t1\t1\t0\t55" in tsv
    assert "一、本年新收政府信息公开申请数量\t52\t6\t0\t1\t1\t0\t60" in tsv
    page.screenshot(path=str(tmp_path / "tried.png"), full_page=True)
    page.click("#undo")
    assert page.inner_text('td[data-key="apply.total.natural"]') == "49→ 48"
    assert page.inner_text('td[data-key="review.reconsideration.total"]') == "5→ 4"
    assert page.locator('.finding[data-code="SUM001"]').first.is_visible()
    assert _classes(page, "apply.new.natural") == {"involved"}
    assert page.is_hidden("#recheck-status")
    assert (tmp_path / "wrong_totals.png").stat().st_size > 10_000
    page.emulate_media(media="print")
    assert not page.is_visible("#upload-form") and page.is_visible("#tables")
    assert dialogs == []
    page.close()


def test_blank_seed_in_the_browser(browser: Any, live_server: str, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    _upload(page, live_server, EXAMPLES / "2022_shuikouzhen.txt")
    assert page.get_attribute("#report-template", "data-template") == "2019"
    assert page.inner_text("#report-year") == "2022年"
    tpl001 = page.locator('.finding[data-code="TPL001"]')
    assert "2022年度报告，却使用了2019年版表格" in tpl001.inner_text()
    assert _classes(page, "apply.new.natural") == {"blank"}
    assert _classes(page, "apply.total.total") == {"unverifiable"}  # read, but no identity through it can be checked
    assert page.locator("td.wrong").count() == 0
    first_blank_row = page.locator('.finding[data-code="STR006"]').first
    first_blank_row.click()
    highlighted = page.eval_on_selector_all("td.hl", "els => els.map(e => e.dataset.key)")
    assert highlighted == [
        f"apply.new.{c}" for c in ("natural", "commercial", "research", "nonprofit", "legal", "other_org", "total")
    ]
    page.screenshot(path=str(tmp_path / "shuikouzhen.png"))
    page.close()


def test_script_in_a_report_opens_no_dialog(browser: Any, live_server: str, tmp_path: Path) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    text = WRONG.read_text(encoding="utf-8").replace("示例县错例镇", "示例县<script>alert(1)</script>镇", 1)
    evil = tmp_path / "<img src=x onerror=alert(2)>.txt"
    evil.write_text(text + "\n<script>alert(3)</script>\n", encoding="utf-8")
    _upload(page, live_server, evil)
    assert "<script>alert(1)</script>" in page.inner_text("#report-organ")
    assert "<img src=x onerror=alert(2)>.txt" in page.inner_text("#summary h2")
    page.goto(live_server + "/")
    page.fill("#text", text)
    page.click("#submit")
    page.wait_for_selector("#findings")
    assert "<script>alert(1)</script>" in page.inner_text("#report-title")
    page.wait_for_timeout(300)
    assert dialogs == []
    # app.js and the page's data block (JSON, never executed)
    assert page.evaluate("document.querySelectorAll('script:not([type=\"application/json\"])').length") == 1
    page.screenshot(path=str(tmp_path / "script.png"))
    page.close()


def test_english_page_in_the_browser(browser: Any, live_server: str, tmp_path: Path) -> None:
    """`/?lang=en`: the form posts in English, the result page and the words app.js writes are English."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(live_server + "/?lang=en")
    assert page.get_attribute("html", "lang") == "en" and page.input_value("#lang") == "en"
    page.select_option("#lang", "zh")  # the form's address follows the select (a refusal before the form is read)
    assert page.get_attribute("#upload-form", "action") == "/check"
    page.select_option("#lang", "en")
    assert page.get_attribute("#upload-form", "action") == "/check?lang=en"
    page.set_input_files("#file", str(WRONG))
    page.click("#submit")
    page.wait_for_selector("#findings", timeout=20_000)
    assert page.inner_text("#report-year") == "2023"
    assert page.inner_text("#findings h2") == "Findings (7)"
    sum001 = page.locator('.finding[data-code="SUM001"]').first
    assert sum001.locator("button.try").inner_text() == "try it"
    sum001.locator("button.try").click()
    assert page.inner_text('td[data-key="apply.total.natural"]') == "48"
    assert page.inner_text("#recheck-status") == "With the values tried, identities still failing: 1."
    page.locator('.finding[data-code="SUM004"] button.try').nth(4).click()
    assert page.inner_text("#recheck-status") == (
        "With the values tried, every identity holds (tried in this page only; your file is not changed)."
    )
    page.click("#copy-table2")
    assert page.input_value("#table2-tsv").splitlines()[0] == (
        "Item\tnatural persons\tcommercial enterprises\tresearch institutions\tpublic-interest organisations\t"
        "legal service agencies\tothers\ttotal"
    )
    assert page.inner_text("#copy-note") in ("Copied: paste it into Word, WPS or Excel.", "Press Ctrl+C to copy the text below.")
    page.click("#undo")
    assert page.is_hidden("#recheck-status")
    page.screenshot(path=str(tmp_path / "english.png"), full_page=True)
    page.close()
