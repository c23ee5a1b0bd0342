"""META006 missing-fee-statement: in the 2021 format, section 六 (其他需要报告的事项) must say whether
information-processing fees (信息处理费) were charged; it does not (or it is empty).

Report (section 六) → **META006** → one finding at the section.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.checks.meta.common import empty_kind, section_text
from gaicheck.prose.facts import strings
from gaicheck.templates import registry


def check(ctx: RuleContext) -> None:
    if not registry().has(ctx.report.template, "fees_in_other_section"):
        return
    found = section_text(ctx, "other")
    if found is None:
        return
    text, _first, at = found
    if any(word in text for word in strings("meta", "fee_keywords")):
        return
    ctx.emit("META006", {"found": empty_kind(text, ctx.lang) or i18n.word("meta.no_fee", ctx.lang)}, at=at)
