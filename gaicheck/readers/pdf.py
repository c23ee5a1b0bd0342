"""PDF reader (pdfplumber): file → **PDF reader** → Document → extractor.

Per page: ruled tables and the text lines outside them, in reading order (by top coordinate).
Tables are found from the *visible* rules only (stroked lines and rectangles, thin filled bars):
office suites also paint invisible white or shaded rectangles behind text lines, which pdfplumber's
default strategy would take for table cells. A table cut by the page edge is closed there, so its
merged cells still form. Merged cells are expanded into a full grid (copies `spanned=True`); newlines
inside a cell are removed and the spaces justification puts between CJK characters dropped. A table
that continues on the next page is joined into one Table (columns aligned by x position, a
repeated header row dropped, a merged label cut by the page break mended). One-column "tables"
(boxes around text) stay text. Page numbers such as `— 5 —`, `第 5 页`, `5/12` are dropped.
Locations: `Location(page, table, row, cell)` for cells (table = its index on that page, row
within that page's part), `Location(page, line)` for text lines (line = its number on the page).

A page that shows a picture and no text but its page number (a scanned or pasted table) becomes a
`Document.pictures` entry at `Location(page)`, with the index of the first block after it, unless OCR
read it. Pages without a text layer are read by OCR when the `ocr` extra is installed (readers/pdf_ocr.py;
each gets the note `ocr-page:N`). A PDF with no text at all gives a Document without blocks and the note
`no-text-layer` (with `ocr-unavailable` when the extra would have read it); an encrypted PDF that needs a
password, a damaged file or one with too many pages raises ReadError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from gaicheck.limits import allow_pages, default_limits
from gaicheck.model.document import Block, Cell, Document, Location, Paragraph, Picture, Row, Table
from gaicheck.readers.errors import ReadError

TOL = 2.0  # points: positions closer than this are the same rule
WHITE = 0.95

# Spaces next to a CJK character (incl. full-width punctuation and curly quotes) are layout, not text.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018-\u201f\u2014\u2026\u3000-\u303f"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_~·•\s]*\d{1,4}[-—–－_~·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[/，,、]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"^[-+]?[\d,，.]+%?$")
_NUMBER_TOKEN = re.compile(r"(?<![0-9A-Za-z.])[-+]?\d[\d,]*(?:\.\d+)?(?![0-9A-Za-z.])")
# The start of a new item label: （三）, 3., 3、, 三、 …
_ITEM_START = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[）)]|^[一二三四五六七八九十\d]{1,3}\s*[、.．]")


def clean(text: str) -> str:
    """A cell's or a line's text: no newlines, no layout spaces around CJK, single spaces elsewhere."""
    text = text.replace("\n", "")
    text = _CJK_SPACE.sub("", text)
    return " ".join(text.split())


def _white(color: Any) -> bool:
    if color is None:
        return True
    if isinstance(color, int | float):
        return float(color) >= WHITE
    if isinstance(color, list | tuple):
        values = [float(v) for v in color if isinstance(v, int | float)]
        if len(values) == 1:
            return values[0] >= WHITE
        if len(values) == 3:
            return min(values) >= WHITE
        if len(values) == 4:  # CMYK
            return max(values) <= 1 - WHITE
    return False


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {
        "object_type": "rule_edge",
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }


def visible_edges(page: Any) -> list[dict[str, Any]]:
    """Table rules that are really drawn: stroked lines and rectangles, and thin filled bars."""
    edges: list[dict[str, Any]] = []
    for line in page.lines:
        if _white(line.get("stroking_color")) and line.get("stroking_color") is not None:
            continue
        x0, x1, top, bottom = line["x0"], line["x1"], line["top"], line["bottom"]
        if bottom - top <= TOL and x1 - x0 > TOL:
            mid = (top + bottom) / 2
            edges.append(_edge("h", x0, mid, x1, mid))
        elif x1 - x0 <= TOL and bottom - top > TOL:
            mid = (x0 + x1) / 2
            edges.append(_edge("v", mid, top, mid, bottom))
    for rect in page.rects:
        x0, x1, top, bottom = rect["x0"], rect["x1"], rect["top"], rect["bottom"]
        width, height = x1 - x0, bottom - top
        thin_filled = rect.get("fill") and not _white(rect.get("non_stroking_color")) and min(width, height) <= 3
        if thin_filled:
            if height <= width:
                mid = (top + bottom) / 2
                edges.append(_edge("h", x0, mid, x1, mid))
            else:
                mid = (x0 + x1) / 2
                edges.append(_edge("v", mid, top, mid, bottom))
        elif rect.get("stroke") and not _white(rect.get("stroking_color")) and width > TOL and height > TOL:
            edges.append(_edge("h", x0, top, x1, top))
            edges.append(_edge("h", x0, bottom, x1, bottom))
            edges.append(_edge("v", x0, top, x0, bottom))
            edges.append(_edge("v", x1, top, x1, bottom))
    return edges


def _closing_edges(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A horizontal rule across the top and the bottom of each group of overlapping vertical rules:
    closes the cells of a table cut by the page edge (its last row has no bottom rule there)."""
    verticals = sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: e["top"])
    closing: list[dict[str, Any]] = []
    group: list[float] | None = None  # top, bottom, x0, x1
    for e in verticals:
        if group is not None and e["top"] <= group[1] + TOL:
            group[1] = max(group[1], e["bottom"])
            group[2] = min(group[2], e["x0"])
            group[3] = max(group[3], e["x0"])
            continue
        if group is not None:
            closing += _across(group)
        group = [e["top"], e["bottom"], e["x0"], e["x0"]]
    if group is not None:
        closing += _across(group)
    return closing


def _across(group: list[float]) -> list[dict[str, Any]]:
    top, bottom, x0, x1 = group
    return [_edge("h", x0, top, x1, top), _edge("h", x0, bottom, x1, bottom)]


def _cluster(values: list[float], tol: float = TOL) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(bounds: list[float], value: float) -> int:
    """The index of the boundary nearest to `value`."""
    best, best_d = 0, abs(bounds[0] - value)
    for i, b in enumerate(bounds):
        d = abs(b - value)
        if d < best_d:
            best, best_d = i, d
    return best


@dataclass
class _PCell:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    loc: Location | None = None
    copy: bool = False  # continues a cell of the previous page: every position is a spanned copy
    open_top: bool = False  # no rule drawn along the top (a merged cell cut by the page break)
    open_bottom: bool = False
    rowspan: int = 1  # rows covered within its page's part


@dataclass
class _Part:
    """The piece of a table found on one page."""

    page: int
    index: int  # 1-based table number on its page
    cells: list[_PCell]
    tops: list[float]  # row boundaries (len = rows + 1)
    xs: list[float]  # column boundaries (len = columns + 1)
    exact: bool = True
    drop_first_row: bool = False

    @property
    def top(self) -> float:
        return self.tops[0]

    @property
    def x0(self) -> float:
        return self.xs[0]

    @property
    def x1(self) -> float:
        return self.xs[-1]

    @property
    def n_rows(self) -> int:
        return len(self.tops) - 1


@dataclass
class _Line:
    top: float
    text: str
    number: int
    chrome: bool = False  # a page number / header / footer


@dataclass
class _PageItems:
    number: int
    lines: list[_Line] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)


def _cell_texts(page: Any, cells: list[tuple[float, float, float, float]]) -> list[str]:
    """Text of each cell bbox: the characters whose centre lies inside (as pdfplumber's extract)."""
    from pdfplumber.utils.text import extract_text

    if not cells:
        return []
    x0 = min(c[0] for c in cells)
    top = min(c[1] for c in cells)
    x1 = max(c[2] for c in cells)
    bottom = max(c[3] for c in cells)
    chars = []
    for ch in page.chars:
        h = (ch["x0"] + ch["x1"]) / 2
        v = (ch["top"] + ch["bottom"]) / 2
        if x0 <= h < x1 and top <= v < bottom:
            chars.append((h, v, ch))
    texts: list[str] = []
    for cx0, ctop, cx1, cbottom in cells:
        inside = [ch for h, v, ch in chars if cx0 <= h < cx1 and ctop <= v < cbottom]
        texts.append(clean(extract_text(inside)) if inside else "")
    return texts


def _ruled(edges: list[dict[str, Any]], y: float, x0: float, x1: float) -> bool:
    """Whether drawn horizontal rules at height `y` cover most of the span x0..x1."""
    covered = 0.0
    for e in edges:
        if e["orientation"] == "h" and abs(e["top"] - y) <= TOL:
            covered += max(0.0, min(e["x1"], x1) - max(e["x0"], x0))
    return covered >= 0.8 * (x1 - x0)


def _part_from(
    page: Any, page_no: int, index: int, table: Any, exact: bool, edges: list[dict[str, Any]] | None = None
) -> _Part | None:
    boxes: list[tuple[float, float, float, float]] = [tuple(c) for c in table.cells]
    if not boxes:
        return None
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    tops = _cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    if len(xs) < 3 or len(tops) < 2:  # one column: a box around text, not a table
        return None
    texts = _cell_texts(page, boxes)
    cells = [_PCell(b[0], b[1], b[2], b[3], t) for b, t in zip(boxes, texts, strict=True)]
    if edges is not None:
        for cell in cells:
            if cell.top <= tops[0] + TOL:
                cell.open_top = not _ruled(edges, cell.top, cell.x0, cell.x1)
            if cell.bottom >= tops[-1] - TOL:
                cell.open_bottom = not _ruled(edges, cell.bottom, cell.x0, cell.x1)
    return _Part(page_no, index, cells, tops, xs, exact)


def _segments(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """A text line cut where the gap between two characters is wide: the cells of an unruled table."""
    chars = sorted((c for c in chars if not c["text"].isspace()), key=lambda c: c["x0"])
    if not chars:
        return []
    heights = sorted(c["bottom"] - c["top"] for c in chars)
    gap = max(8.0, 0.8 * heights[len(heights) // 2])
    out: list[list[dict[str, Any]]] = [[chars[0]]]
    for ch in chars[1:]:
        if ch["x0"] - out[-1][-1]["x1"] > gap:
            out.append([ch])
        else:
            out[-1].append(ch)
    return out


def _text_tables(raw: list[dict[str, Any]], page_no: int) -> tuple[list[_Part], set[int]]:
    """Tables drawn without rules: runs of three or more lines cut into three or more aligned pieces,
    two of them numbers (with up to three header lines just above). Returns the parts and the indices
    of the lines they use."""
    from pdfplumber.utils.text import extract_text

    segs = [_segments(line.get("chars", [])) for line in raw]

    def texts(i: int) -> list[str]:
        return [clean(extract_text(seg)) for seg in segs[i]]

    def numeric_row(i: int) -> bool:
        t = texts(i)
        return len(t) >= 3 and sum(1 for x in t if _NUMERIC.match(x)) >= 2

    parts: list[_Part] = []
    used: set[int] = set()
    i = 0
    while i < len(raw):
        if not numeric_row(i):
            i += 1
            continue
        j = i
        while j + 1 < len(raw) and numeric_row(j + 1):
            j += 1
        if j - i + 1 >= 3:
            start = i
            while start > 0 and i - start < 3 and len(segs[start - 1]) >= 2 and start - 1 not in used:
                start -= 1
            rows = list(range(start, j + 1))
            starts = _cluster([seg[0]["x0"] for r in rows for seg in segs[r]], 6.0)
            right = max(seg[-1]["x1"] for r in rows for seg in segs[r])
            xs = [*starts, right + 1]
            tops = [float(raw[r]["top"]) for r in rows] + [float(raw[rows[-1]]["bottom"]) + 1]
            cells: list[_PCell] = []
            for k, r in enumerate(rows):
                by_col: dict[int, list[dict[str, Any]]] = {}
                for seg in segs[r]:
                    left = seg[0]["x0"] + 6.0
                    col = max((c for c, x in enumerate(starts) if x <= left), default=0)
                    by_col.setdefault(col, []).extend(seg)
                for col in range(len(starts)):
                    chars = by_col.get(col, [])
                    text = clean(extract_text(chars)) if chars else ""
                    cells.append(_PCell(xs[col], tops[k], xs[col + 1], tops[k + 1], text))
            parts.append(_Part(page_no, len(parts) + 1, cells, tops, xs, exact=False))
            used.update(rows)
        i = j + 1
    return parts, used


def _text_holds_table(lines: list[str]) -> bool:
    """At least three lines with three or more separate numbers: perhaps a table drawn without rules."""
    return sum(1 for line in lines if len(_NUMBER_TOKEN.findall(line)) >= 3) >= 3


def _read_page(page: Any, page_no: int) -> tuple[_PageItems, bool]:
    """The text lines and table parts of one page, and whether the page has any text."""
    items = _PageItems(page_no)
    if not any(not ch["text"].isspace() for ch in page.chars):
        return items, False
    page = page.dedupe_chars()
    drawn = visible_edges(page)
    tables: list[Any] = []
    if drawn:
        edges = drawn + _closing_edges(drawn)
        settings = {
            "vertical_strategy": "explicit",
            "horizontal_strategy": "explicit",
            "explicit_vertical_lines": edges,
            "explicit_horizontal_lines": edges,
        }
        tables = sorted(page.find_tables(settings), key=lambda t: (t.bbox[1], t.bbox[0]))
    for table in tables:
        part = _part_from(page, page_no, len(items.parts) + 1, table, exact=True, edges=drawn)
        if part is not None:
            items.parts.append(part)
    raw = _raw_lines(page, items.parts)
    used: set[int] = set()
    if not items.parts and _text_holds_table([line["text"] for line in raw]):
        items.parts, used = _text_tables(raw, page_no)
    for i, line in enumerate(raw):
        text = clean(line["text"])
        if i not in used and text:
            items.lines.append(_Line(float(line["top"]), text, i + 1))
    _mark_chrome(items.lines, float(page.height), page_no)
    return items, True


def _raw_lines(page: Any, parts: list[_Part]) -> list[dict[str, Any]]:
    """pdfplumber's text lines (with their characters) outside the tables, top to bottom."""
    boxes = [(p.x0, p.tops[0], p.x1, p.tops[-1]) for p in parts]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        h = (obj["x0"] + obj["x1"]) / 2
        v = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= h <= x1 and top <= v <= bottom for x0, top, x1, bottom in boxes)

    view = page.filter(outside) if boxes else page
    lines = view.extract_text_lines(strip=True, return_chars=True)
    return sorted(lines, key=lambda ln: (ln["top"], ln["x0"]))


def _mark_chrome(lines: list[_Line], height: float, page_no: int) -> None:
    """Page numbers alone on a line in the top or bottom margin (or first/last on the page).

    A bare number counts only when it is this page's number: in a one-cell-per-line report a value
    may well stand alone at the foot of a page.
    """
    for i, line in enumerate(lines):
        edge = i == 0 or i == len(lines) - 1
        margin = line.top < 0.12 * height or line.top > 0.85 * height
        text = line.text.strip()
        if text.isdigit() and int(text) != page_no:
            continue
        if (edge or margin) and _PAGE_NUMBER.match(line.text):
            line.chrome = True


# ---- tables across pages ---------------------------------------------------------------------------
def _last_on_page(items: _PageItems, part: _Part) -> bool:
    return part is items.parts[-1] and not any(ln.top > part.tops[-1] - TOL and not ln.chrome for ln in items.lines)


def _first_on_page(items: _PageItems, part: _Part) -> bool:
    return part is items.parts[0] and not any(ln.top < part.top + TOL and not ln.chrome for ln in items.lines)


def _continues(prev: _Part, prev_items: _PageItems, nxt: _Part, next_items: _PageItems) -> bool:
    if not (prev.exact and nxt.exact and nxt.page == prev.page + 1):
        return False
    if not (_last_on_page(prev_items, prev) and _first_on_page(next_items, nxt)):
        return False
    if abs(prev.x0 - nxt.x0) > 3 * TOL or abs(prev.x1 - nxt.x1) > 3 * TOL:
        return False
    union = _cluster(prev.xs + nxt.xs, 1.5 * TOL)
    return len(union) == max(len(prev.xs), len(nxt.xs))  # one's columns refine the other's


def _part_grid(part: _Part, cols: list[float]) -> list[list[tuple[_PCell, bool] | None]]:
    """The part's cells on the table's column grid: (cell, is_origin) per position."""
    grid: list[list[tuple[_PCell, bool] | None]] = [[None] * (len(cols) - 1) for _ in range(part.n_rows)]
    for cell in part.cells:
        c0, c1 = _index(cols, cell.x0), _index(cols, cell.x1)
        r0, r1 = _index(part.tops, cell.top), _index(part.tops, cell.bottom)
        cell.rowspan = max(r1 - r0, 1)
        for r in range(r0, max(r1, r0 + 1)):
            for c in range(c0, max(c1, c0 + 1)):
                if r < len(grid) and c < len(grid[r]) and grid[r][c] is None:
                    grid[r][c] = (cell, r == r0 and c == c0)
    return grid


def _columns_of(row: list[tuple[_PCell, bool] | None], cell: _PCell) -> list[int]:
    return [c for c, slot in enumerate(row) if slot is not None and slot[0] is cell]


def _mend_break(above: list[tuple[_PCell, bool] | None], below: list[tuple[_PCell, bool] | None]) -> None:
    """A merged label cut by the page break: the part below starts with an empty cell, or with the rest
    of the label's text, under the label, and either no rule is drawn at the break or that cell is
    itself merged over several rows. Make it the same cell (its positions become copies)."""
    for c, slot in enumerate(below):
        if slot is None or not slot[1] or c >= len(above):
            continue
        up = above[c]
        if up is None:
            continue
        cell, label = slot[0], up[0]
        if label is cell or not label.text or _NUMERIC.match(label.text):
            continue
        if not (label.open_bottom and cell.open_top) and cell.rowspan < 2:
            continue  # closed by a rule and not merged below the break: two cells
        if _columns_of(above, label) != _columns_of(below, cell):
            continue  # different widths: not the same merged cell
        if cell.text and _ITEM_START.match(cell.text):
            continue  # a new item, not the rest of the label
        if cell.text:
            label.text += cell.text
        cell.text = label.text
        cell.loc = label.loc
        cell.copy = True


def _build_table(parts: list[_Part]) -> Table:
    cols = _cluster([x for p in parts for x in p.xs], 1.5 * TOL)
    grids = [_part_grid(p, cols) for p in parts]
    # locations of the origins first: a mended cell copies its label's location
    for part, grid in zip(parts, grids, strict=True):
        for r, row in enumerate(grid):
            for c, slot in enumerate(row):
                if slot is not None and slot[1]:
                    slot[0].loc = Location(page=part.page, table=part.index, row=r + 1, cell=c + 1)
    for i in range(1, len(parts)):
        if grids[i - 1] and grids[i]:
            _mend_break(grids[i - 1][-1], grids[i][0])
    rows: list[Row] = []
    for part, grid in zip(parts, grids, strict=True):
        for r, row in enumerate(grid):
            if r == 0 and part.drop_first_row:
                continue
            row_loc = Location(page=part.page, table=part.index, row=r + 1)
            cells: list[Cell] = []
            for c, slot in enumerate(row):
                if slot is None:
                    cells.append(Cell("", Location(page=part.page, table=part.index, row=r + 1, cell=c + 1)))
                    continue
                cell, origin = slot
                loc = cell.loc or Location(page=part.page, table=part.index, row=r + 1, cell=c + 1)
                cells.append(Cell(cell.text, loc, spanned=not origin or cell.copy))
            rows.append(Row(cells, row_loc))
    first = parts[0]
    return Table(rows=rows, loc=Location(page=first.page, table=first.index), exact_grid=all(p.exact for p in parts))


def _row_texts(part: _Part, cols: list[float], r: int) -> list[str]:
    grid = _part_grid(part, cols)
    return [slot[0].text if slot is not None else "" for slot in grid[r]] if r < len(grid) else []


def _assemble(pages: list[_PageItems]) -> list[Block]:
    # group parts into tables
    groups: list[list[_Part]] = []
    owner: dict[int, list[_Part]] = {}
    for i, items in enumerate(pages):
        for part in items.parts:
            prev_items = pages[i - 1] if i > 0 else None
            if prev_items is not None and prev_items.parts and part is items.parts[0]:
                prev = prev_items.parts[-1]
                if _continues(prev, prev_items, part, items):
                    group = owner[id(prev)]
                    cols = _cluster(group[0].xs + part.xs, 1.5 * TOL)
                    header = _row_texts(group[0], cols, 0)
                    if any(header) and _row_texts(part, cols, 0) == header:
                        part.drop_first_row = True  # a header repeated on the new page
                    group.append(part)
                    owner[id(part)] = group
                    continue
            group = [part]
            groups.append(group)
            owner[id(part)] = group
    built = {id(g[0]): _build_table(g) for g in groups}
    blocks: list[Block] = []
    for items in pages:
        entries: list[tuple[float, int, Block]] = []
        for line in items.lines:
            if not line.chrome:
                entries.append((line.top, 1, Paragraph(line.text, Location(page=items.number, line=line.number))))
        for part in items.parts:
            if id(part) in built:
                entries.append((part.top, 0, built[id(part)]))
        entries.sort(key=lambda e: (e[0], e[1]))
        blocks.extend(e[2] for e in entries)
    return blocks


# ---- document ------------------------------------------------------------------------------------------
def _info_title(pdf: Any) -> str | None:
    """The Title of the document info, decoded properly (UTF-16 with either byte order, or PDFDocEncoding)."""
    try:
        from pdfminer.pdftypes import resolve1
        from pdfminer.utils import decode_text

        for info in pdf.doc.info:
            raw = resolve1(info.get("Title"))
            if isinstance(raw, bytes):
                if raw.startswith(b"\xfe\xff"):
                    text = raw[2:].decode("utf-16-be", "replace")
                elif raw.startswith(b"\xff\xfe"):
                    text = raw[2:].decode("utf-16-le", "replace")
                else:
                    text = decode_text(raw)
                text = " ".join(text.replace("\x00", "").split())
                if text:
                    return text
    except Exception:  # metadata is optional: never fail the read for it
        return None
    return None


def _max_pages() -> int:
    return default_limits().max_pdf_pages


def _open_error(exc: Exception) -> str:
    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name or "password" in str(cause).lower():
        return "PDF 已加密，需要密码才能打开 / encrypted PDF: it needs a password to open"
    return f"PDF 文件损坏，无法读取 / damaged PDF, cannot be read ({name})"


def read(path: str, data: bytes) -> Document:
    import pdfplumber

    try:
        pdf = pdfplumber.open(BytesIO(data))
    except Exception as exc:
        raise ReadError(_open_error(exc)) from exc
    doc = Document(path=path, format="pdf")
    with pdf:
        try:
            n_pages = len(pdf.pages)
        except Exception as exc:
            raise ReadError(_open_error(exc)) from exc
        limit = _max_pages()
        if limit and n_pages > limit:
            raise ReadError(
                f"PDF 页数过多（{n_pages} 页，上限 {limit} 页）/ too many PDF pages ({n_pages}, limit {limit})"
            )
        allow_pages(n_pages)  # the time limit grows with the pages (gaicheck/limits.py)
        doc.title = _info_title(pdf)
        pages: list[_PageItems] = []
        pictured: list[int] = []  # pages showing a picture and no text
        any_text = False
        textless: list[int] = []
        for number, page in enumerate(pdf.pages, start=1):
            try:
                items, has_text = _read_page(page, number)
                if _picture_only(page, items):
                    pictured.append(number)
            except Exception as exc:  # one broken page must not lose the others
                items, has_text = _PageItems(number), False
                doc.notes.append(f"page-{number}-unreadable: {type(exc).__name__}")
            else:
                if not has_text:
                    textless.append(number)
            any_text = any_text or has_text
            pages.append(items)
            page.close()
    # --- pages without a text layer: read by OCR (gaicheck.ocr) when the extra is installed ---
    pictures = _ocr_textless(doc, data, textless)
    if not any_text and not pictures:
        doc.notes.append("no-text-layer")
        return doc
    doc.blocks = _assemble(pages)
    if pictures:
        merged = doc.blocks + [b for n in sorted(pictures) for b in pictures[n]]
        doc.blocks = sorted(merged, key=lambda b: b.loc.page or 0)  # stable: each page's order is kept
    for number in pictured:
        if number in pictures:
            continue  # read by OCR: its table is among the blocks
        after = next((i for i, b in enumerate(doc.blocks) if (b.loc.page or 0) > number), len(doc.blocks))
        doc.pictures.append(Picture(Location(page=number), after))
    return doc


def _picture_only(page: Any, items: _PageItems) -> bool:
    """A page with a picture on it and no text but its page number."""
    if items.parts or any(not line.chrome for line in items.lines):
        return False
    return bool(page.images)


def _ocr_textless(doc: Document, data: bytes, numbers: list[int]) -> dict[int, list[Block]]:
    """OCR's blocks for the text-less pages (none without the extra: then the note `ocr-unavailable`)."""
    if not numbers:
        return {}
    from gaicheck.ocr import OcrUnavailable
    from gaicheck.readers.image import ocr_ready

    if not ocr_ready():
        doc.notes.append("ocr-unavailable")
        return {}
    from gaicheck.readers.pdf_ocr import ocr_pages

    try:
        found = ocr_pages(data, numbers)
    except OcrUnavailable:
        doc.notes.append("ocr-unavailable")
        return {}
    found = {n: blocks for n, blocks in found.items() if blocks}
    doc.notes.extend(f"ocr-page:{n}" for n in sorted(found))
    return found
