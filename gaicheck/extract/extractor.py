"""The extractor: Document → **Report**. Finds title, year, sections and the three tables, detects
the template, and aligns every template cell to what the document holds (or says it is missing).

It knows the template only: the document may come from any reader.
"""

from __future__ import annotations

from typing import Any

import regex

from gaicheck.extract.detect import decide, detect
from gaicheck.extract.labels import LabelSet, label_set_for
from gaicheck.extract.meta import find_published, find_title
from gaicheck.extract.sections import FoundSection, find_sections
from gaicheck.extract.stream import Line, Token, flatten, stream_tokens
from gaicheck.extract.tables import FlatResult, HeaderDeviation, RowAligner, TableResult, align_flat
from gaicheck.extract.values import parse_value
from gaicheck.model.document import Document, Location
from gaicheck.model.report import (
    CellValue,
    Observation,
    Position,
    Report,
    SectionInfo,
    TextBlock,
    trusted,
    trusted_copies,
)
from gaicheck.templates import ColumnSpec, Label, TableSpec, Template, load_template

_SENTENCE_END = regex.compile(r"[。！？；!?;]\s*[”’」』）)]?\s*$")
_NEW_ITEM = regex.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+)"
)


def _position(loc: Location | None) -> Position:
    if loc is None:
        return Position()
    if loc.page is not None or loc.line is None:
        # pages, tables and paragraphs have no line/column in the file: say where in words instead
        return Position(page=loc.page, where=loc.describe("zh") or None)
    return Position(line=loc.line, column=loc.column)


_NO_POSITION: dict[str, Any] = {"line": None, "column": None, "page": None, "where": None}


def _pos(loc: Location | None) -> dict[str, Any]:
    """The position fields of `_position`, as a plain dict (hot path: one call per cell)."""
    if loc is None:
        return _NO_POSITION
    if loc.page is not None or loc.line is None:
        return {"line": None, "column": None, "page": loc.page, "where": loc.describe("zh") or None}
    return {"line": loc.line, "column": loc.column, "page": None, "where": None}


def _place(model: CellValue, loc: Location | None) -> None:
    model.__dict__.update(_pos(loc))  # plain field updates, without pydantic's per-assignment overhead


def _cell_fields(
    table: TableSpec, row_key: str, row_label: str, col_key: str, col_label: str, kind: str
) -> dict[str, Any]:
    return {  # every field of a missing cell, in declaration order
        "line": None,
        "column": None,
        "page": None,
        "where": None,
        "key": f"{table.key}.{row_key}.{col_key}",
        "table": table.key,
        "row": row_key,
        "col": col_key,
        "row_label": row_label,
        "column_label": col_label,
        "kind": kind,
        "raw": None,
        "value": None,
        "unit": None,
        "status": "missing",
    }


_CELL_FIELDS = set(CellValue.model_fields)
# the fields of a row's missing cells, built once per piece of template data (a table and a column list,
# loaded once and never changed; held here, so their ids are not reused while cached): ~200 cells per report
_ROW_FIELDS: dict[tuple[int, str, str, int], tuple[TableSpec, list[ColumnSpec], list[dict[str, Any]]]] = {}
_ROW_FIELDS_MAX = 4096


def _cells(table: TableSpec, row_key: str, row_label: str, columns: list[ColumnSpec]) -> list[CellValue]:
    """A row's cells, each missing (hot path)."""
    key = (id(table), row_key, row_label, id(columns))
    hit = _ROW_FIELDS.get(key)
    if hit is None or hit[0] is not table or hit[1] is not columns:
        if len(_ROW_FIELDS) >= _ROW_FIELDS_MAX:
            _ROW_FIELDS.clear()
        fields = [_cell_fields(table, row_key, row_label, c.key, c.label, c.kind) for c in columns]
        hit = _ROW_FIELDS[key] = (table, columns, fields)
    return trusted_copies(CellValue, hit[2], _CELL_FIELDS)


def _cell(table: TableSpec, row_key: str, row_label: str, col_key: str, col_label: str, kind: str) -> CellValue:
    return trusted(CellValue, _cell_fields(table, row_key, row_label, col_key, col_label, kind))


def _set_values(cells: list[CellValue], tokens: list[Token]) -> None:
    """Fill cells fresh from `_cells` (their position fields all None) with the tokens' values, one each."""
    for cell, tok in zip(cells, tokens, strict=True):
        parsed = parse_value(tok.text)
        fields = cell.__dict__
        loc = tok.loc
        if loc.page is not None or loc.line is None:
            fields.update(_pos(loc))
        else:  # `_pos` would set page and where to None, as they are
            fields["line"] = loc.line
            fields["column"] = loc.column
        fields["raw"] = tok.text
        fields["value"] = parsed.value
        fields["unit"] = parsed.unit
        fields["status"] = parsed.status


def _anchor_labels(spec: TableSpec) -> LabelSet:
    if spec.layout == "blocks":
        return label_set_for(spec, "anchors", lambda: [Label(key=b.key, label=b.caption) for b in spec.blocks])
    if spec.layout == "rows":
        return label_set_for(spec, "anchors", lambda: spec.rows[:2])
    return label_set_for(spec, "anchors", lambda: [Label(key=h, label=h) for h in spec.header_labels[:1]])


def _find_anchor(lines: list[Line], begin: int, spec: TableSpec) -> int | None:
    anchors = _anchor_labels(spec)
    for line in lines[begin:]:
        for tok in line.tokens:
            if tok.kind == "label" and anchors.match(tok.text) is not None:
                return line.index
    return None


class Extractor:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.lines = flatten(document)
        self.observations: list[Observation] = []
        self.subtotals: list[CellValue] = []

    def observe(self, kind: str, loc: Location | None, **fields: object) -> None:
        obs = Observation(kind=kind, **_pos(loc))
        for key in ("table", "row"):
            if key in fields:
                setattr(obs, key, fields.pop(key))
        if "cells" in fields:
            obs.cells = list(fields.pop("cells"))  # type: ignore[call-overload]
        obs.data = {k: v for k, v in fields.items() if isinstance(v, (str, int, float)) or v is None}
        self.observations.append(obs)

    def run(self) -> Report:
        doc = self.document
        meta = find_title(self.lines, doc.title)
        start = meta.title_line or 0
        detection = detect(self.lines, start)
        choice = decide(detection, meta.year)
        mixed = detection.count("2019") > 0 and detection.count("2021") > 0
        report = Report(
            path=doc.path,
            format=doc.format,
            template="mixed" if mixed else choice,  # type: ignore[arg-type]
            template_votes={v: len(s) for v, s in detection.votes.items()},
            title=meta.title,
            title_at=_position(meta.title_loc) if meta.title_loc else None,
            report_year=meta.year,
            organ=meta.organ,
            published=find_published(self.lines, doc.meta),
            notes=list(doc.notes),
        )
        if mixed:
            self.observe(
                "mixed_template",
                None,
                chosen=choice,
                labels_2019="、".join(detection.votes.get("2019", [])),
                labels_2021="、".join(detection.votes.get("2021", [])),
            )
        if choice == "legacy":
            self.observe("legacy_template", None, signal=detection.votes["legacy"][0])
        version = choice if choice in ("2019", "2021") else ("2021" if (meta.year or 0) >= 2021 else "2019")
        template = load_template(version)
        sections = find_sections(self.lines, template.sections, start)
        report.sections = self._sections(template, sections)
        report.text = self._text(start, sections)
        if choice in ("2019", "2021") or (choice == "none" and self._has_tables(template, start)):
            if choice == "none":
                report.template = version  # type: ignore[assignment]
            report.cells, report.tables_found = self._tables(template, sections, start)
            report.subtotals = self.subtotals
        report.observations = self.observations
        return report

    def _has_tables(self, template: Template, start: int) -> bool:
        return any(_find_anchor(self.lines, start, t) is not None for t in template.tables.values())

    # ------------------------------------------------------------------ sections and prose
    def _sections(self, template: Template, found: dict[str, FoundSection]) -> list[SectionInfo]:
        out: list[SectionInfo] = []
        for spec in template.sections:
            f = found.get(spec.key)
            info = SectionInfo(key=spec.key, number=spec.number, official_title=f"{spec.number}、{spec.title}")
            if f is not None:
                info.found_title = f.found_title
                info.official = f.official
                for k, v in _pos(f.line.loc).items():
                    setattr(info, k, v)
            out.append(info)
        return out

    def _text(self, start: int, sections: dict[str, FoundSection]) -> list[TextBlock]:
        """Prose paragraphs by section. PDF text comes as physical lines: a line that does not end a
        sentence is joined with the next one, so that a sentence (or a quotation) is never cut in two."""
        heads = {f.line.index: key for key, f in sections.items()}
        current: str | None = None
        blocks: list[TextBlock] = []
        joinable = False
        for line in self.lines[start:]:
            if line.index in heads:
                current = heads[line.index]
                joinable = False
                continue
            if line.multi or line.blank or not line.tokens or line.tokens[0].kind != "label":
                joinable = False
                continue
            text = line.text.strip()
            if joinable and blocks and blocks[-1].section == current and not _NEW_ITEM.match(text):
                blocks[-1].text += text
            else:
                blocks.append(trusted(TextBlock, {**_pos(line.loc), "text": text, "section": current}))
            joinable = self.document.format == "pdf" and not _SENTENCE_END.search(text)
        return blocks

    # ------------------------------------------------------------------ tables
    def _regions(self, template: Template, sections: dict[str, FoundSection], start: int) -> dict[str, list[Line]]:
        heading_idx = sorted(f.line.index for f in sections.values())
        regions: dict[str, list[Line]] = {}
        begin = start
        for table in template.table_order():
            sec = sections.get(table.section)
            first = sec.line.index + 1 if sec is not None else _find_anchor(self.lines, begin, table)
            if first is None:
                regions[table.key] = []
                continue
            end = next((i for i in heading_idx if i >= first), len(self.lines))
            regions[table.key] = stream_tokens(self.lines[first:end])
            begin = first
        return regions

    def _tables(
        self, template: Template, sections: dict[str, FoundSection], start: int
    ) -> tuple[list[CellValue], dict[str, bool]]:
        regions = self._regions(template, sections, start)
        cells: list[CellValue] = []
        found: dict[str, bool] = {}
        for table in template.table_order():
            lines = regions[table.key]
            row_ids = [(i.lhs, i.rhs) for i in template.identities if i.table == table.key and i.for_each == "row"]
            if table.layout == "flat":
                flat = align_flat(table, lines, row_ids)
                found[table.key] = flat.started
                cells.extend(self._flat_cells(table, flat))
            else:
                aligner = RowAligner(table, row_ids)
                result = aligner.align(lines)
                aligner.resolve_across_rows(
                    [
                        (template.expand_terms(table, i.lhs), template.expand_terms(table, i.rhs))
                        for i in template.identities
                        if i.table == table.key and i.for_each == "column"
                    ]
                )
                found[table.key] = result.started
                cells.extend(self._row_cells(table, result))
            if not found[table.key]:
                self.observe("table_missing", None, table=table.key, table_no=table.number, title=table.title)
        return cells, found

    def _deviations(self, table: TableSpec, devs: list[HeaderDeviation]) -> None:
        for d in devs:
            self.observe(
                "label_deviation", d.token.loc, table=table.key, place=f"表{table.number}列标题",
                place_en=f"Table {table.number} column header", found=d.token.text, official=d.official,
            )

    def _subtotal_cells(self, table: TableSpec, result: TableResult) -> set[str]:
        """Cells for each one-row group subtotal; returns the groups whose items are replaced by one."""
        groups = {g.key: g for g in table.groups}
        for key, slot in result.subtotals.items():
            group = groups[key]
            items = [r for r in table.rows if r.group == key]
            cells = _cells(table, key, group.label, slot.columns)
            if len(slot.values) == len(cells) and slot.unsplittable is None:
                _set_values(cells, slot.values)
            self.subtotals.extend(cells)
            self.observe(
                "group_row", slot.loc, table=table.key, row=key, table_no=table.number, group=group.label,
                items="、".join(r.label for r in items), count=len(items),
                cells=[f"{table.key}.{r.key}.{c.key}" for r in items for c in slot.columns],
            )
        return set(result.subtotals)

    def _row_cells(self, table: TableSpec, result: TableResult) -> list[CellValue]:
        self._deviations(table, result.header_deviations)
        replaced = self._subtotal_cells(table, result)
        out: list[CellValue] = []
        for slot in result.slots:
            row = slot.spec
            cells = _cells(table, row.key, row.label, slot.columns)
            keys = [c.key for c in cells]
            common = {"table": table.key, "row": row.key, "table_no": table.number, "row_label": row.label}
            if not slot.found:
                if result.started and row.group not in replaced:
                    self.observe("row_missing", result.loc, cells=keys, **common)
                out.extend(cells)
                continue
            if slot.unlabelled:
                self.observe("row_unlabelled", slot.loc, cells=keys, **common)
            elif slot.label is not None and not slot.label_official:
                self.observe(
                    "label_deviation", slot.label.loc, table=table.key, row=row.key,
                    place=f"表{table.number}行标题", place_en=f"Table {table.number} row label",
                    found=slot.label.text, official=row.label,
                )
            expected = len(cells)
            if slot.blank:
                for i, cell in enumerate(cells):
                    tok = slot.values[i] if i < len(slot.values) else None
                    cell.__dict__.update(status="empty", raw="")
                    _place(cell, tok.loc if tok else slot.loc)
            elif slot.unsplittable is not None:
                for cell in cells:
                    cell.__dict__["status"] = "ambiguous"
                    _place(cell, slot.loc)
                if slot.no_reading:  # no reading of the run fits the identities (scope: "row" or "table")
                    self.observe(
                        "run_inconsistent", slot.loc, cells=keys, raw=slot.unsplittable, expected=expected,
                        scope=slot.no_reading, **common,
                    )
                else:
                    self.observe(
                        "run_unsplittable", slot.loc, cells=keys, raw=slot.unsplittable, expected=expected, **common
                    )
            elif len(slot.values) == expected:
                _set_values(cells, slot.values)
            else:
                kind = "row_short" if len(slot.values) < expected else "row_long"
                for cell in cells:
                    cell.__dict__["status"] = "ambiguous"
                    _place(cell, slot.loc)
                self.observe(
                    kind, slot.loc, cells=keys, found=len(slot.values), expected=expected,
                    values=" ".join(t.text or "□" for t in slot.values), **common,
                )
            out.extend(cells)
        for extra in result.extra_rows:
            self.observe(
                "extra_row", extra.label.loc, table=table.key, table_no=table.number, label=extra.label.text
            )
        return out

    def _flat_cells(self, table: TableSpec, flat: FlatResult) -> list[CellValue]:
        self._deviations(table, flat.header_deviations)
        cells = [_cell(table, r.key, r.label, c.key, c.label, c.kind) for r, c in table.cell_specs()]
        keys = [c.key for c in cells]
        if not flat.started:
            return cells
        if flat.blank:
            for i, cell in enumerate(cells):
                tok = flat.values[i] if i < len(flat.values) else None
                cell.__dict__.update(status="empty", raw="")
                _place(cell, tok.loc if tok else flat.loc)
        elif flat.unsplittable is not None:
            loc = flat.values[0].loc if flat.values else flat.loc
            for cell in cells:
                cell.__dict__["status"] = "ambiguous"
                _place(cell, loc)
            extra = {"scope": "row"} if flat.no_reading else {}
            self.observe(
                "run_inconsistent" if flat.no_reading else "run_unsplittable", loc, cells=keys, table=table.key,
                row="", table_no=table.number, row_label=table.row_label or table.title, raw=flat.unsplittable,
                expected=flat.expected, **extra,
            )
        elif len(flat.values) == flat.expected:
            _set_values(cells, flat.values)
        else:
            loc = flat.values[0].loc if flat.values else flat.loc
            for cell in cells:
                cell.__dict__["status"] = "ambiguous"
                _place(cell, loc)
            self.observe(
                "row_short" if len(flat.values) < flat.expected else "row_long", loc, cells=keys,
                table=table.key, row="", table_no=table.number, row_label=table.row_label or table.title,
                found=len(flat.values), expected=flat.expected,
                values=" ".join(t.text or "□" for t in flat.values),
            )
        return cells


def extract(document: Document) -> Report:
    return Extractor(document).run()
