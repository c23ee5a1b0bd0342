"""The template version a report's tables are read against: Report → **effective template** → the STR,
TPL, SUM and META rules and the cross-year pairing (a mixed report counts as the version it was read as)."""

from __future__ import annotations

from gaicheck.model.observations import MixedTemplate
from gaicheck.model.report import Report


def effective_template(report: Report) -> str:
    if report.template == "mixed":
        return next((o.chosen for o in report.observations if isinstance(o, MixedTemplate)), "2021")
    return report.template


def is_report(report: Report) -> bool:
    """True when the report was read against a format of the national template (2019, 2021, or both)."""
    return report.template in ("2019", "2021", "mixed")
