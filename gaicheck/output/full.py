"""Full reporter (`--format full`): every finding as in the text format, followed by the part of the
table it is about — the rows and columns of its cells, labelled, those cells in brackets — and the
expected against the found value. A cell the culprit search suggests is written with its proposed value
(`[49 → 48]`: red, or in a lighter red when it is one of several candidates) and the other cells of the
identity are only bracketed, with a legend line in the words of the clerk's legend (gaicheck/output/clerk.py).
Rendered with rich (colour only on a terminal).

Report + Findings → **full** (needs the Report of each file, not only its findings).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from gaicheck import i18n
from gaicheck.model.finding import FileResult, Finding
from gaicheck.model.report import Report
from gaicheck.output.grid import cell_states, grids, shown
from gaicheck.output.text import Tally, file_lines, format_finding

MAX_ROWS = 30
_STYLES = {
    "wrong": "bold white on red", "unverifiable": "bold black on yellow", "blank": "black on bright_black",
    "suggested": "bold white on red", "candidate": "bold red", "involved": "bold",
}
_SAMPLE = {"suggested": "[n → m]", "candidate": "[n → m]", "involved": "[n]"}


def _proposed(finding: Finding) -> tuple[dict[str, str], str]:
    """(the proposed value of each suggested cell, its state: suggested when the answer is unique, else
    candidate) — the states of gaicheck/output/clerk.py, for one finding."""
    proposed: dict[str, str] = {}
    for suggestion in finding.suggestions:
        proposed.setdefault(suggestion.cell, _number(suggestion.proposed))
    unique = any(s.kind == "unique" for s in finding.suggestions)
    return proposed, "suggested" if unique else "candidate"


def _number(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _legend(finding: Finding, lang: str) -> str | None:
    """`图例：[n → m] 最可能出错（→ 建议值）；[n] 所在勾稽关系不成立` under a finding with suggestions."""
    if not finding.suggestions:
        return None
    _proposed_values, state = _proposed(finding)
    marks = i18n.word("full.legend.sep", lang).join(
        f"{_SAMPLE[s]} {i18n.word(f'clerk.{s}', lang)}" for s in (state, "involved")
    )
    legend = i18n.word("full.legend", lang, legend=i18n.word("html.legend", lang), colon=i18n.word("colon", lang),
                       marks=marks)
    return "  " + legend


def _table_for(report: Report, finding: Finding, lang: str, ascii_only: bool) -> list[Table]:
    states: dict[str, str] = dict(cell_states(report, [finding]))
    involved = set(finding.cells)
    proposed, suggested_state = _proposed(finding)
    if proposed:  # the suggestion names the culprit: the other cells are only involved, never called wrong
        states = {k: ("involved" if s == "wrong" else s) for k, s in states.items()}
        states.update((k, suggested_state) for k in proposed)
    tables: list[Table] = []
    for grid in grids(report, lang, only=involved):
        for segment in grid.segments:
            title = i18n.word("table.heading", lang, n=grid.number, title=grid.title)
            table = Table(title=title, box=box.ASCII if ascii_only else box.SQUARE, show_lines=False)
            table.add_column("")
            for _col, label in segment.columns:
                table.add_column(label, justify="right")
            for _row, label, cells in segment.rows[:MAX_ROWS]:
                row: list[Text | str] = [label]
                for col, _label in segment.columns:
                    cell = cells.get(col)
                    if cell is None:
                        row.append("")
                        continue
                    value = shown(cell, lang)
                    if cell.key in proposed:
                        value += i18n.word("pin.arrow", lang) + proposed[cell.key]
                    if cell.key in involved:  # marked with brackets too: readable without colour
                        style = _STYLES.get(states.get(cell.key, "ok"), "bold")
                        row.append(Text(f"[{value}]", style=style))
                    else:
                        row.append(value)
                table.add_row(*row)
            if len(segment.rows) > MAX_ROWS:
                more = len(segment.rows) - MAX_ROWS
                table.caption = i18n.word("table.more_rows", lang, n=more)
            tables.append(table)
    return tables


def _expected_line(finding: Finding, lang: str) -> str | None:
    if finding.expected is None and finding.actual is None:
        return None
    parts: list[str] = []
    if finding.expected is not None:
        parts.append(i18n.word("full.expected", lang, value=i18n.value(finding.expected, lang)))
    if finding.actual is not None:
        parts.append(i18n.word("full.actual", lang, value=i18n.value(finding.actual, lang)))
    return "  " + i18n.word("clause.sep", lang).join(parts)


def write(
    out: TextIO,
    items: Iterable[tuple[FileResult, Report | None]],
    lang: str = "zh",
    color: bool = False,
    width: int = 120,
    ascii_only: bool = False,
) -> None:
    """Write file by file (a batch is never held whole), then the summary."""
    counts = Tally()

    def flush(buffer: io.StringIO) -> None:
        text = buffer.getvalue()
        out.write(text if color else "".join(line.rstrip() + "\n" for line in text.splitlines()))

    for result, report in items:
        counts.add(result)
        buffer = io.StringIO()
        console = _console(buffer, width, color)
        if result.error or report is None:
            for line in file_lines(result, lang, color):
                console.print(Text.from_ansi(line) if color else Text(line), soft_wrap=True)
            flush(buffer)
            continue
        for finding in result.findings:
            console.print(Text.from_ansi(format_finding(result, finding, lang, color)), soft_wrap=True)
            if finding.cells:
                for table in _table_for(report, finding, lang, ascii_only):
                    console.print(table)
            values = _expected_line(finding, lang)
            if values:
                console.print(Text(values), soft_wrap=True)
            legend = _legend(finding, lang) if finding.cells else None
            if legend:
                console.print(Text(legend), soft_wrap=True)
            console.print()
        flush(buffer)
    buffer = io.StringIO()
    _console(buffer, width, color).print(Text(counts.summary(lang)), soft_wrap=True)
    flush(buffer)


def _console(buffer: io.StringIO, width: int, color: bool) -> Console:
    return Console(
        file=buffer, width=width, force_terminal=color, color_system="standard" if color else None,
        highlight=False, emoji=False, legacy_windows=False,
    )


def render(
    items: list[tuple[FileResult, Report | None]],
    lang: str = "zh",
    color: bool = False,
    width: int = 120,
    ascii_only: bool = False,
) -> str:
    buffer = io.StringIO()
    write(buffer, items, lang, color, width, ascii_only)
    return buffer.getvalue()
