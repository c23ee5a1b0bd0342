"""TXT003 prose-count-mismatch: a figure stated in the prose (e.g. 本年新收政府信息公开申请52件) differs
from the table's (or is below it, when the table's total is blank and only a lower bound is known).

Report (compared prose, tables; txt.toml [data.metrics]) → **TXT003** → one finding per stated figure.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.checks.txt.common import has_table
from gaicheck.model.report import Report
from gaicheck.prose.claims import count_claims
from gaicheck.prose.figures import Figure, rows_figure, table_number
from gaicheck.prose.numbers import show


def _describe(report: Report, table: str, fig: Figure, metric_zh: str, lang: str) -> str:
    """The cells a figure comes from (`表2「一、本年新收…」` / `table 2 "I. New requests…"`); the metric's
    Chinese name stands for more than two rows (it quotes the prose's wording)."""
    w = i18n.word
    labels = list(dict.fromkeys(fig.labels))
    if len(labels) <= 2:
        rows = w("txt.plus", lang).join(w("txt.label", lang, x=x) for x in labels)
    else:
        rows = w("txt.rows_sum", lang, metric=metric_zh, k=len(labels))
    return w("txt.table", lang, n=table_number(report, table)) + rows + (w("txt.bound", lang) if not fig.exact else "")


def check(ctx: RuleContext) -> None:
    report = ctx.report
    for claim in count_claims(ctx):
        spec = claim.spec
        table = str(spec.get("table", "apply"))
        if not has_table(report, table):
            continue
        column = str(spec.get("column", "total"))
        fig = rows_figure(ctx, table, [str(r) for r in spec.get("rows", [])], column)
        if fig is None or not fig.contradicts(claim.stated):
            continue
        alternatives = [rows_figure(ctx, table, [str(r) for r in alt], column) for alt in spec.get("alt", [])]
        if any(a is not None and not a.contradicts(claim.stated) for a in alternatives):
            continue
        par = claim.paragraph
        label_zh = str(spec.get("label_zh", claim.metric))
        ctx.emit(
            "TXT003",
            {
                "quote": par.quote(claim.start, claim.end),
                "what": i18n.pick(ctx.lang, label_zh, str(spec.get("label_en", claim.metric))),
                "stated": show(claim.stated),
                "unit": i18n.pick(ctx.lang, str(spec.get("unit_zh", "件")), str(spec.get("unit_en", ""))),
                "cells": _describe(report, table, fig, label_zh, ctx.lang),
                "value": show(fig.value) if fig.exact else i18n.word("txt.at_least", ctx.lang, v=show(fig.value)),
            },
            at=par.position(claim.start),
            cells=fig.cells,
            expected=fig.value,
            actual=claim.stated,
        )
