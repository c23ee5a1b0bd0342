"""SARIF 2.1.0 reporter (`--format sarif`), for GitHub code scanning and other SARIF viewers.

Findings → **SARIF log**: tool.driver with every catalogue rule, one result per finding (ruleId, level,
message, physicalLocation with a character-counted region), unreadable files as tool execution
notifications. URIs are percent-encoded (Chinese file names).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from gaicheck import __version__, i18n
from gaicheck.catalogue import load_catalogue
from gaicheck.model.finding import FileResult, Finding
from gaicheck.output.jsonstream import write_document

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative path stays relative (`uri-reference`); an absolute one becomes a file: URI."""
    posix = Path(path)
    if posix.is_absolute():
        return posix.as_uri()
    return quote(posix.as_posix().removeprefix("./"), safe="/")


def _rules(lang: str) -> list[dict[str, Any]]:
    rules = []
    for spec in load_catalogue().values():
        explanation = i18n.rule_explanation(spec, lang)
        rules.append(
            {
                "id": spec.code,
                "name": spec.name,
                "shortDescription": {"text": i18n.rule_title(spec, lang)},
                "fullDescription": {"text": explanation},
                "help": {"text": explanation},
                "defaultConfiguration": {"level": LEVELS[spec.severity]},
            }
        )
    return rules


def _location(path: str, finding: Finding, lang: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path)}}
    if finding.line is not None:
        region: dict[str, Any] = {"startLine": finding.line}
        if finding.column is not None:
            region["startColumn"] = finding.column
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    place = i18n.place(finding.where, finding.page, lang)
    if place:
        location["message"] = {"text": place}
    return location


def _result(path: str, finding: Finding, index: dict[str, int], lang: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(path, finding, lang)],
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    properties: dict[str, Any] = {}
    if finding.cells:
        properties["cells"] = finding.cells
    if finding.expected is not None:
        properties["expected"] = finding.expected
    if finding.actual is not None:
        properties["actual"] = finding.actual
    # The culprit search's suggestion goes in the property bag, not in `fixes`: a SARIF 2.1.0 fix requires
    # `artifactChanges` (at least one replacement in the artifact), and gaicheck never edits a government
    # document (tests/data/output/sarif-schema-2.1.0-rtm.4.json, definitions.fix)
    if finding.classification is not None:
        properties["classification"] = finding.classification
        properties["advice"] = finding.advice
        properties["suggestions"] = [
            {"cell": s.cell, "current": s.current, "proposed": s.proposed, "kind": s.kind, "hint": s.hint,
             "solution": s.solution}
            for s in finding.suggestions
        ]
    if properties:
        result["properties"] = properties
    return result


def _notification(r: FileResult) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": r.error},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.path)}}}],
    }


def _log(
    notifications: list[dict[str, Any]], results: list[dict[str, Any]], rules: list[dict[str, Any]]
) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "gaicheck",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _rule_index(rules: list[dict[str, Any]]) -> dict[str, int]:
    return {rule["id"]: i for i, rule in enumerate(rules)}


def sarif_log(results: list[FileResult], lang: str = "zh") -> dict[str, Any]:
    rules = _rules(lang)
    index = _rule_index(rules)
    notifications = [_notification(r) for r in results if r.error]
    return _log(notifications, [_result(r.path, f, index, lang) for r in results for f in r.findings], rules)


def write(out: TextIO, results: Callable[[], Iterable[FileResult]], lang: str = "zh") -> None:
    """The log, its results written one by one. `results()` is read twice: once for the unreadable files
    (listed in the invocation, before the results), once for the findings."""
    rules = _rules(lang)
    index = _rule_index(rules)
    notifications = [_notification(r) for r in results() if r.error]
    findings = (_result(r.path, f, index, lang) for r in results() for f in r.findings)
    write_document(out, lambda: _log(notifications, [], rules), ["runs", 0, "results"], findings)


def render(results: list[FileResult], lang: str = "zh") -> str:
    buffer = io.StringIO()
    write(buffer, lambda: results, lang)
    return buffer.getvalue()
