"""One comparison: a report and the report before it in its series, with the emitter that receives
the current report's findings and the list of checks that could not be made (for YOY009).

Series → **PairContext** → the cross-year rules (gaicheck/checks/yoy/) → Findings of the current report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gaicheck import i18n
from gaicheck.checks.emitter import Emitter
from gaicheck.model.report import CellValue, Report

PREVIOUS_PREFIX = "previous:"


def fmt_number(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def usable(cell: CellValue | None) -> bool:
    return cell is not None and cell.status == "ok" and cell.value is not None


@dataclass(slots=True)
class BadCell:
    current: bool  # this year's report (else last year's)
    row: str  # the row's and the column's names, in the language of the findings
    column: str
    status: str


@dataclass(slots=True)
class PairContext:
    previous: Report
    current: Report
    out: Emitter
    # check (named by gaicheck.i18n "yoy.check.<check>") → the cells that kept it from being evaluated (YOY009)
    unverifiable: dict[str, list[BadCell]] = field(default_factory=dict)
    unverifiable_cells: list[str] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.out.options.lang

    def fields(self) -> dict[str, object]:
        return {
            "previous_path": self.previous.path,
            "previous_year": self.previous.report_year if self.previous.report_year is not None else "?",
            "year": self.current.report_year if self.current.report_year is not None else "?",
        }

    def values(
        self, check: str, current: list[str], previous: list[str]
    ) -> tuple[list[CellValue], list[CellValue]] | None:
        """The cells of an identity when every one holds a number; otherwise note why, return None."""
        cur = [self.current.cell(k) for k in current]
        prev = [self.previous.cell(k) for k in previous]
        bad: list[BadCell] = []
        pairs = ((True, current, cur, self.current), (False, previous, prev, self.previous))
        for is_current, keys, cells, report in pairs:
            for key, cell in zip(keys, cells, strict=True):
                if usable(cell):
                    continue
                self.unverifiable_cells.append(key if is_current else PREVIOUS_PREFIX + key)
                if cell is None:
                    bad.append(BadCell(is_current, key, "", "missing"))
                else:
                    row, column = i18n.cell_names(cell, report.template, self.lang)
                    bad.append(BadCell(is_current, row, column, cell.status))
        if bad:
            self.unverifiable.setdefault(check, []).extend(bad)
            return None
        return [c for c in cur if c is not None], [c for c in prev if c is not None]
