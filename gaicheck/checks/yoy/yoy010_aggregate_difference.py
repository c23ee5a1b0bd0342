"""YOY010 aggregate-difference (info, opt-in): a county's table 2 totals against the sum of its
subordinate reports (乡镇, 街道, departments) of the same year found in the same folder.

Reports → **aggregate** → info findings on the county's report. A county usually counts only its own
applications, so a difference is context, never an error. Opt-in: `Options.check_aggregate` (the
`check --check-aggregate` flag) or YOY010 named explicitly in `--select`.
"""

from __future__ import annotations

from pathlib import Path

import regex

from gaicheck import i18n
from gaicheck.checks.emitter import Emitter
from gaicheck.checks.options import Options
from gaicheck.model.report import Report
from gaicheck.series.config import SeriesConfig
from gaicheck.series.grouping import comparable, series_key
from gaicheck.series.pair import fmt_number, usable

AGGREGATE_ROWS: tuple[str, ...] = ("new", "carried_over", "total", "carry_forward")
MAX_MEMBERS_SHOWN = 3
# a county-level government: its key is <place>政府 with the place ending in 县/区/市/旗
_COUNTY = regex.compile(r"(?P<place>\p{Han}{2,20}?(?:县|区|市|旗))政府")


def enabled(options: Options) -> bool:
    return bool(getattr(options, "check_aggregate", False)) or "YOY010" in options.select


def _place(report: Report) -> str | None:
    key = series_key(report)
    if key is None:
        return None
    m = _COUNTY.fullmatch(key)
    return m.group("place") if m else None


def subordinates(county: Report, pool: list[Report]) -> list[Report]:
    """Reports of the same year and folder whose organ is named under the county's place."""
    place = _place(county)
    key = series_key(county)
    if place is None or key is None:
        return []
    folder = Path(county.path).parent
    out: list[Report] = []
    for report in pool:
        other = series_key(report)
        if (
            report is county
            or other is None
            or other == key
            or not other.startswith(place)
            or report.report_year != county.report_year
            or Path(report.path).parent != folder
            or not comparable(report)
        ):
            continue
        out.append(report)
    return out


def aggregate_findings(reports: list[Report], emitters: dict[str, Emitter], config: SeriesConfig) -> None:
    for county in reports:
        if not comparable(county) or county.path not in emitters:
            continue
        members = subordinates(county, reports)
        if not members:
            continue
        out = emitters[county.path]
        names = [Path(m.path).name for m in members]
        lang = out.options.lang
        more = len(names) - MAX_MEMBERS_SHOWN
        shown = i18n.join(names[:MAX_MEMBERS_SHOWN], lang)
        shown += i18n.word("yoy.more_reports", lang, all=len(names), more=more) if more > 0 else ""
        for row in AGGREGATE_ROWS:
            key = f"apply.{row}.total"
            cell = county.cell(key)
            parts = [m.cell(key) for m in members]
            if cell is None or not usable(cell) or not all(usable(p) for p in parts):
                continue
            assert cell.value is not None
            total = sum(p.value for p in parts if p is not None and p.value is not None)
            diff = abs(cell.value - total)
            if diff < 1e-9 or (total and diff / abs(total) <= config.aggregate_tolerance):
                continue
            out.emit(
                "YOY010",
                {
                    "row": i18n.cell_names(cell, county.template, lang)[0],
                    "column": i18n.cell_names(cell, county.template, lang)[1],
                    "actual": fmt_number(cell.value),
                    "expected": fmt_number(total),
                    "diff": fmt_number(diff),
                    "count": len(members),
                    "year": county.report_year,
                    "members": shown,
                },
                at=cell,
                cells=[key],
                expected=total,
                actual=cell.value,
            )
