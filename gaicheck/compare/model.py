"""What `gaicheck compare OLD NEW` shows, computed once for every format: each template cell of both years
with its change, the cross-year findings between the two reports, and how much of the new year's prose is
last year's.

two Reports (+ the cross-year findings of the run) → **Comparison** → compare/text.py, jsonview.py, page.py.
Cells are matched by their template key (`apply.new.natural`): tables 2 and 3 cell by cell; table 1 where
both years' formats have the cell (the 2019 and 2021 formats count different things there), the others
listed as found in one year only. A change is computed only between two numbers: a blank is never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from gaicheck import i18n
from gaicheck.checks.yoy.prose_text import blocks, joined
from gaicheck.checks.yoy.yoy006_copied_prose import scopes
from gaicheck.model.finding import Finding
from gaicheck.model.report import CellValue, Report
from gaicheck.output.grid import shown
from gaicheck.series.config import load_config
from gaicheck.series.grouping import group_reports
from gaicheck.series.similarity import normalise, overlap

Change = Literal["same", "up", "down", "unread", "only_old", "only_new"]


@dataclass(slots=True)
class CellChange:
    key: str
    row: str  # names in the language of the comparison
    column: str
    old: CellValue | None
    new: CellValue | None

    @property
    def delta(self) -> int | float | None:
        if _number(self.old) is None or _number(self.new) is None:
            return None
        assert self.old is not None and self.new is not None
        assert self.old.value is not None and self.new.value is not None
        difference = self.new.value - self.old.value
        return difference if isinstance(difference, int) else round(difference, 6)

    @property
    def change(self) -> Change:
        if self.old is None:
            return "only_new"
        if self.new is None:
            return "only_old"
        delta = self.delta
        if delta is None:
            return "unread"
        return "same" if delta == 0 else "up" if delta > 0 else "down"


def _number(cell: CellValue | None) -> int | float | None:
    return cell.value if cell is not None and cell.status == "ok" else None


@dataclass(slots=True)
class TableChanges:
    key: str
    number: int
    title: str
    cells: list[CellChange] = field(default_factory=list)


@dataclass(slots=True)
class ProseReuse:
    scope: str  # the scope's name in the language of the comparison
    measured: bool  # False: a text too short to judge (YOY006's minimum)
    share: float = 0.0
    copied: int = 0
    chars: int = 0
    longest: str = ""
    longest_chars: int = 0


@dataclass(slots=True)
class Comparison:
    old: Report
    new: Report
    lang: str
    tables: list[TableChanges]
    findings: list[tuple[str, Finding]]  # (path, cross-year finding), as `gaicheck check OLD NEW` gives them
    prose: list[ProseReuse]
    paired: bool  # grouped as one organ's consecutive reports, as `check` pairs them

    def years(self) -> dict[str, object]:
        """The two years, as the words of a comparison name them (`old_year`, `year`)."""
        old, new = report_label(self.old, self.lang), report_label(self.new, self.lang)
        return {"old_year": old["year"], "year": new["year"]}

    def counts(self) -> dict[Change, int]:
        out: dict[Change, int] = {"same": 0, "up": 0, "down": 0, "unread": 0, "only_old": 0, "only_new": 0}
        for table in self.tables:
            for cell in table.cells:
                out[cell.change] += 1
        return out


def _tables(old: Report, new: Report, lang: str) -> list[TableChanges]:
    before = old.cell_map()
    keys = {c.key for c in new.cells}
    tables: dict[str, TableChanges] = {}
    ordered = [(c, True) for c in new.cells] + [(c, False) for c in old.cells if c.key not in keys]
    for cell, in_new in ordered:
        table = tables.get(cell.table)
        if table is None:
            table = tables[cell.table] = TableChanges(
                cell.table, i18n.table_number(cell.table), i18n.table_name(cell.table, lang)
            )
        version = (new if in_new else old).template
        _table, row, column = i18n.key_names(cell.key, version, lang)
        table.cells.append(CellChange(
            cell.key, row, column, before.get(cell.key) if in_new else cell, cell if in_new else None
        ))
    return sorted(tables.values(), key=lambda t: t.number)


def _prose(old: Report, new: Report, lang: str) -> list[ProseReuse]:
    """YOY006's measure for each of its scopes, whatever the share (the rule reports only above its threshold)."""
    config = load_config()
    out: list[ProseReuse] = []
    for section, scope, size in scopes(lang):
        cur_text, _starts = joined(blocks(new, section))
        prev_text, _ = joined(blocks(old, section))
        minimum = config.min_chars_whole if size == "whole" else config.min_chars_section
        if len(normalise(cur_text).text) < minimum or len(normalise(prev_text).text) < minimum:
            out.append(ProseReuse(scope, False))
            continue
        found = overlap(prev_text, cur_text, config.shingle)
        limit = config.quote_chars
        longest = found.longest if len(found.longest) <= limit else found.longest[:limit] + "…"
        out.append(ProseReuse(scope, True, found.share, found.copied, found.length, longest, found.longest_chars))
    return out


def compare(old: Report, new: Report, findings: list[tuple[str, Finding]], lang: str = "zh") -> Comparison:
    return Comparison(
        old, new, lang, _tables(old, new, lang), findings, _prose(old, new, lang),
        any(len(s.reports) == 2 for s in group_reports([old, new])),
    )


def fmt_number(value: int | float) -> str:
    """A number as written: no exponent, no trailing zeros (75394412.35, not 7.53944e+07)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def value_text(cell: CellValue | None, lang: str) -> str:
    """A cell as shown: its number, `（空）` for a blank, `—` when not found, the text when no number."""
    if cell is None:
        return ""
    number = _number(cell)
    if number is not None:
        return fmt_number(number)
    return shown(cell, lang)


def change_text(cell: CellChange, lang: str, years: dict[str, object]) -> str:
    """`+8`, `-3`, `=`, or why there is no change to give (`years`: Comparison.years())."""
    delta = cell.delta
    if delta is not None:
        if delta == 0:
            return i18n.word("compare.same", lang)
        return ("+" if delta > 0 else "-") + fmt_number(abs(delta))
    return i18n.word(f"compare.{cell.change}", lang, **years)


def report_label(report: Report, lang: str) -> dict[str, object]:
    """The fields `compare.head` names a report by."""
    return {
        "year": report.report_year if report.report_year is not None else i18n.word("compare.unknown", lang),
        "template": i18n.template_label(report.template, lang),
    }
