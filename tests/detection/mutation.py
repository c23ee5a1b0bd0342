"""Source-level mutations for the detection test: change or delete one template cell in the file itself.

`gaicheck parse` gives each cell's 1-based line and character column; for text, Markdown and HTML
sources that is where the cell's raw text starts, so a cell can be changed in the source and the whole
flow (reader → extractor → rules) re-run on the changed bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from gaicheck.api import check_file as _check_file
from gaicheck.api import parse_bytes
from gaicheck.checks.common.template import effective_template
from gaicheck.checks.options import Options
from gaicheck.model.finding import FileResult, Finding
from gaicheck.model.report import CellValue, Report
from gaicheck.readers.encoding import decode_text
from gaicheck.readers.sniff import sniff_format
from gaicheck.templates import IdentitySpec, Template, load_template

NUMBER = re.compile(r"[-+]?\d[\d,，]*(?:\.\d+)?")
ROW_CODES = {"STR004", "STR005", "STR006", "SUM005"}
SUM_CODES = {"SUM001", "SUM002", "SUM003", "SUM004"}


@dataclass
class Source:
    """A decoded source (line ends normalised as the reader does) with the offset of each line."""

    path: str
    encoding: str
    text: str
    html: bool
    line_starts: list[int]

    @classmethod
    def load(cls, path: Path) -> Source:
        data = path.read_bytes()
        html = sniff_format(str(path), data) == "html"
        declared = None
        if html:
            from gaicheck.readers.html import declared_charset

            declared = declared_charset(data)
        text, encoding = decode_text(data, declared)
        if encoding.lower().startswith("utf-16"):
            encoding = "utf-8"
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        starts = [0]
        for line in text.split("\n")[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        return cls(str(path), encoding, text, html, starts)

    def data(self, text: str | None = None) -> bytes:
        return (self.text if text is None else text).encode(self.encoding, errors="strict")

    def spots(self, cell: CellValue) -> list[int] | None:
        """Offsets of the raw text's visible characters, from the cell's line:column on. In HTML a
        value may be split over elements (`<span>2</span><span>0</span>`): tags and entities between
        its characters are stepped over."""
        if cell.raw is None or cell.line is None or cell.column is None or cell.line > len(self.line_starts):
            return None
        pos = self.line_starts[cell.line - 1] + cell.column - 1
        text, found = self.text, []
        limit = min(len(text), pos + 20_000)
        for char in cell.raw:
            if char.isspace():
                continue
            while pos < limit:
                here = text[pos]
                if self.html and here == "<":
                    end = text.find(">", pos)
                    pos = limit if end == -1 else end + 1
                elif self.html and here == "&" and (semi := text.find(";", pos, pos + 10)) != -1:
                    pos = semi + 1
                elif here.isspace() and here != char:
                    pos += 1
                else:
                    break
            if pos >= limit or text[pos] != char:
                return None
            found.append(pos)
            pos += 1
        return found or None

    def replaced(self, cell: CellValue, new: str) -> bytes | None:
        """The source with the cell's raw text replaced by `new` (its characters in place of the old ones,
        any surplus after the last), or None when the raw text is not found at the cell's position."""
        spots = self.spots(cell)
        if spots is None:
            return None
        chars = list(self.text)
        for i, pos in enumerate(spots):
            chars[pos] = new[i] if i < len(new) else ""
        if len(new) > len(spots):
            chars[spots[-1]] += new[len(spots) :]
        return self.data("".join(chars))


# only the families the test looks at (the prose and style rules cost as much as all the rest)
OPTIONS = Options(select=["SUM", "STR"])


def check_file(name: str, data: bytes) -> FileResult:
    return _check_file(name, OPTIONS, data=data)


Signature = tuple[str, tuple[str, ...], object, object, str]


def signature(f: Finding) -> Signature:
    """A finding without its position (a longer number shifts the columns after it)."""
    return (f.code, tuple(f.cells), f.expected, f.actual, f.message)


def instance_keys(template: Template, identity: IdentitySpec) -> list[list[str]]:
    """The cell keys of each instance of an identity (one per column or per row), from the template data."""
    table = template.tables[identity.table]
    lhs = template.expand_terms(table, identity.lhs)
    rhs = template.expand_terms(table, identity.rhs)
    if identity.for_each == "column":
        return [[f"{table.key}.{r}.{c.key}" for r in lhs + rhs] for c in table.columns]
    rows = identity.rows or [r.key for r in table.rows]
    return [[f"{table.key}.{r}.{c}" for c in lhs + rhs] for r in rows]


def identity_cells(report: Report) -> tuple[list[str], list[str]]:
    """(checkable, uncheckable): the cells of identity instances whose cells are all read, and the
    cells that only take part in instances that cannot be checked (blank or missing neighbours)."""
    if report.template not in ("2019", "2021", "mixed"):
        return [], []
    template = load_template(effective_template(report))
    cells = report.cell_map()
    checkable: dict[str, None] = {}
    seen: dict[str, None] = {}
    for identity in template.identities:
        if not report.tables_found.get(identity.table, False):
            continue
        for keys in instance_keys(template, identity):
            keys = [k for k in keys if k in cells]
            for key in keys:
                seen[key] = None
            if all(cells[k].status == "ok" and cells[k].value is not None for k in keys):
                for key in keys:
                    checkable[key] = None
    return list(checkable), [k for k in seen if k not in checkable and cells[k].status == "ok"]


@dataclass
class Outcome:
    path: str
    kind: str  # "change" | "delete"
    key: str
    detected: bool
    detail: str  # change: "exact" (SUM001-004 names the cell), "fixed" (a failing identity now adds up),
    # "unverifiable" (SUM005 names it: digits run together, no longer splittable); delete: "row named"
    # (STR004/STR005/STR006/SUM005 name the row), "sum named" (run-together digits); else what was found


@dataclass
class FileRun:
    path: str
    outcomes: list[Outcome] = field(default_factory=list)
    uncheckable: list[str] = field(default_factory=list)

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.detected]


def _plus_one(raw: str, value: int | float) -> str | None:
    match = NUMBER.search(raw)
    if match is None or not float(value).is_integer():
        return None
    return raw[: match.start()] + str(int(value) + 1) + raw[match.end() :]


def _describe(findings: list[Finding]) -> str:
    return "; ".join(f"{f.code}{f.cells[:3]}" for f in findings[:4]) or "no new finding"


def run_file(path: Path) -> FileRun:
    source = Source.load(path)
    name = str(path)
    base_data = source.data()
    baseline = {signature(f) for f in check_file(name, data=base_data).findings}
    baseline_sum = [s for s in baseline if s[0].startswith("SUM")]
    report = parse_bytes(name, base_data)
    cells = report.cell_map()
    checkable, uncheckable = identity_cells(report)
    run = FileRun(name, uncheckable=uncheckable)

    for key in checkable:
        cell = cells[key]
        assert cell.raw is not None and cell.value is not None
        new_raw = _plus_one("".join(cell.raw.split()), cell.value)
        data = source.replaced(cell, new_raw) if new_raw is not None else None
        if data is None:
            run.outcomes.append(Outcome(name, "change", key, False, f"raw {cell.raw!r} not at {cell.line}:{cell.column}"))
            continue
        after = check_file(name, data=data).findings
        added = [f for f in after if signature(f) not in baseline]
        after_sigs = {signature(f) for f in after}
        removed = [s for s in baseline_sum if s not in after_sigs and key in s[1]]
        if any(f.code in SUM_CODES and key in f.cells for f in added):
            run.outcomes.append(Outcome(name, "change", key, True, "exact"))
        elif removed:  # the change made a failing identity add up: its finding went away
            run.outcomes.append(Outcome(name, "change", key, True, "fixed"))
        elif any(f.code == "SUM005" and key in f.cells for f in added):
            run.outcomes.append(Outcome(name, "change", key, True, "unverifiable"))
        else:
            run.outcomes.append(Outcome(name, "change", key, False, _describe(added)))

    for cell in report.cells:
        if cell.table != "apply" or cell.status != "ok":
            continue
        data = source.replaced(cell, "")
        if data is None:
            run.outcomes.append(Outcome(name, "delete", cell.key, False, f"raw {cell.raw!r} not at {cell.line}:{cell.column}"))
            continue
        row_prefix = f"apply.{cell.row}."
        new = [f for f in check_file(name, data=data).findings if signature(f) not in baseline]
        if any(f.code in ROW_CODES and any(k == cell.key or k.startswith(row_prefix) for k in f.cells) for f in new):
            run.outcomes.append(Outcome(name, "delete", cell.key, True, "row named"))
        elif any(f.code in SUM_CODES and cell.key in f.cells for f in new):
            # digits run together (`710000071`): without the value the run splits differently and an
            # identity fails, naming the cell
            run.outcomes.append(Outcome(name, "delete", cell.key, True, "sum named"))
        else:
            run.outcomes.append(Outcome(name, "delete", cell.key, False, _describe(new)))
    return run
