"""Format equivalence: the seed reports and the hand-made examples, also produced as HTML, DOCX, PDF and XLSX
(tests/data/formats, made once with `python tests/fixtures/make_formats.py examples/*.txt --out
tests/data/formats --formats html,docx,pdf,xlsx`), give the same cell values and the same findings in every
format (locations aside). .doc/.xls made from them: tests/readers/test_office.py."""

from __future__ import annotations

import pytest

from gaicheck import i18n
from gaicheck.api import check_report, parse_path
from gaicheck.checks.options import Options
from gaicheck.model.report import Report
from tests.conftest import DATA, EXAMPLES

FORMATS = DATA / "formats"
SPINE = Options(select=["STR", "TPL", "SUM", "VAL001", "VAL002", "VAL003"])
REPORTS = sorted(p.stem for p in EXAMPLES.glob("*.txt"))


def values(report: Report) -> dict[str, tuple[str, object]]:
    return {c.key: (c.status, c.value) for c in report.cells}


def findings(report: Report) -> list[tuple[str, tuple[str, ...], object, str]]:
    # the found wording may differ in spacing only (a PDF drops justification spaces)
    return sorted(
        (f.code, tuple(sorted(f.cells)), f.expected, "".join(str(f.actual).split())) for f in check_report(report, SPINE)
    )


def test_every_example_has_its_three_fixtures() -> None:
    assert sorted(p.name for p in FORMATS.iterdir()) == sorted(
        f"{name}.{ext}" for name in REPORTS for ext in ("html", "docx", "pdf", "xlsx")
    )


@pytest.mark.parametrize("ext", ["html", "docx", "pdf", "xlsx"])
@pytest.mark.parametrize("name", REPORTS)
def test_same_values_and_findings_in_every_format(name: str, ext: str) -> None:
    text = parse_path(str(EXAMPLES / f"{name}.txt"))
    other = parse_path(str(FORMATS / f"{name}.{ext}"))
    assert other.format == ext
    assert (other.template, other.report_year) == (text.template, text.report_year)
    assert values(other) == values(text)
    assert findings(other) == findings(text)


def test_locations_follow_the_format() -> None:
    wrong = "2023_example_wrong_totals"
    by_format = {
        ext: next(f for f in check_report(parse_path(str(FORMATS / f"{wrong}.{ext}")), SPINE) if f.code == "SUM004")
        for ext in ("html", "docx", "pdf")
    }
    assert by_format["html"].line is not None and by_format["html"].column is not None
    docx, pdf = by_format["docx"], by_format["pdf"]
    assert docx.line is None and docx.where is not None and docx.where.table is not None
    assert i18n.location(docx.where, "zh").startswith("表") and i18n.location(docx.where, "en").startswith("table ")
    assert pdf.page is not None and pdf.where is not None and pdf.where.page == pdf.page
