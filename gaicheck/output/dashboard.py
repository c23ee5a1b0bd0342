"""The overview page of a batch (`--format html` over several files): what a supervisor reads first — the
totals, findings per organ × year (each cell linking to that report's section of the page), the most
frequent problems, and two bar charts (per severity, per rule) drawn as inline SVG: no script, no font
and nothing else from the network, printable.

sink (each checked file as it arrives) → **Overview** (counts only, never the findings) → output/html.py,
which writes it before the reports' sections.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html import escape

from gaicheck import i18n
from gaicheck.catalogue import load_catalogue
from gaicheck.model.finding import FileResult

SEVERITIES = ("error", "warning", "info")
COLOURS = {"error": "#b91c1c", "warning": "#d97706", "info": "#1e40af"}
TOP_RULES = 10  # rows of "most frequent problems"
CHART_RULES = 15  # bars of the per-rule chart
ANCHOR = "overview"

CSS = """
#overview table.matrix, #overview table.top { border-collapse: collapse; margin: .5em 0 1em; font-size: .9em; }
#overview table.matrix th, #overview table.matrix td, #overview table.top th, #overview table.top td {
  border: 1px solid #555; padding: .2em .5em; }
#overview thead th { background: #eee; font-weight: normal; }
#overview table.matrix td.organ { text-align: left; }
#overview table.matrix td { text-align: center; white-space: nowrap; }
#overview table.top td.n { text-align: right; }
#overview td.clean { background: #ecfdf5; } #overview td.has-error { background: #fee2e2; }
#overview td.has-warning { background: #fef3c7; } #overview td.unreadable { background: #d9d9d9; }
#overview .charts { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
#overview svg text { font-size: 12px; fill: #111; }
#overview .n-error { color: #b91c1c; font-weight: bold; } #overview .n-warning { color: #92400e; }
#overview .n-info { color: #1e40af; }
p.top-link { text-align: right; font-size: .85em; }
@media print { #overview td, #overview svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""


def _w(key: str, lang: str, /, **fields: object) -> str:
    return i18n.word(f"dash.{key}", lang, **fields)


@dataclass
class Cell:
    """One organ's files of one year: their positions on the page and their counts."""

    files: list[int] = field(default_factory=list)  # 1-based position of each file on the page
    counts: Counter[str] = field(default_factory=Counter)
    unreadable: int = 0


@dataclass
class Overview:
    """Counts of a batch, gathered file by file as the sink receives them."""

    files: int = 0
    unreadable: list[tuple[int, str, str]] = field(default_factory=list)  # (position, path, reason)
    severities: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    code_files: Counter[str] = field(default_factory=Counter)
    cells: dict[str, dict[int | None, Cell]] = field(default_factory=dict)  # organ ("" unknown) → year → cell

    def add(self, result: FileResult) -> None:
        self.files += 1
        organ = "" if result.error else result.organ or ""
        year = None if result.error else result.report_year
        cell = self.cells.setdefault(organ, {}).setdefault(year, Cell())
        cell.files.append(self.files)
        if result.error:
            cell.unreadable += 1
            self.unreadable.append((self.files, result.path, result.error))
        severities = Counter(f.severity for f in result.findings)
        cell.counts.update(severities)
        self.severities.update(severities)
        self.codes.update(f.code for f in result.findings)
        self.code_files.update({f.code for f in result.findings})

    def render(self, lang: str) -> str:
        parts = [f'<section id="{ANCHOR}">', f"<h2>{escape(_w('overview', lang))}</h2>",
                 f'<p class="meta">{escape(self._totals(lang))}</p>']
        parts.append(f"<h3>{escape(_w('matrix', lang))}</h3>")
        parts.append(f'<p class="meta">{escape(_w("matrix_note", lang))}</p>')
        parts.append(self._matrix(lang))
        parts.append('<div class="charts">')
        parts.append(self._severity_chart(lang))
        parts.append(self._rule_chart(lang))
        parts.append("</div>")
        parts.append(f"<h3>{escape(_w('top', lang, n=TOP_RULES))}</h3>")
        parts.append(self._top(lang))
        if self.unreadable:
            parts.append(f"<h3>{escape(_w('unreadable_list', lang))}</h3><ul>")
            parts.extend(f'<li><a href="#f{n}">{escape(path)}</a>{escape(i18n.word("colon", lang))}{escape(why)}</li>'
                         for n, path, why in self.unreadable)
            parts.append("</ul>")
        parts.append("</section>")
        return "\n".join(parts)

    def _totals(self, lang: str) -> str:
        organs = sum(1 for organ in self.cells if organ)
        text = _w("totals", lang, files=self.files, organs=organs, error=self.severities["error"],
                  warning=self.severities["warning"], info=self.severities["info"])
        return text + (i18n.word("summary.unreadable", lang, n=len(self.unreadable)) if self.unreadable else "")

    def _matrix(self, lang: str) -> str:
        years = sorted({y for row in self.cells.values() for y in row}, key=lambda y: (y is None, y or 0))
        organs = sorted(self.cells, key=lambda o: (o == "", list(self.cells).index(o)))
        head = "".join(
            f"<th>{escape(str(y) if y is not None else _w('unknown_year', lang))}</th>" for y in years
        )
        rows = [f'<table class="matrix"><thead><tr><th>{escape(_w("organ", lang))}</th>{head}</tr></thead><tbody>']
        for organ in organs:
            row = self.cells[organ]
            first = min(n for cell in row.values() for n in cell.files)
            name = organ or i18n.word("text.organ_unknown", lang)
            tds = "".join(self._cell(row.get(y), lang) for y in years)
            # a cell (not a row header): the organ is the document's own text, as every page keeps it
            rows.append(f'<tr><td class="organ"><a href="#f{first}">{escape(name)}</a></td>{tds}</tr>')
        rows.append("</tbody></table>")
        return "\n".join(rows)

    @staticmethod
    def _cell(cell: Cell | None, lang: str) -> str:
        if cell is None:
            return "<td></td>"
        counts = cell.counts
        if cell.unreadable == len(cell.files):
            css, text = "unreadable", escape(_w("unreadable_cell", lang))
        else:
            css = "has-error" if counts["error"] else "has-warning" if counts["warning"] else "clean"
            text = "/".join(f'<span class="n-{s}">{counts[s]}</span>' for s in SEVERITIES)
        links = " ".join(f'<a href="#f{n}">{escape(_w("open", lang))}</a>' if len(cell.files) == 1
                         else f'<a href="#f{n}">{k}</a>' for k, n in enumerate(cell.files, 1))
        return f'<td class="{css}">{text} {links}</td>'

    def _top(self, lang: str) -> str:
        if not self.codes:
            return f"<p>{escape(i18n.word('html.none', lang))}</p>"
        catalogue = load_catalogue()
        head = "".join(f"<th>{escape(_w(k, lang))}</th>" for k in ("code", "title", "severity", "count", "files"))
        rows = [f'<table class="top"><thead><tr>{head}</tr></thead><tbody>']
        for code, count in _ranked(self.codes)[:TOP_RULES]:
            spec = catalogue.get(code)
            title = i18n.rule_title(spec, lang) if spec else ""
            severity = i18n.severity(spec.severity, lang) if spec else ""
            rows.append(f'<tr><td class="code">{escape(code)}</td><td>{escape(title)}</td><td>{escape(severity)}</td>'
                        f'<td class="n">{count}</td><td class="n">{self.code_files[code]}</td></tr>')
        rows.append("</tbody></table>")
        return "\n".join(rows)

    def _severity_chart(self, lang: str) -> str:
        bars = [(i18n.severity(s, lang), self.severities[s], COLOURS[s]) for s in SEVERITIES]
        return bar_chart(_w("chart_severity", lang), bars, label_width=70)

    def _rule_chart(self, lang: str) -> str:
        catalogue = load_catalogue()
        bars = []
        for code, count in _ranked(self.codes)[:CHART_RULES]:
            spec = catalogue.get(code)
            bars.append((code, count, COLOURS[spec.severity] if spec else "#555"))
        return bar_chart(_w("chart_rule", lang, n=min(CHART_RULES, len(self.codes))), bars, label_width=70)


def _ranked(codes: Counter[str]) -> list[tuple[str, int]]:
    return sorted(codes.items(), key=lambda item: (-item[1], item[0]))


def bar_chart(title: str, bars: list[tuple[str, int, str]], label_width: int = 120, width: int = 460) -> str:
    """A horizontal bar chart as inline SVG: one bar per (label, value, colour), the value at its end."""
    bar, gap, top = 18, 6, 28
    height = top + len(bars) * (bar + gap) + 4
    longest = max((value for _label, value, _colour in bars), default=0) or 1
    room = width - label_width - 50
    parts = [
        f'<svg width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}" viewBox="0 0 {width} {height}">',
        f'<text x="0" y="16" style="font-weight:bold;font-size:14px">{escape(title)}</text>',
    ]
    for n, (label, value, colour) in enumerate(bars):
        y = top + n * (bar + gap)
        length = round(room * value / longest) if value else 0
        parts.append(f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar}" fill="{colour}"/>')
        parts.append(f'<text x="{label_width + length + 4}" y="{y + 13}">{value}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
