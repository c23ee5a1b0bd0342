"""Findings: what the rule engine produces and the reporters print.

Report → rule engine → **Finding** → reporter (text, json, …).
Plain dataclasses with slots (not pydantic): built by the hundred per batch and pickled to the spool and
across the process pool. `validate_finding` checks values of other types than the declared ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from pydantic import TypeAdapter

from gaicheck.model.document import Location

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(slots=True, kw_only=True)
class Suggestion:
    """A change of one cell that, with the others of its solution, makes every broken identity hold
    (gaicheck/checks/sum/pinpoint.py)."""

    cell: str  # the cell's key
    current: int | float
    proposed: int | float
    kind: Literal["unique", "candidate"]  # the only explanation, or one of several equally good
    hint: str | None = None  # an auditor's pattern that fits (gaicheck.culprit.Hint), only as a hint
    solution: int = 0  # which solution it belongs to (a pair: two suggestions with the same number)


Classification = Literal["unique", "candidates", "none"]


@dataclass(slots=True, kw_only=True)
class Finding:
    code: str  # e.g. "SUM001"
    name: str  # slug, e.g. "apply-official-identity"
    severity: Severity
    message: str
    line: int | None = None
    column: int | None = None
    page: int | None = None
    where: Location | None = None  # no line: the place in the file, rendered by gaicheck.i18n.location
    cells: list[str] = field(default_factory=list)
    expected: str | int | float | None = None
    actual: str | int | float | None = None
    # SUM001–SUM004: which cells explain the broken identities of the finding's group (culprit search)
    classification: Classification | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    advice: str | None = None  # the suggestion in one sentence, in the run's language

    def sort_key(self) -> tuple[int, int, int, int, int, int, int, str, str]:
        """Document order: page, line and column, then (files without lines) table, row, cell and paragraph."""
        w = self.where
        if w is None:
            return (self.page or 0, self.line or 0, self.column or 0, 0, 0, 0, 0, self.code, ",".join(self.cells))
        return (
            self.page or 0, self.line or 0, self.column or 0,
            w.table or 0, w.row or 0, w.cell or 0, w.paragraph or 0, self.code, ",".join(self.cells),
        )  # fmt: skip


@cache
def _finding_adapter() -> TypeAdapter[Finding]:
    return TypeAdapter(Finding)


def validate_finding(values: dict[str, Any]) -> Finding:
    """A Finding from values that may not be of the declared types, validated and converted as pydantic
    does (a bool `expected` becomes the int 1); raises pydantic.ValidationError for an unknown severity."""
    return _finding_adapter().validate_python(values)


@dataclass(slots=True, kw_only=True)
class FileResult:
    """The outcome of checking one file: its findings, or why it could not be checked."""

    path: str
    format: str | None = None
    template: str | None = None
    report_year: int | None = None
    organ: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    # template cells holding a number / not (blank, missing, not assignable, not a number); None: not read
    cells_read: int | None = None
    cells_unread: int | None = None
