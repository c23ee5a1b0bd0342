"""The document model: what every reader produces and the extractor consumes.

file → reader → **Document** (text blocks + table grids, each piece with its source location) → extractor.
Readers know only their format; nothing here knows about the report template.
Plain dataclasses with slots (not pydantic): a document holds thousands of cells and is built per file.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True, frozen=True, init=False)
class Location:
    """Where a piece of text came from. Fields a format does not have stay None.

    line/column: 1-based, columns counted in characters (text, HTML, Markdown).
    page: 1-based PDF page. table/row/cell: 1-based indices of a DOCX/XLSX/PDF table cell.
    paragraph: 1-based body paragraph index (DOCX).
    """

    line: int | None = None
    column: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    paragraph: int | None = None

    def __init__(
        self,
        line: int | None = None,
        column: int | None = None,
        page: int | None = None,
        table: int | None = None,
        row: int | None = None,
        cell: int | None = None,
        paragraph: int | None = None,
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

    def describe(self, lang: str = "zh") -> str:
        """A human rendering, e.g. `第3页 表2 第5行 第4列` / `page 3, table 2, row 5, cell 4`."""
        zh = lang == "zh"
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"第{self.page}页" if zh else f"page {self.page}")
        if self.table is not None:
            parts.append(f"表{self.table}" if zh else f"table {self.table}")
        if self.row is not None:
            parts.append(f"第{self.row}行" if zh else f"row {self.row}")
        if self.cell is not None:
            parts.append(f"第{self.cell}列" if zh else f"cell {self.cell}")
        if self.paragraph is not None:
            parts.append(f"第{self.paragraph}段" if zh else f"paragraph {self.paragraph}")
        if self.line is not None and self.table is None:
            parts.append(f"第{self.line}行" if zh else f"line {self.line}")
            if self.column is not None and self.page is None:
                parts.append(f"第{self.column}列" if zh else f"column {self.column}")
        return (" " if zh else ", ").join(parts)


_set_line, _set_column, _set_page, _set_table, _set_row, _set_cell, _set_paragraph = (
    Location.__dict__[name].__set__
    for name in ("line", "column", "page", "table", "row", "cell", "paragraph")
)


@dataclass(slots=True, frozen=True)
class OcrSource:
    """Where an OCR'd cell was read: the picture (file name, or `page N` of a PDF), its box in the
    upright picture's pixels (x0, y0, x1, y1) and the recogniser's confidence (0–1)."""

    picture: str
    box: tuple[int, int, int, int]
    confidence: float


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


@dataclass(slots=True)
class Document:
    """A whole input file as an ordered list of blocks, plus page metadata the reader found."""

    path: str
    format: str  # "text", "markdown", "html", "docx", "pdf", "xlsx"
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None  # e.g. the HTML <title>
    meta: dict[str, str] = field(default_factory=dict)  # e.g. {"发布日期": "2023-01-19"}
    notes: list[str] = field(default_factory=list)  # reader remarks, e.g. "no text layer"

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
