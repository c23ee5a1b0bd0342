"""OCR rules and marks: Report → STR012 findings for cells a picture could not be read reliably in, and
the `（图像识别）` / `(OCR)` mark on every finding about cells that were read from a picture.

The readers note the OCR'd parts of a document (`ocr-page:N` for a page read from a picture,
`ocr-line:N` for an HTML `<img>` on line N, `ocr-paragraph:N` for a DOCX picture in paragraph N); the
extractor copies the notes into the Report, and `mark` uses them after the rules ran (engine.core.run_rules).
"""

from __future__ import annotations

from collections import defaultdict

from gaicheck.engine.core import Emitter, rule
from gaicheck.extract.values import UNREADABLE
from gaicheck.model.finding import Finding
from gaicheck.model.report import CellValue, Report
from gaicheck.templates import load_template

MARK_ZH = "（图像识别）"
MARK_EN = " (OCR)"


@rule("STR012")
def unreadable_cells(report: Report, out: Emitter) -> None:
    rows: dict[tuple[str, str], list[CellValue]] = defaultdict(list)
    for cell in report.cells:
        if cell.status == "unreadable":
            rows[(cell.table, cell.row)].append(cell)
    if not rows:
        return
    version = report.template if report.template in ("2019", "2021") else "2021"
    template = load_template(version)
    for (table, _row), cells in rows.items():
        first = cells[0]
        raws = "、".join((c.raw or "").replace(UNREADABLE, "") or "?" for c in cells)
        out.emit(
            "STR012",
            {
                "table_no": template.tables[table].number,
                "row": first.row_label,
                "columns": "、".join(f"「{c.column_label}」列" for c in cells),
                "columns_en": ", ".join(f'column "{c.column_label}"' for c in cells),
                "raws": raws,
            },
            at=first,
            cells=[c.key for c in cells],
        )


def ocr_places(report: Report) -> tuple[set[int], set[int], set[str], bool]:
    """The OCR'd pages, HTML lines and DOCX paragraphs (as the `where` text names them), and whether the
    whole document was read from pictures."""
    pages: set[int] = set()
    lines: set[int] = set()
    paragraphs: set[str] = set()
    for note in report.notes:
        kind, _sep, number = note.partition(":")
        if not number.isdigit():
            continue
        if kind == "ocr-page":
            pages.add(int(number))
        elif kind == "ocr-line":
            lines.add(int(number))
        elif kind == "ocr-paragraph":
            paragraphs.add(f"第{number}段")
    return pages, lines, paragraphs, report.format == "image"


# Typography (brackets, punctuation, spacing: the STY rules) cannot be judged from a picture: OCR reads
# 〔 as 【 or （ often enough that such findings on OCR'd text would be noise.
NOT_FROM_PICTURES = ("STY",)


def mark(report: Report, findings: list[Finding], lang: str) -> None:
    """Append the OCR mark to the findings located in an OCR'd part of the document, and drop the
    typography findings there (in place)."""
    pages, lines, paragraphs, whole = ocr_places(report)
    if not (pages or lines or paragraphs or whole):
        return
    suffix = MARK_EN if lang == "en" else MARK_ZH
    kept: list[Finding] = []
    for finding in findings:
        ocr = (
            whole
            or finding.page in pages
            or (finding.page is None and finding.line in lines)
            or (finding.where is not None and any(p in finding.where.split() for p in paragraphs))
        )
        if ocr and finding.code.startswith(NOT_FROM_PICTURES):
            continue
        if ocr and not finding.message.endswith(suffix):
            finding.message += suffix
        kept.append(finding)
    findings[:] = kept
