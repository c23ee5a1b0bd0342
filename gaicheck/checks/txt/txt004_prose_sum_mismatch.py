"""TXT004 prose-sum-mismatch: parts listed in the prose (…共X件，其中A件、B件…) do not add up to the total
they are said to make.

Report (compared prose and section 二) → **TXT004** → one finding per list (gaicheck/prose/sums.py).
"""

from __future__ import annotations

from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.prose.claims import compared_paragraphs
from gaicheck.prose.numbers import show
from gaicheck.prose.paragraphs import paragraphs
from gaicheck.prose.sums import sum_mismatches


def check(ctx: RuleContext) -> None:
    if not is_report(ctx.report):
        return
    for found in sum_mismatches(compared_paragraphs(ctx) + paragraphs(ctx, {"active"})):
        par = found.paragraph
        ctx.emit(
            "TXT004",
            {
                "quote": par.quote(found.start, found.end, 80),
                "total": show(found.total),
                "sum": show(found.sum),
                "count": found.count,
                "unit": found.unit,
                "diff": show(abs(found.total - found.sum)),
            },
            at=par.position(found.start),
            expected=found.total,
            actual=found.sum,
        )
