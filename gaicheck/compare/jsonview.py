"""`gaicheck compare --format json`: the comparison for programs — both reports' identity, every cell with
both values, its statuses and the change, the cross-year findings (as in `check --format json`) and the
prose reuse measures.

Comparison (compare/model.py) → **JSON**.
"""

from __future__ import annotations

import json
from typing import Any

from gaicheck import __version__
from gaicheck.compare.model import CellChange, Comparison
from gaicheck.model.report import CellValue, Report
from gaicheck.output.jsonout import finding_entry


def _report(report: Report) -> dict[str, Any]:
    return {"path": report.path, "report_year": report.report_year, "template": report.template,
            "organ": report.organ}


def _value(cell: CellValue | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {"value": cell.value if cell.status == "ok" else None, "raw": cell.raw, "status": cell.status}


def _cell(cell: CellChange) -> dict[str, Any]:
    return {"key": cell.key, "row": cell.row, "column": cell.column, "old": _value(cell.old),
            "new": _value(cell.new), "delta": cell.delta, "change": cell.change}


def render(comparison: Comparison) -> str:
    lang = comparison.lang
    data = {
        "version": __version__,
        "old": _report(comparison.old),
        "new": _report(comparison.new),
        "paired": comparison.paired,
        "tables": [
            {"table": t.key, "number": t.number, "title": t.title, "cells": [_cell(c) for c in t.cells]}
            for t in comparison.tables
        ],
        "summary": comparison.counts(),
        "findings": [{"path": path, **finding_entry(f, lang)} for path, f in comparison.findings],
        "prose": [
            {"scope": p.scope, "measured": p.measured, "share": round(p.share, 4) if p.measured else None,
             "copied": p.copied, "chars": p.chars, "longest": p.longest, "longest_chars": p.longest_chars}
            for p in comparison.prose
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
