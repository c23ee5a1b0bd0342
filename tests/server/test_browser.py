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
    assert sum004.inner_text().endswith(
        "表3「行政复议」：结果维持(2)+结果纠正(1)+其他结果(0)+尚未审结(1)=4，而总计为5，相差1"
    )

    assert "wrong" in _classes(page, "review.reconsideration.total")
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
    assert "SUM004" in saved.read_text(encoding="utf-8")

    page.screenshot(path=str(tmp_path / "wrong_totals.png"), full_page=True)
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
    assert page.evaluate("document.querySelectorAll('script').length") == 1
    page.screenshot(path=str(tmp_path / "script.png"))
    page.close()
