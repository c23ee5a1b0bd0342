"""What the META rules share: whether the file is a report at all, the text of a section with where a
finding about it points, what an empty section says, and the publication date and deadline facts.

Deadlines, notice numbers and phrases are data (rules/catalogue/meta.toml [data]).
"""

from __future__ import annotations

import datetime as dt

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.model.report import Position, Report
from gaicheck.prose.facts import compiled, strings
from gaicheck.prose.paragraphs import Paragraph, paragraphs
from gaicheck.templates import registry


def is_report(report: Report) -> bool:
    return registry().follows_template(report.template) or any(report.tables_found.values())


def publication(ctx: RuleContext) -> tuple[int, dt.date] | None:
    """(report year, publication date) of a report that has both (META003, META004)."""
    report = ctx.report
    year = report.report_year
    published = _date(report.published)
    if year is None or published is None or not is_report(report):
        return None
    return year, published


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def section_text(ctx: RuleContext, key: str) -> tuple[str, Paragraph | None, Position] | None:
    """The joined text of a section whose heading was found, its first paragraph, and where a finding
    about it points: that paragraph's start, else the heading."""
    section = next((s for s in ctx.report.sections if s.key == key), None)
    if section is None or section.found_title is None:
        return None
    pars = paragraphs(ctx, {key})
    first = pars[0] if pars else None
    return "".join(p.text for p in pars), first, (first.position(0) if first else section)


def empty_kind(text: str, lang: str) -> str | None:
    """How a section's text is empty, in `lang`: nothing at all, or only a phrase such as 无; None when not."""
    if not text:
        return i18n.word("meta.no_content", lang)
    for pattern in strings("meta", "empty_patterns"):
        if compiled(pattern).match(text):
            return i18n.word("meta.only_says", lang, text=text)
    return None
