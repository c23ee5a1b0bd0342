"""META001 period-year-mismatch: the statistical period (本报告统计期限自…) names another year than the
report's.

Report (prose, year) → **META001** → one finding per statement (meta.toml [data] period_pattern).
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.meta.common import is_report
from gaicheck.prose.facts import compiled, facts
from gaicheck.prose.literals import may_match, required_literals
from gaicheck.prose.paragraphs import joined_text, paragraphs


def check(ctx: RuleContext) -> None:
    report = ctx.report
    year = report.report_year
    if year is None or not is_report(report):
        return
    source = str(facts("meta").get("period_pattern", ""))
    pattern, needs = compiled(source), required_literals(source)
    if not may_match(needs, joined_text(ctx)):
        return
    for par in paragraphs(ctx):
        if not may_match(needs, par.text):  # (the literal pre-filter spares most paragraphs' scans)
            continue
        for m in pattern.finditer(par.text):
            years = {int(y) for y in (m.group("y1"), m.group("y2")) if y}
            wrong = sorted(y for y in years if y != year)
            if not wrong:
                continue
            ctx.emit(
                "META001",
                {
                    "quote": par.quote(m.start(), m.end()),
                    "found": "、".join(map(str, wrong)),
                    "year": year,
                    "title": report.title or "",
                },
                at=par.position(m.start()),
                expected=year,
                actual=wrong[0],
            )
