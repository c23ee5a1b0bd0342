"""The extractor: Document → **Report**. Finds title, year, sections and the three tables, detects
the template, and aligns every template cell to what the document holds (or says it is missing).

It knows the template only: the document may come from any reader.
"""

from __future__ import annotations

from typing import Any

import regex

from gaicheck.extract.detect import decide, detect, voted
from gaicheck.extract.labels import LabelSet, label_set_for
from gaicheck.extract.meta import find_published, find_title
from gaicheck.extract.missing import why_missing
from gaicheck.extract.sections import FoundSection, find_sections
from gaicheck.extract.stream import Line, Token, flatten, stream_tokens
from gaicheck.extract.tables import FlatResult, HeaderDeviation, RowAligner, TableResult, align_flat
from gaicheck.extract.values import parse_value
from gaicheck.model.document import Document, Location, OcrSource, Table
from gaicheck.model.observations import (
    ExtraRow,
    GroupRow,
    LabelDeviation,
    LegacyTemplate,
    MixedTemplate,
    Observation,
    RowLong,
    RowMissing,
    RowShort,
    RowUnlabelled,
    RunInconsistent,
    RunUnsplittable,
    TableMissing,
)
from gaicheck.model.report import (
    CellValue,
    Position,
    Report,
    SectionInfo,
    TextBlock,
)
from gaicheck.templates import LEGACY, MIXED, NONE, ColumnSpec, Label, TableSpec, Template, registry

_SENTENCE_END = regex.compile(r"[。！？；!?;]\s*[”’」』）)]?\s*$")
_NEW_ITEM = regex.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+)"
)


def _where(loc: Location) -> Location | None:
    """The location as a finding's place (rendered in words at output time), None when it names nothing."""
    named = (loc.page, loc.table, loc.row, loc.cell, loc.paragraph, loc.line)
    return loc if any(part is not None for part in named) else None


_OcrKey = tuple[int | None, int | None, int | None, int | None, int | None, int | None, str | None]


def _ocr_key(loc: Location) -> _OcrKey:
    """Which OCR'd cell a location names (the column is left out: a cell split into values moves it)."""
    return (loc.page, loc.line, loc.paragraph, loc.table, loc.row, loc.cell, loc.source)


def _ocr_index(document: Document) -> dict[_OcrKey, OcrSource]:
    """The OCR source of each table cell read from a picture, by location (empty for a document with none)."""
    if document.format != "image" and not any(note.startswith("ocr-") for note in document.notes):
        return {}
    index: dict[_OcrKey, OcrSource] = {}
    for block in document.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    if cell.ocr is not None:
                        index.setdefault(_ocr_key(cell.loc), cell.ocr)
    return index


def _position(loc: Location | None) -> Position:
    if loc is None:
        return Position()
    if loc.page is not None or loc.line is None:
        # pages, tables and paragraphs have no line/column in the file: say where in words instead
        return Position(page=loc.page, where=_where(loc))
    return Position(line=loc.line, column=loc.column)


_NO_POSITION: dict[str, Any] = {"line": None, "column": None, "page": None, "where": None}


def _pos(loc: Location | None) -> dict[str, Any]:
    """The position fields of `_position`, as a plain dict (for keyword arguments)."""
    if loc is None:
        return _NO_POSITION
    if loc.page is not None or loc.line is None:
        return {"line": None, "column": None, "page": loc.page, "where": _where(loc)}
    return {"line": loc.line, "column": loc.column, "page": None, "where": None}


def _place(target: Position, loc: Location | None) -> None:
    """Set `target`'s position fields to those of `_position(loc)` (hot path: one call per cell)."""
    if loc is None:
        target.line = target.column = target.page = None
        target.where = None
    elif loc.page is not None or loc.line is None:
        target.line = target.column = None
        target.page = loc.page
        target.where = _where(loc)
    else:
        target.line = loc.line
        target.column = loc.column
        target.page = None
        target.where = None


_CellArgs = tuple[str, str, str, str, str, str, str]  # CellValue's positional fields: key … kind


def _cells(table: TableSpec, row_key: str, row_label: str, columns: list[ColumnSpec]) -> list[CellValue]:
    """A row's cells, each missing (hot path: ~200 cells per report). The fields of a row's cells are
    built once per table and row and kept with the table's template data."""
    view_key = ("missing cells", row_key, row_label, *(c.key for c in columns))
    args: list[_CellArgs] = table.view(
        view_key,
        lambda: [
            (f"{table.key}.{row_key}.{c.key}", table.key, row_key, c.key, row_label, c.label, c.kind) for c in columns
        ],
    )
    return [CellValue(*a) for a in args]


def _cell(table: TableSpec, row_key: str, row_label: str, col_key: str, col_label: str, kind: str) -> CellValue:
    return CellValue(f"{table.key}.{row_key}.{col_key}", table.key, row_key, col_key, row_label, col_label, kind)


def _set_values(cells: list[CellValue], tokens: list[Token]) -> None:
    """Fill cells fresh from `_cells` (their position fields all None) with the tokens' values, one each."""
    for cell, tok in zip(cells, tokens, strict=True):
        parsed = parse_value(tok.text)
        loc = tok.loc
        if loc.page is not None or loc.line is None:
            _place(cell, loc)
        else:  # `_place` would set page and where to None, as they are
            cell.line = loc.line
            cell.column = loc.column
        cell.raw = tok.text
        cell.value = parsed.value
        cell.unit = parsed.unit
        cell.status = parsed.status


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
        self.ocr_index = _ocr_index(document)
        self.ocr_cells: dict[str, OcrSource] = {}

    def _set(self, cells: list[CellValue], tokens: list[Token]) -> None:
        """`_set_values`, and the OCR source (picture, box, crop) of each cell read from a picture."""
        _set_values(cells, tokens)
        if self.ocr_index:
            for cell, tok in zip(cells, tokens, strict=True):
                self._source(cell, tok)

    def _source(self, cell: CellValue, tok: Token | None) -> None:
        if tok is not None and self.ocr_index:
            source = self.ocr_index.get(_ocr_key(tok.loc))
            if source is not None:
                self.ocr_cells[cell.key] = source

    def observe(self, observation: Observation) -> None:
        self.observations.append(observation)

    def run(self) -> Report:
        doc = self.document
        meta = find_title(self.lines, doc.title)
        start = meta.title_line or 0
        detection = detect(self.lines, start)
        choice = decide(detection, meta.year)
        versions = registry()
        mixed = len(voted(detection)) > 1
        report = Report(
            path=doc.path,
            format=doc.format,
            template=MIXED if mixed else choice,
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
                MixedTemplate(
                    chosen=choice,
                    labels={v: tuple(labels) for v, labels in detection.votes.items() if v != LEGACY},
                )
            )
        if choice == LEGACY:
            self.observe(LegacyTemplate(signal=detection.votes[LEGACY][0]))
        template = versions.get(choice) if versions.is_version(choice) else versions.for_year(meta.year)
        version = template.version
        sections = find_sections(self.lines, template, start)
        report.sections = self._sections(template, sections)
        report.text = self._text(start, sections)
        if versions.is_version(choice) or (choice == NONE and self._has_tables(template, start)):
            if choice == NONE:
                report.template = version
            report.cells, report.tables_found = self._tables(template, sections, start)
            report.subtotals = self.subtotals
        elif choice == "none" and meta.title is not None:
            # it names itself an annual report, and holds none of the tables: say which, and why
            for table in template.table_order():
                self._missing(table, sections, meta.title_loc)
        report.observations = self.observations
        report.ocr_cells = self.ocr_cells
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
                _place(info, f.line.loc)
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
                blocks.append(TextBlock(text, current, **_pos(line.loc)))
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
                self._missing(table, sections, None)
        return cells, found

    def _missing(self, table: TableSpec, sections: dict[str, FoundSection], fallback: Location | None) -> None:
        why = why_missing(self.document, table, sections, fallback)
        self.observe(
            TableMissing(
                **_pos(why.loc), table=table.key, table_no=table.number, title=table.title, reason=why.reason,
                section=why.section, picture=why.picture, picture_page=why.picture_page,
                attachment=why.attachment, href=why.href,
            )
        )

    def _deviations(self, table: TableSpec, devs: list[HeaderDeviation]) -> None:
        for d in devs:
            self.observe(
                LabelDeviation(
                    **_pos(d.token.loc), table=table.key, table_no=table.number, part="column", row=None,
                    found=d.token.text, official=d.official,
                )
            )

    def _subtotal_cells(self, table: TableSpec, result: TableResult) -> set[str]:
        """Cells for each one-row group subtotal; returns the groups whose items are replaced by one."""
        groups = {g.key: g for g in table.groups}
        for key, slot in result.subtotals.items():
            group = groups[key]
            items = [r for r in table.rows if r.group == key]
            cells = _cells(table, key, group.label, slot.columns)
            if len(slot.values) == len(cells) and slot.unsplittable is None:
                self._set(cells, slot.values)
            self.subtotals.extend(cells)
            self.observe(
                GroupRow(
                    **_pos(slot.loc), table=table.key, row=key, table_no=table.number, group=group.label,
                    items=tuple(r.label for r in items),
                    cells=[f"{table.key}.{r.key}.{c.key}" for r in items for c in slot.columns],
                )
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
            common: dict[str, Any] = {
                "table": table.key, "row": row.key, "table_no": table.number, "row_label": row.label, "cells": keys
            }
            if not slot.found:
                if result.started and row.group not in replaced:
                    self.observe(RowMissing(**_pos(result.loc), **common))
                out.extend(cells)
                continue
            if slot.unlabelled:
                self.observe(RowUnlabelled(**_pos(slot.loc), **common))
            elif slot.label is not None and not slot.label_official:
                self.observe(
                    LabelDeviation(
                        **_pos(slot.label.loc), table=table.key, table_no=table.number, part="row", row=row.key,
                        found=slot.label.text, official=row.label,
                    )
                )
            expected = len(cells)
            if slot.blank:
                for i, cell in enumerate(cells):
                    tok = slot.values[i] if i < len(slot.values) else None
                    cell.status, cell.raw = "empty", ""
                    _place(cell, tok.loc if tok else slot.loc)
                    self._source(cell, tok)
            elif slot.unsplittable is not None:
                for cell in cells:
                    cell.status = "ambiguous"
                    _place(cell, slot.loc)
                if slot.no_reading:  # no reading of the run fits the identities (scope: "row" or "table")
                    self.observe(
                        RunInconsistent(
                            **_pos(slot.loc), raw=slot.unsplittable, expected=expected, scope=slot.no_reading,
                            together=slot.together,
                            **common,
                        )
                    )
                else:
                    self.observe(
                        RunUnsplittable(
                            **_pos(slot.loc), raw=slot.unsplittable, expected=expected,
                            readings=[[t.text for t in reading] for reading in slot.candidates], **common,
                        )
                    )
            elif len(slot.values) == expected:
                self._set(cells, slot.values)
            else:
                count = RowShort if len(slot.values) < expected else RowLong
                for cell in cells:
                    cell.status = "ambiguous"
                    _place(cell, slot.loc)
                self.observe(
                    count(
                        **_pos(slot.loc), found=len(slot.values), expected=expected,
                        values=tuple(t.text for t in slot.values), **common,
                    )
                )
            out.extend(cells)
        for extra in result.extra_rows:
            self.observe(
                ExtraRow(**_pos(extra.label.loc), table=table.key, table_no=table.number, label=extra.label.text)
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
                cell.status, cell.raw = "empty", ""
                _place(cell, tok.loc if tok else flat.loc)
                self._source(cell, tok)
        elif flat.unsplittable is not None:
            loc = flat.values[0].loc if flat.values else flat.loc
            for cell in cells:
                cell.status = "ambiguous"
                _place(cell, loc)
            fields: dict[str, Any] = {
                **_pos(loc), "cells": keys, "table": table.key, "row": "", "table_no": table.number,
                "row_label": table.row_label or table.title, "raw": flat.unsplittable, "expected": flat.expected,
            }
            if flat.no_reading:  # no reading of the run fits the row's identities
                self.observe(RunInconsistent(**fields, scope="row"))
            else:
                self.observe(RunUnsplittable(**fields))
        elif len(flat.values) == flat.expected:
            self._set(cells, flat.values)
        else:
            loc = flat.values[0].loc if flat.values else flat.loc
            for cell in cells:
                cell.status = "ambiguous"
                _place(cell, loc)
            count = RowShort if len(flat.values) < flat.expected else RowLong
            self.observe(
                count(
                    **_pos(loc), cells=keys, table=table.key, row="", table_no=table.number,
                    row_label=table.row_label or table.title, found=len(flat.values), expected=flat.expected,
                    values=tuple(t.text for t in flat.values),
                )
            )
        return cells


def extract(document: Document) -> Report:
    return Extractor(document).run()
