"""TXT001 prose-no-applications-contradicted: the prose says no application was received (未收到…申请)
while table 2 counts new or carried-over applications.

Report (compared prose, table 2) → **TXT001** → one finding, at the first such statement.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.txt.common import has_table, row_label
from gaicheck.prose.claims import denials
from gaicheck.prose.figures import row_figure, table_number
from gaicheck.prose.numbers import show


def check(ctx: RuleContext) -> None:
    report = ctx.report
    if not has_table(report, "apply"):
        return
    figures = [(row, row_figure(ctx, "apply", row)) for row in ("new", "carried_over")]
    nonzero = [(row, f) for row, f in figures if f is not None and f.value > 0]
    if not nonzero:
        return
    row, fig = nonzero[0]
    for par, start, end, _text in denials(
        ctx, "no_application_patterns", "no_application_excludes", "no_application_requires"
    ):
        ctx.emit(
            "TXT001",
            {
                "quote": par.quote(start, end),
                "table_no": table_number(report, "apply"),
                "row": row_label(ctx, "apply", row),
                "value": show(fig.value),
            },
            at=par.position(start),
            cells=fig.cells,
            expected=0,
            actual=fig.value,
        )
        return
