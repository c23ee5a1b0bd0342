"""STR001 missing-section: a section heading of the format (一 to 六) was not found.

Report (sections) → **STR001** → one finding per missing heading, pointing at the next heading found.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.templates import load_template


def check(ctx: RuleContext) -> None:
    report = ctx.report
    if not is_report(report):
        return
    for i, section in enumerate(report.sections):
        if section.found_title is not None:
            continue
        after = next((s for s in report.sections[i + 1 :] if s.found_title is not None), None)
        template = load_template(ctx.version)
        spec = next(s for s in template.sections if s.key == section.key)
        number, title = i18n.section_number(section.number, ctx.lang), i18n.section_title(spec, ctx.lang)
        ctx.emit("STR001", {"number": number, "title": title}, at=after)
