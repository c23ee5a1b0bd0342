"""Pictures of reports for the OCR tests and benchmark: HTML fixtures rendered by headless Chromium
(clean screenshot; JPEG q70 turned 0.5–1° and slightly blurred; image-only PDF at 150 dpi), PDFs
rendered to image-only PDFs, `+1` changes made in an HTML report before rendering, and the comparison
of what OCR read with what the text reader read (cells and findings)."""

from __future__ import annotations

import io
import random
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageFilter

from gaicheck.api import check_file_report
from gaicheck.limits import Limits
from gaicheck.model.report import CellValue

CHROMIUM = Path("/usr/bin/chromium")
WIDTH = 1240  # an A4 page's width at 150 dpi
_TD_NUMBER = re.compile(r"(<td[^>]*>\s*)(\d{1,4})(\s*</td>)", re.IGNORECASE)


def screenshot(html: str, base: Path) -> Image.Image:
    """The whole page of `html` (named after `base`; written to a temporary folder, never beside the
    project's files) as Chromium draws it."""
    import tempfile

    from playwright.sync_api import sync_playwright

    folder = tempfile.TemporaryDirectory(prefix="gaicheck-ocr-")
    page_file = Path(folder.name) / f"{base.stem}.html"
    page_file.write_text(html, encoding="utf-8")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"], headless=True)
            page = browser.new_page(viewport={"width": WIDTH, "height": 900})
            page.goto(page_file.resolve().as_uri())
            png = page.screenshot(full_page=True)
            browser.close()
    finally:
        folder.cleanup()
    return Image.open(io.BytesIO(png)).convert("RGB")


NO_RULES = (
    "<style>table, th, td { border: none !important; } table { border-collapse: collapse !important; }</style>"
)


def borderless(html: str) -> str:
    """The page with its tables drawn without rules (as an Excel sheet without gridlines, or an HTML table
    without borders): a style sheet that removes every border, put before the page's own </head>."""
    at = html.lower().find("</head>")
    return html[:at] + NO_RULES + html[at:] if at >= 0 else NO_RULES + html


def png_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def degraded_jpeg(image: Image.Image, angle: float, blur: float = 0.6, quality: int = 70) -> bytes:
    """The picture turned by `angle` degrees (white corners), slightly blurred, as a JPEG."""
    turned = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(255, 255, 255))
    buf = io.BytesIO()
    turned.filter(ImageFilter.GaussianBlur(blur)).save(buf, format="JPEG", quality=quality)
    return buf.getvalue()


def image_pdf(pages: list[Image.Image], dpi: float = 150.0) -> bytes:
    """An image-only PDF (no text layer): each picture one page at `dpi`."""
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return buf.getvalue()


def pdf_pictures(path: Path, dpi: float = 150.0) -> list[Image.Image]:
    """Each page of a PDF rendered to a picture (what a scanner would give)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()


def bump(html: str, count: int, seed: int) -> tuple[str, list[tuple[str, str]]]:
    """`count` numbers in table cells raised by one (chosen by `seed`); returns the page and (old, new)."""
    spots = list(_TD_NUMBER.finditer(html))
    chosen = sorted(random.Random(seed).sample(range(len(spots)), min(count, len(spots))))
    out: list[str] = []
    changes: list[tuple[str, str]] = []
    last = 0
    for i in chosen:
        m = spots[i]
        new = str(int(m.group(2)) + 1)
        out.append(html[last : m.start(2)] + new)
        changes.append((m.group(2), new))
        last = m.end(2)
    out.append(html[last:])
    return "".join(out), changes


@dataclass
class Comparison:
    numeric: int = 0  # cells the text reader read as a number
    right: int = 0  # of which OCR read the same number
    unreadable: int = 0  # of which OCR marked unreadable (or could not place)
    wrong: list[str] = field(default_factory=list)  # of which OCR read another number: key text→ocr
    text_findings: list[tuple[object, ...]] = field(default_factory=list)
    ocr_findings: list[tuple[object, ...]] = field(default_factory=list)
    ocr_errors: int = 0  # error findings on the OCR side
    ocr_cpu_s: float = 0.0  # CPU seconds to check the picture (read, OCR, extract, rules)

    @property
    def accuracy(self) -> float:
        return self.right / self.numeric if self.numeric else 1.0


def _unspaced(value: object) -> object:
    """A label found in the text (`2. 其他…`) and read from a picture (`2.其他…`) differ by spaces only."""
    return "".join(value.split()) if isinstance(value, str) else value


def _checked(path: str) -> tuple[dict[str, CellValue], list[tuple[object, ...]], int]:
    """The cells, the findings (code, cells, expected, actual; typography left out: it is not judged
    from pictures) and the number of error findings of one file, read once."""
    result, report = check_file_report(path, limits=Limits(max_seconds=0))  # no time limit: CI may be loaded
    assert result.error is None and report is not None, result.error
    keys = sorted(
        (f.code, tuple(f.cells), _unspaced(f.expected), _unspaced(f.actual))
        for f in result.findings
        if not f.code.startswith("STY")
    )
    return {c.key: c for c in report.cells}, keys, sum(1 for f in result.findings if f.severity == "error")


def compare(text_path: Path, ocr_path: Path) -> Comparison:
    """What OCR read from `ocr_path` against what the text reader read from `text_path`."""
    out = Comparison()
    truth, out.text_findings, _errors = _checked(str(text_path))
    cpu = time.process_time()
    seen, out.ocr_findings, out.ocr_errors = _checked(str(ocr_path))
    out.ocr_cpu_s = time.process_time() - cpu
    for key, cell in truth.items():
        if cell.status != "ok":
            continue
        out.numeric += 1
        got = seen.get(key)
        if got is None or got.status in ("unreadable", "ambiguous", "missing"):
            out.unreadable += 1
        elif got.status == "ok" and got.value == cell.value:
            out.right += 1
        else:
            out.wrong.append(f"{key}: {cell.raw}→{got.raw} ({got.status})")
    return out
