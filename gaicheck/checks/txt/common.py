"""What the TXT rules share: whether a table was read to compare the prose with, a row's label, and the
groups of table 3 the prose names.

Phrases and patterns are data (rules/catalogue/txt.toml [data]); claims are found by gaicheck.prose.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.model.report import Report
from gaicheck.templates import registry

REVIEW_GROUPS = {
    "reconsideration": ("行政复议", "administrative reconsideration", ["reconsideration"]),
    "litigation": ("行政诉讼", "administrative litigation", ["litigation_direct", "litigation_after"]),
}


def has_table(report: Report, table: str) -> bool:
    return registry().follows_template(report.template) and report.tables_found.get(table, False)


def row_label(ctx: RuleContext, table: str, row: str) -> str:
    """The name of a row (in the context's language) by its total cell; the key when there is none."""
    cell = ctx.report.cell(f"{table}.{row}.total")
    return i18n.cell_names(cell, ctx.version, ctx.lang)[0] if cell else row
