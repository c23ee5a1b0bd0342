"""The pipeline's one door to the cross-year rules (gaicheck/series/): what a parked batch needs of them —
a report's series view and organ key, which duplicate of a year is kept, short organ names resolved, and
the YOY findings. The series modules are imported only when a run has more than one file.

pipeline.single / pipeline.parked → **crossyear** → gaicheck.series.
"""

from __future__ import annotations

from gaicheck.checks.options import Options
from gaicheck.model.finding import Finding
from gaicheck.model.report import Report


def series_view(report: Report) -> Report:
    from gaicheck.series.crossfile import series_view as view

    return view(report)


def series_key(report: Report) -> str | None:
    from gaicheck.series.grouping import series_key as key

    return key(report)


def rank(report: Report) -> tuple[int, int, int, str]:
    from gaicheck.series.grouping import rank as ranked

    return ranked(report)


def resolve_short_names(keys: set[str]) -> dict[str, str]:
    from gaicheck.series.grouping import resolve_short_names as resolve

    return resolve(keys)


def findings(reports: list[Report], options: Options, previous: list[Report]) -> dict[str, list[Finding]]:
    """The cross-year findings of `reports` (by path), `previous` compared against but never reported on."""
    from gaicheck.series.crossfile import cross_file_findings

    return cross_file_findings(reports, options, previous=previous)


__all__ = ["findings", "rank", "resolve_short_names", "series_key", "series_view"]
