"""Rule engine core: the registry of rule functions, the emitter that turns a code and its fields into
a Finding (message from the catalogue, in the chosen language), and `run_rules`.

Report → **engine** → list[Finding]. Rule modules are listed in RULE_MODULES and imported once; a run
opens the per-run memo (prose/memo.py) so the rules share the paragraphs and cell views they derive.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gaicheck.catalogue import get_rule, matches
from gaicheck.model.finding import SEVERITY_RANK, Finding
from gaicheck.model.report import Position, Report, trusted
from gaicheck.prose.memo import rule_run

RULE_MODULES: tuple[str, ...] = (
    "gaicheck.engine.structure",
    "gaicheck.engine.arithmetic",
    "gaicheck.engine.values",
    "gaicheck.engine.prose", "gaicheck.engine.meta", "gaicheck.engine.style", "gaicheck.engine.value_rules",
    "gaicheck.engine.ocr",
)


@dataclass(slots=True)
class Options:
    lang: str = "zh"
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # code → severity override
    check_aggregate: bool = False  # YOY010: compare a county's totals with its subordinates' (opt-in)


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
        at: Position | None = None,
        cells: list[str] | None = None,
        expected: str | int | float | None = None,
        actual: str | int | float | None = None,
    ) -> None:
        if not self.wants(code):
            return
        spec = get_rule(code)
        fields = dict(fields or {})
        if self.options.lang == "en":
            for key in list(fields):
                if key.endswith("_en"):
                    fields[key[:-3]] = fields[key]
        severity = self.options.severity.get(code, spec.severity)
        cell_keys = list(cells or [])
        values: dict[str, Any] = {  # every field of Finding, in declaration order
            "code": code,
            "name": spec.name,
            "severity": severity,
            "message": spec.render(self.options.lang, fields),
            "line": at.line if at else None,
            "column": at.column if at else None,
            "page": at.page if at else None,
            "where": at.where if at else None,
            "cells": cell_keys,
            "expected": expected,
            "actual": actual,
        }
        if (
            severity in SEVERITY_RANK
            and type(expected) in _PLAIN
            and type(actual) in _PLAIN
            and (not cell_keys or set(map(type, cell_keys)) == {str})
        ):
            # what validation would give (every field of its declared type), without validating
            self.findings.append(trusted(Finding, values))
        else:
            self.findings.append(Finding(**values))


RuleFunc = Callable[[Report, Emitter], None]
_REGISTRY: list[tuple[tuple[str, ...], RuleFunc]] = []


def rule(*codes: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function that may emit the given codes."""

    def wrap(func: RuleFunc) -> RuleFunc:
        _REGISTRY.append((codes, func))
        return func

    return wrap


_loaded = False


def registry() -> list[tuple[tuple[str, ...], RuleFunc]]:
    global _loaded
    if not _loaded:
        for module in RULE_MODULES:
            importlib.import_module(module)
        _loaded = True
    return list(_REGISTRY)


def run_rules(report: Report, options: Options | None = None) -> list[Finding]:
    options = options or Options()
    emitter = Emitter(report, options)
    with rule_run(report):
        for codes, func in registry():
            for code in codes:
                if emitter.wants(code):
                    func(report, emitter)
                    break
    if any(note.startswith("ocr-") for note in report.notes) or report.format == "image":
        from gaicheck.engine.ocr import mark

        mark(report, emitter.findings, options.lang)  # findings on cells read from a picture say so
    return sorted(emitter.findings, key=Finding.sort_key)
