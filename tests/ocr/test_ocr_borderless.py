"""Tables drawn without rules (an Excel sheet without gridlines, an HTML table without borders), read from
pictures: the geometry on drawn pictures (gaicheck/ocr/layout.py: numbers standing close are two numbers, a
wrapped label is read line by line; gaicheck/ocr/grid.py: columns from overlapping numbers), and end to end
on fixtures rendered by Chromium without borders (the full set: bench/ocr.py --kinds png-norules,jpeg-norules)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("cv2")  # the ocr extra (Python < 3.13)

import numpy as np

from gaicheck.ocr.grid import column_of, text_columns
from gaicheck.ocr.layout import number_gaps, wrapped_lines

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests/data/formats"


def _ink(width: int, height: int, blobs: list[tuple[int, int, int, int]]) -> np.ndarray:
    ink = np.zeros((height, width), dtype=np.uint8)
    for x0, y0, x1, y1 in blobs:
        ink[y0:y1, x0:x1] = 255
    return ink


def test_two_numbers_standing_close_are_cut_apart_and_one_number_is_not() -> None:
    # digits 11 pixels high: "0" at 0–7, then 9 blank, "6" "0" at 16–23 and 25–32 (a blank of 1 between)
    ink = _ink(40, 20, [(0, 4, 7, 15), (16, 4, 23, 15), (25, 4, 32, 15)])
    assert number_gaps(ink, (0, 0, 40, 20)) == [(0, 0, 7, 20), (16, 0, 32, 20)]
    # a blank of 4 inside "1055" (below half the height, 5): one number
    ink = _ink(40, 20, [(0, 4, 3, 15), (7, 4, 14, 15), (16, 4, 23, 15), (25, 4, 32, 15)])
    assert number_gaps(ink, (0, 0, 40, 20)) == [(0, 0, 40, 20)]
    assert number_gaps(np.zeros((20, 40), dtype=np.uint8), (0, 0, 40, 20)) == [(0, 0, 40, 20)]


def test_a_label_wrapped_onto_two_lines_is_cut_into_its_lines() -> None:
    char = 14
    ink = _ink(300, 40, [(10, 2, 280, 16), (10, 22, 120, 36)])  # two lines of text, 14 high, 6 apart
    assert wrapped_lines(ink, (0, 0, 300, 40), char) == [(10, 2, 280, 16), (10, 22, 120, 36)]
    one = _ink(300, 20, [(10, 2, 280, 16)])
    assert wrapped_lines(one, (0, 0, 300, 20), char) == [(0, 0, 300, 20)]  # one line high: as it is


def test_columns_from_overlapping_numbers_whatever_their_alignment() -> None:
    label, number = False, True
    rows = [
        # label, then three columns: left-aligned (x 400), right-aligned (ends at 520), centred (about 600)
        [((10, 0, 200, 14), label), ((400, 0, 407, 14), number), ((513, 0, 520, 14), number),
         ((597, 0, 604, 14), number)],
        [((10, 20, 250, 34), label), ((400, 20, 421, 34), number), ((499, 20, 520, 34), number),
         ((590, 20, 611, 34), number)],
        [((35, 40, 180, 54), label), ((400, 40, 414, 54), number), ((506, 40, 520, 54), number),
         ((594, 40, 608, 54), number)],
    ]
    columns = text_columns(rows)
    assert columns == [(10, 250), (35, 180), (400, 421), (499, 520), (590, 611)]
    # a label indented by more than 20 pixels is a column of its own (35 above); one indented less joins
    assert text_columns([[((10, 0, 90, 9), label)], [((25, 0, 80, 9), label)]]) == [(10, 90)]
    # a piece goes to the column it overlaps most, else the one whose left edge is nearest
    assert column_of(columns, (505, 60, 512, 74)) == 3
    assert column_of(columns, (560, 60, 567, 74)) == 4
    assert column_of(columns, (12, 60, 30, 74)) == 0


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="the ocr extra needs Python < 3.13")
def test_borderless_screenshot_reads_like_the_ruled_one(tmp_path: Path) -> None:
    from tests.ocr.render import borderless, compare, png_bytes, screenshot

    source = FORMATS / "2024_xiaodukouzhen.html"
    picture = tmp_path / "norules.png"
    picture.write_bytes(png_bytes(screenshot(borderless(source.read_text(encoding="utf-8")), source)))
    c = compare(source, picture)
    assert c.wrong == []  # never a wrong number
    assert c.numeric == 200 and c.accuracy >= 0.995, (c.right, c.unreadable)
    assert c.ocr_findings == c.text_findings and c.ocr_errors == 0


def test_a_line_of_numbers_with_one_unreadable_keeps_its_numbers() -> None:
    """Table 3 of a picture without rules comes as a line of numbers; one OCR could not read surely is
    marked unreadable (gaicheck/ocr/page.py) and stands in its place: the others are read, it is unreadable
    (not the whole row taken for blank)."""
    from gaicheck.extract.extractor import extract
    from gaicheck.extract.values import UNREADABLE
    from gaicheck.readers import read_bytes

    text = (ROOT / "examples/2023_example_clean.txt").read_text(encoding="utf-8")
    row = "2 | 1 | 0 | 1 | 4 | 1 | 0 | 0 | 1 | 2 | 1 | 0 | 0 | 0 | 1"
    assert row in text
    line = f"2  1  0  1  4  1  0  0  {UNREADABLE}I  2  1  0  0  0  1"
    report = extract(read_bytes("x.txt", text.replace(row, line).encode()))
    got = [(c.raw, c.status) for c in report.cells if c.table == "review"]
    assert got[:10] == [
        ("2", "ok"), ("1", "ok"), ("0", "ok"), ("1", "ok"), ("4", "ok"),
        ("1", "ok"), ("0", "ok"), ("0", "ok"), (f"{UNREADABLE}I", "unreadable"), ("2", "ok"),
    ]
    assert len(got) == 15 and all(status == "ok" for _raw, status in got[10:])


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="the ocr extra needs Python < 3.13")
def test_borderless_turned_blurred_jpeg_with_changes(tmp_path: Path) -> None:
    from tests.ocr.render import borderless, bump, compare, degraded_jpeg, screenshot

    source = FORMATS / "2024_xiaodukouzhen.html"
    html, changes = bump(source.read_text(encoding="utf-8"), 5, seed=5)
    assert len(changes) == 5
    text = tmp_path / "changed.html"
    text.write_text(html, encoding="utf-8")
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(degraded_jpeg(screenshot(borderless(html), source), angle=1.0))
    c = compare(text, picture)
    assert c.wrong == [] and c.accuracy >= 0.995, (c.right, c.unreadable)
    assert any(code.startswith("SUM") for code, *_rest in c.text_findings)  # the changes break totals
    assert c.ocr_findings == c.text_findings  # … and OCR finds every one
