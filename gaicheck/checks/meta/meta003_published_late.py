"""META003 published-late: the report was published after the legal deadline (31 January for a
department, 31 March for a government: meta.toml [data] deadline_*), in the year after its own.

Report (publication date, organ, year) → **META003** → one finding at the title.
"""

from __future__ import annotations

import datetime as dt

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.checks.meta.common import publication
from gaicheck.model.report import Report
from gaicheck.prose.facts import compiled, facts, strings


def _organ_kind(report: Report) -> str:
    """ "department", "government" or "unknown", from the organ's name (or the title)."""
    data = facts("meta")
    name = (report.organ or "").strip()
    if not name:
        return "unknown"
    if any(marker in name for marker in strings("meta", "government_markers")):
        return "government"
    if any(marker in name for marker in strings("meta", "department_markers")):
        return "department"
    if compiled(str(data.get("government_pattern", "$^"))).search(name):
        return "government"
    return "unknown"


def check(ctx: RuleContext) -> None:
    found = publication(ctx)
    if found is None:
        return
    year, published = found
    if published <= dt.date(year, 12, 31):
        return  # META004
    report = ctx.report
    data = facts("meta")
    kind = _organ_kind(report)
    month_day = str(data.get(f"deadline_{kind}", "03-31"))
    month, day = (int(x) for x in month_day.split("-"))
    deadline = dt.date(year + 1, month, day)
    if published <= deadline:
        return
    group = "department" if kind == "department" else "government"
    ctx.emit(
        "META003",
        {
            "published": published.isoformat(),
            "deadline": deadline.isoformat(),
            "kind": i18n.pick(ctx.lang, str(data.get(f"kind_{group}_zh", "")), str(data.get(f"kind_{group}_en", ""))),
            "deadline_md": i18n.word("meta.month_day", ctx.lang, month=month, day=day, date=deadline.strftime("%d %B")),
        },
        at=report.title_at,
        expected=deadline.isoformat(),
        actual=published.isoformat(),
    )
