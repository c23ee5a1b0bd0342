"""The emitter: a rule's code and fields (already in the chosen language) → a Finding (message from the
catalogue through gaicheck.i18n, severity as configured), kept only when the options select the code.

rules → **Emitter** → list[Finding] of one report.
"""

from __future__ import annotations

from typing import Any, Protocol

from gaicheck import i18n
from gaicheck.catalogue import get_rule, matches
from gaicheck.checks.options import Options
from gaicheck.model.document import Location
from gaicheck.model.finding import SEVERITY_RANK, Classification, Finding, Suggestion, validate_finding
from gaicheck.model.report import Report


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
        values: dict[str, Any] = {  # every field of Finding, in declaration order
            "code": code,
            "name": spec.name,
            "severity": severity,
            "message": i18n.message(spec, self.options.lang, fields or {}),
            "line": at.line if at else None,
            "column": at.column if at else None,
            "page": at.page if at else None,
            "where": at.where if at else None,
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
