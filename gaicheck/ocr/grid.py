"""Table grids from ruling lines: rule masks → row and column boundaries → merged cells.

ocr.layout (rule masks) → **grid** → ocr.page (which reads each cell's crop). A cell is a set of grid
positions with no rule drawn between them, so merged cells (rowspan/colspan) come out as one cell
covering several positions, as the other readers' grids do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from gaicheck.ocr.layout import runs

OPEN_EDGE = 12  # pixels: vertical rules running this far past the last horizontal one close a row

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels of the upright page


@dataclass(slots=True)
class GridCell:
    row: int  # first grid row (0-based)
    col: int  # first grid column
    rows: int  # grid rows covered
    cols: int  # grid columns covered
    box: Box  # inside the rules


@dataclass(slots=True)
class Grid:
    box: Box
    ys: list[int]  # row boundaries (len = rows + 1)
    xs: list[int]  # column boundaries
    cells: list[GridCell] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


def _centres(profile: Any) -> list[int]:
    return [(a + b - 1) // 2 for a, b in runs(profile, min_gap=3)]


def _covered(band: Any, axis: int) -> float:
    """Share of the band's length (along `axis`) where a rule is drawn."""
    if band.size == 0:
        return 0.0
    return float((band > 0).any(axis=axis).mean())


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _cells(hmask: Any, vmask: Any, ys: list[int], xs: list[int]) -> list[GridCell]:
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def union(a: int, b: int) -> None:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(n_rows):
        top, bottom = ys[r], ys[r + 1]
        inset = max(2, (bottom - top) // 5)
        for c in range(n_cols - 1):
            x = xs[c + 1]
            band = vmask[top + inset : bottom - inset, max(0, x - 4) : x + 5]
            if _covered(band, 1) < 0.5:
                union(r * n_cols + c, r * n_cols + c + 1)
    for c in range(n_cols):
        left, right = xs[c], xs[c + 1]
        inset = max(2, (right - left) // 5)
        for r in range(n_rows - 1):
            y = ys[r + 1]
            band = hmask[max(0, y - 4) : y + 5, left + inset : right - inset]
            if _covered(band, 0) < 0.5:
                union(r * n_cols + c, (r + 1) * n_cols + c)
    groups: dict[int, list[int]] = {}
    for i in range(n_rows * n_cols):
        groups.setdefault(_find(parent, i), []).append(i)
    cells: list[GridCell] = []
    for members in groups.values():
        rows = [i // n_cols for i in members]
        cols = [i % n_cols for i in members]
        r0, r1, c0, c1 = min(rows), max(rows) + 1, min(cols), max(cols) + 1
        cells.append(GridCell(r0, c0, r1 - r0, c1 - c0, (xs[c0], ys[r0], xs[c1], ys[r1])))
    cells.sort(key=lambda g: (g.row, g.col))
    return cells


FRAME = 0.8  # share of a table's width (height) its top or bottom (left or right) rule covers, at least


def _framed(hs: Any, vs: Any) -> bool:
    """Whether the rules form a table's frame: a rule along most of its top or bottom edge, and one along
    most of its left or right edge. The strokes of a large bold heading (处, 四) join into a small grid of
    their own, without such a frame; a table cut by the page's edge still has three sides of it."""
    h, w = hs.shape
    band = max(3, min(h, w) // 20)
    top, bottom = _covered(hs[:band], 0), _covered(hs[h - band :], 0)
    left, right = _covered(vs[:, :band], 1), _covered(vs[:, w - band :], 1)
    return max(top, bottom) >= FRAME and max(left, right) >= FRAME


def _trim(hs: Any, vs: Any) -> tuple[int, int]:
    """The rows (top, bottom) of the table proper: a heading just above (or a line just below) whose strokes
    touch the outer rule is cut off, unless the table's left or right rule runs on there (a table cut by
    the page's edge, whose last row has no rule under it)."""
    h, w = hs.shape
    full = np.flatnonzero((hs > 0).mean(axis=1) >= FRAME)
    if full.size == 0:
        return 0, h
    band = max(3, w // 20)

    def ruled_sides(part: Any) -> bool:
        return part.shape[0] > 0 and max(_covered(part[:, :band], 1), _covered(part[:, w - band :], 1)) >= FRAME

    top = int(full[0])
    bottom = int(full[-1]) + 1
    start = max(0, top - 2) if top > OPEN_EDGE and not ruled_sides(vs[:top]) else 0
    end = min(h, bottom + 2) if h - bottom > OPEN_EDGE and not ruled_sides(vs[bottom:]) else h
    return start, end


def find_grids(hmask: Any, vmask: Any) -> list[Grid]:
    """The ruled tables of a page, top to bottom: each with at least two rows and two columns."""
    both = cv2.bitwise_or(hmask, vmask)
    count, labels, stats, _centroids = cv2.connectedComponentsWithStats(both, connectivity=8)
    grids: list[Grid] = []
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i][:4])
        if w < 60 or h < 30:
            continue
        # the rules of this table only: a stroke of a character inside a cell (十 crosses itself) is in the
        # masks too, but not joined to the table's rules
        own = labels[y : y + h, x : x + w] == i
        hs = np.where(own, hmask[y : y + h, x : x + w], 0)
        vs = np.where(own, vmask[y : y + h, x : x + w], 0)
        if not _framed(hs, vs):
            continue
        top, bottom = _trim(hs, vs)
        if (top, bottom) != (0, h):
            hs, vs = hs[top:bottom], vs[top:bottom]
            y, h = y + top, bottom - top
        ys = [y + v for v in _centres(hs.sum(axis=1))]
        xs = [x + v for v in _centres(vs.sum(axis=0))]
        # a table cut by the page edge has no rule there: its vertical rules still end the last row
        if ys and y + h - 1 - ys[-1] > OPEN_EDGE:
            ys.append(y + h - 1)
        if ys and ys[0] - y > OPEN_EDGE:
            ys.insert(0, y)
        if len(ys) < 3 or len(xs) < 3:
            continue
        grid = Grid((x, y, x + w, y + h), ys, xs)
        grid.cells = _cells(hmask, vmask, ys, xs)
        grids.append(grid)
    grids.sort(key=lambda g: (g.box[1], g.box[0]))
    return grids


LABEL_ALIGN = 20  # pixels: label pieces starting this close are in one column


def text_columns(rows: list[list[tuple[Box, bool]]]) -> list[tuple[int, int]]:
    """The columns of a table drawn without rules, from its rows' pieces (box, is a number): numbers of one
    column overlap across the rows whatever their alignment (left, right or centred), so the x-ranges of
    the numbers are joined where they overlap; the pieces no number column overlaps (labels) make columns
    by their left edges. (x0, x1) of each column, left to right."""
    numbers = sorted((box[0], box[2]) for row in rows for box, numeric in row if numeric)
    columns: list[tuple[int, int]] = []
    for x0, x1 in numbers:
        if columns and x0 < columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    labels = sorted(
        (box[0], box[2])
        for row in rows
        for box, numeric in row
        if not numeric and not any(box[0] < b and a < box[2] for a, b in columns)
    )
    label_columns: list[tuple[int, int]] = []
    for x0, x1 in labels:
        if label_columns and x0 - label_columns[-1][0] <= LABEL_ALIGN:
            label_columns[-1] = (label_columns[-1][0], max(label_columns[-1][1], x1))
        else:
            label_columns.append((x0, x1))
    return sorted(columns + label_columns)


def column_of(columns: list[tuple[int, int]], box: Box) -> int:
    """The column a piece belongs to: the one it overlaps most, else the one whose left edge is nearest."""
    best = max(range(len(columns)), key=lambda c: min(columns[c][1], box[2]) - max(columns[c][0], box[0]))
    a, b = columns[best]
    if min(b, box[2]) - max(a, box[0]) > 0:
        return best
    return min(range(len(columns)), key=lambda c: abs(columns[c][0] - box[0]))
