"""HTML reporter (`--format html`): one self-contained page (inline CSS, no script, no network), in
Chinese by default, for a reader who is not a programmer: the three tables as the clerk sees them
(gaicheck/output/clerk.py, the same tables, legend and colours as the web page: the suggested cell with its
proposed value, the other cells of a broken identity outlined, blank and unverifiable cells coloured and
marked with a sign, so a black-and-white print still shows them), then every finding with its suggestion,
its explanation and a link to its cell. Readable when printed.

Report + Findings → **HTML**. `render_report_html(report, findings, lang)` is the one-report page
(reused by the web UI); `render(items, lang)` puts every checked file in one page, after the batch's
overview (output/dashboard.py) when there are several. All report text is
HTML-escaped.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING, TextIO

from gaicheck import __version__, i18n
from gaicheck.catalogue import load_catalogue
from gaicheck.model.finding import FileResult, Finding
from gaicheck.model.report import Report
from gaicheck.output import clerk

if TYPE_CHECKING:
    from gaicheck.output.dashboard import Overview

CSS = """
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "SimSun", sans-serif;
       margin: 2em auto; max-width: 70em; color: #111; line-height: 1.5; padding: 0 1em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.25em; border-bottom: 2px solid #333; margin-top: 2em; }
h3 { font-size: 1.05em; margin-top: 1.5em; }
td:target { outline: 3px solid #1d4ed8; }
.advice { font-weight: bold; color: #7a1d17; }
.meta { color: #333; }
ol.findings li { margin-bottom: .8em; }
.code { font-family: monospace; font-weight: bold; }
.sev-error { color: #b91c1c; } .sev-warning { color: #92400e; } .sev-info { color: #1e40af; }
.explain { color: #333; font-size: .9em; margin: .2em 0 0; }
.error { color: #b91c1c; font-weight: bold; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  table.grid, ol.findings li { page-break-inside: avoid; }
  h2 { page-break-before: always; } h2:first-of-type { page-break-before: avoid; }
}
""" + clerk.CSS

def _w(key: str, lang: str, /, **fields: object) -> str:
    return i18n.word(f"html.{key}", lang, **fields)


def _anchor(prefix: str, key: str) -> str:
    return f"{prefix}cell-{key}"


def _tables(report: Report, findings: list[Finding], lang: str, prefix: str) -> str:
    tables = clerk.clerk_tables(report, findings, lang)
    if not any(t.rows for t in tables):
        return f"<p>{escape(_w('no_tables', lang))}</p>"
    return clerk.render_tables(tables, lang, prefix)


def _place(finding: Finding, lang: str) -> str:
    bits = []
    if finding.page is not None and (finding.where is None or finding.where.page is None):  # else it names it
        bits.append(_w("page", lang, n=finding.page))
    if finding.line is not None:
        bits.append(_w("line", lang, n=finding.line))
        if finding.column is not None:
            bits.append(_w("col", lang, n=finding.column))
    where = i18n.location(finding.where, lang)
    if where:
        bits.append(where)
    return _w("place_sep", lang).join(bits)


def _findings(report: Report, findings: list[Finding], lang: str, prefix: str) -> str:
    if not findings:
        return f"<p>{escape(_w('none', lang))}</p>"
    catalogue = load_catalogue()
    present = {c.key for c in report.cells}
    items = []
    for n, f in enumerate(findings, 1):
        spec = catalogue.get(f.code)
        explanation = i18n.rule_explanation(spec, lang) if spec else ""
        title = i18n.rule_title(spec, lang) if spec else f.name
        link = ""
        target = next((k for k in f.cells if k in present), None)
        if target is not None:
            link = f' <a href="#{escape(_anchor(prefix, target))}">{escape(_w("cell", lang))}</a>'
        values = []
        if f.expected is not None:
            values.append(f"{_w('expected', lang)} {i18n.value(f.expected, lang)}")
        if f.actual is not None:
            values.append(f"{_w('actual', lang)} {i18n.value(f.actual, lang)}")
        value_text = f"<br>{escape(_w('values_sep', lang).join(values))}" if values else ""
        if f.advice:
            value_text += f'<br><span class="advice">{escape(f.advice)}</span>'
        place = _place(f, lang)
        place_text = _w("place", lang, place=escape(place)) if place else ""
        items.append(
            f'<li id="{prefix}finding-{n}"><span class="code sev-{f.severity}">{escape(f.code)}</span> '
            f'<span class="sev-{f.severity}">[{escape(i18n.severity(f.severity, lang))}]</span> {escape(title)}'
            f"{place_text}"
            f"<br>{escape(f.message)}{value_text}{link}"
            f'<p class="explain">{escape(explanation)}</p></li>'
        )
    return '<ol class="findings">' + "\n".join(items) + "</ol>"


def _counts(findings: list[Finding], lang: str) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    return _w("summary", lang, **counts)


def report_section(report: Report | None, result: FileResult, lang: str = "zh", prefix: str = "") -> str:
    """One file's part of the page: heading, facts, tables, findings."""
    sep = i18n.word("colon", lang)
    parts = [f"<h2>{escape(_w('file', lang))}{sep}{escape(result.path)}</h2>"]
    if result.error or report is None:
        parts.append(f'<p class="error">{escape(_w("unreadable", lang))}{escape(result.error or "")}</p>')
        return "\n".join(parts)
    facts = [(_w("organ", lang), report.organ), (_w("year", lang), report.report_year),
             (_w("template", lang), report.template)]
    parts.append(
        '<p class="meta">'
        + _w("facts_sep", lang).join(f"{escape(k)}{sep}{escape(str(v))}" for k, v in facts if v is not None)
        + f"<br>{escape(_counts(result.findings, lang))}</p>"
    )
    parts.append(clerk.legend(lang))
    parts.append(_tables(report, result.findings, lang, prefix))
    parts.append(f"<h3>{escape(_w('findings', lang))}</h3>")
    parts.append(_findings(report, result.findings, lang, prefix))
    return "\n".join(parts)


def _page_head(lang: str, extra_css: str = "") -> str:
    title = escape(_w("title", lang))
    return (
        f'<!DOCTYPE html>\n<html lang="{_w("lang", lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n<body>\n"
        f"<h1>{title}</h1>\n"
    )


def _page_tail(lang: str) -> str:
    return f'\n<p class="meta">{escape(_w("generated", lang, v=__version__))}</p>\n</body>\n</html>\n'


def _document(body: str, lang: str) -> str:
    return _page_head(lang) + body + _page_tail(lang)


def render_report_html(report: Report, findings: list[Finding], lang: str = "zh") -> str:
    """A complete page for one report and its findings."""
    result = FileResult(
        path=report.path, format=report.format, template=report.template, report_year=report.report_year,
        organ=report.organ, findings=findings,
    )
    return _document(report_section(report, result, lang), lang)


def write(
    out: TextIO, items: Iterable[tuple[FileResult, Report | None]], count: int, lang: str = "zh",
    overview: Overview | None = None,
) -> None:
    """All `count` checked files in one page, written file by file. Several files: the overview
    (output/dashboard.py) first, each file's section in its own anchor (`f1`, `f2`, …) with a link back,
    and its cells' anchors prefixed per file so links stay distinct."""
    if count <= 1:
        out.write(_page_head(lang))
        for result, report in items:
            out.write(report_section(report, result, lang))
        out.write(_page_tail(lang))
        return
    from gaicheck.output.dashboard import CSS as OVERVIEW_CSS

    out.write(_page_head(lang, OVERVIEW_CSS))
    if overview is not None:
        out.write(overview.render(lang) + "\n")
    back = f'<p class="top-link"><a href="#overview">{escape(i18n.word("dash.back", lang))}</a></p>'
    for n, (result, report) in enumerate(items, 1):
        out.write(("\n" if n > 1 else "") + f'<section id="f{n}">\n'
                  + report_section(report, result, lang, f"f{n}-") + f"\n{back}\n</section>")
    out.write(_page_tail(lang))


def render(items: list[tuple[FileResult, Report | None]], lang: str = "zh") -> str:
    from gaicheck.output.dashboard import Overview

    overview = Overview()
    for result, _report in items:
        overview.add(result)
    buffer = io.StringIO()
    write(buffer, items, len(items), lang, overview)
    return buffer.getvalue()
