"""Template model and registry: the report formats (versions), loaded from `rules/templates/*.toml`.

The template is the 'dialect' the extractor aligns documents to and the rules check against;
every fact about the official formats (labels, rows, columns, identities) lives in the TOML data.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, Field, PrivateAttr, ValidationError

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


_View = TypeVar("_View")
_Model = TypeVar("_Model", bound=BaseModel)


class Derived(BaseModel):
    """Template data that keeps the views the extractor derives from it (label sets, the fields of missing
    cells), each built on first use: template data is loaded once and never changed, so a view is built
    once per template and lives as long as it."""

    _views: dict[tuple[str, ...], Any] = PrivateAttr(default_factory=dict)

    def view(self, key: tuple[str, ...], build: Callable[[], _View]) -> _View:
        views = self._views
        hit = views.get(key)
        if hit is None:
            hit = views[key] = build()
        view: _View = hit
        return view


class BlockSpec(BaseModel):
    """A sub-block of table 1: caption row, header row, data rows."""

    key: str
    caption: str
    caption_en: str = ""
    columns: list[ColumnSpec]
    rows: list[RowSpec]


class TableSpec(Derived):
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


class Template(Derived):
    version: str
    name: str
    name_en: str = ""
    notice: str
    notice_en: str = ""
    first_year: int  # the first report year the format applies to; the registry orders versions by it
    last_year: int | None = None
    signals: list[str]
    features: list[str] = Field(default_factory=list)  # what sets the version apart (rules/README.md)
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


MIXED, LEGACY, NONE = "mixed", "legacy", "none"
NON_VERSIONS = (MIXED, LEGACY, NONE)  # what Report.template holds when no single version was found
TEMPLATE_DIRS_ENV = "GAICHECK_TEMPLATE_DIRS"  # extra folders of version files, os.pathsep-separated
_NOT_VERSIONS = ("common.toml", "legacy.toml")



class TemplateError(ValueError):
    """A template file that cannot be read or does not describe a template (one line, naming the file)."""


def _read(path: Path) -> dict[str, object]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TemplateError(f"gaicheck: template file {path}: {exc}") from None


def _validated(model: type[_Model], data: dict[str, object], path: Path) -> _Model:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise TemplateError(f"gaicheck: template file {path}: {where}: {first['msg']}") from None


def _template(common: dict[str, object], path: Path) -> Template:
    """A version file merged over common.toml; its `[[identities]]` are added to the common ones."""
    own = _read(path)
    data = _merge(common, own)
    common_ids, own_ids = common.get("identities"), own.get("identities")
    if isinstance(common_ids, list) and isinstance(own_ids, list):
        data["identities"] = common_ids + own_ids
    tables = data.get("tables")
    if isinstance(tables, dict):
        for key, table in tables.items():
            if isinstance(table, dict):
                table["key"] = key
    return _validated(Template, data, path)


class Registry:
    """The template versions found in the template folders, ordered by `first_year`: which versions
    exist, the template for a version or a year, the newest, and what sets a version apart (its
    `features`). Built from data only: a new version is a new TOML file. Views derived from all the
    versions (the detector's signal table, the run-on scanner's label list) are kept here (`view`)."""

    def __init__(self, templates: list[Template], legacy: LegacySpec) -> None:
        self.templates = tuple(sorted(templates, key=lambda t: (t.first_year, t.version)))
        self.versions = tuple(t.version for t in self.templates)
        self.legacy = legacy
        self._by_version = {t.version: t for t in self.templates}
        self._views: dict[tuple[str, ...], Any] = {}

    def is_version(self, name: str | None) -> bool:
        """True for a template version (e.g. 2021); False for "mixed", "legacy", "none" and None."""
        return name in self._by_version

    def follows_template(self, name: str | None) -> bool:
        """The report's tables follow a version, or several ("mixed"): the rules can read them."""
        return name == MIXED or name in self._by_version

    def get(self, version: str) -> Template:
        template = self._by_version.get(version)
        if template is None:
            raise KeyError(f"no template version {version!r} (known: {', '.join(self.versions)})")
        return template

    def newest(self) -> Template:
        return self.templates[-1]

    def for_year(self, year: int | None) -> Template:
        """The newest version in force in `year` (the oldest for an earlier or unknown year)."""
        return self.in_force(year) or self.templates[0]

    def in_force(self, year: int | None) -> Template | None:
        """The newest version whose first year is `year` or before; None before the oldest one."""
        found = None
        for template in self.templates:
            if year is not None and template.first_year <= year:
                found = template
        return found

    def or_newest(self, name: str | None) -> Template:
        """The template of version `name`, or the newest when `name` is no version."""
        return self._by_version.get(name or "") or self.templates[-1]

    def rank(self, version: str) -> int:
        """A version's place in time (0 for the oldest)."""
        return self.versions.index(version)

    def has(self, name: str | None, feature: str) -> bool:
        """True when `name` is a version whose template lists `feature` (see rules/README.md)."""
        template = self._by_version.get(name or "")
        return template is not None and feature in template.features

    def view(self, key: tuple[str, ...], build: Callable[[], _View]) -> _View:
        views = self._views
        hit = views.get(key)
        if hit is None:
            hit = views[key] = build()
        view: _View = hit
        return view



def template_dirs(extra: str | None = None) -> tuple[str, ...]:
    """rules/templates, then the folders named in `extra` (default: $GAICHECK_TEMPLATE_DIRS)."""
    if extra is None:
        extra = os.environ.get(TEMPLATE_DIRS_ENV, "")
    return (str(rules_dir() / "templates"), *(d for d in extra.split(os.pathsep) if d))


def load_registry(dirs: tuple[str, ...]) -> Registry:
    """The versions of every `*.toml` in `dirs` (but common.toml and legacy.toml), each merged over the
    first folder's common.toml; a later folder's file replaces an earlier one of the same version."""
    base = Path(dirs[0])
    common = _read(base / "common.toml")
    found: dict[str, Template] = {}
    for folder in dirs:
        if not Path(folder).is_dir():
            raise TemplateError(f"gaicheck: template folder {folder} (from ${TEMPLATE_DIRS_ENV}) does not exist")
        for path in sorted(Path(folder).glob("*.toml")):
            if path.name not in _NOT_VERSIONS:
                template = _template(common, path)
                found[template.version] = template
    if not found:
        raise TemplateError(f"gaicheck: no template version in {', '.join(dirs)}")
    legacy = _validated(LegacySpec, _read(base / "legacy.toml"), base / "legacy.toml")
    return Registry(list(found.values()), legacy)


_REGISTRIES: dict[str, Registry] = {}  # by the value of $GAICHECK_TEMPLATE_DIRS


def registry() -> Registry:
    """The registry of the current template folders (read once per value of $GAICHECK_TEMPLATE_DIRS)."""
    extra = os.environ.get(TEMPLATE_DIRS_ENV, "")
    hit = _REGISTRIES.get(extra)
    if hit is None:
        hit = _REGISTRIES[extra] = load_registry(template_dirs(extra))
    return hit


def load_template(version: str) -> Template:
    return registry().get(version)


def load_legacy() -> LegacySpec:
    return registry().legacy


def all_templates() -> list[Template]:
    """Every version's template, oldest first."""
    return list(registry().templates)
