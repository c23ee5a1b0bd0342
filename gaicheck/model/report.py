"""The Report: the extractor's output and the only thing rules see.

document → extractor → **Report** (every template cell, found or not, with its source location;
sections; prose; structural observations) → rule engine.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, Field

CellStatus = Literal["ok", "empty", "missing", "ambiguous", "invalid", "unreadable"]
# ok: a value was read. empty: the cell is there but blank / "-" / "无". missing: the document has no
# such cell (row or table absent, row too short to tell). ambiguous: something was found but cannot be
# assigned safely (row with too many/few values, digits run together). invalid: text that is no number.
# unreadable: a cell read from a picture (OCR) whose value is not trusted (gaicheck.ocr).

TemplateName = Literal["2019", "2021", "mixed", "legacy", "none"]


class Position(BaseModel):
    """A source position, as in the JSON contract (1-based)."""

    line: int | None = None
    column: int | None = None
    page: int | None = None
    where: str | None = None  # human rendering for formats without lines, e.g. "表3 第5行 第4列"


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


_Model = TypeVar("_Model", bound=BaseModel)
# BaseModel's slots, set through their descriptors (what model_construct's object.__setattr__ does, quicker)
_set_dict, _set_fields_set, _set_extra, _set_private = (
    BaseModel.__dict__[name].__set__
    for name in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
)


def trusted(model: type[_Model], fields: dict[str, Any]) -> _Model:
    """An instance of one of these models from trusted values, for the extractor's hot paths (~200
    CellValues, ~50 TextBlocks per report). `fields` gives every field, in declaration order, with values
    of the declared types, and is taken over (not copied). The object is the one `model(**fields)` and
    `model.model_construct(**fields)` build (same `__dict__`, fields set, extra and private slots: equal,
    same dump, unpickled equal), at a tenth of model_construct's cost. Models with validators, private
    attributes or extra fields must not be built this way."""
    obj = model.__new__(model)
    _set_dict(obj, fields)
    _set_fields_set(obj, set(fields))
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


def trusted_copies(model: type[_Model], rows: list[dict[str, Any]], names: set[str]) -> list[_Model]:
    """`trusted(model, fields.copy())` for each dict of `rows` (all with the same keys, `names`), in a
    single loop and with the fields set copied from `names` (quicker than building it from each dict)."""
    new = model.__new__
    out: list[_Model] = []
    for fields in rows:
        obj = new(model)
        _set_dict(obj, fields.copy())
        _set_fields_set(obj, names.copy())
        _set_extra(obj, None)
        _set_private(obj, None)
        out.append(obj)
    return out


class SectionInfo(Position):
    key: str
    number: str
    official_title: str
    found_title: str | None = None  # None: heading not found
    official: bool = True  # the found wording is the official one or an accepted alias


class TextBlock(Position):
    """A paragraph of prose, with the section it sits in (None before the first heading)."""

    text: str
    section: str | None = None


class Observation(Position):
    """Something the extractor noticed about the document's structure, turned into findings by rules.

    kind: row_short, row_long, row_unlabelled, row_missing, table_missing, label_deviation,
          extra_row, cells_blank, run_unsplittable, …
    """

    kind: str
    table: str | None = None
    row: str | None = None
    cells: list[str] = Field(default_factory=list)
    data: dict[str, str | int | float | None] = Field(default_factory=dict)


class Report(BaseModel):
    path: str
    format: str
    template: TemplateName = "none"
    template_votes: dict[str, int] = Field(default_factory=dict)
    title: str | None = None
    title_at: Position | None = None  # where the title was found
    report_year: int | None = None
    organ: str | None = None
    published: str | None = None  # ISO date, from the page metadata or the document
    sections: list[SectionInfo] = Field(default_factory=list)
    cells: list[CellValue] = Field(default_factory=list)
    # one-row subtotals a table gives instead of a group's items (key `table.group.column`); used by the
    # identities in place of the missing items, never counted as template cells
    subtotals: list[CellValue] = Field(default_factory=list)
    text: list[TextBlock] = Field(default_factory=list)
    observations: list[Observation] = Field(default_factory=list)
    tables_found: dict[str, bool] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)

    def cell(self, key: str) -> CellValue | None:
        for c in self.cells:
            if c.key == key:
                return c
        return None

    def cell_map(self) -> dict[str, CellValue]:
        return {c.key: c for c in self.cells}
