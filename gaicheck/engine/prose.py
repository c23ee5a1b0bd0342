"""Prose rules (TXT): Report → findings where the text contradicts the tables (no applications / no
cases claimed but counted, figures that differ from their cells, "其中" lists that do not add up,
"均获维持" with undecided cases). Required statements and lengths are META rules (engine/meta.py).

Phrases and patterns are data (rules/catalogue/txt.toml [data]); claims are found by gaicheck.prose.
"""

from __future__ import annotations

from gaicheck.engine.core import Emitter, rule
from gaicheck.model.report import Report
from gaicheck.prose.claims import compared_paragraphs, compared_text, count_claims, denials
from gaicheck.prose.facts import compiled, facts
from gaicheck.prose.figures import Figure, row_figure, rows_figure, table_number
from gaicheck.prose.literals import may_match, required_literals
from gaicheck.prose.numbers import show
from gaicheck.prose.paragraphs import paragraphs
from gaicheck.prose.sums import sum_mismatches
from gaicheck.templates import registry

_REVIEW_GROUPS = {
    "reconsideration": ("行政复议", "administrative reconsideration", ["reconsideration"]),
    "litigation": ("行政诉讼", "administrative litigation", ["litigation_direct", "litigation_after"]),
}
_NOT_UPHELD = ("corrected", "other", "pending")


def _has_table(report: Report, table: str) -> bool:
    return registry().follows_template(report.template) and report.tables_found.get(table, False)


def _label(report: Report, table: str, row: str) -> str:
    cell = report.cell(f"{table}.{row}.total")
    return cell.row_label if cell else row


@rule("TXT001")
def no_applications(report: Report, out: Emitter) -> None:
    if not _has_table(report, "apply"):
        return
    figures = [(row, row_figure(report, "apply", row)) for row in ("new", "carried_over")]
    nonzero = [(row, f) for row, f in figures if f is not None and f.value > 0]
    if not nonzero:
        return
    row, fig = nonzero[0]
    for par, start, end, _text in denials(
        report, "no_application_patterns", "no_application_excludes", "no_application_requires"
    ):
        out.emit(
            "TXT001",
            {
                "quote": par.quote(start, end),
                "table_no": table_number(report, "apply"),
                "row": _label(report, "apply", row),
                "value": show(fig.value),
            },
            at=par.position(start),
            cells=fig.cells,
            expected=0,
            actual=fig.value,
        )
        return


@rule("TXT002")
def no_review(report: Report, out: Emitter) -> None:
    if not _has_table(report, "review"):
        return
    for par, start, end, text in denials(report, "no_review_patterns", "no_review_excludes", None):
        for zh, en, rows in _REVIEW_GROUPS.values():
            if zh[2:] not in text:  # 复议 / 诉讼
                continue
            fig = rows_figure(report, "review", rows)
            if fig is None or fig.value == 0:
                continue
            out.emit(
                "TXT002",
                {
                    "quote": par.quote(start, end),
                    "what": zh,
                    "what_en": en,
                    "table_no": table_number(report, "review"),
                    "row": zh,
                    "value": show(fig.value),
                },
                at=par.position(start),
                cells=fig.cells,
                expected=0,
                actual=fig.value,
            )


def _describe(report: Report, table: str, fig: Figure, metric_zh: str, lang: str) -> str:
    n = table_number(report, table)
    labels = list(dict.fromkeys(fig.labels))
    if lang == "en":
        text = f"table {n} " + (
            " + ".join(f'"{x}"' for x in labels) if len(labels) <= 2 else f'"{metric_zh}" ({len(labels)} rows)'
        )
        return text + (" (total column blank: sum of the filled columns)" if not fig.exact else "")
    text = f"表{n}" + (
        "+".join(f"「{x}」" for x in labels) if len(labels) <= 2 else f"「{metric_zh}」{len(labels)}行之和"
    )
    return text + ("（总计列空白，按已填各列合计，至少）" if not fig.exact else "")


@rule("TXT003")
def stated_counts(report: Report, out: Emitter) -> None:
    for claim in count_claims(report):
        spec = claim.spec
        table = str(spec.get("table", "apply"))
        if not _has_table(report, table):
            continue
        column = str(spec.get("column", "total"))
        fig = rows_figure(report, table, [str(r) for r in spec.get("rows", [])], column)
        if fig is None or not fig.contradicts(claim.stated):
            continue
        alternatives = [rows_figure(report, table, [str(r) for r in alt], column) for alt in spec.get("alt", [])]
        if any(a is not None and not a.contradicts(claim.stated) for a in alternatives):
            continue
        par = claim.paragraph
        label_zh = str(spec.get("label_zh", claim.metric))
        out.emit(
            "TXT003",
            {
                "quote": par.quote(claim.start, claim.end),
                "what": label_zh,
                "what_en": spec.get("label_en", claim.metric),
                "stated": show(claim.stated),
                "cells": _describe(report, table, fig, label_zh, "zh"),
                "cells_en": _describe(report, table, fig, label_zh, "en"),
                "value": show(fig.value),
                "value_en": show(fig.value) if fig.exact else f"at least {show(fig.value)}",
            },
            at=par.position(claim.start),
            cells=fig.cells,
            expected=fig.value,
            actual=claim.stated,
        )


@rule("TXT004")
def stated_sums(report: Report, out: Emitter) -> None:
    if not registry().follows_template(report.template):
        return
    for found in sum_mismatches(compared_paragraphs(report) + paragraphs(report, {"active"})):
        par = found.paragraph
        out.emit(
            "TXT004",
            {
                "quote": par.quote(found.start, found.end, 80),
                "total": show(found.total),
                "sum": show(found.sum),
                "count": found.count,
                "unit": found.unit,
                "diff": show(abs(found.total - found.sum)),
            },
            at=par.position(found.start),
            expected=found.total,
            actual=found.sum,
        )


@rule("TXT005")
def all_upheld(report: Report, out: Emitter) -> None:
    if not _has_table(report, "review"):
        return
    source = str(facts("txt").get("all_upheld_pattern", "均获维持"))
    pattern, needs = compiled(source), required_literals(source)
    if not may_match(needs, compared_text(report)):
        return
    for par in compared_paragraphs(report):
        if not may_match(needs, par.text):  # no sentence of it can match
            continue
        for start, sentence in par.sentences():
            m = pattern.search(sentence)
            if m is None:
                continue
            for zh, _en, rows in _REVIEW_GROUPS.values():
                if zh[2:] not in sentence[: m.start()]:
                    continue
                for row in rows:
                    cells = [report.cell(f"review.{row}.{c}") for c in _NOT_UPHELD]
                    known = [c for c in cells if c is not None and c.status == "ok" and c.value]
                    value = sum(c.value or 0 for c in known)
                    if value <= 0:
                        continue
                    label = report.cell(f"review.{row}.total")
                    out.emit(
                        "TXT005",
                        {
                            "quote": par.quote(start, start + m.end()),
                            "table_no": table_number(report, "review"),
                            "row": label.row_label if label else row,
                            "value": show(value),
                        },
                        at=par.position(start + m.start()),
                        cells=[c.key for c in known],
                        expected=0,
                        actual=value,
                    )
