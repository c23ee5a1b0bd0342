"""Template model: the 2019 and 2021 report formats, loaded from `rules/templates/*.toml`.

The template is the 'dialect' the extractor aligns documents to and the rules check against;
every fact about the official formats (labels, rows, columns, identities) lives in the TOML data.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Literal

from pydantic import BaseModel, Field

from gaicheck.resources import rules_dir


class Label(BaseModel):
    key: str
    label: str
    en: str = ""  # the English name (read through gaicheck.i18n)
    aliases: list[str] = Field(default_factory=list)  # accepted silently
    deviations: list[str] = Field(default_factory=list)  # accepted, but reported (TPL005)


class ColumnSpec(Label):
    kind: Literal["count", "signed", "money", "money_wan"] = "count"


class RowSpec(Label):
    short: str = ""
    short_en: str = ""
    group: str | None = None
    tags: list[str] = Field(default_factory=list)


class GroupSpec(Label):
    parent: str | None = None


class BlockSpec(BaseModel):
    """A sub-block of table 1: caption row, header row, data rows."""

    key: str
    caption: str
    caption_en: str = ""
    columns: list[ColumnSpec]
    rows: list[RowSpec]


class TableSpec(BaseModel):
    key: str = ""
    title: str
    title_en: str = ""
    number: int
    section: str
    layout: Literal["blocks", "rows", "flat"]
    corner: str | None = None
    row_label: str | None = None  # layout "flat": how messages name its single printed row
    row_label_en: str | None = None
    header_labels: list[str] = Field(default_factory=list)
    columns: list[ColumnSpec] = Field(default_factory=list)
    rows: list[RowSpec] = Field(default_factory=list)
    groups: list[GroupSpec] = Field(default_factory=list)
    blocks: list[BlockSpec] = Field(default_factory=list)

    def cell_specs(self) -> list[tuple[RowSpec, ColumnSpec]]:
        """Every (row, column) pair of the table in reading order."""
        if self.layout == "blocks":
            return [(r, c) for b in self.blocks for r in b.rows for c in b.columns]
        return [(r, c) for r in self.rows for c in self.columns]

    def all_rows(self) -> list[RowSpec]:
        if self.layout == "blocks":
            return [r for b in self.blocks for r in b.rows]
        return self.rows


class SectionSpec(BaseModel):
    key: str
    number: str
    title: str
    title_en: str = ""
    aliases: list[str] = Field(default_factory=list)


class IdentitySpec(BaseModel):
    id: str
    title_zh: str
    title_en: str
    rule: str
    table: str
    for_each: Literal["column", "row"]
    lhs: list[str]
    rhs: list[str]
    rows: list[str] | None = None  # for_each=row: which rows (default: all data rows)
    official: bool = False


class Template(BaseModel):
    version: str
    name: str
    name_en: str = ""
    notice: str
    notice_en: str = ""
    first_year: int
    last_year: int | None = None
    signals: list[str]
    sections: list[SectionSpec]
    tables: dict[str, TableSpec]
    identities: list[IdentitySpec]

    def table_order(self) -> list[TableSpec]:
        return sorted(self.tables.values(), key=lambda t: t.number)

    def expand_terms(self, table: TableSpec, terms: list[str]) -> list[str]:
        """Replace "@tag" by the keys of the rows carrying that tag."""
        out: list[str] = []
        for term in terms:
            if term.startswith("@"):
                out.extend(r.key for r in table.rows if term[1:] in r.tags)
            else:
                out.append(term)
        return out


class LegacySpec(BaseModel):
    version: str
    name: str
    name_en: str = ""
    label: str  # how messages name the format
    label_en: str
    signals: list[str]


def _merge(base: dict[str, object], over: dict[str, object]) -> dict[str, object]:
    merged = dict(base)
    for key, value in over.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = _merge(old, value)
        else:
            merged[key] = value
    return merged


def _read(name: str) -> dict[str, object]:
    with open(rules_dir() / "templates" / name, "rb") as fh:
        return tomllib.load(fh)


@cache
def load_template(version: str) -> Template:
    data = _merge(_read("common.toml"), _read(f"{version}.toml"))
    tables = data.get("tables")
    if isinstance(tables, dict):
        for key, table in tables.items():
            if isinstance(table, dict):
                table["key"] = key
    return Template.model_validate(data)


@cache
def load_legacy() -> LegacySpec:
    return LegacySpec.model_validate(_read("legacy.toml"))


VERSIONS: tuple[str, ...] = ("2019", "2021")


def all_templates() -> list[Template]:
    return [load_template(v) for v in VERSIONS]
