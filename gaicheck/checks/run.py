"""Running the rules over one report: Report + Options → one RuleContext → each selected rule of the
registry → the OCR mark on findings about cells read from a picture (checks/ocr_mark.py) → the
report's Findings, sorted.

The rules to run are chosen once per selection (options `select` and `ignore`) and kept: a run only
makes the context and calls them.
"""

from __future__ import annotations

from gaicheck.catalogue import matches
from gaicheck.checks.context import RuleContext
from gaicheck.checks.ocr_mark import mark_ocr
from gaicheck.checks.options import Options
from gaicheck.checks.registry import ReportCheck, report_checks
from gaicheck.model.finding import Finding
from gaicheck.model.report import Report

_CHECKS = report_checks()
# (select, ignore) → the report rules with a code selected and not ignored, in registry order
_SELECTED: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[ReportCheck, ...]] = {}


def selected(options: Options) -> tuple[ReportCheck, ...]:
    key = (tuple(options.select), tuple(options.ignore))
    rules = _SELECTED.get(key)
    if rules is None:
        rules = _SELECTED[key] = tuple(
            func
            for codes, func in _CHECKS
            if any(matches(c, options.select) and not matches(c, options.ignore) for c in codes)
        )
    return rules


def run_rules(report: Report, options: Options | None = None) -> list[Finding]:
    options = options or Options()
    ctx = RuleContext(report, options)
    for check in selected(options):
        check(ctx)
    mark_ocr(report, ctx.emitter.findings, options.lang)  # findings on cells read from a picture say so
    return sorted(ctx.emitter.findings, key=Finding.sort_key)
