"""One comparison: a report and the report before it in its series, with the emitter that receives
the current report's findings and the list of checks that could not be made (for YOY009).

Series → **PairContext** → numeric.py / prose.py checks → Findings of the current report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gaicheck.engine.core import Emitter
from gaicheck.model.report import CellValue, Report

PREVIOUS_PREFIX = "previous:"

_STATUS_ZH = {"empty": "为空", "missing": "缺失", "ambiguous": "无法确定", "invalid": "不是数字", "ok": "无数值",
              "unreadable": "无法识别"}
_STATUS_EN = {"empty": "blank", "missing": "missing", "ambiguous": "not assignable", "invalid": "not a number",
              "ok": "without value", "unreadable": "unreadable (OCR)"}
MAX_BAD_SHOWN = 3


def fmt_number(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def usable(cell: CellValue | None) -> bool:
    return cell is not None and cell.status == "ok" and cell.value is not None


@dataclass(slots=True)
class BadCell:
    current: bool  # this year's report (else last year's)
    row: str
    column: str
    status: str


def _describe(bad: list[BadCell]) -> tuple[str, str]:
    """Bad cells grouped by report, row and status: 本年「row」自然人、商业企业等7列为空."""
    groups: dict[tuple[bool, str, str], list[str]] = {}
    for cell in bad:
        columns = groups.setdefault((cell.current, cell.row, cell.status), [])
        if cell.column not in columns:
            columns.append(cell.column)
    zh: list[str] = []
    en: list[str] = []
    for (current, row, status), columns in groups.items():
        shown = columns[:MAX_BAD_SHOWN]
        more = len(columns) > len(shown)
        cols_zh = "、".join(shown) + (f"等{len(columns)}列" if more else "")
        cols_en = ", ".join(shown) + (f" and {len(columns) - len(shown)} more" if more else "")
        zh.append(f"{'本年' if current else '上年'}「{row}」{cols_zh}{_STATUS_ZH[status]}")
        en.append(f"{'this' if current else 'last'} year's \"{row}\" {cols_en} {_STATUS_EN[status]}")
    return "，".join(zh), "; ".join(en)


@dataclass(slots=True)
class PairContext:
    previous: Report
    current: Report
    out: Emitter
    # check name (zh, en) → the cells that kept it from being evaluated (for YOY009)
    unverifiable: dict[tuple[str, str], list[BadCell]] = field(default_factory=dict)
    unverifiable_cells: list[str] = field(default_factory=list)

    def fields(self) -> dict[str, object]:
        return {
            "previous_path": self.previous.path,
            "previous_year": self.previous.report_year if self.previous.report_year is not None else "?",
            "year": self.current.report_year if self.current.report_year is not None else "?",
        }

    def values(
        self, check: tuple[str, str], current: list[str], previous: list[str]
    ) -> tuple[list[CellValue], list[CellValue]] | None:
        """The cells of an identity when every one holds a number; otherwise note why, return None."""
        cur = [self.current.cell(k) for k in current]
        prev = [self.previous.cell(k) for k in previous]
        bad: list[BadCell] = []
        for is_current, keys, cells in ((True, current, cur), (False, previous, prev)):
            for key, cell in zip(keys, cells, strict=True):
                if usable(cell):
                    continue
                self.unverifiable_cells.append(key if is_current else PREVIOUS_PREFIX + key)
                if cell is None:
                    bad.append(BadCell(is_current, key, "", "missing"))
                else:
                    bad.append(BadCell(is_current, cell.row_label, cell.column_label, cell.status))
        if bad:
            self.unverifiable.setdefault(check, []).extend(bad)
            return None
        return [c for c in cur if c is not None], [c for c in prev if c is not None]

    def emit_unverifiable(self) -> None:
        if not self.unverifiable:
            return
        parts_zh: list[str] = []
        parts_en: list[str] = []
        for (check_zh, check_en), bad in self.unverifiable.items():
            zh, en = _describe(bad)
            parts_zh.append(f"{check_zh}：{zh}")
            parts_en.append(f"{check_en}: {en}")
        self.out.emit(
            "YOY009",
            {**self.fields(), "reason": "；".join(parts_zh), "reason_en": " / ".join(parts_en)},
            cells=list(dict.fromkeys(self.unverifiable_cells)),
        )
