"""TPL001 template-year-mismatch: the report uses the format of another year (reports for 2019 and 2020
use the 2019 format, 国办公开办函〔2019〕60号; from 2021 on, the 2021 format, 〔2021〕30号).

Report (template, year) → **TPL001** → one finding at the title.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.templates import LEGACY, load_legacy, load_template, registry


def _notice(version: str, lang: str) -> str:
    """The notice that issued a format (from the template data), or the legacy format's name."""
    if version == LEGACY:
        legacy = load_legacy()
        return i18n.pick(lang, legacy.label, legacy.label_en)
    return i18n.template_notice(load_template(version), lang)


def check(ctx: RuleContext) -> None:
    report = ctx.report
    if "no-text-layer" in report.notes:
        return
    if report.template == "none" and not any(report.tables_found.values()):
        return  # TPL004 (or, with a title, STR002) says what is missing
    year = report.report_year
    if year is None:
        return  # TPL006
    found = ctx.version
    in_force = registry().in_force(year)
    expected = in_force.version if in_force is not None else None
    if expected is None or found == expected or found == "none":
        return
    ctx.emit(
        "TPL001",
        {
            "year": year,
            "found": i18n.word("tpl.pre_2019", ctx.lang) if found == LEGACY else found,
            "found_notice": _notice(found, ctx.lang),
            "expected": expected,
            "expected_notice": _notice(expected, ctx.lang),
        },
        at=report.title_at,
        expected=expected,
        actual=found,
    )
