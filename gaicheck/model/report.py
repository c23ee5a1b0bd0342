"""The Report: the extractor's output and the only thing rules see.

document → extractor → **Report** (every template cell, found or not, with its source location;
sections; prose; structural observations, model/observations.py) → the rules (gaicheck/checks/).
Plain dataclasses with slots (not pydantic): a report holds ~200 cells and ~50 text blocks and is built per
file. The JSON contract (gaicheck/output/jsonout.py, gaicheck/output/schema.py) is the boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from gaicheck.model.document import Location, OcrSource
from gaicheck.model.observations import Observation

CellStatus = Literal["ok", "empty", "missing", "ambiguous", "invalid", "unreadable"]
# ok: a value was read. empty: the cell is there but blank / "-" / "无". missing: the document has no
# such cell (row or table absent, row too short to tell). ambiguous: something was found but cannot be
# assigned safely (row with too many/few values, digits run together). invalid: text that is no number.
# unreadable: a cell read from a picture (OCR) whose value is not trusted (gaicheck.ocr).

# The template a report follows: a version of gaicheck/templates.py's registry (e.g. 2021) or one of
# gaicheck.templates.NON_VERSIONS ("mixed", "legacy", "none").
TemplateName = str


@dataclass(slots=True, kw_only=True)
class Position:
    """A source position, as in the JSON contract (1-based). Keyword-only: a subclass's own fields come
    first, positionally (the extractor builds cells by position, its hot path)."""

    line: int | None = None
    column: int | None = None
    page: int | None = None
    # formats without lines: where in the file (page, table, row, cell), rendered by gaicheck.i18n.location
    where: Location | None = None


@dataclass(slots=True)
class CellValue(Position):
    key: str  # e.g. "apply.new.natural"
    table: str  # "active" | "apply" | "review"
    row: str
    col: str
    row_label: str  # official wording
    column_label: str
    kind: str = "count"  # count | signed | money | money_wan
    raw: str | None = None  # the text as found; None when not found
    value: int | float | None = None
    unit: str | None = None  # "元", "万元", … when written in the cell
    status: CellStatus = "missing"


@dataclass(slots=True)
class SectionInfo(Position):
    key: str
    number: str
    official_title: str
    found_title: str | None = None  # None: heading not found
    official: bool = True  # the found wording is the official one or an accepted alias


@dataclass(slots=True)
class TextBlock(Position):
    """A paragraph of prose, with the section it sits in (None before the first heading)."""

    text: str
    section: str | None = None


@dataclass(slots=True, kw_only=True)
class Report:
    path: str
    format: str
    template: TemplateName = "none"
    template_votes: dict[str, int] = field(default_factory=dict)
    title: str | None = None
    title_at: Position | None = None  # where the title was found
    report_year: int | None = None
    organ: str | None = None
    published: str | None = None  # ISO date, from the page metadata or the document
    sections: list[SectionInfo] = field(default_factory=list)
    cells: list[CellValue] = field(default_factory=list)
    # one-row subtotals a table gives instead of a group's items (key `table.group.column`); used by the
    # identities in place of the missing items, never counted as template cells
    subtotals: list[CellValue] = field(default_factory=list)
    text: list[TextBlock] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    tables_found: dict[str, bool] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # the template cells read from a picture, by key: picture, box, confidence and crop (gaicheck/ocr/crop.py),
    # shown beside the value in the HTML report (gaicheck/output/clerk.py)
    ocr_cells: dict[str, OcrSource] = field(default_factory=dict)

    def cell(self, key: str) -> CellValue | None:
        for c in self.cells:
            if c.key == key:
                return c
        return None

    def cell_map(self) -> dict[str, CellValue]:
        return {c.key: c for c in self.cells}
