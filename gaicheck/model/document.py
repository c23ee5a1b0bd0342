"""The document model: what every reader produces and the extractor consumes.

file → reader → **Document** (text blocks + table grids, each piece with its source location) → extractor.
Readers know only their format; nothing here knows about the report template.
Plain dataclasses with slots (not pydantic): a document holds thousands of cells and is built per file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(slots=True, frozen=True, init=False)
class Location:
    """Where a piece of text came from. Fields a format does not have stay None.

    line/column: 1-based, columns counted in characters (text, HTML, Markdown).
    page: 1-based PDF page. table/row/cell: 1-based indices of a DOCX/XLSX/PDF table cell.
    paragraph: 1-based body paragraph index (DOCX).
    source: the attachment the piece came from, when a web page and its attachments are read as one report.
    """

    line: int | None = None
    column: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    paragraph: int | None = None
    source: str | None = None

    def __init__(
        self,
        line: int | None = None,
        column: int | None = None,
        page: int | None = None,
        table: int | None = None,
        row: int | None = None,
        cell: int | None = None,
        paragraph: int | None = None,
        source: str | None = None,
    ) -> None:
        # what the generated frozen __init__ does (object.__setattr__ per field), through the slots'
        # descriptors directly: a third faster, and readers make one Location per cell and paragraph
        _set_line(self, line)
        _set_column(self, column)
        _set_page(self, page)
        _set_table(self, table)
        _set_row(self, row)
        _set_cell(self, cell)
        _set_paragraph(self, paragraph)
        _set_source(self, source)


_set_line, _set_column, _set_page, _set_table, _set_row, _set_cell, _set_paragraph, _set_source = (
    Location.__dict__[name].__set__
    for name in ("line", "column", "page", "table", "row", "cell", "paragraph", "source")
)


@dataclass(slots=True, frozen=True)
class OcrSource:
    """Where an OCR'd cell was read: the picture (file name, or `page N` of a PDF), its box in the
    upright picture's pixels (x0, y0, x1, y1), the recogniser's confidence (0–1) and the box's picture, a small
    PNG (gaicheck/ocr/crop.py; b"" when none was kept)."""

    picture: str
    box: tuple[int, int, int, int]
    confidence: float
    crop: bytes = b""


@dataclass(slots=True)
class Cell:
    """One table cell (or one token of a text line). `text` is the cell's visible text, joined."""

    text: str
    loc: Location
    spanned: bool = False  # True for the copies a rowspan/colspan expansion adds
    ocr: OcrSource | None = None  # set for cells read from a picture (gaicheck.ocr)


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    loc: Location


@dataclass(slots=True)
class Paragraph:
    """A run of running text: one line of a text file, one <p>, one DOCX paragraph.

    An empty text marks a blank line; the text reader keeps them because the
    one-cell-per-line shape encodes empty cells as blank lines.
    """

    text: str
    loc: Location


@dataclass(slots=True)
class Table:
    """A table grid. `exact_grid` is True when the format knows the real cell grid (HTML, DOCX, XLSX,
    PDF tables): then every row has the same width and an empty cell is a real empty cell. Tables
    recovered from text (pipes, tabs) have False: separators may have been lost or doubled."""

    rows: list[Row]
    loc: Location
    exact_grid: bool = False


Block = Paragraph | Table


@dataclass(slots=True, frozen=True)
class Picture:
    """A picture in the document: an HTML <img>, a picture in a DOCX paragraph or cell, a PDF page
    without text. `block`: the index in `Document.blocks` of the block it stands in (a table cell's
    picture) or before (len(blocks) when after the last), so that its place among the paragraphs
    and tables is known whatever the format. `name`: its alternative text or file name, if any."""

    loc: Location
    block: int
    name: str = ""


# links to these are attachments a report may hold its tables in
ATTACHMENT_EXTENSIONS = (".doc", ".docx", ".pdf", ".xls", ".xlsx", ".wps", ".et")
_ATTACHMENT_HREF = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|et)(?=$|[?#&;])", re.IGNORECASE)


def is_attachment_href(href: str) -> bool:
    """True when a link's target names a file of ATTACHMENT_EXTENSIONS, in its path or in a query
    parameter (`download.jsp?file=统计表.xls`)."""
    return _ATTACHMENT_HREF.search(href.strip()) is not None


@dataclass(slots=True, frozen=True)
class Attachment:
    """A link to a document file (ATTACHMENT_EXTENSIONS): its visible text, its target as written,
    where the link is, and `block` as for a Picture."""

    text: str
    href: str
    loc: Location
    block: int


@dataclass(slots=True)
class Document:
    """A whole input file as an ordered list of blocks, plus page metadata the reader found, and the
    pictures and attachment links it holds (facts the readers record; nothing here interprets them)."""

    path: str
    format: str  # "text", "markdown", "html", "docx", "pdf", "xlsx"
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None  # e.g. the HTML <title>
    meta: dict[str, str] = field(default_factory=dict)  # e.g. {"发布日期": "2023-01-19"}
    notes: list[str] = field(default_factory=list)  # reader remarks, e.g. "no text layer"
    pictures: list[Picture] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
