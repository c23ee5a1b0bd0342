"""TPL005 label-deviation: a section heading, row label or column header differs from the official
wording (accepted, but reported: `deviations` in rules/templates/*.toml).

Report (sections, the extractor's `label_deviation` observations) → **TPL005** → one finding each.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext


def check(ctx: RuleContext) -> None:
    report = ctx.report
    if not is_report(report):
        return
    for section in report.sections:
        if section.found_title is not None and not section.official:
            number = i18n.section_number(section.number, ctx.lang)
            ctx.emit(
                "TPL005",
                {
                    "place": i18n.word("tpl.section_heading", ctx.lang, n=number),
                    "found": section.found_title,
                    "official": section.official_title,
                },
                at=section,
                expected=section.official_title,
                actual=section.found_title,
            )
    for obs in report.observations:
        if obs.kind != "label_deviation":
            continue
        row = obs.row
        cells = [c.key for c in report.cells if row and c.table == obs.table and c.row == row]
        fields: dict[str, object] = dict(obs.data)
        fields["place"] = i18n.word(f"tpl.{obs.data.get('part')}", ctx.lang, n=obs.data.get("table_no"))
        ctx.emit(
            "TPL005",
            fields,
            at=obs,
            cells=cells,
            expected=obs.data.get("official"),
            actual=obs.data.get("found"),
        )
