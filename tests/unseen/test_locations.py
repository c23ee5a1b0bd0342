"""Locations a clerk understands (issue 13, point 5): a PDF finding names the template's table and its page
once, and findings come in document order."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.rules.common import PROSE, run

HONGZE_2023 = PROSE / "2023_huaian_hongzequ.pdf"


def _check(*args: str) -> str:
    cmd = [sys.executable, "-m", "gaicheck", "check", str(HONGZE_2023), *args]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=False).stdout


def test_pdf_finding_names_the_template_table_in_document_order() -> None:
    found = run(HONGZE_2023, ["ALL"])
    assert [(f.code, f.page, f.where and (f.where.table, f.where.row, f.where.cell), f.cells[:1]) for f in found] == [
        ("TPL005", 3, (2, 9, 3), ["apply.denied_prohibited.natural"]),
        ("STR011", 4, (2, 7, 4), ["apply.other_no_correction.natural"]),
        ("SUM004", 4, (3, 4, 5), ["review.reconsideration.upheld"]),
        ("SUM004", 4, (3, 4, 15), ["review.litigation_after.upheld"]),
    ]


@pytest.mark.parametrize(
    ("lang", "place"),
    [("zh", "[第4页 表3 第4行 第5列]"), ("en", "[page 4, table 3, row 4, cell 5]")],
)
def test_text_output_names_table_3_for_a_table_3_sum(lang: str, place: str) -> None:
    lines = [line for line in _check("--lang", lang).splitlines() if "SUM004" in line]
    assert lines[0].split(" → ")[0].endswith(place)  # the suggestion follows the place


def test_html_names_the_page_once() -> None:
    html = _check("--format", "html")
    assert "（第4页 表3 第4行 第5列）" in html
    assert "第4页，第4页" not in html


def test_findings_without_lines_sort_by_table_row_and_cell() -> None:
    from gaicheck.model.document import Location
    from gaicheck.model.finding import Finding

    def at(code: str, **where: int) -> Finding:
        return Finding(code=code, name="x", severity="warning", message="", where=Location(**where))

    found = [at("STR007", table=3, row=9, cell=1), at("STY003", paragraph=3), at("STR007", table=3, row=8, cell=2)]
    assert [(f.code, f.where) for f in sorted(found, key=Finding.sort_key)] == [
        ("STY003", Location(paragraph=3)),
        ("STR007", Location(table=3, row=8, cell=2)),
        ("STR007", Location(table=3, row=9, cell=1)),
    ]
