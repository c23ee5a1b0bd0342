"""Findings: what the rule engine produces and the reporters print.

Report → rule engine → **Finding** → reporter (text, json, …).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from gaicheck.model.document import Location

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


class Finding(BaseModel):
    code: str  # e.g. "SUM001"
    name: str  # slug, e.g. "apply-official-identity"
    severity: Severity
    message: str
    line: int | None = None
    column: int | None = None
    page: int | None = None
    where: Location | None = None  # no line: the place in the file, rendered by gaicheck.i18n.location
    cells: list[str] = Field(default_factory=list)
    expected: str | int | float | None = None
    actual: str | int | float | None = None

    def sort_key(self) -> tuple[int, int, int, str, str]:
        return (self.page or 0, self.line or 0, self.column or 0, self.code, ",".join(self.cells))


class FileResult(BaseModel):
    """The outcome of checking one file: its findings, or why it could not be checked."""

    path: str
    format: str | None = None
    template: str | None = None
    report_year: int | None = None
    organ: str | None = None
    findings: list[Finding] = Field(default_factory=list)
    error: str | None = None
