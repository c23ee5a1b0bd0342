"""`gaicheck compare --format html`: one self-contained page (inline CSS, no script, no network) — each
table drawn once, every cell holding last year's value, this year's, and the change (up, down, the same or
not comparable, coloured and signed so a black-and-white print shows them too); cells found in one year's
format only listed after; then the cross-year findings and the prose reuse. All report text is escaped.

Comparison (compare/model.py) → **HTML page**.
"""

from __future__ import annotations

from html import escape

from gaicheck import __version__, i18n
from gaicheck.compare.model import CellChange, Comparison, change_text, value_text
from gaicheck.compare.text import head_lines, prose_lines, total_line
from gaicheck.model.finding import FileResult
from gaicheck.output.grid import grids
from gaicheck.output.text import format_finding

CSS = """
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "SimSun", sans-serif;
       margin: 2em auto; max-width: 80em; color: #111; line-height: 1.5; padding: 0 1em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; border-bottom: 2px solid #333; margin-top: 1.6em; }
table.grid { border-collapse: collapse; margin: .5em 0 1em; font-size: .85em; }
table.grid th, table.grid td { border: 1px solid #555; padding: .2em .4em; }
table.grid thead th { background: #eee; font-weight: normal; }
table.grid tbody th { text-align: left; font-weight: normal; max-width: 22em; }
table.grid td { text-align: right; white-space: nowrap; }
td .old { color: #555; } td .arrow { color: #888; margin: 0 .2em; }
td .delta { display: block; font-size: .85em; }
td.up { background: #dcfce7; } td.down { background: #fee2e2; } td.unread { background: #fde68a; }
td.only_old, td.only_new { background: #e5e7eb; }
.meta { color: #333; } .note { color: #92400e; }
ul.findings li, ul.prose li { margin-bottom: .5em; }
@media print {
  body { margin: 0; max-width: none; font-size: 9pt; }
  td.up, td.down, td.unread { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  table.grid { page-break-inside: avoid; }
}
"""


def _cell(change: CellChange, lang: str, years: dict[str, object]) -> str:
    title = f"{change.key} · {change.row} · {change.column}"
    old, new = value_text(change.old, lang), value_text(change.new, lang)
    return (
        f'<td class="{change.change}" title="{escape(title)}"><span class="old">{escape(old)}</span>'
        f'<span class="arrow">→</span><span class="new">{escape(new)}</span>'
        f'<span class="delta">{escape(change_text(change, lang, years))}</span></td>'
    )


def _tables(comparison: Comparison) -> list[str]:
    lang, years = comparison.lang, comparison.years()
    changes = {c.key: c for t in comparison.tables for c in t.cells}
    new_keys = {c.key for c in comparison.new.cells}
    old_only = {k for k, c in changes.items() if c.change == "only_old"}
    parts: list[str] = []
    for report, only, note in ((comparison.new, None, ""), (comparison.old, old_only, "compare.only_old")):
        if only is not None and not only:
            continue
        for grid in grids(report, lang, only):
            heading = i18n.word("table.heading", lang, n=grid.number, title=grid.title)
            if note:
                heading = i18n.word("compare.heading_note", lang, heading=heading,
                                    note=i18n.word(note, lang, **years))
            parts.append(f"<h2>{escape(heading)}</h2>")
            for segment in grid.segments:
                head = "".join(f"<th>{escape(label)}</th>" for _col, label in segment.columns)
                parts.append(f'<table class="grid"><thead><tr><th></th>{head}</tr></thead><tbody>')
                for _row, label, cells in segment.rows:
                    tds = "".join(
                        _cell(changes[cells[col].key], lang, years) if col in cells and cells[col].key in changes
                        and (only is not None or cells[col].key in new_keys) else "<td></td>"
                        for col, _label in segment.columns
                    )
                    parts.append(f"<tr><th>{escape(label)}</th>{tds}</tr>")
                parts.append("</tbody></table>")
    return parts


def render(comparison: Comparison) -> str:
    lang = comparison.lang
    title = escape(i18n.word("compare.title", lang))
    head = head_lines(comparison)
    parts = [
        f'<!DOCTYPE html>\n<html lang="{i18n.word("html.lang", lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n<h1>{title}</h1>",
        f'<p class="meta">{"<br>".join(escape(line) for line in head[:2])}</p>',
        *(f'<p class="note">{escape(line)}</p>' for line in head[2:]),
        f'<p class="meta">{escape(total_line(comparison))}</p>',
        *_tables(comparison),
        f"<h2>{escape(i18n.word('compare.findings', lang))}</h2>",
    ]
    items = [f"<li>{escape(format_finding(FileResult(path=path), f, lang))}</li>" for path, f in comparison.findings]
    parts.append('<ul class="findings">' + "".join(items) + "</ul>" if items
                 else f"<p>{escape(i18n.word('compare.no_findings', lang))}</p>")
    prose = prose_lines(comparison)
    parts.append(f"<h2>{escape(prose[0])}</h2>")
    parts.append('<ul class="prose">' + "".join(f"<li>{escape(line.strip())}</li>" for line in prose[1:]) + "</ul>")
    parts.append(f'<p class="meta">{escape(i18n.word("html.generated", lang, v=__version__))}</p>\n</body>\n</html>\n')
    return "\n".join(parts)
