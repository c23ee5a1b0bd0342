"""The emitter: a rule's code and fields (already in the chosen language) → a Finding (message from the
catalogue through gaicheck.i18n, severity as configured), kept only when the options select the code.

rules → **Emitter** → list[Finding] of one report.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Protocol

from gaicheck import i18n
from gaicheck.catalogue import get_rule, matches
from gaicheck.checks.options import Options
from gaicheck.model.document import Location
from gaicheck.model.finding import SEVERITY_RANK, Classification, Finding, Suggestion, validate_finding
from gaicheck.model.report import Report
from gaicheck.templates import registry


class Located(Protocol):
    """Anything with a source position (a Position, a cell, an observation) a finding can point at."""

    @property
    def line(self) -> int | None: ...
    @property
    def column(self) -> int | None: ...
    @property
    def page(self) -> int | None: ...
    @property
    def where(self) -> Location | None: ...

_PLAIN = (str, int, float, type(None))  # types Finding.expected/actual keep as they are

# code → selected and not ignored, per (select, ignore): shared by the runs with the same options
_WANTED: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[str, bool]] = {}


def _whole(value: str | int | float | None) -> str | int | float | None:
    """A whole float as the int it is (2599.0 → 2599): findings print and serialise whole numbers whole."""
    return int(value) if type(value) is float and value.is_integer() else value


def _template_table(report: Report, at: object, cells: list[str]) -> int | None:
    """The template's number of the table a finding is about: an observation's `table_no`, else its first
    cell's table (None when neither says)."""
    number = getattr(at, "table_no", None)
    if isinstance(number, int) and number > 0:
        return number
    if not cells:
        return None
    table = cells[0].split(".", 1)[0]
    template = registry().or_newest(report.template)
    spec = template.tables.get(table)
    return spec.number if spec is not None else None


def _where(report: Report, at: Located | None, cells: list[str]) -> Location | None:
    """`at`'s place in a file without lines. On a PDF page its table index counts the page's tables, which
    a reader cannot tell from the template's: the page stays, the table becomes the template's (表2/表3)."""
    where = at.where if at else None
    if where is None or where.page is None or where.table is None:
        return where
    number = _template_table(report, at, cells)
    return where if number is None or number == where.table else replace(where, table=number)


class Emitter:
    def __init__(self, report: Report, options: Options) -> None:
        self.report = report
        self.options = options
        self.findings: list[Finding] = []
        self._wanted = _WANTED.setdefault((tuple(options.select), tuple(options.ignore)), {})

    def wants(self, code: str) -> bool:
        """True when the options select `code` and do not ignore it."""
        wanted = self._wanted.get(code)
        if wanted is None:
            wanted = self._wanted[code] = matches(code, self.options.select) and not matches(
                code, self.options.ignore
            )
        return wanted

    def emit(
        self,
        code: str,
        fields: dict[str, object] | None = None,
        at: Located | None = None,
        cells: list[str] | None = None,
        expected: str | int | float | None = None,
        actual: str | int | float | None = None,
        classification: Classification | None = None,
        suggestions: list[Suggestion] | None = None,
        advice: str | None = None,
    ) -> None:
        if not self.wants(code):
            return
        spec = get_rule(code)
        severity = self.options.severity.get(code, spec.severity)
        cell_keys = list(cells or [])
        expected, actual = _whole(expected), _whole(actual)
        values: dict[str, Any] = {  # every field of Finding, in declaration order
            "code": code,
            "name": spec.name,
            "severity": severity,
            "message": i18n.message(spec, self.options.lang, fields or {}),
            "line": at.line if at else None,
            "column": at.column if at else None,
            "page": at.page if at else None,
            "where": _where(self.report, at, cell_keys),
            "cells": cell_keys,
            "expected": expected,
            "actual": actual,
            "classification": classification,
            "suggestions": list(suggestions or []),
            "advice": advice,
        }
        if (
            severity in SEVERITY_RANK
            and type(expected) in _PLAIN
            and type(actual) in _PLAIN
            and (not cell_keys or set(map(type, cell_keys)) == {str})
        ):
            self.findings.append(Finding(**values))  # every value of its declared type
        else:
            self.findings.append(validate_finding(values))
