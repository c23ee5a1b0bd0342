"""The tables as the clerk sees them (gaicheck/output/clerk.py), shared by the page and `--format html`:
a row given as one subtotal (STR011), a label as the report wrote it (TPL005), the suggestion's marks."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from gaicheck.api import check_report, parse_path
from gaicheck.output import clerk, html
from gaicheck.server.view import build_view

ROOT = Path(__file__).resolve().parents[2]
HONGZE = ROOT / "tests/data/corpus/2023_huaian_hongzequ.pdf"


def _rows(page: str, table: str) -> list[tuple[str, list[str], list[str]]]:
    tree = lxml.html.fromstring(page.encode("utf-8"))
    return [
        (tr.xpath("th")[0].text_content(), [td.text_content() for td in tr.xpath("td")], tr.xpath("td/@class"))
        for tr in tree.xpath(f'//table[@data-table="{table}"]/tbody/tr[not(@class)]')
    ]


def test_hongze_subtotal_row_label_as_written_and_suggestion() -> None:
    report = parse_path(str(HONGZE))
    findings = check_report(report)
    page = html.render_report_html(report, findings, "zh")
    apply = {label: (texts, classes) for label, texts, classes in _rows(page, "apply")}
    # STR011: （六）其他处理 given as one row: shown with its values, not as three blank items
    assert apply["（六）其他处理"] == (["0"] * 7, ["ok"] * 7)
    assert not any(label.startswith("1.申请人无正当理由") for label in apply)
    # TPL005: the label as the report wrote it, above the official one
    assert "报告写作「2.其他法律行政止公开」2.其他法律行政法规禁止公开" in apply
    review = _rows(page, "review")
    assert review[0] == (
        "行政复议", ["10", "1", "0", "0", "0→ 11"], ["involved", "involved", "ok", "ok", "suggested"]
    )
    assert review[2] == (
        "行政诉讼（复议后起诉）", ["5→ 0", "0", "0", "0", "0→ 5"], ["candidate", "ok", "ok", "ok", "candidate"]
    )


def test_page_and_report_share_the_tables() -> None:
    report = parse_path(str(HONGZE))
    findings = check_report(report)
    view = build_view("hz.pdf", report, findings)
    assert str(view.tables_html) == clerk.render_tables(clerk.clerk_tables(report, findings, "zh"), "zh")
    assert str(view.tables_html) in html.render_report_html(report, findings, "zh")
    assert str(view.legend_html) == clerk.legend("zh")
