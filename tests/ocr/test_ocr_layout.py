"""Table geometry from pictures (gaicheck/ocr/grid.py, layout.py) on the real 淮安市 2024 PDF rendered to
pictures: its section heading in a large bold face (三、收到和处理政府信息公开申请情况) no longer turns into small
"tables" of its own strokes, and the characters inside a table's cells (十 crosses itself) no longer add
rows and columns to it. End to end (the rendered PDF gives exactly the text layer's findings): in
test_ocr_pictures.py, beside the 洪泽 PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("cv2")  # the ocr extra (Python < 3.13)

import numpy as np

from gaicheck.ocr.grid import find_grids
from gaicheck.ocr.layout import deskew, ink_mask, rule_masks
from tests.ocr.render import pdf_pictures

ROOT = Path(__file__).resolve().parents[2]
HUAIAN = ROOT / "tests/data/corpus/2024_huaian_shi.pdf"


@pytest.fixture(scope="module")
def pages() -> list[np.ndarray]:
    return [np.asarray(p.convert("L")) for p in pdf_pictures(HUAIAN, dpi=150)]


def _grids(grey: np.ndarray, expected: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """(top, bottom, rows, columns) of each grid found; top and bottom as `expected` when within 3 pixels
    (the renderer's anti-aliasing moves a rule by a pixel)."""
    upright, _angle = deskew(grey)
    hmask, vmask = rule_masks(ink_mask(upright))
    found = [(g.box[1], g.box[3], g.n_rows, g.n_cols) for g in find_grids(hmask, vmask)]
    near = [
        (want[0], want[1], *got[2:]) if abs(got[0] - want[0]) <= 3 and abs(got[1] - want[1]) <= 3 else got
        for got, want in zip(found, expected, strict=False)
    ]
    return near + found[len(near) :]


def test_a_bold_heading_between_two_tables_is_no_table(pages: list[np.ndarray]) -> None:
    # page 4: the end of table 1 (6 rules apart: 信息内容/行政处罚/行政强制/第二十条（八）项/信息内容/收费, two
    # columns) and the start of table 2 (3 header rows + 13 rows, 3 label columns + 7 value columns); between
    # them the heading, whose strokes made four small grids before
    expected = [(163, 618, 6, 2), (768, 1637, 16, 10)]
    assert _grids(pages[3], expected) == expected


def test_characters_in_cells_add_no_rows_or_columns(pages: list[np.ndarray]) -> None:
    # page 3: table 1's start, 8 rows of 4 columns (the rows of one wide cell are spans, not more columns)
    assert _grids(pages[2], [(971, 1574, 8, 4)]) == [(971, 1574, 8, 4)]
    # page 5: the end of table 2 (12 rows) and table 3; the heading 四、行政复议、行政诉讼情况 is no table
    # (whose strokes touch table 3's top rule: they are cut off, so table 3 has its 3 header rows + 1)
    found = _grids(pages[4], [(163, 945, 12, 10), (1045, 1447, 4, 0)])
    assert [g[:3] for g in found] == [(163, 945, 12), (1045, 1447, 4)]
    assert found[0][3] == 10
