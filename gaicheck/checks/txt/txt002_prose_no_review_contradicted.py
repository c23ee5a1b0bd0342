"""TXT002 prose-no-review-contradicted: the prose says there was no administrative reconsideration or
litigation while table 3 counts some.

Report (compared prose, table 3) → **TXT002** → one finding per statement and group.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.txt.common import has_table, review_groups
from gaicheck.prose.claims import denials
from gaicheck.prose.figures import rows_figure, table_number
from gaicheck.prose.numbers import show


def check(ctx: RuleContext) -> None:
    report = ctx.report
    if not has_table(report, "review"):
        return
    for par, start, end, text in denials(ctx, "no_review_patterns", "no_review_excludes", None):
        for group in review_groups():
            if group.keyword not in text:
                continue
            fig = rows_figure(ctx, "review", list(group.rows))
            if fig is None or fig.value == 0:
                continue
            ctx.emit(
                "TXT002",
                {
                    "quote": par.quote(start, end),
                    "what": group.label(ctx.lang),
                    "table_no": table_number(report, "review"),
                    "row": group.label(ctx.lang),
                    "value": show(fig.value),
                },
                at=par.position(start),
                cells=fig.cells,
                expected=0,
                actual=fig.value,
            )
