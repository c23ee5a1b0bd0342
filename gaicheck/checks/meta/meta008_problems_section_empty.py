"""META008 problems-section-empty: 五、存在的主要问题及改进情况 has no content (or only says 无).

Report (section 五) → **META008** → one finding at the section.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.meta.common import empty_kind, section_text
from gaicheck.templates import registry


def check(ctx: RuleContext) -> None:
    if not registry().follows_template(ctx.report.template):
        return
    found = section_text(ctx, "problems")
    if found is None:
        return
    text, _first, at = found
    empty = empty_kind(text, ctx.lang)
    if empty is None:
        return
    ctx.emit("META008", {"found": empty}, at=at)
