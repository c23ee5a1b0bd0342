"""One picture of a page → blocks: ruled tables as exact grids, the other text as lines.

reader (image, PDF page, picture in DOCX/HTML) → **ocr.page** → Table/Paragraph blocks → extractor.
The picture is deskewed, ruled tables are found from their lines (ocr.grid), every cell's text lines
are cut out and recognised in one batch (ocr.engine). Text outside the ruled tables is cut into lines
and pieces at wide gaps; runs of lines with three or more pieces, two of them numbers, become a table
without rules (exact_grid False), the rest paragraphs. A number read with a confidence below
`MIN_CONFIDENCE`, or a value-like text that is no number, becomes an *unreadable* cell (its text starts
with `UNREADABLE`): the extractor marks it so and no identity through it is computed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from gaicheck.extract.values import UNREADABLE, parse_value
from gaicheck.model.document import Block, Cell, Location, OcrSource, Paragraph, Row, Table
from gaicheck.ocr import a4_pages, crop, engine, extend_time_limit
from gaicheck.ocr.glyphs import PageGlyphs
from gaicheck.ocr.grid import Box, Grid, column_of, find_grids, text_columns
from gaicheck.ocr.layout import (
    char_height,
    deskew,
    ink_mask,
    number_gaps,
    rule_masks,
    runs,
    segments,
    stacked,
    text_lines,
    wrapped_lines,
)

MIN_CONFIDENCE = 0.85  # below it a number is not trusted (the digits' lowest probability among digits)
INSET = 4  # pixels kept off a cell's rules
PAD = 3  # pixels around a text line given to the recogniser
SHORT_MARGIN = 0.15  # margin around a short text (a number), in its height (2 pixels at 14), see _crop
CHUNK = 8  # long lines are recognised in pieces about this many line-heights wide
MIN_ROWS = 1  # lines in a row that hold numbers apart make a table without rules (one: a row of table 1 or 3)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WIDE = "\u2e80-\u9fff\uff00-\uffef\u3000-\u303f"
_CJK_SPACE = re.compile(rf"(?<=[{_WIDE}])\s+|\s+(?=[{_WIDE}])")
_DASHES = {"一", "—", "-", "_", "–", "－", "一一", "——", "--", "__"}


@dataclass(slots=True)
class _Piece:
    """A line of text to recognise, and what it belongs to."""

    box: Box
    owner: int  # index of the cell or text line it belongs to
    part: int = 0  # index of the piece of that line (a long piece is read in chunks)


def _line_crops(ink: Any, box: Box, char: int, outer: Box | None = None) -> list[Box]:
    """Boxes of the text lines inside `box`, each trimmed to its ink and given a margin (2·PAD across,
    PAD up and down but at most half the gap to the next line, so no part of it is read twice) that may
    reach into `outer` (the cell up to its rules, which the picture read has erased)."""
    x0, y0, x1, y1 = box
    ox0, oy0, ox1, oy1 = outer or box
    region = ink[y0:y1, x0:x1]
    lines = [
        (top, bottom)
        for top, bottom in text_lines(region, min_height=3, char=char)
        if int(region[top:bottom].sum() // 255) >= 8  # not a speck
    ]
    out: list[Box] = []
    for i, (top, bottom) in enumerate(lines):
        cols = np.flatnonzero(region[top:bottom].any(axis=0))
        up = PAD if i == 0 else min(PAD, (top - lines[i - 1][1]) // 2)
        down = PAD if i == len(lines) - 1 else min(PAD, (lines[i + 1][0] - bottom) // 2)
        out.append(
            (
                max(ox0, x0 + int(cols[0]) - 2 * PAD),
                max(oy0 if i == 0 else y0, y0 + top - up),
                min(ox1, x0 + int(cols[-1]) + 1 + 2 * PAD),
                min(oy1 if i == len(lines) - 1 else y1, y0 + bottom + down),
            )
        )
    return out


def _crop(upright: Any, box: Box, ink: Any) -> Any:
    """The picture of one line of text for the recogniser. A short one (a number) is cut to its ink with a
    margin of SHORT_MARGIN of its height repeated around it: measured on 404 digit crops of a clean
    screenshot and a blurred JPEG, the recogniser reads such a crop surely (3 below 0.9) where one with
    white space around it often comes out as "o" or nothing (29 below 0.9; a white band of a
    character's width: 225)."""
    x0, y0, x1, y1 = box
    if x1 - x0 < 3 * (y1 - y0):
        cols = np.flatnonzero(ink[y0:y1, x0:x1].any(axis=0))
        rows = np.flatnonzero(ink[y0:y1, x0:x1].any(axis=1))
        if cols.size and rows.size:
            piece = np.ascontiguousarray(upright[y0 + rows[0] : y0 + rows[-1] + 1, x0 + cols[0] : x0 + cols[-1] + 1])
            margin = max(2, round(SHORT_MARGIN * piece.shape[0]))
            piece = cv2.copyMakeBorder(piece, *(margin,) * 4, cv2.BORDER_REPLICATE)
            return cv2.cvtColor(piece, cv2.COLOR_GRAY2BGR)
    return cv2.cvtColor(np.ascontiguousarray(upright[y0:y1, x0:x1]), cv2.COLOR_GRAY2BGR)


def _join(parts: list[str]) -> str:
    text = " ".join(p.strip() for p in parts if p.strip())
    return " ".join(_CJK_SPACE.sub("", text).split())


def cell_text(text: str, confidence: float) -> str:
    """What a cell read with `confidence` stands for: its text, or UNREADABLE + text for a number not
    trusted (low confidence) and for a value-like text that is no number (digits mixed with letters)."""
    text = text.strip()
    if not text:
        return ""
    compact = text.replace(" ", "")
    if compact in _DASHES:
        return "—" if confidence >= MIN_CONFIDENCE else UNREADABLE + compact
    status = parse_value(compact).status
    if status == "ok":
        return compact if confidence >= MIN_CONFIDENCE else UNREADABLE + compact
    if status == "empty":
        return compact
    if not _CJK.search(text) and len(compact) <= 12:
        return UNREADABLE + compact  # no label (labels are Chinese) and no number: never guess the digits
    return text


@dataclass(slots=True)
class PageResult:
    blocks: list[Block]
    angle: float  # degrees the picture was turned to stand upright
    cells: int  # table cells read
    unreadable: int  # of which not trusted


def read_picture(image: Any, base: dict[str, int | None], picture: str, first_table: int = 1) -> PageResult:
    """Blocks of one picture (a grey or BGR uint8 array). `base` gives the location fields every block
    shares (e.g. `{"page": 3}`, or the `<img>`'s line and column); tables are numbered from `first_table`."""
    extend_time_limit(a4_pages(image.shape[1], image.shape[0]))  # the time limit grows with the pictures read
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    upright, angle = deskew(grey)
    ink = ink_mask(upright)
    hmask, vmask = rule_masks(ink)
    grids = find_grids(hmask, vmask)
    char = char_height(ink)
    rules = _grid_rules(grids, hmask, vmask)
    text_ink = cv2.bitwise_and(ink, cv2.bitwise_not(rules))

    pieces: list[_Piece] = []
    cell_boxes: list[tuple[int, int, Box]] = []  # grid index, cell index, box
    for g, grid in enumerate(grids):
        for c, cell in enumerate(grid.cells):
            x0, y0, x1, y1 = cell.box
            inner = (x0 + INSET, y0 + INSET, x1 - INSET, y1 - INSET)
            if inner[2] <= inner[0] or inner[3] <= inner[1]:
                continue
            owner = len(cell_boxes)
            cell_boxes.append((g, c, inner))
            outer = (x0 + 1, y0 + 1, x1 - 1, y1 - 1)
            pieces.extend(_Piece(b, owner) for b in _line_crops(text_ink, inner, char, outer))

    outside = text_ink.copy()
    for grid in grids:
        x0, y0, x1, y1 = grid.box
        outside[max(0, y0 - 2) : y1 + 2, max(0, x0 - 2) : x1 + 2] = 0
    lines = _outside_lines(outside, char)
    first_line_piece = len(pieces)
    for i, (_top, segs) in enumerate(lines):
        for k, seg in enumerate(segs):
            for sub in wrapped_lines(outside, seg, char):  # a label wrapped beside its row's numbers
                pieces.extend(_Piece(b, i, k) for b in _chunks(outside, sub))

    clean = upright.copy()
    clean[rules > 0] = 255  # the tables' rules erased: a cell's crop may reach up to them
    read = engine.recognise([_crop(clean, p.box, text_ink) for p in pieces])
    # doubtful digits checked against the page's sure ones (ocr/glyphs.py)
    page_glyphs = PageGlyphs(clean, text_ink, lambda box: _crop(clean, box, text_ink))
    page_glyphs.learn([p.box for p in pieces], read)
    page_glyphs.confirm([p.box for p in pieces], read, MIN_CONFIDENCE)
    cell_parts: dict[int, list[tuple[str, float]]] = {}
    for piece, result in zip(pieces[:first_line_piece], read[:first_line_piece], strict=True):
        cell_parts.setdefault(piece.owner, []).append(result)
    joined: dict[tuple[int, int], tuple[str, float]] = {}
    for piece, (text, conf) in zip(pieces[first_line_piece:], read[first_line_piece:], strict=True):
        before, low = joined.get((piece.owner, piece.part), ("", 1.0))
        joined[(piece.owner, piece.part)] = (before + text, min(low, conf))
    line_conf: dict[int, list[tuple[str, float]]] = {}
    for (owner, _part), result in sorted(joined.items()):
        line_conf.setdefault(owner, []).append(result)
    _split_numbers(lines, line_conf, clean, outside, page_glyphs)

    entries: list[tuple[int, Block]] = []
    texts: dict[tuple[int, int], tuple[str, float, Box]] = {}
    unreadable = 0
    for owner, (g, c, inner) in enumerate(cell_boxes):
        parts = cell_parts.get(owner, [])
        confidence = min((conf for _t, conf in parts), default=1.0)
        read_text = _join([t for t, _c in parts])
        text = cell_text(read_text, confidence) if read_text or not parts else UNREADABLE  # ink, nothing read
        unreadable += text.startswith(UNREADABLE)
        texts[(g, c)] = (text, confidence, inner)
    for g, grid in enumerate(grids):
        entries.append((grid.box[1], _table(grid, g, texts, base, picture, first_table + g)))
    tables_done = len(grids)
    entries.extend(_text_blocks(lines, line_conf, base, picture, first_table + tables_done))
    entries.sort(key=lambda e: e[0])
    crop.attach(upright, [b for _y, b in entries])  # each cell's picture, kept small (ocr/crop.py)
    return PageResult([b for _y, b in entries], angle, len(cell_boxes), unreadable)


_DIGITS = re.compile(r"[\d.,]{2,}")
_LABEL_NUMBER = re.compile(r".*[\u3400-\u9fff\uff08-\uff09()”\"][\d.,]+")  # 政府信息公开申请数量0
_TRAILING_DIGITS = re.compile(r"[\d.,\s]+$")


def _split_numbers(
    lines: list[tuple[int, list[Box]]],
    parts: dict[int, list[tuple[str, float]]],
    clean: Any,
    ink: Any,
    page_glyphs: PageGlyphs,
) -> None:
    """Pieces of text lines that hold several numbers standing close (neighbouring columns of a table
    without rules), or a label and the numbers after it, cut at their wide blanks (layout.number_gaps) and
    read again, in place. For a label, the parts read as numbers at its end become pieces of their own and
    the rest keeps the label as first read (read whole, a label reads better than in parts)."""
    redo: list[tuple[int, int, list[Box], str, float]] = []
    for i, (_top, segs) in enumerate(lines):
        got = parts.get(i, [])
        if len(got) != len(segs):
            continue
        for k, (seg, (text, conf)) in enumerate(zip(segs, got, strict=True)):
            compact = text.replace(" ", "")
            if _DIGITS.fullmatch(compact) or _LABEL_NUMBER.fullmatch(compact):
                split = number_gaps(ink, seg)
                if len(split) > 1:
                    redo.append((i, k, split, text, conf))
    if not redo:
        return
    boxes = [box for _i, _k, split, _t, _c in redo for box in split]
    read = engine.recognise([_crop(clean, box, ink) for box in boxes])
    page_glyphs.confirm(boxes, read, MIN_CONFIDENCE)
    starts = [0]
    for _i, _k, split, _t, _c in redo:
        starts.append(starts[-1] + len(split))
    for n in reversed(range(len(redo))):  # right to left within a line: the indices before k stay valid
        i, k, split, text, conf = redo[n]
        results = read[starts[n] : starts[n + 1]]
        if _LABEL_NUMBER.fullmatch(text.replace(" ", "")):
            numbers = 0
            while numbers < len(results) and _numeric(results[len(results) - 1 - numbers][0]):
                numbers += 1
            if numbers == 0:
                continue  # no number read apart at its end: the piece stays as it was
            if numbers < len(split):
                head = split[: len(split) - numbers]
                label = (head[0][0], head[0][1], head[-1][2], head[-1][3])
                split = [label, *split[len(split) - numbers :]]
                results = [(_TRAILING_DIGITS.sub("", text), conf), *results[len(results) - numbers :]]
        lines[i][1][k : k + 1] = split
        parts[i][k : k + 1] = results


def _grid_rules(grids: list[Grid], hmask: Any, vmask: Any) -> Any:
    """The rules of the tables found, and nothing else (the long strokes of 开 or 申 in a heading are
    in the rule masks too, but on no table's row or column boundary)."""
    rules = np.zeros_like(hmask)
    for grid in grids:
        x0, y0, x1, y1 = grid.box
        for y in grid.ys:
            band = slice(max(0, y - 5), y + 6)
            rules[band, x0:x1] |= hmask[band, x0:x1]
        for x in grid.xs:
            band = slice(max(0, x - 5), x + 6)
            rules[y0:y1, band] |= vmask[y0:y1, band]
    return rules


def _loc(base: dict[str, int | None], **extra: int | None) -> Location:
    fields = {**base, **extra}
    return Location(
        line=fields.get("line"),
        column=fields.get("column"),
        page=fields.get("page"),
        table=fields.get("table"),
        row=fields.get("row"),
        cell=fields.get("cell"),
        paragraph=fields.get("paragraph"),
    )


def _table(
    grid: Grid,
    g: int,
    texts: dict[tuple[int, int], tuple[str, float, Box]],
    base: dict[str, int | None],
    picture: str,
    number: int,
) -> Table:
    slots: list[list[tuple[int, bool] | None]] = [[None] * grid.n_cols for _ in range(grid.n_rows)]
    for c, cell in enumerate(grid.cells):
        for r in range(cell.row, cell.row + cell.rows):
            for k in range(cell.col, cell.col + cell.cols):
                slots[r][k] = (c, r == cell.row and k == cell.col)
    rows: list[Row] = []
    for r, row in enumerate(slots):
        cells: list[Cell] = []
        for k, slot in enumerate(row):
            if slot is None:  # (every position belongs to a cell; kept for safety)
                cells.append(Cell("", _loc(base, table=number, row=r + 1, cell=k + 1)))
                continue
            c, origin = slot
            spec = grid.cells[c]
            text, confidence, box = texts.get((g, c), ("", 1.0, spec.box))
            loc = _loc(base, table=number, row=spec.row + 1, cell=spec.col + 1)
            cells.append(Cell(text, loc, spanned=not origin, ocr=OcrSource(picture, box, round(confidence, 3))))
        rows.append(Row(cells, _loc(base, table=number, row=r + 1)))
    return Table(rows=rows, loc=_loc(base, table=number), exact_grid=True)


def _outside_lines(ink: Any, char: int) -> list[tuple[int, list[Box]]]:
    """Text lines outside the ruled tables: (top, piece boxes cut at wide gaps) each."""
    out: list[tuple[int, list[Box]]] = []
    for top, bottom in text_lines(ink, min_height=6, char=char):
        line = ink[top:bottom]
        if int(line.sum() // 255) < 12:
            continue
        # a line taller than a character is a table row beside a wrapped label: its pieces stand at
        # least a character apart (the label is cut into its lines later, layout.wrapped_lines)
        gap = max(12, char) if stacked(line, char) else max(12, 2 * (bottom - top))
        boxes = [(a, top, b, bottom) for a, b in segments(line, gap)]
        out.append((top, boxes))
    return out


def _chunks(ink: Any, box: Box) -> list[Box]:
    """A long line cut at blank columns into pieces about CHUNK line-heights wide: the recogniser's
    time grows faster than the width, and the text is joined again afterwards."""
    x0, y0, x1, y1 = box
    height = max(1, y1 - y0)
    if x1 - x0 <= CHUNK * height * 1.5:
        return [box]
    blank = ~ink[y0:y1, x0:x1].any(axis=0)
    out: list[Box] = []
    start = 0
    while (x1 - x0) - start > CHUNK * height * 1.5:
        want = start + CHUNK * height
        window = blank[want - height : want + height]
        gaps = runs(window, min_gap=0)
        if not gaps:
            break
        # the widest blank run: the gap between two characters, not inside one (和 = 禾 + 口)
        a, b = max(gaps, key=lambda g: (g[1] - g[0], -abs((g[0] + g[1]) // 2 + want - height - want)))
        cut = want - height + (a + b) // 2
        out.append((x0 + start, y0, x0 + cut + 1, y1))
        start = cut
    out.append((x0 + start, y0, x1, y1))
    return out


def _numeric(text: str) -> bool:
    return parse_value(text.replace(" ", "")).status == "ok"


def _text_blocks(
    lines: list[tuple[int, list[Box]]],
    parts: dict[int, list[tuple[str, float]]],
    base: dict[str, int | None],
    picture: str,
    first_table: int,
) -> list[tuple[int, Block]]:
    """Paragraphs, and tables without rules: three or more lines in a row, each cut into three or more
    pieces of which two are numbers; pieces go to the column whose left edge they start nearest."""
    entries: list[tuple[int, Block]] = []
    i = 0
    number = first_table
    n = len(lines)

    def row_like(k: int) -> bool:
        got = parts.get(k, [])
        return len(got) >= 3 and sum(1 for t, _c in got if _numeric(t)) >= 2

    while i < n:
        if not row_like(i):
            text = _join([t for t, _c in parts.get(i, [])])
            if text:
                entries.append((lines[i][0], Paragraph(text, _loc(base, line=i + 1))))
            i += 1
            continue
        j = i
        while j + 1 < n and row_like(j + 1):
            j += 1
        if j - i + 1 < MIN_ROWS:
            for k in range(i, j + 1):
                # (its numbers as in a table: one not read surely, or a letter among them, is unreadable)
                text = "  ".join(cell_text(t, c) for t, c in parts.get(k, []))
                entries.append((lines[k][0], Paragraph(text, _loc(base, line=k + 1))))
            i = j + 1
            continue
        columns = text_columns(
            [
                [(b, _numeric(t)) for b, (t, _c) in zip(lines[k][1], parts.get(k, []), strict=True)]
                for k in range(i, j + 1)
            ]
        )
        # a blank counts as a cell in a column of numbers only (a blank in a column of labels is no value)
        number_columns = {
            column_of(columns, b)
            for k in range(i, j + 1)
            for b, (t, _c) in zip(lines[k][1], parts.get(k, []), strict=True)
            if _numeric(t)
        }
        rows: list[Row] = []
        for r, k in enumerate(range(i, j + 1)):
            texts: list[list[tuple[str, float, Box]]] = [[] for _ in columns]
            for box, (t, conf) in zip(lines[k][1], parts.get(k, []), strict=True):
                texts[column_of(columns, box)].append((t, conf, box))
            cells = []
            for c, got in enumerate(texts):
                if not got and c not in number_columns:
                    continue
                conf = min((x[1] for x in got), default=1.0)
                text = cell_text(_join([x[0] for x in got]), conf) if got else ""
                box = got[0][2] if got else (columns[c][0], lines[k][0], columns[c][0], lines[k][0])
                loc = _loc(base, table=number, row=r + 1, cell=c + 1)
                cells.append(Cell(text, loc, ocr=OcrSource(picture, box, round(conf, 3))))
            rows.append(Row(cells, _loc(base, table=number, row=r + 1)))
        entries.append((lines[i][0], Table(rows=rows, loc=_loc(base, table=number), exact_grid=False)))
        number += 1
        i = j + 1
    return entries
