"""Plain-text and Markdown reader: file → **text reader** → Document.

Handles the shapes real dumps come in: ordinary paragraphs, one cell per line (blank-line separated),
pipe tables (`a | b | c`, Markdown too) and tab tables. Each line becomes a Paragraph (blank lines
included, as empty paragraphs) or a table Row; consecutive rows form a Table. Every cell keeps its
1-based line and character column.
"""

from __future__ import annotations

import regex

from gaicheck.model.document import Cell, Document, Location, Paragraph, Row, Table
from gaicheck.readers.encoding import DecodeError, decode_text
from gaicheck.readers.errors import ReadError

_SEPARATOR_CELL = regex.compile(r"^[\s\-=:：_—]*$")
_MARKUP = regex.compile(r"^(?:#{1,6}\s+|>\s*)|\*\*")  # Markdown heading/quote markers and bold


_PIPE = regex.compile(r"(?<!\\)\|")  # a cell separator; Markdown writes a pipe inside a cell as `\|`


def _split(line: str, sep: str, line_no: int) -> list[Cell]:
    cells: list[Cell] = []
    start = 0
    parts = _PIPE.split(line) if sep == "|" else line.split(sep)
    for part in parts:
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        if sep == "|":
            stripped = stripped.replace("\\|", "|")
        cells.append(Cell(stripped, Location(line_no, start + lead + 1)))  # line, column
        start += len(part) + len(sep)
    return cells


def _pipes(line: str) -> int:
    return len(_PIPE.findall(line))


def _is_pipe_row(line: str) -> bool:
    s = line.strip()
    count = _pipes(s)
    if count >= 2:
        return True
    return count == 1 and (s.startswith("|") or s.endswith("|"))


def _is_inner_pipe_line(line: str) -> bool:
    """`行政许可 | 128`: one pipe with text on both sides. A row only next to other table rows (a lone
    such line is running text: a breadcrumb, a `A | B` title)."""
    s = line.strip()
    if _pipes(s) != 1 or "\t" in s:
        return False
    left, right = _PIPE.split(s, maxsplit=1)
    return bool(left.strip()) and bool(right.strip())


def _inner_pipe_rows(lines: list[str]) -> set[int]:
    """Indices of the one-pipe lines that sit next to table rows (directly, or through other such lines)."""
    weak = [("|" in line and _is_inner_pipe_line(line)) for line in lines]
    strong = [("|" in line or "\t" in line) and split_line(line, 0) is not None for line in lines]
    rows: set[int] = set()
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        prev_row = False
        for i in order:
            if weak[i] and (prev_row or i in rows):
                rows.add(i)
            prev_row = strong[i] or i in rows
    return rows


def split_line(line: str, line_no: int) -> list[Cell] | None:
    """The cells of a table line, or None when the line is running text."""
    if "\t" in line.strip("\r\n") and line.strip():
        return _split(line.rstrip("\r\n"), "\t", line_no)
    if _is_pipe_row(line):
        cells = _split(line.rstrip("\r\n"), "|", line_no)
        if line.strip().startswith("|") and cells and not cells[0].text:
            cells = cells[1:]
        return cells
    return None


def parse_text(path: str, text: str, fmt: str = "text") -> Document:
    doc = Document(path=path, format=fmt)
    table_rows: list[Row] = []

    def flush() -> None:
        if table_rows:
            doc.blocks.append(Table(rows=list(table_rows), loc=table_rows[0].loc, exact_grid=False))
            table_rows.clear()

    lines = text.splitlines()
    inner = _inner_pipe_rows(lines) if any(_is_inner_pipe_line(line) for line in lines if "|" in line) else set()
    for index, line in enumerate(lines, start=1):
        cells = split_line(line, index) if "|" in line or "\t" in line else None  # else running text
        if cells is None and index - 1 in inner:
            cells = _split(line.rstrip("\r\n"), "|", index)
        if cells is not None:
            if all(_SEPARATOR_CELL.match(c.text) for c in cells) and any(c.text for c in cells):
                continue  # Markdown |---| or a dashed rule under a header
            table_rows.append(Row(cells, Location(index, 1)))  # positional (line, column): faster
            continue
        flush()
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        marker = _MARKUP.match(stripped) if stripped.startswith(("#", ">", "*")) else None
        if marker is not None and marker.group().startswith(("#", ">")):
            lead += marker.end()
            stripped = stripped[marker.end() :]
        stripped = stripped.replace("**", "")
        doc.blocks.append(Paragraph(stripped, Location(index, lead + 1)))  # line, column
    flush()
    return doc


def read(path: str, data: bytes) -> Document:
    try:
        text, _encoding = decode_text(data)
    except DecodeError as exc:
        raise ReadError(str(exc)) from exc
    fmt = "markdown" if path.lower().endswith((".md", ".markdown")) else "text"
    return parse_text(path, text.replace("\x00", ""), fmt)
