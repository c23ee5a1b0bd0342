"""What the STY rules share: whether the file is a document with prose worth checking.

Official names and patterns are data (rules/catalogue/sty.toml [data]).
"""

from __future__ import annotations

from gaicheck.model.report import Report


def is_document(report: Report) -> bool:
    return bool(report.text) and (
        report.template != "none" or any(report.tables_found.values()) or report.title is not None
    )
