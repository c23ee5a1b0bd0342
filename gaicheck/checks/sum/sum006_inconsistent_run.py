"""SUM006 inconsistent-run: a row's digits run together and no split of them into the row's cells satisfies the
identities — the published row is wrong under every reading (issue 13 point 6), not merely unreadable.

Report (the extractor's `RunInconsistent` observations) + the template's identities → **SUM006** → one error
each, naming the run and the identities no reading satisfies.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import RunInconsistent
from gaicheck.templates import load_template


def check(ctx: RuleContext) -> None:
    if not is_report(ctx.report):
        return
    runs = ctx.observed(RunInconsistent)
    if not runs:
        return
    template = load_template(ctx.version)
    for obs in runs:
        # scope "row": the identities within a row; "table": those across the table's rows (per column)
        titles = [
            i18n.pick(ctx.lang, identity.title_zh, identity.title_en)
            for identity in template.identities
            if identity.table == obs.table and (identity.for_each == "row") == (obs.scope == "row")
        ]
        ctx.emit(
            "SUM006",
            {
                "table_no": obs.table_no,
                "row": i18n.observed_row(obs, ctx.version, ctx.lang),
                "raw": obs.raw,
                "expected": obs.expected,
                "identity": i18n.join(titles, ctx.lang),
            },
            at=obs,
            cells=obs.cells,
        )
