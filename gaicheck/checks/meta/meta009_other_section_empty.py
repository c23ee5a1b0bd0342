"""META009 other-section-empty: in the 2019 format, 六、其他需要报告的事项 is a heading with nothing under
it (nothing is required there, so an explicit "无" is a valid answer).

Report (section 六) → **META009** → one finding at the section.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.meta.common import empty_kind, section_text
from gaicheck.templates import registry


def check(ctx: RuleContext) -> None:
    template = ctx.report.template
    if not registry().follows_template(template) or registry().has(template, "fees_in_other_section"):
        return  # 2021: META006 asks for the fee statement
    found = section_text(ctx, "other")
    if found is None:
        return
    text, _first, at = found
    if not text:
        empty = empty_kind(text, ctx.lang)
        assert empty is not None
        ctx.emit("META009", {"found": empty}, at=at)
