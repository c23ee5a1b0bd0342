"""The picture of an OCR'd cell beside its value in the HTML report and on the web page: crops cut at read
time (gaicheck/ocr/crop.py), carried by the report (`Report.ocr_cells`), shown by gaicheck/output/clerk.py for
the cells the findings name. Unit tests on drawn pictures; end to end on a rendered table (Chromium + engine)."""

from __future__ import annotations

import base64
import io
import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("cv2")  # the ocr extra (Python < 3.13)

import numpy as np
from PIL import Image

from gaicheck.api import check_file_report
from gaicheck.limits import Limits
from gaicheck.model.document import Cell, Location, OcrSource, Row, Table
from gaicheck.ocr import crop
from gaicheck.output import clerk
from gaicheck.output.html import render_report_html

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests/data/formats"
_IMG = re.compile(r'<td [^>]*data-key="([^"]+)"[^>]*>[^<]*(?:<span[^>]*>[^<]*</span>)?'
                  r'<img class="ocr" src="data:image/png;base64,([^"]+)" width="(\d+)" height="(\d+)" alt="([^"]*)">')


def _page() -> np.ndarray:
    """A white page with two inked rectangles: 30×20 at (100, 50), 400×60 at (10, 200)."""
    page = np.full((300, 500), 255, dtype=np.uint8)
    page[50:70, 100:130] = 0
    page[200:260, 10:410] = 40
    return page


def _decoded(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def test_png4_is_a_4_bit_grey_png_with_16_levels() -> None:
    grey = np.array([[0, 17, 34, 255, 128]], dtype=np.uint8)  # odd width: padded inside the PNG, not seen
    image = _decoded(crop.png4(grey))
    assert (image.format, image.mode, image.size) == ("PNG", "L", (5, 1))
    assert image.info.get("bits", 4) == 4
    assert list(image.tobytes()) == [0, 17, 34, 255, 136]  # 128 rounds to level 8 of 15 (136)


def test_the_crop_is_the_ink_with_a_margin_never_past_the_box() -> None:
    page = _page()
    # ink 30×20 inside a wide cell: a margin of max(3, 20 // 4) = 5 on each side
    assert crop.ink_box(page, (20, 30, 300, 100)) == (95, 45, 135, 75)
    # the margin stops at the box
    assert crop.ink_box(page, (98, 48, 140, 72)) == (98, 48, 135, 72)
    # no ink: the box as it is (clipped to the page); outside the page: empty
    assert crop.ink_box(page, (300, 0, 520, 40)) == (300, 0, 500, 40)
    assert crop.ink_box(page, (600, 0, 700, 40)) == (600, 0, 600, 0)


def test_thumbnail_keeps_the_ratio_and_is_scaled_down_only() -> None:
    page = _page()
    small = _decoded(crop.thumbnail(page, (20, 30, 300, 100)))
    assert small.size == (40, 30)  # 40×30 fits MAX_HEIGHT × MAX_WIDTH: not scaled
    assert small.getpixel((20, 15)) == 0 and small.getpixel((1, 1)) == 255
    # 400×60 of ink + a margin of 15 → 430×90 (clipped at x=0: 410+15-0=425 wide), scaled to fit 200×40
    box = crop.ink_box(page, (0, 150, 500, 299))
    assert box == (0, 185, 425, 275)
    wide = _decoded(crop.thumbnail(page, (0, 150, 500, 299)))
    assert wide.size == (round(425 * 40 / 90), 40) == (189, 40)
    assert crop.thumbnail(page, (600, 0, 700, 40)) == b""


def test_attach_gives_each_ocr_cell_its_crop_and_spanned_copies_share_it() -> None:
    page = _page()
    source = OcrSource("page 1", (20, 30, 300, 100), 0.99)
    cells = [
        Cell("1", Location(page=1, table=1, row=1, cell=1), ocr=source),
        Cell("1", Location(page=1, table=1, row=1, cell=1), spanned=True, ocr=source),
        Cell("x", Location(page=1, table=1, row=1, cell=3)),  # not from a picture
    ]
    table = Table(rows=[Row(cells, Location(page=1, table=1, row=1))], loc=Location(page=1, table=1))
    crop.attach(page, [table])
    first, copy, text = cells
    assert first.ocr is not None and copy.ocr is not None and text.ocr is None
    assert first.ocr.crop == copy.ocr.crop == crop.thumbnail(page, source.box)
    assert (first.ocr.box, first.ocr.confidence) == (source.box, 0.99)


def _wrong_totals() -> tuple[object, list[object]]:
    result, report = check_file_report(str(ROOT / "examples/2023_example_wrong_totals.txt"))
    assert report is not None
    return report, result.findings


def test_the_report_shows_crops_for_the_cells_findings_name_and_suggest_only() -> None:
    report, findings = _wrong_totals()
    page = _page()
    png = crop.thumbnail(page, (20, 30, 300, 100))
    # pretend four cells were read from a picture: two named by findings, one only in a SUM003 list, one by none
    for key in ("review.reconsideration.upheld", "apply.total.total", "apply.granted.natural", "active.rules.made"):
        report.ocr_cells[key] = OcrSource("page 2", (20, 30, 300, 100), 0.97, png)  # type: ignore[attr-defined]
    page_html = render_report_html(report, findings)  # type: ignore[arg-type]
    shown = {m.group(1): m.groups()[1:] for m in _IMG.finditer(page_html)}
    data = base64.b64encode(png).decode()
    upheld = report.cell("review.reconsideration.upheld")  # type: ignore[attr-defined]
    total = report.cell("apply.total.total")  # type: ignore[attr-defined]
    assert shown == {
        # SUM004 names it and suggests it; SUM001/SUM003 name 总计 and suggest it
        "review.reconsideration.upheld": (data, "40", "30", f"图片原样（图像识别读作 {upheld.raw}）"),
        "apply.total.total": (data, "40", "30", f"图片原样（图像识别读作 {total.raw}）"),
        # SUM003 names 予以公开 (a term of the broken sum): it is shown too
        "apply.granted.natural": (data, "40", "30", "图片原样（图像识别读作 {}）".format(
            report.cell("apply.granted.natural").raw)),  # type: ignore[attr-defined]
    }
    assert page_html.count('<img class="ocr"') == 3
    english = render_report_html(report, findings, lang="en")  # type: ignore[arg-type]
    assert f'alt="the picture as drawn (OCR read {upheld.raw})"' in english


def test_cells_only_a_cannot_check_finding_names_get_no_crop() -> None:
    from gaicheck.model.finding import Finding

    report, findings = _wrong_totals()
    png = crop.thumbnail(_page(), (20, 30, 300, 100))
    report.ocr_cells["active.rules.made"] = OcrSource("page 1", (0, 0, 10, 10), 0.9, png)  # type: ignore[attr-defined]
    sum005 = Finding(code="SUM005", name="unverifiable", severity="warning", message="…", cells=["active.rules.made"])
    assert clerk.cropped([sum005]) == set()
    assert 'class="ocr"' not in render_report_html(report, [sum005])  # type: ignore[arg-type]
    assert clerk.cropped([*findings, sum005]) >= {"review.reconsideration.upheld", "apply.total.total"}


def test_text_reports_carry_no_crops() -> None:
    report, findings = _wrong_totals()
    assert report.ocr_cells == {}  # type: ignore[attr-defined]
    assert 'class="ocr"' not in render_report_html(report, findings)  # type: ignore[arg-type]


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="the ocr extra needs Python < 3.13")
def test_picture_in_html_crops_beside_the_values_read_and_none_for_text_cells(tmp_path: Path) -> None:
    """Table 3 as a picture in the page, table 2 as HTML; a change in each. The findings name cells of both:
    the picture's cells show their crop (exactly the ink of their box, scaled), the HTML cells none."""
    from gaicheck.ocr.layout import deskew
    from gaicheck.readers.image import grey_pages, open_image
    from tests.ocr.render import png_bytes, screenshot

    html = (FORMATS / "2023_example_clean.html").read_text(encoding="utf-8")
    start = html.rindex("<table")
    end = html.index("</table>", start) + len("</table>")
    table3 = html[start:end].replace("<td>2</td>", "<td>3</td>", 1)  # 结果维持 2 → 3 (in the picture)
    picture = png_bytes(screenshot(f'<html><body style="margin:8px">{table3}</body></html>', FORMATS / "x.html"))
    img = f'<img src="data:image/png;base64,{base64.b64encode(picture).decode()}">'
    text = html[:start] + img + html[end:]
    first = text.index("<table", text.index("<table") + 1)  # table 2 (the HTML's second table)
    text = text[:first] + re.sub(r"(<td>)(\d+)(</td>)", lambda m: f"{m[1]}{int(m[2]) + 5}{m[3]}", text[first:], count=1)
    page = tmp_path / "report.html"
    page.write_text(text, encoding="utf-8")
    result, report = check_file_report(str(page), limits=Limits(max_seconds=0))
    assert report is not None
    codes = sorted({f.code for f in result.findings})
    assert "SUM004" in codes and any(c in codes for c in ("SUM001", "SUM002", "SUM003"))
    named = clerk.cropped(result.findings)
    from_picture = {k for k in named if k.startswith("review.")}
    from_text = {k for k in named if k.startswith("apply.")}
    assert from_picture and from_text
    assert set(report.ocr_cells) >= from_picture and not set(report.ocr_cells) & from_text
    out = render_report_html(report, result.findings)
    shown = {m.group(1): m.groups()[1:] for m in _IMG.finditer(out)}
    assert set(shown) == {k for k in from_picture if report.cell(k) is not None}
    upright, _angle = deskew(grey_pages(open_image(picture))[0])  # the page as the reader turned it
    for key, (data, width, height, alt) in shown.items():
        png = base64.b64decode(data)
        image = _decoded(png)
        assert image.format == "PNG" and image.size == (int(width), int(height))
        x0, y0, x1, y1 = crop.ink_box(upright, report.ocr_cells[key].box)
        scale = min(1.0, crop.MAX_HEIGHT / (y1 - y0), crop.MAX_WIDTH / (x1 - x0))
        assert image.size == (max(1, round((x1 - x0) * scale)), max(1, round((y1 - y0) * scale)))
        cell = report.cell(key)
        assert cell is not None and alt == f"图片原样（图像识别读作 {cell.raw}）"
    # the web page's tables come from the same renderer
    from gaicheck.server.view import build_view

    view = build_view("report.html", report, result.findings)
    assert set(m.group(1) for m in _IMG.finditer(str(view.tables_html))) == set(shown)
