"""SUM007 runs-inconsistent-together: several rows' digits run together and no combination of their splits
satisfies the identities across the table's rows — the published table is wrong, but in which row the
digits cannot tell, so one error names the rows together (never "this row is wrong" for each of them).

Report (the extractor's `RunInconsistent` observations of scope "table") + the template's identities →
**SUM007** → one error per group of rows, naming their runs and the identities no reading satisfies.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.checks.sum.run_identities import identity_titles
from gaicheck.model.observations import RunInconsistent
from gaicheck.templates import load_template


def check(ctx: RuleContext) -> None:
    if not is_report(ctx.report):
        return
    runs = [obs for obs in ctx.observed(RunInconsistent) if obs.scope == "table"]
    if not runs:
        return
    template = load_template(ctx.version)
    order = {(key, r.key): i for key, t in template.tables.items() for i, r in enumerate(t.rows)}
    groups: dict[tuple[str, tuple[str, ...]], list[RunInconsistent]] = {}
    for obs in runs:  # a row observed alone (no group recorded) is a group of one
        groups.setdefault((obs.table, obs.together or (obs.row,)), []).append(obs)
    for (table, _keys), members in groups.items():
        members.sort(key=lambda o: order.get((table, o.row), len(order)))
        first = members[0]
        names = [i18n.word("str.quoted", ctx.lang, name=i18n.observed_row(o, ctx.version, ctx.lang)) for o in members]
        rows = (
            i18n.word("sum.run_row", ctx.lang, name=names[0])
            if len(names) == 1
            else i18n.word("sum.run_rows", ctx.lang, names=i18n.join(names, ctx.lang), n=len(names))
        )
        ctx.emit(
            "SUM007",
            {
                "table_no": first.table_no,
                "rows": rows,
                "raws": i18n.word("sum.run_sep", ctx.lang).join(o.raw for o in members),
                "identity": identity_titles(ctx.version, table, False, ctx.lang),
            },
            at=first,
            cells=[key for o in members for key in o.cells],
        )
