"""Cell crops: the part of the picture each OCR'd cell was read from, kept as a small PNG on the cell.

ocr.page (the upright page, the blocks it read) → **crop** → `OcrSource.crop` on each table cell → the
extractor copies the template cells' sources into `Report.ocr_cells` → gaicheck/output/clerk.py shows the crop
beside the value read. Cropped at read time, so no page picture outlives its reading (a 150 dpi page is
2–4 MB of grey pixels; its crops are a few KB): the inked part of the cell's box is cut out, scaled down to
at most MAX_HEIGHT × MAX_WIDTH pixels, its greys reduced to 16 levels, and written as a 4-bit grey PNG.
"""

from __future__ import annotations

import zlib
from dataclasses import replace
from struct import pack
from typing import Any

import cv2
import numpy as np

from gaicheck.model.document import Block, Table

MAX_HEIGHT = 40  # pixels of a crop, at most (a line of 150–200 dpi text is 20–30 pixels high)
MAX_WIDTH = 200
LEVELS = 16  # greys kept (4 bits a pixel)
INK = 160  # a grey darker than this is ink (the crop is trimmed to it)
MARGIN = 3  # pixels of paper kept around the ink, at least

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels of the upright page


def _chunk(kind: bytes, body: bytes) -> bytes:
    return pack(">I", len(body)) + kind + body + pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def png4(grey: Any) -> bytes:
    """A grey uint8 array as a 4-bit greyscale PNG (the greys rounded to 16 levels)."""
    h, w = grey.shape
    levels = (grey.astype(np.uint16) * (LEVELS - 1) + 127) // 255  # 0 … 15
    if w % 2:
        levels = np.pad(levels, ((0, 0), (0, 1)), constant_values=LEVELS - 1)
    packed = (levels[:, 0::2] << 4 | levels[:, 1::2]).astype(np.uint8)
    raw = np.zeros((h, packed.shape[1] + 1), dtype=np.uint8)  # filter byte 0 (none) before each row
    raw[:, 1:] = packed
    header = pack(">IIBBBBB", w, h, 4, 0, 0, 0, 0)  # bit depth 4, greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw.tobytes(), 9))
        + _chunk(b"IEND", b"")
    )


def ink_box(grey: Any, box: Box) -> Box:
    """The part of `box` (clipped to the page) that holds its ink, with a margin of a quarter of the ink's
    height (at least MARGIN pixels) but never beyond `box`: a number in a wide cell is shown, not the
    cell's white space. A box without ink is returned whole (clipped)."""
    h_page, w_page = grey.shape[:2]
    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(w_page, box[2]), min(h_page, box[3])
    if x1 <= x0 or y1 <= y0:
        return (x0, y0, x0, y0)
    dark = grey[y0:y1, x0:x1] < INK
    cols = np.flatnonzero(dark.any(axis=0))
    rows = np.flatnonzero(dark.any(axis=1))
    if cols.size == 0:
        return (x0, y0, x1, y1)
    margin = max(MARGIN, (int(rows[-1]) - int(rows[0]) + 1) // 4)
    return (
        max(x0, x0 + int(cols[0]) - margin),
        max(y0, y0 + int(rows[0]) - margin),
        min(x1, x0 + int(cols[-1]) + 1 + margin),
        min(y1, y0 + int(rows[-1]) + 1 + margin),
    )


def thumbnail(upright: Any, box: Box) -> bytes:
    """The inked part of the box of the page (`ink_box`), scaled down to fit MAX_HEIGHT × MAX_WIDTH (never
    up), as a PNG; b"" for an empty box."""
    grey = upright if upright.ndim == 2 else cv2.cvtColor(upright, cv2.COLOR_BGR2GRAY)
    x0, y0, x1, y1 = ink_box(grey, box)
    if x1 <= x0 or y1 <= y0:
        return b""
    piece = grey[y0:y1, x0:x1]
    h, w = piece.shape
    scale = min(1.0, MAX_HEIGHT / h, MAX_WIDTH / w)
    if scale < 1.0:
        size = (max(1, round(w * scale)), max(1, round(h * scale)))
        piece = cv2.resize(piece, size, interpolation=cv2.INTER_AREA)
    return png4(np.ascontiguousarray(piece))


def attach(upright: Any, blocks: list[Block]) -> None:
    """Give every OCR'd table cell in `blocks` the crop of its box (in place); the copies a merged cell
    spans share one crop."""
    made: dict[Box, bytes] = {}
    for block in blocks:
        if not isinstance(block, Table):
            continue
        for row in block.rows:
            for cell in row.cells:
                source = cell.ocr
                if source is None or source.crop:
                    continue
                box = source.box
                if box not in made:
                    made[box] = thumbnail(upright, box)
                cell.ocr = replace(source, crop=made[box])
