"""The OCR mark: the findings of one report (after every rule ran, checks/run.py) → the findings about
cells read from a picture end with `（图像识别）` / ` (OCR)` (words: gaicheck.i18n, `ocr.mark`), and the
typography findings on such parts are dropped.

The readers note the OCR'd parts of a document (`ocr-page:N` for a page read from a picture,
`ocr-line:N` for an HTML `<img>` on line N, `ocr-paragraph:N` for a DOCX picture in paragraph N); the
extractor copies the notes into the Report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gaicheck import i18n
from gaicheck.model.finding import Finding
from gaicheck.model.report import Report

# Typography (brackets, punctuation, spacing: the STY rules) cannot be judged from a picture: OCR reads
# 〔 as 【 or （ often enough that such findings on OCR'd text would be noise.
NOT_FROM_PICTURES = ("STY",)


@dataclass(slots=True)
class OcrPlaces:
    """The OCR'd pages, HTML lines and DOCX paragraphs of a report, and whether all of it was a picture."""

    pages: set[int] = field(default_factory=set)
    lines: set[int] = field(default_factory=set)
    paragraphs: set[int] = field(default_factory=set)
    whole: bool = False

    def __bool__(self) -> bool:
        return bool(self.pages or self.lines or self.paragraphs or self.whole)

    def holds(self, finding: Finding) -> bool:
        """Whether the finding is located in an OCR'd part."""
        where = finding.where
        return (
            self.whole
            or finding.page in self.pages
            or (finding.page is None and finding.line in self.lines)
            or (where is not None and where.paragraph in self.paragraphs)
        )


def ocr_places(report: Report) -> OcrPlaces:
    places = OcrPlaces(whole=report.format == "image")
    for note in report.notes:
        kind, _sep, number = note.partition(":")
        if not number.isdigit():
            continue
        if kind == "ocr-page":
            places.pages.add(int(number))
        elif kind == "ocr-line":
            places.lines.add(int(number))
        elif kind == "ocr-paragraph":
            places.paragraphs.add(int(number))
    return places


def mark_ocr(report: Report, findings: list[Finding], lang: str) -> None:
    """Append the OCR mark to the findings located in an OCR'd part of the report, and drop the
    typography findings there (in place). Nothing happens for a report without OCR'd parts."""
    if report.format != "image" and not any(note.startswith("ocr-") for note in report.notes):
        return
    places = ocr_places(report)
    if not places:
        return
    suffix = i18n.word("ocr.mark", lang)
    kept: list[Finding] = []
    for finding in findings:
        ocr = places.holds(finding)
        if ocr and finding.code.startswith(NOT_FROM_PICTURES):
            continue
        if ocr and not finding.message.endswith(suffix):
            finding.message += suffix
        kept.append(finding)
    findings[:] = kept
