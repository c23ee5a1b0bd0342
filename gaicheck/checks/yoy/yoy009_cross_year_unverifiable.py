"""YOY009 cross-year-unverifiable: a cross-year check cannot be made: a cell it needs is blank, missing or
unreadable in either report (PairContext.values notes them), the previous report is not comparable, or
the report given with --previous is of another organ or not of an earlier year.

PairContext (or a report and the --previous reports) → **YOY009** → one finding.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.emitter import Emitter
from gaicheck.model.report import Report
from gaicheck.series.grouping import series_key
from gaicheck.series.pair import BadCell, PairContext
from gaicheck.templates import LEGACY

MAX_BAD_SHOWN = 3


def _describe(bad: list[BadCell], lang: str) -> str:
    """Bad cells grouped by report, row and status: 本年「row」自然人、商业企业等7列为空."""
    groups: dict[tuple[bool, str, str], list[str]] = {}
    for cell in bad:
        columns = groups.setdefault((cell.current, cell.row, cell.status), [])
        if cell.column not in columns:
            columns.append(cell.column)
    parts: list[str] = []
    for (current, row, status), columns in groups.items():
        shown = columns[:MAX_BAD_SHOWN]
        more = len(columns) > len(shown)
        cols = i18n.join(shown, lang) + (
            i18n.word("yoy.more_columns", lang, all=len(columns), more=len(columns) - len(shown)) if more else ""
        )
        key = "yoy.bad_this_year" if current else "yoy.bad_last_year"
        parts.append(i18n.word(key, lang, row=row, cols=cols, status=i18n.status(status, lang)))
    return i18n.word("yoy.bad_sep", lang).join(parts)


def emit_unverifiable(ctx: PairContext) -> None:
    """The checks of a pair that could not be evaluated, with the cells that kept them from it."""
    if not ctx.unverifiable:
        return
    lang = ctx.lang
    parts = [
        i18n.word("yoy.check_reason", lang, check=i18n.word(f"yoy.check.{check}", lang), reason=_describe(bad, lang))
        for check, bad in ctx.unverifiable.items()
    ]
    ctx.out.emit(
        "YOY009",
        {**ctx.fields(), "reason": i18n.word("yoy.checks_sep", lang).join(parts)},
        cells=list(dict.fromkeys(ctx.unverifiable_cells)),
    )


def previous_not_comparable(ctx: PairContext) -> None:
    """The report before this one in its series cannot be compared with it."""
    reason = "yoy.legacy_not_comparable" if ctx.previous.template == LEGACY else "yoy.no_tables_not_comparable"
    ctx.out.emit("YOY009", {**ctx.fields(), "reason": i18n.word(reason, ctx.lang)})


def explicit_unpaired(report: Report, previous: list[Report], out: Emitter) -> None:
    """`--previous` was given but `report` has nothing before it in its series: say why."""
    key = series_key(report)
    same = [p for p in previous if key is not None and series_key(p) == key]
    if not same and len(previous) != 1:
        return  # several previous files, none of this organ: nothing was asked of this report
    prev = same[0] if same else previous[0]
    prev_key = series_key(prev)
    lang = out.options.lang
    if key is None or prev_key is None:
        reason = i18n.word("yoy.no_organ", lang)
    elif key != prev_key:
        reason = i18n.word("yoy.organs_differ", lang, previous=prev_key, current=key)
    elif report.report_year is None or prev.report_year is None:
        reason = i18n.word("yoy.no_year", lang)
    elif prev.report_year >= report.report_year:
        reason = i18n.word("yoy.not_earlier", lang, previous=prev.report_year, current=report.report_year)
    else:
        return
    fields: dict[str, object] = {
        "previous_path": prev.path,
        "previous_year": prev.report_year if prev.report_year is not None else "?",
        "year": report.report_year if report.report_year is not None else "?",
        "reason": reason,
    }
    out.emit("YOY009", fields)
