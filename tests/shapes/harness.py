"""Judge one rendered shape through gaicheck's public API: cells read, findings on the clean report, +1 changes.

`judge(shape, spec, seed, changes)` renders the report, checks it with `gaicheck.api.check_file_report`
(reader → extractor → rules, as the CLI does) and compares every template cell with the value the
generator wrote: read right, written blank and reported blank, or not read and named by a structural
finding (STR…, SUM005). A cell read with another value is a misread. Error and warning findings on the
clean report are false alarms unless they name exactly the cells written blank (STR006) or cells that
could not be read. Each change renders the same report (same style) with one table-2/3 cell +1 and must
give an error finding naming that cell.
"""

from __future__ import annotations

import math
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from gaicheck.api import check_file_report
from tests.shapes.generate import Spec, identity_instances, template
from tests.shapes.shapes import Shape

STRUCTURAL = ("STR", "SUM005", "TPL")


@dataclass
class Verdict:
    shape: str
    cells: int = 0
    read: int = 0
    blank_ok: int = 0
    unread_named: list[str] = field(default_factory=list)
    unread_silent: list[str] = field(default_factory=list)
    misread: list[str] = field(default_factory=list)  # "key: expected → got"
    false_alarms: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    changes: int = 0
    found: int = 0
    missed: list[str] = field(default_factory=list)
    # changes to cells whose every identity has a cell that was not read: point 6 wants an error anyway
    unverifiable: int = 0
    unverifiable_found: int = 0
    unverifiable_missed: list[str] = field(default_factory=list)
    error: str | None = None
    # shapes that say where blank cells are (Rendered.blank_at): cells placed elsewhere, findings out of order
    misplaced: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (
            self.unread_silent or self.misread or self.false_alarms or self.missed or self.error or self.misplaced
        )

    def problems(self) -> list[str]:
        out = [f"error: {self.error}"] if self.error else []
        out += [f"misread {m}" for m in self.misread]
        out += [f"unread, not named: {k}" for k in self.unread_silent]
        out += [f"false alarm {a}" for a in self.false_alarms]
        out += [f"change not found {m}" for m in self.missed]
        out += [f"misplaced {m}" for m in self.misplaced]
        return out


def _same(number: Any, expected: int | float) -> bool:
    return isinstance(number, int | float) and math.isclose(float(number), float(expected), rel_tol=0, abs_tol=1e-9)


def _describe(f: Any) -> str:
    return f"{f.code}{list(f.cells)[:4]} {f.message[:80]}"


def _deviating_headings(spec: Spec) -> list[str]:
    official = {f"{s['number']}、{s['title']}" for s in template(spec.version)["sections"]}
    return [h for h in spec.headings.values() if h not in official]


def _allowed(f: Any, spec: Spec, blank: set[str], unread: set[str], unlabelled: AbstractSet[str] = frozenset()) -> bool:
    """A warning or error that is right on a clean report: it names cells written blank or not read
    (a blank-cell or unreadable-run finding, an identity that cannot be checked for want of them), a row
    the shape wrote without its label (STR007), or a section heading the generator wrote in a wording
    other than the official one (TPL005)."""
    named = set(f.cells)
    if f.code == "STR007" and named and named <= unlabelled:
        return True
    if f.code == "SUM005":
        return bool(named & (blank | unread))
    if f.code.startswith("STR") and named:
        return named <= blank | unread
    if f.code == "TPL005" and not named:
        return any(h in f.message for h in _deviating_headings(spec))
    return False


def _misplaced(blank_at: dict[str, tuple[int, int]], cells: dict[str, Any], findings: list[Any]) -> list[str]:
    """Blank cells not placed at their own `<td` (line, column), and findings of one code out of document
    order — checked on shapes that say where their blank cells are."""
    if not blank_at:
        return []
    out = []
    for key, where in blank_at.items():
        cell = cells.get(key)
        got = None if cell is None else (cell.line, cell.column)
        if got != where:
            out.append(f"{key}: at {got}, its <td> is at {where}")
    by_code: dict[str, list[tuple[int, int]]] = {}
    for f in findings:
        if f.line is not None:
            by_code.setdefault(f.code, []).append((f.line, f.column or 0))
    out += [
        f"{code} findings not in document order: {places[:6]}"
        for code, places in by_code.items()
        if places != sorted(places)
    ]
    return out


def _error_names(findings: list[Any], key: str) -> bool:
    return any(f.severity == "error" and key in f.cells for f in findings)


def judge(shape: Shape, spec: Spec, seed: int, changes: list[str]) -> Verdict:
    verdict = Verdict(shape.name)
    rendered = shape.render(spec, seed)
    result, report = check_file_report(rendered.name, data=rendered.data)
    if report is None:
        verdict.error = result.error
        return verdict
    cells = {c.key: c for c in report.cells}
    findings = result.findings
    structural_named = {k for f in findings if f.code.startswith(STRUCTURAL) for k in f.cells}
    unread: set[str] = set()
    for key, value in spec.values.items():
        verdict.cells += 1
        cell = cells.get(key)
        status = cell.status if cell is not None else "missing"
        if key in rendered.blank:
            if status == "empty":
                verdict.blank_ok += 1
            elif status == "ok":
                verdict.misread.append(f"{key}: written blank → {cell.value!r}")  # type: ignore[union-attr]
            continue
        if status == "ok" and _same(cell.value, value.number):  # type: ignore[union-attr]
            verdict.read += 1
        elif status == "ok":
            verdict.misread.append(f"{key}: {value.raw} → {cell.raw!r}")  # type: ignore[union-attr]
        else:
            unread.add(key)
            (verdict.unread_named if key in structural_named else verdict.unread_silent).append(key)
    for f in findings:
        if f.severity == "info":
            verdict.infos.append(_describe(f))
        elif not _allowed(f, spec, rendered.blank, unread, rendered.unlabelled):
            verdict.false_alarms.append(_describe(f))
    verdict.misplaced += _misplaced(rendered.blank_at, cells, findings)
    not_read = unread | rendered.blank
    instances = identity_instances(spec.version)
    before = {_describe(g) for g in findings}
    for key in changes:
        if key in rendered.blank:
            continue
        checkable = key not in unread and any(
            key in lhs + rhs and not set(lhs + rhs) & not_read for _code, lhs, rhs in instances
        )
        changed = shape.render(spec.changed(key), seed)
        after, _ = check_file_report(changed.name, data=changed.data)
        hit = _error_names(after.findings, key)
        new = [f for f in after.findings if _describe(f) not in before]
        note = f"{key}: " + ("; ".join(_describe(f) for f in new[:3]) or "no new finding")
        if checkable:
            verdict.changes += 1
            verdict.found += hit
            if not hit:
                verdict.missed.append(note)
        else:
            verdict.unverifiable += 1
            verdict.unverifiable_found += any(f.severity == "error" for f in new)
            if not any(f.severity == "error" for f in new):
                verdict.unverifiable_missed.append(note)
    return verdict
