"""YOY008 series-gap: a year is missing between this report and the previous one of its organ (the
figures are then not compared; only the prose is).

PairContext → **YOY008** → one finding.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.series.pair import PairContext


def _missing_years(before: int, after: int, lang: str) -> str:
    years = list(range(before + 1, after))
    if len(years) <= 3:
        return i18n.join([str(y) for y in years], lang)
    return f"{years[0]}–{years[-1]}"


def series_gap(ctx: PairContext, organ: str) -> None:
    previous, current = ctx.previous, ctx.current
    assert previous.report_year is not None and current.report_year is not None
    missing = _missing_years(previous.report_year, current.report_year, ctx.lang)
    ctx.out.emit("YOY008", {**ctx.fields(), "organ": organ, "missing": missing})
