"""The page's view of a checked report: the three tables laid out like the official template, each cell
classed as wrong / blank / unverifiable / ok, and the findings with the cells they point at.

worker (Report + findings) → **view** → templates/report.html. Pure data, no HTML here: all
escaping is done by the template engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gaicheck import i18n
from gaicheck.model.finding import Finding
from gaicheck.model.report import CellValue, Report
from gaicheck.output.grid import cell_states
from gaicheck.templates import TableSpec, Template, registry

TABLE_ORDER = ("active", "apply", "review")
LANG = "zh"  # the page speaks Chinese (its words: gaicheck.i18n, "page.*")


@dataclass(slots=True)
class CellView:
    key: str
    text: str
    css: str  # wrong | blank | unverifiable | ok
    title: str
    findings: list[int]


@dataclass(slots=True)
class RowView:
    kind: str  # data | group | caption | header
    label: str
    cells: list[CellView] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    depth: int = 0


@dataclass(slots=True)
class TableView:
    key: str
    title: str
    columns: list[str]
    rows: list[RowView]
    found: bool
    width: int  # the most value columns of any row


@dataclass(slots=True)
class FindingView:
    index: int
    code: str
    severity: str
    severity_label: str
    message: str
    place: str
    cells: list[str]


@dataclass(slots=True)
class PageView:
    filename: str
    format: str
    template: str
    template_label: str
    year: str
    organ: str
    title: str
    tables: list[TableView]
    findings: list[FindingView]
    counts: dict[str, int]
    coloured: dict[str, int]


def _place(f: Finding) -> str:
    parts = []
    if f.page and (f.where is None or f.where.page is None):  # else the location names the page
        parts.append(i18n.word("loc.page", LANG, n=f.page))
    if f.line:
        column = i18n.word("loc.column", LANG, n=f.column) if f.column else ""
        parts.append(i18n.word("loc.line", LANG, n=f.line) + column)
    where = i18n.location(f.where, LANG)
    if where:
        parts.append(where)
    return " ".join(parts)


def _template_for(report: Report) -> Template | None:
    versions = registry()
    if versions.is_version(report.template):
        return versions.get(report.template)
    keys = {c.key for c in report.cells}
    if not keys:
        return None
    for template in reversed(versions.templates):  # the newest first
        known = {f"{t.key}.{r.key}.{c.key}" for t in template.tables.values() for r, c in t.cell_specs()}
        if keys <= known:
            return template
    return None


def cell_classes(report: Report, findings: list[Finding]) -> dict[str, str]:
    """wrong: named by an arithmetic or value error; blank: empty or missing; unverifiable: found but not
    assignable, not a number, or named by SUM005. The same colours as the downloadable HTML report
    (gaicheck.output.grid.cell_states). Cells named only by other findings keep their colour (the finding
    still frames them when clicked)."""
    return dict(cell_states(report, findings))


def _cell_view(cell: CellValue, css: str, refs: dict[str, list[int]]) -> CellView:
    status = i18n.word(f"page.status.{cell.status}", LANG)
    note = i18n.word(f"page.class.{css}", LANG)
    title = i18n.word("page.cell", LANG, row=cell.row_label, column=cell.column_label, status=status)
    title += i18n.word("page.note", LANG, note=note) if note and note != status else ""
    return CellView(key=cell.key, text=cell.raw or "", css=css, title=title, findings=refs.get(cell.key, []))


def _table_rows(
    spec: TableSpec | None, cells: list[CellValue], make: dict[str, CellView]
) -> tuple[list[str], list[RowView]]:
    """Rows in template order with group and caption rows; columns of the widest block."""
    by_row: dict[str, list[CellValue]] = {}
    for cell in cells:
        by_row.setdefault(cell.row, []).append(cell)
    rows: list[RowView] = []
    if spec is not None and spec.layout == "blocks":
        for block in spec.blocks:
            present = [r for r in block.rows if r.key in by_row]
            if not present:
                continue
            rows.append(RowView(kind="caption", label=block.caption))
            headers = [c.label for c in block.columns]
            rows.append(RowView(kind="header", label=i18n.word("page.contents", LANG), headers=headers))
            for r in present:
                row_cells = by_row[r.key]
                rows.append(RowView(kind="data", label=row_cells[0].row_label, cells=[make[c.key] for c in row_cells]))
        return [], rows
    groups = {g.key: g for g in spec.groups} if spec is not None else {}
    order = [r.key for r in spec.all_rows()] if spec is not None else []
    order += [k for k in by_row if k not in order]
    row_group = {r.key: r.group for r in spec.all_rows()} if spec is not None else {}
    shown: set[str] = set()
    columns: list[str] = []
    for key in order:
        if key not in by_row:
            continue
        chain: list[str] = []
        group = row_group.get(key)
        while group and group in groups:
            chain.insert(0, group)
            group = groups[group].parent
        for depth, g in enumerate(chain):
            if g not in shown:
                shown.add(g)
                rows.append(RowView(kind="group", label=groups[g].label, depth=depth))
        row_cells = by_row[key]
        if len(row_cells) > len(columns):
            columns = [c.column_label for c in row_cells]
        rows.append(
            RowView(kind="data", label=row_cells[0].row_label, cells=[make[c.key] for c in row_cells], depth=len(chain))
        )
    return columns, rows


def build_view(filename: str, report: Report, findings: list[Finding]) -> PageView:
    template = _template_for(report)
    classes = cell_classes(report, findings)
    refs: dict[str, list[int]] = {}
    for i, f in enumerate(findings):
        for key in f.cells:
            refs.setdefault(key, []).append(i)
    make = {c.key: _cell_view(c, classes[c.key], refs) for c in report.cells}
    tables: list[TableView] = []
    for key in TABLE_ORDER:
        cells = [c for c in report.cells if c.table == key]
        spec = template.tables.get(key) if template is not None else None
        title = i18n.word("table.heading", LANG, n=i18n.table_number(key), title=i18n.table_name(key, LANG))
        columns, rows = _table_rows(spec, cells, make)
        found = bool(report.tables_found.get(key)) and bool(cells)
        width = max([len(columns)] + [len(r.cells) for r in rows] + [len(r.headers) for r in rows])
        tables.append(TableView(key=key, title=title, columns=columns, rows=rows, found=found, width=width))
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    coloured = {c: sum(1 for v in classes.values() if v == c) for c in ("wrong", "blank", "unverifiable")}
    if registry().is_version(report.template) and template is not None:
        template_label = i18n.word("page.version", LANG, version=report.template, notice=template.notice)
    else:
        template_label = i18n.word(f"page.template.{report.template}", LANG)
    return PageView(
        filename=filename,
        format=report.format,
        template=report.template,
        template_label=template_label,
        year=(
            i18n.word("page.year", LANG, year=report.report_year)
            if report.report_year
            else i18n.word("page.unknown", LANG)
        ),
        organ=report.organ or i18n.word("page.unknown", LANG),
        title=report.title or "",
        tables=tables,
        findings=[
            FindingView(
                index=i,
                code=f.code,
                severity=f.severity,
                severity_label=i18n.severity(f.severity, LANG),
                message=f.message,
                place=_place(f),
                cells=list(f.cells),
            )
            for i, f in enumerate(findings)
        ],
        counts=counts,
        coloured=coloured,
    )
