"""Structure and template rules (STR, TPL): Report → findings about what is missing, misplaced,
mislabelled, or in the wrong format for the year."""

from __future__ import annotations

from collections import Counter, defaultdict
from operator import attrgetter

from gaicheck.engine.core import Emitter, rule
from gaicheck.model.report import CellValue, Observation, Position, Report
from gaicheck.prose.memo import cell_statuses
from gaicheck.templates import load_legacy, load_template


def _notice(version: str, lang: str) -> str:
    """The notice that issued a format (from the template data), or the legacy format's name."""
    if version == "legacy":
        legacy = load_legacy()
        return legacy.label_en if lang == "en" else legacy.label
    return load_template(version).notice


def _is_report(report: Report) -> bool:
    return report.template in ("2019", "2021", "mixed")


def _obs(report: Report, kind: str) -> list[Observation]:
    return [o for o in report.observations if o.kind == kind]


def effective_template(report: Report) -> str:
    if report.template == "mixed":
        return str(next((o.data.get("chosen") for o in _obs(report, "mixed_template")), "2021"))
    return report.template


@rule("STR001")
def missing_sections(report: Report, out: Emitter) -> None:
    if not _is_report(report):
        return
    for i, section in enumerate(report.sections):
        if section.found_title is not None:
            continue
        after = next((s for s in report.sections[i + 1 :] if s.found_title is not None), None)
        template = load_template(effective_template(report))
        title = next(s.title for s in template.sections if s.key == section.key)
        out.emit("STR001", {"number": section.number, "title": title}, at=after)


@rule("STR002", "STR003", "STR004", "STR005", "STR007", "STR008", "STR010", "STR011")
def table_structure(report: Report, out: Emitter) -> None:
    if not _is_report(report):
        return
    codes = {
        "table_missing": "STR002",
        "row_missing": "STR003",
        "row_short": "STR004",
        "row_long": "STR005",
        "row_unlabelled": "STR007",
        "extra_row": "STR008",
        "run_unsplittable": "STR010",
        "group_row": "STR011",
    }
    for obs in report.observations:
        code = codes.get(obs.kind)
        if code is None:
            continue
        fields: dict[str, object] = {"row": obs.data.get("row_label"), **obs.data}
        expected = obs.data.get("expected") if code in ("STR004", "STR005") else None
        actual = obs.data.get("found") if code in ("STR004", "STR005") else None
        out.emit(code, fields, at=obs, cells=obs.cells, expected=expected, actual=actual)


_TABLE_ROW = attrgetter("table", "row")


def _table_no(report: Report, table: str) -> int:
    return load_template(effective_template(report)).tables[table].number


@rule("STR006")
def blank_cells(report: Report, out: Emitter) -> None:
    """Blank cells, once per printed row (table 3 is one printed row of 15 cells)."""
    if not _is_report(report):
        return
    if "empty" not in cell_statuses(report):  # (most reports: a search in C)
        return
    rows: dict[tuple[str, str], list[CellValue]] = defaultdict(list)
    for cell in [c for c in report.cells if c.status == "empty"]:
        rows[(cell.table, "" if cell.table == "review" else cell.row)].append(cell)
    if not rows:
        return
    # cells per printed row, counted in C (Counter over attrgetter) rather than in the loop above
    sizes = Counter(map(_TABLE_ROW, report.cells))
    sizes[("review", "")] = sum(n for (table, _row), n in sizes.items() if table == "review")  # one printed row
    for (table, row), cells in rows.items():
        first = cells[0]
        if table == "review":
            names = [f"{c.row_label}·{c.column_label}" for c in cells]
            spec = load_template(effective_template(report)).tables[table]
            row_label, row_en = spec.row_label or spec.title, spec.row_label_en or spec.title
        else:
            names = [c.column_label for c in cells]
            row_label, row_en = first.row_label, first.row_label
        total = sizes[(table, row)]
        columns = "全部各列" if len(cells) == total else "、".join(f"「{n}」" for n in names)
        columns_en = "all columns" if len(cells) == total else ", ".join(f'"{n}"' for n in names)
        out.emit(
            "STR006",
            {
                "table_no": _table_no(report, table),
                "row": row_label,
                "row_en": row_en,
                "columns": columns,
                "columns_en": columns_en,
                "count": len(cells),
            },
            at=first,
            cells=[c.key for c in cells],
        )


@rule("STR009")
def no_text(report: Report, out: Emitter) -> None:
    if "no-text-layer" in report.notes:
        hint = ""
        if "ocr-unavailable" in report.notes:  # a scan that the ocr extra would read
            from gaicheck.ocr import INSTALL_HINT_EN, INSTALL_HINT_ZH

            hint = f"；{INSTALL_HINT_ZH}" if out.options.lang == "zh" else f"; {INSTALL_HINT_EN}"
        out.emit("STR009", {"hint": hint}, at=Position(page=1))


@rule("TPL001", "TPL002", "TPL003", "TPL004", "TPL006")
def template_checks(report: Report, out: Emitter) -> None:
    if "no-text-layer" in report.notes:
        return
    year = report.report_year
    for obs in _obs(report, "mixed_template"):
        out.emit("TPL002", dict(obs.data))
    for obs in _obs(report, "legacy_template"):
        out.emit("TPL003", dict(obs.data))
    if report.template == "none" and not any(report.tables_found.values()):
        if report.title is None:
            reason = "没有年度报告标题，也没有统计表格"
            reason_en = "no annual report title and no statistical tables"
        else:
            return  # a titled report without tables: STR002 says which tables are missing
        out.emit("TPL004", {"reason": reason, "reason_en": reason_en})
        return
    if year is None:
        if report.template != "none":
            out.emit("TPL006", {}, at=report.title_at)
        return
    found = effective_template(report)
    expected = "2021" if year >= 2021 else "2019" if year >= 2019 else None
    if expected is None or found == expected or found == "none":
        return
    out.emit(
        "TPL001",
        {
            "year": year,
            "found": "2019年以前" if found == "legacy" else found,
            "found_en": "pre-2019" if found == "legacy" else found,
            "found_notice": _notice(found, "zh"),
            "found_notice_en": _notice(found, "en"),
            "expected": expected,
            "expected_notice": _notice(expected, "zh"),
            "expected_notice_en": _notice(expected, "en"),
        },
        at=report.title_at,
        expected=expected,
        actual=found,
    )


@rule("TPL005")
def label_deviations(report: Report, out: Emitter) -> None:
    if not _is_report(report):
        return
    for section in report.sections:
        if section.found_title is not None and not section.official:
            out.emit(
                "TPL005",
                {
                    "place": f"第{section.number}部分标题",
                    "place_en": f"Heading of section {section.number}",
                    "found": section.found_title,
                    "official": section.official_title,
                },
                at=section,
                expected=section.official_title,
                actual=section.found_title,
            )
    for obs in _obs(report, "label_deviation"):
        row = obs.row
        cells = [c.key for c in report.cells if row and c.table == obs.table and c.row == row]
        out.emit(
            "TPL005",
            dict(obs.data),
            at=obs,
            cells=cells,
            expected=obs.data.get("official"),
            actual=obs.data.get("found"),
        )
