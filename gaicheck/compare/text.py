"""`gaicheck compare --format text`: the comparison as aligned columns a terminal or a text file shows —
for each table, every cell's row, column, last year's and this year's value and the change; then the
cross-year findings and the prose reuse. Chinese characters count two columns wide.

Comparison (compare/model.py) → **text**.
"""

from __future__ import annotations

import unicodedata

from gaicheck import i18n
from gaicheck.compare.model import Comparison, change_text, report_label, value_text
from gaicheck.model.finding import FileResult
from gaicheck.output.escape import escape_path
from gaicheck.output.text import format_finding

MAX_NAME = 36  # columns given to a row name (longer ones are cut with …)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def fit(text: str, columns: int) -> str:
    """`text` cut to `columns` (with …) and padded to exactly that width."""
    if width(text) > columns:
        while width(text) > columns - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (columns - width(text))


def _right(text: str, columns: int) -> str:
    return " " * max(0, columns - width(text)) + text


def head_lines(comparison: Comparison) -> list[str]:
    lang, old, new = comparison.lang, comparison.old, comparison.new
    old_label, new_label = report_label(old, lang), report_label(new, lang)
    lines = [
        i18n.word("compare.head", lang, old=escape_path(old.path), new=escape_path(new.path),
                  old_year=old_label["year"], old_template=old_label["template"],
                  new_year=new_label["year"], new_template=new_label["template"]),
        i18n.word("compare.organ", lang, old=old.organ or i18n.word("compare.unknown", lang),
                  new=new.organ or i18n.word("compare.unknown", lang)),
    ]
    if not comparison.paired:
        lines.append(i18n.word("compare.not_paired", lang))
    return lines


def prose_lines(comparison: Comparison) -> list[str]:
    lang = comparison.lang
    lines = [i18n.word("compare.prose", lang)]
    for prose in comparison.prose:
        if not prose.measured:
            lines.append("  " + i18n.word("compare.prose.short", lang, scope=prose.scope))
            continue
        key = "compare.prose.share" if prose.longest else "compare.prose.none"
        lines.append("  " + i18n.word(
            key, lang, **comparison.years(), scope=prose.scope, share=f"{prose.share:.0%}", copied=prose.copied,
            chars=prose.chars, longest_chars=prose.longest_chars, longest=prose.longest,
        ))
    return lines


def total_line(comparison: Comparison) -> str:
    counts = comparison.counts()
    return i18n.word("compare.total", comparison.lang, cells=sum(counts.values()), **counts, **comparison.years())


def render(comparison: Comparison) -> str:
    lang, years = comparison.lang, comparison.years()
    old_year = i18n.word("compare.year", lang, year=years["old_year"])
    new_year = i18n.word("compare.year", lang, year=years["year"])
    lines = head_lines(comparison)
    for table in comparison.tables:
        rows = [(c.row, c.column, value_text(c.old, lang), value_text(c.new, lang), change_text(c, lang, years))
                for c in table.cells]
        heads = (i18n.word("compare.col.row", lang), i18n.word("compare.col.column", lang), old_year, new_year,
                 i18n.word("compare.col.change", lang))
        widths = [min(MAX_NAME, max(width(r[i]) for r in [heads, *rows])) for i in range(2)]
        widths += [max(width(r[i]) for r in [heads, *rows]) for i in range(2, 5)]
        lines.append("")
        lines.append(i18n.word("table.heading", lang, n=table.number, title=table.title))
        for n, row in enumerate([heads, *rows]):
            cells = [fit(row[0], widths[0]), fit(row[1], widths[1]), _right(row[2], widths[2]),
                     _right(row[3], widths[3]), row[4] if n else fit(row[4], widths[4])]
            lines.append(("  " + "  ".join(cells)).rstrip())
    lines.append("")
    lines.append(total_line(comparison))
    lines.append("")
    lines.append(i18n.word("compare.findings", lang))
    for path, finding in comparison.findings:
        lines.append("  " + format_finding(FileResult(path=path), finding, lang))
    if not comparison.findings:
        lines.append("  " + i18n.word("compare.no_findings", lang))
    lines.append("")
    lines.extend(prose_lines(comparison))
    return "\n".join(lines) + "\n"
