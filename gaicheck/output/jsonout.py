"""JSON reporter: the stable machine contract of `gaicheck check --format json` and of
`gaicheck parse --format json` (see README, "JSON contract")."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from gaicheck import __version__, i18n
from gaicheck.model.finding import FileResult, Finding
from gaicheck.model.report import Report
from gaicheck.output.jsonstream import write_document
from gaicheck.output.text import Tally

FINDING_FIELDS = (
    "code", "name", "severity", "message", "line", "column", "page", "where", "cells", "expected", "actual",
    "classification", "suggestions", "advice",
)
SUGGESTION_FIELDS = ("cell", "current", "proposed", "kind", "hint", "solution")


def finding_entry(f: Finding, lang: str = "zh") -> dict[str, Any]:
    entry = {k: getattr(f, k) for k in FINDING_FIELDS}
    entry["where"] = i18n.location(f.where, lang) or None
    entry["suggestions"] = [{k: getattr(s, k) for k in SUGGESTION_FIELDS} for s in f.suggestions]
    return entry


def file_entry(r: FileResult, lang: str = "zh") -> dict[str, Any]:
    return {
        "path": r.path,
        "format": r.format,
        "template": r.template,
        "report_year": r.report_year,
        "organ": r.organ,
        "findings": [finding_entry(f, lang) for f in r.findings],
        "error": r.error,
    }


def _document(tally: Tally, files: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "version": __version__,
        "files": files,
        "summary": {
            "files": tally.files,
            "errors": tally.severities["error"],
            "warnings": tally.severities["warning"],
            "infos": tally.severities["info"],
            "unreadable": tally.unreadable,
        },
    }


def _entries(results: Iterable[FileResult], tally: Tally, lang: str) -> Iterator[dict[str, Any]]:
    for result in results:
        tally.add(result)
        yield file_entry(result, lang)


def check_document(results: list[FileResult], lang: str = "zh") -> dict[str, Any]:
    tally = Tally()
    return _document(tally, list(_entries(results, tally, lang)))


def write(out: TextIO, results: Iterable[FileResult], lang: str = "zh") -> None:
    """The check document, written file by file (see jsonstream): a batch's results are never held whole."""
    tally = Tally()
    write_document(out, lambda: _document(tally, []), ["files"], _entries(results, tally, lang))


def render(results: list[FileResult], lang: str = "zh") -> str:
    buffer = io.StringIO()
    write(buffer, results, lang)
    return buffer.getvalue()


def parse_document(report: Report, lang: str = "zh") -> dict[str, Any]:
    template_tables = {c.table for c in report.cells}
    return {
        "path": report.path,
        "format": report.format,
        "template": report.template,
        "report_year": report.report_year,
        "organ": report.organ,
        "published": report.published,
        "title": report.title,
        "sections": [
            {"key": s.key, "title": s.found_title, "official_title": s.official_title, "line": s.line, "page": s.page}
            for s in report.sections
        ],
        "tables_found": {k: v for k, v in report.tables_found.items() if k in template_tables},
        "cells": [
            {
                "key": c.key,
                "table": c.table,
                "row_label": c.row_label,
                "column_label": c.column_label,
                "raw": c.raw,
                "value": c.value,
                "unit": c.unit,
                "status": c.status,
                "line": c.line,
                "column": c.column,
                "page": c.page,
                "where": i18n.location(c.where, lang) or None,
            }
            for c in report.cells
        ],
    }


def render_parse(report: Report, lang: str = "zh") -> str:
    return json.dumps(parse_document(report, lang), ensure_ascii=False, indent=2) + "\n"
