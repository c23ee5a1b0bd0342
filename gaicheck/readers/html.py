"""HTML reader: file → **HTML reader** → Document → extractor.

Decodes the page (BOM, declared charset, UTF-8, detection), parses it with lxml and walks the tree
once, iteratively (no Python recursion, so deeply nested pages are safe). Block-level elements
become Paragraphs, their text rejoined across inline elements with no separator (Chinese labels
are split mid-word over `<span>`s); `<br>` splits a paragraph. Innermost tables become
`Table(exact_grid=True)` with rowspan/colspan expanded (copies `spanned=True`); a table holding
another table, or a single-column table, is layout and its cells are read as flow. Inside a data
cell, the text of its `<p>`/`<br>` pieces is joined with no separator. Script, style, comments and
`<head>` are ignored; `<title>` becomes `Document.title`; dates such as `发布日期：2023-01-19` go into
`Document.meta`. Every paragraph and cell carries the 1-based line and character column of its first
text character in the decoded source (best effort, found by a forward-only search: linear time).
`<img>` elements (but icons declared smaller than 32 px) become `Document.pictures` and links to
document files (.doc, .pdf, .xls, …) `Document.attachments`, each at the line and column of its tag
and with the index of the block it stands in or before.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lxml import etree  # this module is imported only when an HTML file is read

from gaicheck.model.document import (
    Attachment,
    Block,
    Cell,
    Document,
    Location,
    Paragraph,
    Picture,
    Row,
    Table,
    is_attachment_href,
)
from gaicheck.readers.encoding import DecodeError, decode_text
from gaicheck.readers.errors import ReadError

# Elements whose start or end breaks the running text into a new paragraph (or a new cell piece).
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
        "listing", "main", "menu", "nav", "ol", "option", "p", "plaintext", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "xmp",
    }
)  # fmt: skip
# Elements whose content is never visible text.
SKIP_TAGS = frozenset(
    {"head", "script", "style", "title", "noscript", "template", "xml", "object", "embed", "svg", "math",
     "iframe", "frameset", "noframes", "canvas", "audio", "video", "map", "datalist", "textarea", "select"}
)  # fmt: skip
_STRUCTURE_TAGS = tuple(sorted(BLOCK_TAGS | {"br"}))

MAX_COLSPAN = 1000  # HTML limits
MAX_ROWSPAN = 65534
MAX_GRID_CELLS = 2_000_000  # per document: a guard against span bombs
SOURCELINE_CAP = 65535  # libxml2's HTML parser stores line numbers in 16 bits

_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{2,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]{2,40})""", re.IGNORECASE)
_GB_NAMES = frozenset({"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "x-euc-cn", "euc-cn"})
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
# A line break between two CJK characters renders as nothing (CSS segment-break rule for CJK).
_CJK_BREAK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t\r\f\v]*\n\s*(?=[\u3000-\u9fff\uff00-\uffef])")
_DATE = r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)"
_META_LABELS = ("发布日期", "发布时间", "发文日期", "成文日期", "公开日期", "印发日期")
_META_LABEL_RE = "|".join(r"\s*".join(label) for label in _META_LABELS)
_META_PAIR = re.compile(rf"({_META_LABEL_RE})\s*[:：]?\s*{_DATE}")
_META_LABEL_ONLY = re.compile(rf"^({_META_LABEL_RE})\s*[:：]?$")
_META_DATE_ONLY = re.compile(rf"^{_DATE}")
# The first characters of a text node, as they must appear verbatim in the source (no entity-prone
# characters): searched for to find the node's column.
_KEY = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]*([^\s&<>\"'\u200b\u200c\u200d\u2060\ufeff\u00ad]{1,12})")
_DIGITS = re.compile(r"\s*(\d+)")
_SEARCH_WINDOW = 16384


def normalize(text: str) -> str:
    """Collapse whitespace (incl. NBSP and U+3000) to single spaces, drop zero-width marks, strip."""
    if text.isalnum():  # letters and digits only (most cells): no whitespace, no zero-width mark
        return text
    if "\n" in text:
        text = _CJK_BREAK.sub("", text)
    if not text.isascii() and _ZERO_WIDTH_RE.search(text):
        text = _ZERO_WIDTH_RE.sub("", text)
    return " ".join(text.split())


def declared_charset(data: bytes) -> str | None:
    """The charset declared by a `<meta charset>`/http-equiv tag or an XML declaration, if any."""
    head = data[:65536]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    if name in _GB_NAMES:
        # A page declaring GB2312 but actually stored as UTF-8 is common after a site migration;
        # real GBK text with non-ASCII bytes is practically never valid UTF-8.
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return name
        return "utf-8" if not data.isascii() else name
    return name


def _line_starts(source: str) -> list[int]:
    """Where each line starts, then len(source) + 1 (a find loop: no copy of the lines, unlike split)."""
    starts = [0]
    find = source.find
    pos = find("\n")
    while pos != -1:
        pos += 1
        starts.append(pos)
        pos = find("\n", pos)
    starts.append(len(source) + 1)
    return starts


class _Locator:
    """Find where a text fragment starts in the decoded source, scanning forward only (linear time)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.line_starts = _line_starts(source)
        self.cursor = 0
        self.budget = 4 * len(source) + 1_000_000  # characters we may still scan on failed searches

    def line_of(self, pos: int) -> int:
        return bisect_right(self.line_starts, pos)

    def here(self) -> Location:
        return Location(self.line_of(self.cursor))

    def _search(self, key: str, start: int, end: int) -> int:
        """The first occurrence of `key` in [start, end) that is not inside a tag, or -1. A hit counts
        as inside a tag when a `<` precedes it (at most 4096 characters back) with no `>` in between;
        the search then goes on after that tag's end."""
        source = self.source
        pos = source.find(key, start, end)
        while pos != -1:
            if pos == 0 or source[pos - 1] == ">":  # right after a tag's end: the usual case
                return pos
            lt = source.rfind("<", pos - 4096 if pos > 4096 else 0, pos)
            if lt == -1:
                return pos
            close = source.find(">", lt + 1, end)  # the end of the tag begun at `lt`
            if close == -1:
                return -1
            if close < pos:
                return pos  # that tag ended before the hit
            # inside a tag (e.g. a `style="padding:0"` attribute): go on after the tag's end
            pos = source.find(key, close + 1, end)
        return -1

    def cell_start(self, sourceline: int | None) -> Location | None:
        """Where the next `<td`/`<th` tag starts (from the cursor, not before its element's line): the place of
        a cell without text, which has no text to find. The cursor moves past it, so that a row of blank cells
        gets one place each. None when no such tag is near."""
        line_starts = self.line_starts
        start = self.cursor
        if sourceline is not None and 0 < sourceline <= len(line_starts) and sourceline < SOURCELINE_CAP:
            start = max(start, line_starts[sourceline - 1])
        match = _CELL_TAG.search(self.source, start, start + _SEARCH_WINDOW)
        if match is None:
            return None
        pos = match.start()
        self.cursor = pos + 3
        line = bisect_right(line_starts, pos)
        return Location(line, pos - line_starts[line - 1] + 1)

    def locate(self, text: str, sourceline: int | None) -> Location:
        """Location of the first visible character of `text`, an element's text or tail."""
        match = _KEY.match(text)
        line_known = sourceline is not None and 0 < sourceline < SOURCELINE_CAP
        if match is not None:
            key = match.group(1)
            line_starts = self.line_starts
            line_start = line_starts[sourceline - 1] if line_known and sourceline <= len(line_starts) else 0  # type: ignore[operator]
            cursor = self.cursor
            start = cursor if cursor > line_start else line_start
            window = _SEARCH_WINDOW if self.budget > 0 else 256
            pos = self._search(key, start, start + window)
            if pos == -1 and line_start < cursor:  # the tree may have moved misplaced content
                pos = self._search(key, line_start, min(cursor, line_start + window))
            if pos != -1:
                if pos >= cursor:
                    self.cursor = pos + len(key)
                line = bisect_right(line_starts, pos)
                return Location(line, pos - line_starts[line - 1] + 1)  # positional: no keyword dict
            self.budget -= window
        if line_known:
            return Location(sourceline)
        return self.here()


_CELL_TAG = re.compile(r"<t[dh][\s>/]", re.IGNORECASE)


def _visible(text: str) -> bool:
    return bool(text) and not text.isspace()


class _Para:
    """Running text being collected for one paragraph."""

    __slots__ = ("loc", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.loc: Location | None = None


def _leaf_text(el: etree._Element) -> tuple[str, str | None, etree._Element]:
    """(all text of `el` without its tail, its first visible text node or None, that node's element).

    The text comes from one C-level serialisation; the first node is looked up only among the element
    texts (tails rarely lead), and checked to begin the whole text, else found in order with itertext.
    """
    if len(el) == 0:
        text = el.text or ""
        return text, (text if _visible(text) else None), el
    text = etree.tostring(el, method="text", encoding=str, with_tail=False)
    if not _visible(text):
        return text, None, el
    for node in el.iter():
        first = node.text
        if first and not first.isspace():
            if text.lstrip().startswith(first.lstrip()[:4]):
                return text, first, node
            break
    for first in el.itertext():
        if _visible(first):
            return text, first, el
    return text, None, el


def _span(raw: str | None, limit: int, zero: int) -> int:
    if not raw:
        return 1
    match = _DIGITS.match(raw)
    if match is None:
        return 1
    value = int(match.group(1)[:7])
    if value == 0:
        return zero
    return value if value < limit else limit


# one table row as read: (row location, cells as (text, location, rowspan, colspan), has a span)
_RowSpec = tuple[Location, list[tuple[str, Location, int, int]], bool]


class _Reader:
    """One pass over the parsed tree, producing blocks in document order."""

    def __init__(self, source: str, data_tables: set[etree._Element], containers: set[etree._Element]) -> None:
        self.locator = _Locator(source)
        self.data_tables = data_tables
        self.containers = containers
        self.blocks: list[Block] = []
        self.meta: dict[str, str] = {}
        self.grid_cells = 0
        self.pending_label: str | None = None
        self.para = _Para()
        self.line_locs: dict[int, Location] = {}
        self.holders: set[etree._Element] = set()  # pictures and attachment links, and their ancestors
        self.pictures: list[Picture] = []
        self.attachments: list[Attachment] = []
        self.media_cursor = 0

    # ---- flow -----------------------------------------------------------------------------
    def add(self, text: str, owner: etree._Element) -> None:
        para = self.para
        if para.loc is None and _visible(text):
            para.loc = self.locator.locate(text, owner.sourceline)
        para.parts.append(text)

    def add_leaf(self, el: etree._Element) -> None:
        """Add a whole leaf element's text (one C-level call instead of a visit per inline element)."""
        text, first, owner = _leaf_text(el)
        para = self.para
        if para.loc is None and first is not None:
            para.loc = self.locator.locate(first, owner.sourceline)
        para.parts.append(text)

    def flush(self) -> None:
        para = self.para
        if not para.parts:
            return
        text = normalize("".join(para.parts))
        if text:
            self.blocks.append(Paragraph(text, para.loc or self.locator.here()))
            self._meta_text(text)
        self.para = _Para()

    def line_loc(self, el: etree._Element) -> Location:
        """A shared line-only Location for an element without text (frozen, so sharing is safe)."""
        line = el.sourceline
        if not line or line >= SOURCELINE_CAP:
            line = self.locator.line_of(self.locator.cursor)
        loc = self.line_locs.get(line)
        if loc is None:
            loc = self.line_locs[line] = Location(line)
        return loc

    def walk(self, root: etree._Element) -> None:
        """Visit the tree once. A leaf block (no block or `<br>` inside) is read whole, by C code,
        and its subtree skipped: inline markup (`<span>`, `<font>`, `<o:p>`) costs no Python work."""
        walker = etree.iterwalk(root, events=("start", "end"))
        block_tags, data_tables, containers = BLOCK_TAGS, self.data_tables, self.containers
        holders = self.holders = _media_holders(root)
        for event, el in walker:
            tag = el.tag
            if event == "start":
                if not isinstance(tag, str):
                    walker.skip_subtree()
                    continue
                if tag in block_tags:
                    self.flush()
                    if el not in containers:
                        if el in holders:
                            self.media(el, len(self.blocks))
                        self.add_leaf(el)
                        walker.skip_subtree()
                        continue
                    if tag == "table" and el in data_tables:
                        before = len(self.blocks)
                        self.table(el)
                        if el in holders:
                            self.media(el, len(self.blocks) - 1 if len(self.blocks) > before else before)
                        walker.skip_subtree()
                        continue
                elif tag == "br":
                    self.flush()
                elif el not in containers:  # an inline leaf: read it whole
                    if el in holders:
                        self.media(el, len(self.blocks))
                    self.add_leaf(el)
                    walker.skip_subtree()
                    continue
                elif tag == "a" and el in holders:  # a link around a line break: the link itself
                    self.media_link(el, len(self.blocks))
                text = el.text
                if text:
                    self.add(text, el)
            else:
                if tag in block_tags:
                    self.flush()
                tail = el.tail
                if tail:
                    self.add(tail, el)
        self.flush()

    # ---- pictures and attachment links ------------------------------------------------------
    def media(self, el: etree._Element, block: int) -> None:
        """The pictures and attachment links in `el` (itself included), in document order."""
        for node in el.iter("img", "a"):
            if node.tag == "img":
                self.media_picture(node, block)
            else:
                self.media_link(node, block)

    def media_picture(self, img: etree._Element, block: int) -> None:
        if _icon(img):
            return
        src = (img.get("src") or "").strip()
        name = normalize(img.get("alt") or img.get("title") or "") or _file_name(src)
        self.pictures.append(Picture(self.tag_loc(img, "<img", src), block, name))

    def media_link(self, a: etree._Element, block: int) -> None:
        href = (a.get("href") or "").strip()
        if not is_attachment_href(href):
            return
        text = normalize("".join(a.itertext())) or _file_name(href)
        self.attachments.append(Attachment(text, href, self.tag_loc(a, "<a", href), block))

    def tag_loc(self, el: etree._Element, start: str, value: str) -> Location:
        """Line and column of an element's start tag (`start`, e.g. `<img`), found by its attribute
        `value` (the source or target as written) from its source line on, after the last one found
        (pictures and links are few: these searches are apart from the text's locator)."""
        locator = self.locator
        line = el.sourceline
        if not line or line >= SOURCELINE_CAP or line > len(locator.line_starts) - 1:
            return self.line_loc(el)
        source = locator.source
        begin = max(locator.line_starts[line - 1], self.media_cursor)
        end = begin + 1_000_000
        at = source.find(value, begin, end) if value else -1
        # not found: the value is written with entities; take the next such tag
        pos = source.rfind(start, begin, at) if at != -1 else source.find(start + " ", begin, end)
        if pos == -1:
            return self.line_loc(el)
        self.media_cursor = pos + 1
        found = locator.line_of(pos)
        return Location(found, pos - locator.line_starts[found - 1] + 1)

    # ---- tables ---------------------------------------------------------------------------
    def cell_text(self, td: etree._Element) -> tuple[str, Location | None]:
        """A cell's text: its pieces (split by `<p>`, `<br>`, …) normalized and joined with no separator."""
        containers = self.containers
        if td not in containers:  # the common case: no block or <br> inside
            text, first, owner = _leaf_text(td)
            if first is None:
                return "", None
            return normalize(text), self.locator.locate(first, owner.sourceline)
        block_tags = BLOCK_TAGS
        if len(td) == 1:  # td > p, the usual shape of Word-made pages: the text of that one leaf block
            child = td[0]
            text, tail = td.text, child.tail
            if (
                child.tag in block_tags
                and child not in containers
                and (not text or text.isspace())
                and (not tail or tail.isspace())
            ):
                text, first, owner = _leaf_text(child)
                return normalize(text), (None if first is None else self.locator.locate(first, owner.sourceline))
        pieces: list[str] = []
        parts: list[str] = []
        loc: Location | None = None
        text = td.text
        if text:
            if _visible(text):
                loc = self.locator.locate(text, td.sourceline)
            parts.append(text)
        for child in td:  # the usual shape, td > p > span…, without a visit per element
            tag = child.tag
            if child in containers:
                return self._cell_text_walk(td)
            if (tag == "br" or tag in block_tags) and parts:
                pieces.append(normalize("".join(parts)))
                parts = []
            if isinstance(tag, str) and tag != "br":
                loc = self._read_leaf(child, parts, loc)
                if tag in block_tags:
                    pieces.append(normalize("".join(parts)))
                    parts = []
            text = child.tail
            if text:
                if loc is None and _visible(text):
                    loc = self.locator.locate(text, child.sourceline)
                parts.append(text)
        if parts:
            pieces.append(normalize("".join(parts)))
        return "".join(pieces), loc

    def _read_leaf(self, el: etree._Element, parts: list[str], loc: Location | None) -> Location | None:
        """Add a leaf element's whole text to `parts`; returns `loc`, or where that text starts if `loc`
        is still None."""
        text, first, owner = _leaf_text(el)
        parts.append(text)
        if loc is None and first is not None:
            return self.locator.locate(first, owner.sourceline)
        return loc

    def _cell_text_walk(self, td: etree._Element) -> tuple[str, Location | None]:
        """cell_text for cells with nested blocks: a full visit, leaves still read whole."""
        containers = self.containers
        pieces: list[str] = []
        parts: list[str] = []
        loc: Location | None = None
        block_tags = BLOCK_TAGS
        walker = etree.iterwalk(td, events=("start", "end"))
        for event, el in walker:
            tag = el.tag
            if event == "start":
                if not isinstance(tag, str):
                    walker.skip_subtree()
                    continue
                if el is not td and (tag in block_tags or tag == "br"):
                    if parts:
                        pieces.append(normalize("".join(parts)))
                        parts = []
                    if tag != "br" and el not in containers:
                        loc = self._read_leaf(el, parts, loc)
                        walker.skip_subtree()
                        continue
                elif el is not td and el not in containers:  # an inline leaf: read it whole
                    loc = self._read_leaf(el, parts, loc)
                    walker.skip_subtree()
                    continue
                text = el.text
            else:
                if el is td:
                    break
                if tag in block_tags and parts:
                    pieces.append(normalize("".join(parts)))
                    parts = []
                text = el.tail
            if text:
                if loc is None and _visible(text):
                    loc = self.locator.locate(text, el.sourceline)
                parts.append(text)
        if parts:
            pieces.append(normalize("".join(parts)))
        return "".join(pieces), loc

    def table(self, table: etree._Element) -> None:
        caption = table.find("caption")
        if caption is not None:
            text, loc = self.cell_text(caption)
            if text:
                self.blocks.append(Paragraph(text, loc or self.line_loc(caption)))
        locate = self.locator.locate
        specs: list[_RowSpec] = []
        spans: list[tuple[int, int, int]] = []  # (row index, rowspan, colspan) of every cell with a span
        n_cells = 0
        for r, tr in enumerate(table.iter("tr")):
            cells: list[tuple[str, Location, int, int]] = []
            row_loc: Location | None = None
            row_spans = len(spans)
            for td in tr:
                tag = td.tag
                if tag != "td" and tag != "th":
                    continue
                if len(td) == 0:  # bare text: the common case, kept inline for speed
                    raw = td.text
                    if raw and not raw.isspace():
                        text, loc = normalize(raw), locate(raw, td.sourceline)
                    else:
                        text, loc = "", None
                else:
                    text, loc = self.cell_text(td)
                if loc is None:
                    loc = self.locator.cell_start(td.sourceline) or self.line_loc(td)
                elif row_loc is None:
                    row_loc = loc
                rowspan = td.get("rowspan")
                colspan = td.get("colspan")
                rs = _span(rowspan, MAX_ROWSPAN, 0) if rowspan else 1
                cs = _span(colspan, MAX_COLSPAN, 1) if colspan else 1
                if rs != 1 or cs != 1:
                    spans.append((r, rs, cs))
                cells.append((text, loc, rs, cs))
            n_cells += len(cells)
            specs.append((row_loc or self.line_loc(tr), cells, len(spans) > row_spans))
        # the cells the spans will make, counted before any is made (a span bomb costs nothing)
        n_rows = len(specs)
        need = n_cells - len(spans)
        need += sum((n_rows - r if rs == 0 or rs > n_rows - r else rs) * cs for r, rs, cs in spans)
        grid = self._grid(specs, need)
        if grid is not None:
            self.blocks.append(grid)
            self._meta_table(grid)

    def _grid(self, specs: list[_RowSpec], need: int) -> Table | None:
        """Expand rowspan/colspan into a full grid; the copies a span makes are `spanned=True`.
        `need` is the number of cells the spans will make, checked against the size limit first."""
        n_rows = len(specs)
        if n_rows == 0:
            return None
        if self.grid_cells + need > MAX_GRID_CELLS:
            raise ReadError(f"表格过大 / table grid too large (> {MAX_GRID_CELLS} cells)")
        grid: list[list[Cell | None]] = [[] for _ in range(n_rows)]
        full = [False] * n_rows  # rows filled in one go: no gap (None) inside
        budget = MAX_GRID_CELLS - self.grid_cells
        for r, (_loc, cells, has_span) in enumerate(specs):
            line = grid[r]
            if not line and not has_span:  # no span starts in or reaches into this row
                line.extend([Cell(text, loc) for text, loc, _rs, _cs in cells])
                full[r] = True
                continue
            col = 0
            for text, loc, rowspan, colspan in cells:
                while col < len(line) and line[col] is not None:
                    col += 1
                if rowspan == 1 and colspan == 1:
                    if col == len(line):
                        line.append(Cell(text, loc))
                    else:
                        line[col] = Cell(text, loc)
                    col += 1
                    continue
                rowspan = n_rows - r if rowspan == 0 or rowspan > n_rows - r else rowspan
                budget -= rowspan * colspan
                if budget < 0:
                    raise ReadError(f"表格过大 / table grid too large (> {MAX_GRID_CELLS} cells)")
                for dr in range(rowspan):
                    target = grid[r + dr]
                    if len(target) < col + colspan:
                        target.extend([None] * (col + colspan - len(target)))
                    for dc in range(colspan):
                        if target[col + dc] is None:  # overlapping spans: the first one wins
                            target[col + dc] = Cell(text, loc, bool(dr or dc))  # spanned: a copy
                col += colspan
        width = max(map(len, grid))
        if width == 0:
            return None
        self.grid_cells += n_rows * width
        if self.grid_cells > MAX_GRID_CELLS:
            raise ReadError(f"表格过大 / table grid too large (> {MAX_GRID_CELLS} cells)")
        rows: list[Row] = []
        for (row_loc, _cells, _has_span), line, done in zip(specs, grid, full, strict=True):
            if done and len(line) == width:
                rows.append(Row(line, row_loc))  # type: ignore[arg-type]  # no None in a full row
                continue
            if len(line) < width:
                line.extend([None] * (width - len(line)))
            rows.append(Row([c if c is not None else Cell("", row_loc) for c in line], row_loc))
        return Table(rows=rows, loc=rows[0].loc, exact_grid=True)

    # ---- metadata -------------------------------------------------------------------------
    def _meta_text(self, text: str) -> None:
        pending = self.pending_label
        if pending is None and "期" not in text and "时间" not in text:
            return
        if pending is not None:
            self.pending_label = None
            date = _META_DATE_ONLY.match(text)
            if date:
                self.meta.setdefault(pending, normalize(date.group(1)))
                return
        for match in _META_PAIR.finditer(text):
            self.meta.setdefault("".join(match.group(1).split()), normalize(match.group(2)))
        only = _META_LABEL_ONLY.match(text)
        if only:
            self.pending_label = "".join(only.group(1).split())

    def _meta_table(self, table: Table) -> None:
        self.pending_label = None
        meta_text = self._meta_text
        for row in table.rows:
            for cell in row.cells:
                text = cell.text
                # _meta_text's own first test, made here: most cells are neither a date nor its label
                if text and (self.pending_label is not None or "期" in text or "时间" in text) and not cell.spanned:
                    meta_text(text)
            self.pending_label = None


ICON_PIXELS = 32  # an <img> declared narrower or lower than this is an icon, not a picture of a table


def _icon(img: etree._Element) -> bool:
    for key in ("width", "height"):
        match = _DIGITS.match(img.get(key) or "")
        if match is not None and int(match.group(1)[:6]) < ICON_PIXELS:
            return True
    return False


def _file_name(href: str) -> str:
    """The last path piece of a link or picture source, without query or fragment."""
    path = re.split(r"[?#]", href, maxsplit=1)[0].rstrip("/")
    return path.rsplit("/", 1)[-1]


def _media_holders(root: etree._Element) -> set[etree._Element]:
    """Every `<img>` and attachment link, and each of its ancestors (one C-filtered pass; each upward
    walk stops at an element already seen): the walk looks inside an element only when it is here."""
    holders: set[etree._Element] = set()
    for el in root.iter("img", "a"):
        if el.tag == "a" and not is_attachment_href(el.get("href") or ""):
            continue
        while el is not None and el not in holders:
            holders.add(el)
            el = el.getparent()
    return holders


def _structure(root: etree._Element) -> tuple[set[etree._Element], set[etree._Element]]:
    """A pre-order pass over the block and `<br>` elements only, then one over the tables: (data tables, containers).

    Containers are elements with a block or `<br>` inside; the others are leaves, read whole. Data
    tables are innermost tables (no table inside) with more than one column: a table holding another
    table, or a one-column box around the article, is layout and is read as flow. Every upward walk
    stops at an element already seen, so the pass is linear however deep the tree.
    """
    containers: set[etree._Element] = set()
    tables: list[etree._Element] = []
    layout: set[etree._Element] = set()
    nearest_table: dict[etree._Element, etree._Element | None] = {}
    block_tags = BLOCK_TAGS
    for el in root.iter(_STRUCTURE_TAGS):
        up = el.getparent()
        while up is not None and up not in containers:
            containers.add(up)
            if up.tag in block_tags:
                break
            up = up.getparent()
    for el in root.iter("table"):  # a second pass, over the tables only (C-filtered, also pre-order)
        tables.append(el)
        path: list[etree._Element] = []
        up = el.getparent()
        found: etree._Element | None = None
        while up is not None:
            if up.tag == "table":
                found = up
                break
            if up in nearest_table:
                found = nearest_table[up]
                break
            path.append(up)
            up = up.getparent()
        for node in path:
            nearest_table[node] = found
        if found is not None:
            layout.add(found)
    data = {t for t in tables if t not in layout and _multi_column(t)}
    return data, containers


def _multi_column(table: etree._Element) -> bool:
    for tr in table.iter("tr"):
        cells = 0
        for td in tr:
            tag = td.tag
            if tag == "td" or tag == "th":
                cells += 1
                if cells > 1 or _span(td.get("colspan"), MAX_COLSPAN, 1) > 1:
                    return True
    return False


_INLINE_TAG = re.compile(
    r"</?(?:span|font|b|strong|i|em|u|s|strike|small|big|sup|sub|a|o:p|st1:[a-z]+|ins|del|mark|label|abbr|code|tt|nobr|wbr)\b[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_NOT_NEWLINE = re.compile(r"[^\n]")
_LEADING_MARKUP = re.compile(r"(?:\s|<[^>]*>)*")
_INVISIBLE = re.compile(
    r"<!--.*?-->|<(script|style|title|head|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_BLOCK_TAG_NAME = re.compile(r"</?(?:p|div|br|li|tr|td|th|h[1-6]|table|section|article|ul|ol)\b[^>]*>", re.IGNORECASE)


def _drop_tags(pattern: re.Pattern[str], source: str) -> str:
    """Remove the tags matched by `pattern`, keeping the newlines inside them (line numbers stay)."""
    return pattern.sub(lambda m: "\n" * m.group(0).count("\n"), source)


def _parse(source: str, utf8: bytes | None = None) -> etree._Element | None:
    """Parse; None when libxml2 gave up part-way (nesting limit), since the tree would be truncated.
    `utf8` may give `source` already encoded (the input itself, when it was clean UTF-8)."""
    parser = etree.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        huge_tree=True,
        collect_ids=False,
    )
    try:
        root = etree.fromstring(utf8 if utf8 is not None else source.encode("utf-8", "surrogatepass"), parser)
    except etree.XMLSyntaxError:
        root = None
    for entry in parser.error_log:
        if entry.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            return None
    return root


def _read_flat(source: str, doc: Document) -> Document:
    """Last resort for pathological markup: block tags end a paragraph, other tags vanish."""
    import html as html_lib

    title = _TITLE.search(source)
    if title is not None:
        doc.title = normalize(html_lib.unescape(_ANY_TAG.sub("", title.group(1)))) or None
    # blank out invisible parts character for character, so positions stay those of the source
    source = _INVISIBLE.sub(lambda m: _NOT_NEWLINE.sub(" ", m.group(0)), source)
    locator = _Locator(source)
    start = 0
    bounds = [m.start() for m in _BLOCK_TAG_NAME.finditer(source)]
    bounds.append(len(source))
    for end in bounds:
        chunk = source[start:end]
        begin, start = start, end
        value = normalize(html_lib.unescape(_ANY_TAG.sub("", chunk)))
        if value:
            lead = _LEADING_MARKUP.match(chunk)
            pos = begin + (lead.end() if lead else 0)
            line = locator.line_of(pos)
            doc.blocks.append(Paragraph(value, Location(line=line, column=pos - locator.line_starts[line - 1] + 1)))
    doc.notes.append("html-unparsed")
    return doc


def read(path: str, data: bytes) -> Document:
    try:
        source, encoding = decode_text(data, declared_charset(data))
    except DecodeError as exc:
        raise ReadError(str(exc)) from exc
    # strict UTF-8 with neither byte: neither character is in the text (a byte test is a fast memchr)
    same_bytes = encoding == "utf-8" and b"\r" not in data and b"\x00" not in data
    if not same_bytes:
        if "\r" in source:
            source = source.replace("\r\n", "\n").replace("\r", "\n")
        if "\x00" in source:
            source = source.replace("\x00", "")

    doc = Document(path=path, format="html")
    root = _parse(source, data if same_bytes else None)
    if root is None and source.strip():
        # Nesting deeper than libxml2 allows (thousands of unclosed tags): inline tags carry no
        # structure we need, so drop them and try again; as a last resort read the bare text.
        doc.notes.append("html-deep-nesting")
        root = _parse(_drop_tags(_INLINE_TAG, source))
        if root is None:
            return _read_flat(source, doc)
    if root is None:
        return doc

    title_el = root.find("head/title")
    if title_el is None:
        title_el = root.find(".//title")
    if title_el is not None:
        doc.title = normalize("".join(title_el.itertext())) or None

    etree.strip_elements(root, *SKIP_TAGS, with_tail=False)
    reader = _Reader(source, *_structure(root))
    reader.walk(root)
    doc.blocks = reader.blocks
    doc.meta = reader.meta
    doc.pictures = reader.pictures
    doc.attachments = reader.attachments
    # --- pictures of tables (<img>, local or data: URI) read by OCR with the ocr extra: readers/pictures.py ---
    from gaicheck.readers.pictures import add_html_pictures

    add_html_pictures(doc, source)
    return doc
