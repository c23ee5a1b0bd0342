"""META004 published-too-early: the report was published before the year it reports on had ended.

Report (publication date, year) → **META004** → one finding at the title.
"""

from __future__ import annotations

import datetime as dt

from gaicheck.checks.context import RuleContext
from gaicheck.checks.meta.common import publication


def check(ctx: RuleContext) -> None:
    found = publication(ctx)
    if found is None:
        return
    year, published = found
    if published <= dt.date(year, 12, 31):
        ctx.emit(
            "META004",
            {"published": published.isoformat(), "year": year},
            at=ctx.report.title_at,
            expected=f">{year}-12-31",
            actual=published.isoformat(),
        )
