"""DOCX reader (python-docx): file → **DOCX reader** → Document → extractor.

The zip is checked against the zip-bomb limits first (`ziplimits`). Then the body is read in
document order: paragraphs (with their automatic list numbers such as `一、` rendered, since report
headings are often numbered by Word) and tables. Merged cells (`gridSpan`, `vMerge`, legacy
`hMerge`) are expanded into a full grid, the copies `spanned=True`; a cell's text is its paragraphs'
texts joined with no separator (labels wrap over paragraphs). A table holding another table, or
with a single column, is layout: its content is read as flow. Locations: `Location(paragraph=n)`
for body paragraphs (n counts every body paragraph, empty ones too), `Location(table=i, row=r,
cell=c)` for cells (i counts every table of the document in order; r, c are grid positions, a
spanned copy keeps its origin's location). Core properties give `title` and `meta["created"]`.
Pictures (`w:drawing`, VML `w:pict`) become `Document.pictures` (named by their description or
name), hyperlinks to document files (.doc, .pdf, .xls, …) `Document.attachments`, each at its
paragraph or cell and with the index of the block it stands in or before.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

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
from gaicheck.readers.docx_pictures import add_docx_pictures, picture_ids
from gaicheck.readers.errors import ReadError
from gaicheck.readers.ziplimits import check_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = (
    W + "p",
    W + "tbl",
    W + "tr",
    W + "tc",
    W + "sdt",
    W + "sdtContent",
    W + "customXml",
)
VAL = W + "val"
DRAWING, PICT, HYPERLINK = W + "drawing", W + "pict", W + "hyperlink"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
MAX_GRID_CELLS = 2_000_000

_CHINESE_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CHINESE_DIGITS[n]
    if n < 20:
        return "十" + (_CHINESE_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CHINESE_DIGITS[n // 10] + "十" + (_CHINESE_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + _chinese(rest) if rest < 10 else _chinese(rest))
        if 10 <= rest < 20:
            tail = "一" + _chinese(rest)
        return _CHINESE_DIGITS[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out += letters
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    """A list number in one of Word's numbering formats (the common ones; others fall back to decimal)."""
    if fmt in {"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
               "taiwaneseCounting", "taiwaneseCountingThousand"}:  # fmt: skip
        if fmt == "ideographTraditional" and 1 <= n <= 10:
            return "甲乙丙丁戊己庚辛壬癸"[n - 1]
        text = _chinese(n)
        if fmt == "chineseLegalSimplified":
            text = text.translate(str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰"))
        return text
    if fmt == "ideographDigital":
        return "".join(_CHINESE_DIGITS[int(d)] for d in str(n))
    if fmt in {"upperLetter", "lowerLetter"}:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in {"upperRoman", "lowerRoman"}:
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in {"decimalEnclosedCircle", "decimalEnclosedCircleChinese"} and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Numbering:
    """Word's automatic paragraph numbering: numbering.xml definitions and running counters."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    starts: dict[tuple[str, int], int] = field(default_factory=dict)  # startOverride
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, document: Any) -> _Numbering:
        self = cls()
        try:
            from docx.opc.constants import RELATIONSHIP_TYPE as RT

            numbering = document.part.part_related_by(RT.NUMBERING).element
        except (KeyError, AttributeError, ValueError):
            numbering = None
        if numbering is not None:
            abstract: dict[str, dict[int, _Level]] = {}
            for node in numbering.iterchildren(W + "abstractNum"):
                levels: dict[int, _Level] = {}
                for lvl in node.iterchildren(W + "lvl"):
                    level = _Level()
                    fmt, text, start = lvl.find(W + "numFmt"), lvl.find(W + "lvlText"), lvl.find(W + "start")
                    if fmt is not None:
                        level.fmt = fmt.get(VAL, "decimal")
                    if text is not None:
                        level.text = text.get(VAL, "")
                    if start is not None:
                        level.start = _int(start.get(VAL), 1)
                    levels[_int(lvl.get(W + "ilvl"), 0)] = level
                abstract[node.get(W + "abstractNumId", "")] = levels
            for num in numbering.iterchildren(W + "num"):
                num_id = num.get(W + "numId", "")
                ref = num.find(W + "abstractNumId")
                self.levels[num_id] = abstract.get(ref.get(VAL, "") if ref is not None else "", {})
                for override in num.iterchildren(W + "lvlOverride"):
                    start = override.find(W + "startOverride")
                    if start is not None:
                        self.starts[(num_id, _int(override.get(W + "ilvl"), 0))] = _int(start.get(VAL), 1)
        try:
            styles = document.styles.element
        except (AttributeError, KeyError, ValueError):
            styles = None
        if styles is not None:
            direct: dict[str, tuple[str | None, int | None, str | None]] = {}
            for style in styles.iterchildren(W + "style"):
                num_pr = style.find(W + "pPr/" + W + "numPr")
                based = style.find(W + "basedOn")
                num_id = ilvl = None
                if num_pr is not None:
                    nid, lvl = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
                    num_id = nid.get(VAL) if nid is not None else None
                    ilvl = _int(lvl.get(VAL), 0) if lvl is not None else None
                direct[style.get(W + "styleId", "")] = (num_id, ilvl, based.get(VAL) if based is not None else None)
            for style_id in direct:
                num_id, ilvl, seen = None, None, {style_id}
                current: str | None = style_id
                while current is not None and current in direct:
                    nid, lvl, based = direct[current]
                    num_id = num_id if num_id is not None else nid
                    ilvl = ilvl if ilvl is not None else lvl
                    if (num_id is not None and ilvl is not None) or based is None or based in seen:
                        break
                    seen.add(based)
                    current = based
                if num_id is not None:
                    self.style_num[style_id] = (num_id, ilvl or 0)
        return self

    def label(self, p: Any) -> str:
        """The list number of paragraph `p` (advancing the counters), or ''."""
        if not self.levels:
            return ""
        p_pr = p.find(W + "pPr")
        num_id: str | None = None
        ilvl: int | None = None
        if p_pr is not None:
            num_pr = p_pr.find(W + "numPr")
            if num_pr is not None:
                nid, lvl = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
                num_id = nid.get(VAL) if nid is not None else None
                ilvl = _int(lvl.get(VAL), 0) if lvl is not None else None
            style = p_pr.find(W + "pStyle")
            if style is not None and style.get(VAL) in self.style_num:
                s_num, s_lvl = self.style_num[style.get(VAL)]
                num_id = num_id if num_id is not None else s_num
                ilvl = ilvl if ilvl is not None else s_lvl
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        ilvl = min(max(ilvl or 0, 0), 8)
        levels = self.levels[num_id]
        counters = self.counters.setdefault(num_id, [0] * 9)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if counters[ilvl] == 0:
            counters[ilvl] = self.starts.get((num_id, ilvl), levels.get(ilvl, _Level()).start)
        else:
            counters[ilvl] += 1
        level = levels.get(ilvl, _Level())
        if level.fmt == "bullet":
            return ""
        text = level.text
        for k in range(ilvl, -1, -1):
            value = counters[k] or levels.get(k, _Level()).start
            text = text.replace(f"%{k + 1}", format_number(value, levels.get(k, _Level()).fmt))
        return text


def _int(raw: str | None, default: int) -> int:
    try:
        return int(raw) if raw is not None else default
    except ValueError:
        return default


def _pieces(p: Any) -> list[str]:
    """The text of a paragraph, cut at line breaks: w:t text, tabs as spaces, w:br/w:cr as breaks."""
    pieces: list[str] = []
    parts: list[str] = []
    for el in p.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen", W + "softHyphen"):
        tag = el.tag
        if tag == W + "t":
            if el.text:
                parts.append(el.text)
        elif tag == W + "tab":
            if el.getparent() is not None and el.getparent().tag == W + "r":  # not a tab-stop definition
                parts.append(" ")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag in (W + "br", W + "cr"):
            if el.get(W + "type") == "page":
                continue
            pieces.append("".join(parts))
            parts = []
    pieces.append("".join(parts))
    return pieces


def _clean(text: str) -> str:
    return " ".join(text.split())


def _content(container: Any) -> list[Any]:
    """The block children (w:p, w:tbl) of a body or cell, looking through content controls."""
    out: list[Any] = []
    stack = [iter(container.iterchildren())]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag in (P, TBL):
            out.append(child)
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                stack.append(iter(content.iterchildren()))
        elif tag == CUSTOM_XML:
            stack.append(iter(child.iterchildren()))
    return out


def _children(parent: Any, tag: str) -> list[Any]:
    """Children with `tag`, looking through content controls and custom XML."""
    out: list[Any] = []
    stack = [iter(parent.iterchildren())]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if child.tag == tag:
            out.append(child)
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                stack.append(iter(content.iterchildren()))
        elif child.tag == CUSTOM_XML:
            stack.append(iter(child.iterchildren()))
    return out


@dataclass
class _Reader:
    numbering: _Numbering
    table_index: dict[Any, int]
    links: dict[str, str] = field(default_factory=dict)  # relationship id → external target
    has_media: dict[Any, bool] = field(default_factory=dict)  # body paragraphs and tables holding media
    blocks: list[Block] = field(default_factory=list)
    paragraph_no: int = 0
    grid_cells: int = 0
    pictures: list[Picture] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    def media(self, el: Any, where: Location, block: int) -> None:
        """The pictures and attachment links in `el` (a paragraph or a table cell)."""
        for node in el.iter(DRAWING, PICT, HYPERLINK):
            if node.tag == HYPERLINK:
                href = self.links.get(node.get(R_ID) or "", "")
                if is_attachment_href(href):
                    text = _clean("".join(_pieces(node))) or href.rsplit("/", 1)[-1]
                    self.attachments.append(Attachment(text, href, where, block))
                continue
            pr = node.find(".//" + DOC_PR)
            name = ((pr.get("descr") or pr.get("name") or "") if pr is not None else "").strip()
            self.pictures.append(Picture(where, block, name))
    ocr_pictures: list[tuple[int, str]] = field(default_factory=list)  # (paragraph, picture id): for OCR

    def paragraph_text(self, p: Any) -> list[str]:
        label = self.numbering.label(p)
        pieces = _pieces(p)
        if label:
            pieces[0] = label + pieces[0]
        return pieces

    def walk(self, body: Any) -> None:
        """Body content in order; layout tables are opened in place (iteratively, however deep)."""
        stack: list[Iterator[tuple[Any, Location | None]]] = [iter([(el, None) for el in _content(body)])]
        while stack:
            item = next(stack[-1], None)
            if item is None:
                stack.pop()
                continue
            el, where = item
            if el.tag == P:
                if where is None:
                    self.paragraph_no += 1
                    where = Location(paragraph=self.paragraph_no)
                    self.ocr_pictures.extend((self.paragraph_no, rid) for rid in picture_ids(el))
                if self.has_media.get(el):
                    self.media(el, where, len(self.blocks))
                for piece in self.paragraph_text(el):
                    text = _clean(piece)
                    if text:
                        self.blocks.append(Paragraph(text, where))
                continue
            index = self.table_index.get(el, 0)
            if self._is_layout(el):
                inner: list[tuple[Any, Location | None]] = []
                for r, tr in enumerate(_children(el, TR), start=1):
                    for c, tc in enumerate(_children(tr, TC), start=1):
                        inner.extend((block, Location(table=index, row=r, cell=c)) for block in _content(tc))
                stack.append(iter(inner))
                continue
            table = self.table(el, index)
            if table is not None:
                self.blocks.append(table)
                if self.has_media.get(el):
                    for r, tr in enumerate(_children(el, TR), start=1):
                        for c, tc in enumerate(_children(tr, TC), start=1):
                            self.media(tc, Location(table=index, row=r, cell=c), len(self.blocks) - 1)

    def _is_layout(self, tbl: Any) -> bool:
        inner = tbl.iter(TBL)
        next(inner, None)
        if next(inner, None) is not None:
            return True
        grid = tbl.find(W + "tblGrid")
        columns = len(grid.findall(W + "gridCol")) if grid is not None else 0
        if columns > 1:
            return False
        return all(len(_children(tr, TC)) <= 1 and not self._span(tr) for tr in _children(tbl, TR))

    @staticmethod
    def _span(tr: Any) -> bool:
        return any(_int(tc.find(W + "tcPr/" + W + "gridSpan").get(VAL), 1) > 1
                   for tc in _children(tr, TC) if tc.find(W + "tcPr/" + W + "gridSpan") is not None)  # fmt: skip

    def cell_text(self, tc: Any) -> str:
        pieces: list[str] = []
        for block in tc.iter(P):
            pieces.extend(_clean(piece) for piece in self.paragraph_text(block))
        return "".join(pieces)

    def table(self, tbl: Any, index: int) -> Table | None:
        grid: list[list[Cell]] = []
        for r, tr in enumerate(_children(tbl, TR)):
            line: list[Cell] = []
            tr_pr = tr.find(W + "trPr")
            before = 0
            if tr_pr is not None:
                node = tr_pr.find(W + "gridBefore")
                before = _int(node.get(VAL), 0) if node is not None else 0
            for _ in range(min(before, 1000)):
                line.append(Cell("", Location(table=index, row=r + 1, cell=len(line) + 1)))
            for tc in _children(tr, TC):
                tc_pr = tc.find(W + "tcPr")
                span, vmerge, hmerge = 1, None, None
                if tc_pr is not None:
                    node = tc_pr.find(W + "gridSpan")
                    span = min(max(_int(node.get(VAL), 1) if node is not None else 1, 1), 1000)
                    node = tc_pr.find(W + "vMerge")
                    vmerge = (node.get(VAL) or "continue") if node is not None else None
                    node = tc_pr.find(W + "hMerge")
                    hmerge = (node.get(VAL) or "continue") if node is not None else None
                col = len(line)
                origin: Cell | None = None
                if vmerge == "continue" and r > 0 and col < len(grid[r - 1]):
                    origin = grid[r - 1][col]
                elif hmerge == "continue" and line:
                    origin = line[-1]
                if origin is not None:
                    copies = [Cell(origin.text, origin.loc, spanned=True) for _ in range(span)]
                else:
                    text = self.cell_text(tc)
                    loc = Location(table=index, row=r + 1, cell=col + 1)
                    copies = [Cell(text, loc, spanned=k > 0) for k in range(span)]
                line.extend(copies)
                self.grid_cells += span
                if self.grid_cells > MAX_GRID_CELLS:
                    raise ReadError(f"表格过大 / table grid too large (> {MAX_GRID_CELLS} cells)")
            grid.append(line)
        if not grid:
            return None
        width = max(len(line) for line in grid)
        if width == 0:
            return None
        rows: list[Row] = []
        for r, line in enumerate(grid):
            line.extend(Cell("", Location(table=index, row=r + 1, cell=c + 1)) for c in range(len(line), width))
            rows.append(Row(line, Location(table=index, row=r + 1)))
        return Table(rows=rows, loc=Location(table=index), exact_grid=True)


def _media(document: Any, body: Any) -> tuple[dict[str, str], dict[Any, bool]]:
    """(external link targets by relationship id, the paragraphs and tables holding a picture or a link):
    one pass over the media elements, so that paragraphs without any are not searched."""
    links: dict[str, str] = {}
    try:
        for rid, rel in document.part.rels.items():
            if rel.is_external:
                links[rid] = str(rel.target_ref)
    except Exception:  # relationships are optional for this purpose
        links = {}
    holders: dict[Any, bool] = {}
    for node in body.iter(DRAWING, PICT, HYPERLINK):
        up = node.getparent()
        while up is not None and up is not body and up not in holders:
            if up.tag in (P, TBL):
                holders[up] = True
            up = up.getparent()
    return links, holders


def read(path: str, data: bytes) -> Document:
    check_zip(data)
    try:
        import docx

        document = docx.Document(BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise ReadError(f"DOCX 文件损坏，无法读取 / damaged DOCX, cannot be read ({type(exc).__name__})") from exc
    body = document.element.body
    for fallback in list(body.iter(MC_FALLBACK)):  # the same content again, for old readers
        parent = fallback.getparent()
        if parent is not None:
            parent.remove(fallback)
    doc = Document(path=path, format="docx")
    reader = _Reader(_Numbering.load(document), {tbl: i for i, tbl in enumerate(body.iter(TBL), start=1)})
    reader.links, reader.has_media = _media(document, body)
    reader.walk(body)
    doc.blocks = reader.blocks
    doc.pictures = reader.pictures
    doc.attachments = reader.attachments
    add_docx_pictures(doc, document.part, reader.ocr_pictures)  # pictures of tables, by OCR (ocr extra)
    try:
        props = document.core_properties
        if props.title and props.title.strip():
            doc.title = " ".join(props.title.split())
        if props.created is not None:
            doc.meta["created"] = props.created.date().isoformat()
    except Exception:  # core properties are optional decoration
        pass
    return doc
