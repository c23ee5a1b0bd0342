"""Workbook reporter (`--format xlsx`): what a supervisor opens in Excel or WPS — sheet 问题清单 (one row per
finding), 汇总 (one row per file, unreadable ones with their reason) and 规则统计 (findings per rule); header
frozen, filters on, columns sized, headers in Chinese (English with --lang en).

sink (the spool, read back one file at a time) → **xlsx** → a binary file. XlsxWriter in constant-memory
mode: each row is flushed to disk as soon as the next one starts, so memory does not grow with the batch
(measured in the README: 5,000 findings in 1.0 s, against 2.0 s for openpyxl's write-only mode). Every
value is written with its type's own call: a text that starts with `=` stays text, never a formula.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import IO

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from gaicheck import i18n
from gaicheck.catalogue import load_catalogue
from gaicheck.model.finding import FileResult, Finding

# (i18n key of the header, column width in characters)
FINDING_COLUMNS = (
    ("organ", 24), ("year", 7), ("file", 40), ("place", 14), ("code", 9), ("severity", 8), ("message", 70),
    ("table", 28), ("row", 28), ("column", 22), ("expected", 12), ("found", 12), ("suggestion", 40),
)
FILE_COLUMNS = (
    ("organ", 24), ("year", 7), ("file", 40), ("template", 30), ("errors", 8), ("warnings", 8), ("infos", 8),
    ("cells_read", 12), ("cells_unread", 12), ("note", 50),
)
RULE_COLUMNS = (("code", 9), ("title", 50), ("severity", 8), ("count", 9), ("files", 11))
MAX_TEXT = 32767  # Excel's limit of characters in a cell
SUGGESTION_FIELDS = ("cell", "current", "proposed", "kind", "hint")
Value = str | int | float | None


def _header(key: str, lang: str) -> str:
    return i18n.word(f"xlsx.col.{key}", lang)


def _distinct(values: Iterable[str], lang: str) -> str:
    return i18n.join(list(dict.fromkeys(v for v in values if v)), lang)


def cell_columns(finding: Finding, version: str, lang: str) -> tuple[str, str, str]:
    """(table, rows, columns) a finding is about, from its cell keys, each distinct name once."""
    names = [i18n.key_names(key, version, lang) for key in finding.cells]
    return tuple(_distinct((n[i] for n in names), lang) for i in range(3))  # type: ignore[return-value]


def _field(item: object, name: str) -> object:
    return item.get(name) if isinstance(item, Mapping) else getattr(item, name, None)


def suggestion_text(finding: Finding, version: str, lang: str) -> str:
    """The finding's suggestions (when the rule gives any) in one cell: `row「column」：current → proposed（hint）`."""
    parts: list[str] = []
    for item in getattr(finding, "suggestions", None) or []:
        cell, current, proposed, hint = (_field(item, f) for f in ("cell", "current", "proposed", "hint"))
        if isinstance(cell, str) and cell:
            _table, row, column = i18n.key_names(cell, version, lang)
            where = i18n.word("xlsx.cell", lang, row=row, column=column) if column else row
        else:
            where = ""
        text = ""
        if proposed is not None:
            change = i18n.word("xlsx.suggestion.value", lang, current="" if current is None else current,
                               proposed=proposed)
            text = i18n.word("xlsx.suggestion", lang, cell=where, change=change) if where else change
        if hint:
            text += i18n.word("xlsx.suggestion.hint", lang, hint=hint) if text else str(hint)
        if text:
            parts.append(text)
    return i18n.word("xlsx.suggestion.sep", lang).join(parts)


def place(finding: Finding, lang: str) -> str:
    if finding.line is not None:
        return i18n.word("xlsx.line", lang, line=finding.line, column=finding.column or 1)
    return i18n.place(finding.where, finding.page, lang)


class Workbook:
    """The three sheets, written row by row as files are added; `close()` writes the rule counts and saves."""

    def __init__(self, target: str | IO[bytes], lang: str = "zh") -> None:
        self.lang = lang
        self.book = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_urls": False})
        self.bold = self.book.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1})
        self.findings = self._sheet("findings", FINDING_COLUMNS)
        self.files = self._sheet("files", FILE_COLUMNS)
        self.rules = self._sheet("rules", RULE_COLUMNS)
        self.finding_rows = self.file_rows = 0
        self.codes: Counter[str] = Counter()
        self.code_files: Counter[str] = Counter()

    def _sheet(self, name: str, columns: tuple[tuple[str, int], ...]) -> Worksheet:
        sheet = self.book.add_worksheet(i18n.word(f"xlsx.sheet.{name}", self.lang))
        for n, (_key, width) in enumerate(columns):
            sheet.set_column(n, n, width)
        sheet.freeze_panes(1, 0)
        for n, (key, _width) in enumerate(columns):
            sheet.write_string(0, n, _header(key, self.lang), self.bold)
        return sheet

    @staticmethod
    def _put(sheet: Worksheet, row: int, values: list[Value], fmt: Format | None = None) -> None:
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                sheet.write_string(row, col, str(value)[:MAX_TEXT], fmt)
            else:
                sheet.write_number(row, col, value, fmt)

    def add(self, result: FileResult) -> None:
        lang = self.lang
        version = result.template or ""
        for f in result.findings:
            table, rows, columns = cell_columns(f, version, lang)
            self.finding_rows += 1
            self._put(self.findings, self.finding_rows, [
                result.organ, result.report_year, result.path, place(f, lang), f.code, i18n.severity(f.severity, lang),
                f.message, table, rows, columns, f.expected, f.actual, suggestion_text(f, version, lang),
            ])
        counts = Counter(f.severity for f in result.findings)
        self.codes.update(f.code for f in result.findings)
        self.code_files.update({f.code for f in result.findings})
        note = i18n.word("xlsx.unreadable", lang, error=result.error) if result.error else None
        self.file_rows += 1
        self._put(self.files, self.file_rows, [
            result.organ, result.report_year, result.path, i18n.template_label(result.template, lang),
            counts["error"], counts["warning"], counts["info"], result.cells_read, result.cells_unread, note,
        ])

    def close(self) -> None:
        catalogue = load_catalogue()
        lang = self.lang
        ordered = sorted(self.codes.items(), key=lambda item: (-item[1], item[0]))
        for n, (code, count) in enumerate(ordered, 1):
            spec = catalogue.get(code)
            self._put(self.rules, n, [
                code, i18n.rule_title(spec, lang) if spec else "", i18n.severity(spec.severity, lang) if spec else "",
                count, self.code_files[code],
            ])
        for sheet, rows, columns in ((self.findings, self.finding_rows, FINDING_COLUMNS),
                                     (self.files, self.file_rows, FILE_COLUMNS),
                                     (self.rules, len(ordered), RULE_COLUMNS)):
            sheet.autofilter(0, 0, rows, len(columns) - 1)
        self.book.close()


def write(target: IO[bytes], results: Iterable[FileResult], lang: str = "zh") -> None:
    """Every result into one workbook written to `target`: straight into a file, through a temporary file
    into a pipe (a zip file is finished by seeking back)."""
    if target.seekable():
        _fill(Workbook(target, lang), results)
        return
    with tempfile.TemporaryFile(prefix="gaicheck-") as spare:
        _fill(Workbook(spare, lang), results)
        spare.seek(0)
        shutil.copyfileobj(spare, target)
    target.flush()


def _fill(book: Workbook, results: Iterable[FileResult]) -> None:
    for result in results:
        book.add(result)
    book.close()
