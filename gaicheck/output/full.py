"""Full reporter (`--format full`): every finding as in the text format, followed by the part of the
table it is about — the rows and columns of its cells, labelled, those cells highlighted — and the
expected against the found value. Rendered with rich (colour only on a terminal).

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
_STYLES = {"wrong": "bold white on red", "unverifiable": "bold black on yellow", "blank": "black on bright_black"}


def _table_for(report: Report, finding: Finding, lang: str, ascii_only: bool) -> list[Table]:
    states = cell_states(report, [finding])
    involved = set(finding.cells)
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
