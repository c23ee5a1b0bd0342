"""The page's view of a checked report: the tables as the clerk sees them (gaicheck.output.clerk, the
same model, HTML, legend and colours as the downloadable report), and the findings with the cells they
point at and the culprit search's suggestion.

worker (Report + findings) → **view** → templates/report.html. The tables' HTML is escaped by
gaicheck.output.clerk; everything else by the template engine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup

from gaicheck import i18n
from gaicheck.checks.sum.identities import identity_instances
from gaicheck.model.finding import Finding
from gaicheck.model.report import Report
from gaicheck.output import clerk
from gaicheck.output.clerk import TableView


@dataclass(slots=True)
class FindingView:
    index: int
    code: str
    severity: str
    severity_label: str
    message: str
    place: str
    cells: list[str]
    advice: str
    classification: str
    tries: list[tuple[str, str, str]]  # per solution (unique, or the first candidates): button, title, changes


@dataclass(slots=True)
class PageView:
    filename: str
    format: str
    template: str
    template_label: str
    year: str
    organ: str
    title: str
    tables: list[TableView]
    tables_html: Markup  # the tables as gaicheck.output.clerk renders them (escaped there)
    recheck_json: Markup  # what the page needs to re-check a tried correction (see recheck_data)
    legend_html: Markup
    findings: list[FindingView]
    counts: dict[str, int]
    coloured: dict[str, int]


def _place(f: Finding, lang: str) -> str:
    parts = []
    if f.page and (f.where is None or f.where.page is None):  # else the location names the page
        parts.append(i18n.word("loc.page", lang, n=f.page))
    if f.line:
        if f.column:
            parts.append(i18n.word("page.line_column", lang, line=f.line, column=f.column))
        else:
            parts.append(i18n.word("loc.line", lang, n=f.line))
    where = i18n.location(f.where, lang)
    if where:
        parts.append(where)
    return i18n.word("loc.sep", lang).join(parts)


def cell_classes(report: Report, findings: list[Finding]) -> dict[str, str]:
    """The state of each cell, as the page and the downloadable report colour it (gaicheck.output.clerk)."""
    found = clerk.states(report, findings)[0]
    return {c.key: found[c.key] for c in report.cells}


MAX_TRIES = 5  # candidates offered to try (the first ones, as the text names them)


def _tries(f: Finding, lang: str) -> list[tuple[str, str, str]]:
    """One "try" per solution: (button, title, `key=value key=value`), a pair's two changes together."""
    solutions: dict[int, list[str]] = {}
    for s in f.suggestions:
        solutions.setdefault(s.solution, []).append(f"{s.cell}={s.proposed}")
    unique = f.classification == "unique"
    out: list[tuple[str, str, str]] = []
    for n, changes in enumerate(list(solutions.values())[:MAX_TRIES], 1):
        button = i18n.word("page.try", lang) if unique else i18n.word("page.try_n", lang, n=n)
        out.append((button, " ".join(changes), " ".join(changes)))
    return out


def recheck_data(report: Report, findings: list[Finding]) -> dict[str, object]:
    """For the page's "try the correction": the usable values, every identity instance (lhs, rhs keys) and,
    for each SUM001–SUM004 finding, the index of its instance (its cells are the instance's lhs + rhs)."""
    instances = identity_instances(report)
    by_cells = {(*lhs, *rhs): i for i, (_name, lhs, rhs) in enumerate(instances)}
    values = {
        c.key: c.value for c in [*report.cells, *report.subtotals] if c.status == "ok" and c.value is not None
    }
    return {
        "values": values,
        "identities": [[list(lhs), list(rhs)] for _name, lhs, rhs in instances],
        "findings": {
            str(i): by_cells[key]
            for i, f in enumerate(findings)
            if f.code in clerk.IDENTITY_CODES and (key := tuple(f.cells)) in by_cells
        },
    }


def script_json(data: object) -> str:
    """JSON safe inside <script type="application/json"> (no `<`, `>` or `&` to end the element)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def build_view(filename: str, report: Report, findings: list[Finding], lang: str = "zh") -> PageView:
    """The page's view of one checked report, worded in `lang` (the findings come worded in it already)."""
    classes = cell_classes(report, findings)
    tables = clerk.clerk_tables(report, findings, lang)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    coloured: dict[str, int] = {c: sum(1 for v in classes.values() if v == c) for c in clerk.LEGEND}
    return PageView(
        filename=filename,
        format=report.format,
        template=report.template,
        template_label=i18n.template_label(report.template, lang),
        year=(
            i18n.word("page.year", lang, year=report.report_year)
            if report.report_year
            else i18n.word("page.unknown", lang)
        ),
        organ=report.organ or i18n.word("page.unknown", lang),
        title=report.title or "",
        tables=tables,
        tables_html=Markup(clerk.render_tables(tables, lang)),
        legend_html=Markup(clerk.legend(lang)),
        recheck_json=Markup(script_json(recheck_data(report, findings))),
        findings=[
            FindingView(
                index=i,
                code=f.code,
                severity=f.severity,
                severity_label=i18n.severity(f.severity, lang),
                message=f.message,
                place=_place(f, lang),
                cells=list(f.cells),
                advice=f.advice or "",
                classification=f.classification or "",
                tries=_tries(f, lang),
            )
            for i, f in enumerate(findings)
        ],
        counts=counts,
        coloured=coloured,
    )
