"""What the TXT rules share: whether a table was read to compare the prose with, a row's label, and the
groups of table 3 the prose names (data: rules/catalogue/txt.toml [data.review_groups]).

Phrases and patterns are data (rules/catalogue/txt.toml [data]); claims are found by gaicheck.prose.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.model.report import Report
from gaicheck.prose.facts import facts
from gaicheck.templates import registry


@dataclass(frozen=True, slots=True)
class ReviewGroup:
    """A group of table 3 a sentence names (txt.toml [data.review_groups]): its word, names and rows."""

    keyword: str
    label_zh: str
    label_en: str
    rows: tuple[str, ...]

    def label(self, lang: str) -> str:
        return i18n.pick(lang, self.label_zh, self.label_en)


@cache
def review_groups() -> tuple[ReviewGroup, ...]:
    groups: dict[str, dict[str, Any]] = facts("txt").get("review_groups", {})
    return tuple(
        ReviewGroup(g["keyword"], g["label_zh"], g["label_en"], tuple(g["rows"])) for g in groups.values()
    )


def has_table(report: Report, table: str) -> bool:
    return registry().follows_template(report.template) and report.tables_found.get(table, False)


def row_label(ctx: RuleContext, table: str, row: str) -> str:
    """The name of a row (in the context's language) by its total cell; the key when there is none."""
    cell = ctx.report.cell(f"{table}.{row}.total")
    return i18n.cell_names(cell, ctx.version, ctx.lang)[0] if cell else row
