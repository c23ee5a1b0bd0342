"""SUM006 inconsistent-run: a row's digits run together and no split of them into the row's cells satisfies the
row's own identities — the published row is wrong under every reading (issue 13 point 6), not merely
unreadable. (Rows whose runs together fit no reading of the identities across rows: SUM007.)

Report (the extractor's `RunInconsistent` observations) + the template's identities → **SUM006** → one error
each, naming the run and the identities no reading satisfies.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.checks.sum.run_identities import identity_titles
from gaicheck.model.observations import RunInconsistent


def check(ctx: RuleContext) -> None:
    if not is_report(ctx.report):
        return
    for obs in ctx.observed(RunInconsistent):
        if obs.scope != "row":
            continue
        ctx.emit(
            "SUM006",
            {
                "table_no": obs.table_no,
                "row": i18n.observed_row(obs, ctx.version, ctx.lang),
                "raw": obs.raw,
                "expected": obs.expected,
                "identity": identity_titles(ctx.version, obs.table, True, ctx.lang),
            },
            at=obs,
            cells=obs.cells,
        )
