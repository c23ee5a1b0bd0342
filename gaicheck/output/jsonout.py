"""JSON reporter: the stable machine contract of `gaicheck check --format json` and of
`gaicheck parse --format json` (see README, "JSON contract")."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from gaicheck import __version__
from gaicheck.model.finding import FileResult
from gaicheck.model.report import Report

FINDING_FIELDS = (
    "code", "name", "severity", "message", "line", "column", "page", "where", "cells", "expected", "actual",
)


def check_document(results: list[FileResult]) -> dict[str, Any]:
    counts: Counter[str] = Counter(f.severity for r in results for f in r.findings)
    files = []
    for r in results:
        files.append(
            {
                "path": r.path,
                "format": r.format,
                "template": r.template,
                "report_year": r.report_year,
                "organ": r.organ,
                "findings": [{k: getattr(f, k) for k in FINDING_FIELDS} for f in r.findings],
                "error": r.error,
            }
        )
    return {
        "version": __version__,
        "files": files,
        "summary": {
            "files": len(results),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
            "unreadable": sum(1 for r in results if r.error),
        },
    }


def render(results: list[FileResult]) -> str:
    return json.dumps(check_document(results), ensure_ascii=False, indent=2) + "\n"


def parse_document(report: Report) -> dict[str, Any]:
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
                "where": c.where,
            }
            for c in report.cells
        ],
    }


def render_parse(report: Report) -> str:
    return json.dumps(parse_document(report), ensure_ascii=False, indent=2) + "\n"
