"""The tables as the clerk sees them: the three tables laid out like the official template (table 1's
blocks, table 2's group headings), each cell in one state of one legend, the culprit search's suggestion
beside its cell — one model and one HTML renderer shared by the web page and `--format html`.

Report + Findings → **clerk** (model: `clerk_tables`; HTML: `render_tables`, `legend`, `CSS`) →
gaicheck/output/html.py and gaicheck/server (view.py, templates/_result.html). Words through gaicheck.i18n.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from html import escape
from typing import Literal

from gaicheck import i18n
from gaicheck.model.finding import Finding
from gaicheck.model.observations import LabelDeviation
from gaicheck.model.report import CellValue, Report
from gaicheck.templates import TableSpec, Template, registry

TABLE_ORDER = ("active", "apply", "review")
IDENTITY_CODES = ("SUM001", "SUM002", "SUM003", "SUM004")
CROPLESS_CODES = ("SUM005",)  # findings whose cells are not shown with their picture (see `cropped`)

# suggested: the culprit search's unique answer; candidate: one of several equally good answers; involved:
# another non-zero cell of a broken identity (lightly outlined, never called wrong); wrong: a value error
# of the cell itself (VAL); blank: empty or missing; unverifiable: read but not assignable, not a number,
# or in an identity that could not be checked (SUM005); ok: nothing to say
State = Literal["suggested", "candidate", "wrong", "blank", "unverifiable", "involved", "ok"]
LEGEND: tuple[State, ...] = ("suggested", "candidate", "involved", "wrong", "blank", "unverifiable")
MARKS: dict[State, str] = {
    "suggested": "→", "candidate": "→", "wrong": "✗", "blank": "∅", "unverifiable": "?", "involved": "", "ok": "",
}

CSS = """
.legend { font-size: .85rem; margin: 0 0 .6rem; }
.legend span { display: inline-block; padding: 0 .45rem; margin: 0 .4rem .2rem 0; }
table.grid { border-collapse: collapse; font-size: .85rem; background: #fff; margin: .3rem 0 1rem; }
table.grid th, table.grid td { border: 1px solid #9aa0a6; padding: .15rem .35rem; }
table.grid th { background: #eef0f3; font-weight: 600; text-align: center; }
table.grid th.rowlabel { text-align: left; font-weight: normal; background: #fafafa; min-width: 12rem; }
table.grid tr.group th { text-align: left; background: #f3f3f3; font-weight: 600; }
table.grid tr.caption th { text-align: left; background: #e7e9ed; }
table.grid .d1 { padding-left: 1.2rem; } table.grid .d2 { padding-left: 2.2rem; }
table.grid .asis { display: block; font-size: .8em; color: #8a4b00; }
table.grid td { text-align: right; min-width: 3.2rem; white-space: nowrap; font-variant-numeric: tabular-nums; }
.suggested { background: #f4a6a6; box-shadow: inset 0 0 0 2px #b3261e; font-weight: 700; }
.candidate { background: #fde2c4; box-shadow: inset 0 0 0 2px #c2410c; }
.involved { box-shadow: inset 0 0 0 1px #d38b8b; }
.wrong { background: #f4a6a6; }
.blank { background: #e4e4e4; color: #555; }
.unverifiable { background: #d6e4f5; }
td .proposed { font-size: .8em; margin-left: .3em; color: #7a1d17; white-space: nowrap; }
td.candidate .proposed { color: #9a3412; }
td .mark { font-size: .75em; margin-left: .2em; }
td img.ocr { vertical-align: middle; margin-left: .35em; border: 1px dashed #6b7280; background: #fff;
  width: auto; height: auto; max-height: 1.9em; max-width: 9em; }
@media print {
  .suggested, .candidate, .involved, .wrong, .blank, .unverifiable {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


@dataclass(slots=True)
class CellView:
    key: str
    text: str  # the value as the report wrote it
    css: State
    title: str
    findings: list[int]  # indices of the findings naming the cell
    proposed: str | None = None  # the culprit search's value for it (suggested / candidate)
    crop: bytes = b""  # read from a picture and named by a finding: the PNG of its box (gaicheck/ocr/crop.py)


@dataclass(slots=True)
class RowView:
    kind: Literal["data", "group", "caption", "header"]
    label: str
    cells: list[CellView] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    depth: int = 0
    as_written: str | None = None  # the label as the report wrote it, when it deviates (TPL005)


@dataclass(slots=True)
class TableView:
    key: str
    title: str
    columns: list[str]
    rows: list[RowView]
    found: bool
    width: int  # the most value columns of any row


def template_for(report: Report) -> Template | None:
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


def _number(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def states(report: Report, findings: list[Finding]) -> tuple[dict[str, State], dict[str, str]]:
    """(state of every cell and subtotal by key, the proposed value of the suggested and candidate cells)."""
    proposed: dict[str, str] = {}
    unique: set[str] = set()
    for f in findings:
        for s in f.suggestions:
            proposed.setdefault(s.cell, _number(s.proposed))
            if s.kind == "unique":
                unique.add(s.cell)
    broken = {k for f in findings if f.code in IDENTITY_CODES for k in f.cells}
    wrong = {k for f in findings if f.severity == "error" and f.code.startswith("VAL") for k in f.cells}
    unverifiable = {k for f in findings if f.code == "SUM005" for k in f.cells}
    out: dict[str, State] = {}
    for cell in [*report.cells, *report.subtotals]:
        key = cell.key
        state: State
        if key in unique:
            state = "suggested"
        elif key in proposed:
            state = "candidate"
        elif key in wrong:
            state = "wrong"
        elif cell.status in ("empty", "missing"):
            state = "blank"
        elif cell.status in ("ambiguous", "invalid") or key in unverifiable:
            state = "unverifiable"
        elif key in broken and cell.value not in (0, None):
            state = "involved"  # a consistent zero stays unmarked
        else:
            state = "ok"
        out[key] = state
    return out, proposed


def _cell_view(
    cell: CellValue, state: State, proposed: str | None, refs: dict[str, list[int]], version: str, lang: str
) -> CellView:
    row, column = i18n.cell_names(cell, version, lang)
    status = i18n.word(f"page.status.{cell.status}", lang)
    title = i18n.word("page.cell", lang, row=row, column=column, status=status)
    note = i18n.word(f"clerk.{state}", lang) if state != "ok" else ""
    title += i18n.word("page.note", lang, note=note) if note else ""
    if proposed is not None:
        title += i18n.word("clerk.try", lang, value=proposed)
    text = cell.raw if cell.raw is not None else ""
    return CellView(cell.key, text, state, title, refs.get(cell.key, []), proposed if state != "ok" else None)


def _rows(
    spec: TableSpec | None,
    cells: list[CellValue],
    subtotals: list[CellValue],
    make: dict[str, CellView],
    deviations: dict[str, str],
    version: str,
    lang: str,
) -> tuple[list[str], list[RowView]]:
    """Rows in template order with group and caption rows; columns of the widest block. A group given only
    as one subtotal row (STR011) is shown as that row, with its values, instead of its blank items."""
    by_row: dict[str, list[CellValue]] = {}
    for cell in cells:
        by_row.setdefault(cell.row, []).append(cell)
    sub_by_group: dict[str, list[CellValue]] = {}
    for cell in subtotals:
        sub_by_group.setdefault(cell.row, []).append(cell)

    def label(cell: CellValue) -> str:
        return i18n.cell_row(cell.table, cell.row, version, lang, cell.row_label)

    def data_row(row_cells: list[CellValue], depth: int = 0) -> RowView:
        first = row_cells[0]
        return RowView(
            kind="data", label=label(first), cells=[make[c.key] for c in row_cells], depth=depth,
            as_written=deviations.get(first.row),
        )

    rows: list[RowView] = []
    if spec is not None and spec.layout == "blocks":
        for block in spec.blocks:
            present = [r for r in block.rows if r.key in by_row]
            if not present:
                continue
            caption = i18n.pick(lang, block.caption, block.caption_en or block.caption)
            rows.append(RowView(kind="caption", label=caption))
            headers = [i18n.column_name(c, lang) for c in block.columns]
            rows.append(RowView(kind="header", label=i18n.word("page.contents", lang), headers=headers))
            rows.extend(data_row(by_row[r.key]) for r in present)
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
        row_cells = by_row[key]
        if len(row_cells) > len(columns):
            columns = [i18n.cell_column(c.table, c.col, version, lang, c.column_label) for c in row_cells]
        chain: list[str] = []
        group = row_group.get(key)
        while group and group in groups:
            chain.insert(0, group)
            group = groups[group].parent
        replaced = next((g for g in chain if g in sub_by_group), None)
        if replaced is not None and all(c.status == "missing" for c in row_cells):
            if replaced not in shown:  # the group's one row, with the subtotal the report gave
                shown.add(replaced)
                depth = chain.index(replaced)
                for d, g in enumerate(chain[:depth]):
                    if g not in shown:
                        shown.add(g)
                        rows.append(RowView(kind="group", label=_group_label(spec, g, lang, version), depth=d))
                sub = sub_by_group[replaced]
                rows.append(
                    RowView(
                        kind="data", label=_group_label(spec, replaced, lang, version),
                        cells=[make[c.key] for c in sub], depth=depth,
                    )
                )
            continue
        for depth, g in enumerate(chain):
            if g not in shown:
                shown.add(g)
                rows.append(RowView(kind="group", label=_group_label(spec, g, lang, version), depth=depth))
        rows.append(data_row(row_cells, len(chain)))
    return columns, rows


def _group_label(spec: TableSpec | None, group: str, lang: str, version: str) -> str:
    official = next((g.label for g in spec.groups if g.key == group), group) if spec is not None else group
    return i18n.group_row(spec.key if spec is not None else "", group, version, lang, official)


def clerk_tables(report: Report, findings: list[Finding], lang: str) -> list[TableView]:
    """The three tables of the report, in template order, every cell with its state."""
    template = template_for(report)
    version = template.version if template is not None else report.template
    cell_state, proposed = states(report, findings)
    refs: dict[str, list[int]] = {}
    for i, f in enumerate(findings):
        for key in f.cells:
            refs.setdefault(key, []).append(i)
        for s in f.suggestions:
            if i not in refs.setdefault(s.cell, []):
                refs[s.cell].append(i)
    make = {
        c.key: _cell_view(c, cell_state[c.key], proposed.get(c.key), refs, version, lang)
        for c in [*report.cells, *report.subtotals]
    }
    if report.ocr_cells:
        for key in cropped(findings):
            source = report.ocr_cells.get(key)
            if source is not None and key in make:
                make[key].crop = source.crop
    deviations: dict[str, dict[str, str]] = {}
    for obs in report.observations:
        if isinstance(obs, LabelDeviation) and obs.part == "row" and obs.row:
            deviations.setdefault(obs.table, {})[obs.row] = obs.found
    tables: list[TableView] = []
    for key in TABLE_ORDER:
        cells = [c for c in report.cells if c.table == key]
        subtotals = [c for c in report.subtotals if c.table == key]
        spec = template.tables.get(key) if template is not None else None
        title = i18n.word("table.heading", lang, n=i18n.table_number(key), title=i18n.table_name(key, lang))
        columns, rows = _rows(spec, cells, subtotals, make, deviations.get(key, {}), version, lang)
        found = bool(report.tables_found.get(key)) and bool(cells)
        width = max([len(columns)] + [len(r.cells) for r in rows] + [len(r.headers) for r in rows])
        tables.append(TableView(key=key, title=title, columns=columns, rows=rows, found=found, width=width))
    return tables


def cropped(findings: list[Finding]) -> set[str]:
    """The cells shown with their picture when read from one: those a finding names, and those a suggestion
    names, but not every cell of an identity that could not be checked (SUM005 names them all; the cells
    that made it so are named by their own findings)."""
    out = {s.cell for f in findings for s in f.suggestions}
    out.update(k for f in findings if f.code not in CROPLESS_CODES for k in f.cells)
    return out


def legend(lang: str) -> str:
    """The one legend of the page and the report."""
    spans = "".join(
        f'<span class="{state}">{escape(MARKS[state])}{" " if MARKS[state] else ""}'
        f"{escape(i18n.word(f'clerk.{state}', lang))}</span>"
        for state in LEGEND
    )
    return f'<p class="legend">{escape(i18n.word("html.legend", lang))}{i18n.word("colon", lang)}{spans}</p>'


def _td(cell: CellView, prefix: str, lang: str) -> str:
    attrs = [f'class="{cell.css}"', f'data-key="{escape(cell.key)}"', f'id="{escape(prefix)}cell-{escape(cell.key)}"']
    attrs.append(f'title="{escape(cell.title)}"')
    if cell.findings:
        attrs.append(f'data-findings="{" ".join(map(str, cell.findings))}"')
    extra = ""
    if cell.proposed is not None:
        attrs.append(f'data-proposed="{escape(cell.proposed)}"')
        extra = f'<span class="proposed">→ {escape(cell.proposed)}</span>'
    elif MARKS[cell.css]:
        extra = f'<span class="mark">{escape(MARKS[cell.css])}</span>'
    return f"<td {' '.join(attrs)}>{escape(cell.text)}{extra}{_crop_img(cell, lang)}</td>"


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG (from its header)."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _crop_img(cell: CellView, lang: str) -> str:
    """The picture the cell's value was read from, below it (a data: URI, so the page stays one file)."""
    if not cell.crop.startswith(b"\x89PNG\r\n\x1a\n"):
        return ""
    width, height = png_size(cell.crop)
    alt = escape(i18n.word("clerk.ocr_crop", lang, value=cell.text))
    data = base64.b64encode(cell.crop).decode("ascii")
    return f'<img class="ocr" src="data:image/png;base64,{data}" width="{width}" height="{height}" alt="{alt}">'


def render_tables(tables: list[TableView], lang: str, prefix: str = "") -> str:
    """The tables as HTML (escaped), each under its heading; a table not found says so."""
    parts: list[str] = []
    for table in tables:
        absent = escape(i18n.word("clerk.not_found", lang))
        missing = f' <span class="notfound">{absent}</span>' if not table.found else ""
        parts.append(f'<h3 id="{escape(prefix)}table-{table.key}">{escape(table.title)}{missing}</h3>')
        if not table.rows:
            continue
        parts.append(f'<table class="grid" data-table="{table.key}">')
        if table.columns:
            head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
            item = escape(i18n.word("clerk.item", lang))
            parts.append(f'<thead><tr><th class="rowlabel">{item}</th>{head}</tr></thead>')
        parts.append("<tbody>")
        for row in table.rows:
            if row.kind == "caption":
                parts.append(f'<tr class="caption"><th colspan="{table.width + 1}">{escape(row.label)}</th></tr>')
            elif row.kind == "header":
                heads = "".join(f"<th>{escape(h)}</th>" for h in row.headers)
                pad = "<th></th>" * (table.width - len(row.headers))
                parts.append(f'<tr class="header"><th class="rowlabel">{escape(row.label)}</th>{heads}{pad}</tr>')
            elif row.kind == "group":
                parts.append(
                    f'<tr class="group"><th class="d{row.depth}" colspan="{len(table.columns) + 1}">'
                    f"{escape(row.label)}</th></tr>"
                )
            else:
                label = escape(row.label)
                if row.as_written is not None:
                    written = escape(i18n.word("clerk.as_written", lang, label=row.as_written))
                    label = f'<span class="asis">{written}</span>{label}'
                tds = "".join(_td(c, prefix, lang) for c in row.cells)
                pad = '<td class="pad"></td>' * (table.width - len(row.cells)) if table.key == "active" else ""
                parts.append(f'<tr><th class="rowlabel d{row.depth}" scope="row">{label}</th>{tds}{pad}</tr>')
        parts.append("</tbody></table>")
    return "\n".join(parts)
