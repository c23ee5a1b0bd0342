"""META007 overview-too-long: in the 2021 format, 一、总体情况 is much longer than the format asks
(meta.toml [data] overview_limit characters, plus a margin).

Report (section 一) → **META007** → one finding at the section.
"""

from __future__ import annotations

import regex

from gaicheck.checks.context import RuleContext
from gaicheck.checks.meta.common import section_text
from gaicheck.prose.facts import facts

_HAN_RUN = regex.compile(r"\p{Han}+")


def check(ctx: RuleContext) -> None:
    if ctx.report.template != "2021":
        return
    found = section_text(ctx, "overview")
    if found is None or found[1] is None:
        return
    text, _first, at = found
    chars = sum(map(len, _HAN_RUN.findall(text)))
    data = facts("meta")
    limit = int(data.get("overview_limit", 1000))
    if chars > limit + int(data.get("overview_margin", 100)):
        ctx.emit("META007", {"chars": chars, "limit": limit}, at=at, expected=limit, actual=chars)
