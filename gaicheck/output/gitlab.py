"""GitLab Code Quality reporter (`--format gitlab`): the JSON array GitLab reads as a `codequality`
report artifact (UTF-8, no BOM).

Findings → **issues** with description, check_name, severity, location (path, lines.begin) and a stable
fingerprint (path, code, cells and place — not the message, so changing `lang` keeps it; a running
number tells identical findings in one file apart).
"""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from gaicheck import i18n
from gaicheck.model.finding import FileResult, Finding
from gaicheck.output.jsonstream import write_array

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def fingerprint(path: str, finding: Finding, occurrence: int) -> str:
    # the place in Chinese whatever the language: fingerprints do not change with --lang
    parts = [path, finding.code, ",".join(finding.cells), i18n.location(finding.where, "zh"), str(occurrence)]
    if not finding.cells:
        parts.append(str(finding.expected))
        parts.append(str(finding.actual))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def issues_of(result: FileResult, lang: str = "zh") -> Iterator[dict[str, Any]]:
    """The Code Quality issues of one file."""
    seen: Counter[str] = Counter()
    if result.error:
        yield {
            "type": "issue",
            "description": result.error,
            "check_name": "unreadable",
            "fingerprint": hashlib.sha256(f"{result.path}\x1funreadable".encode()).hexdigest(),
            "severity": "blocker",
            "location": {"path": result.path, "lines": {"begin": 1}},
        }
        return
    for finding in result.findings:
        base = fingerprint(result.path, finding, 0)
        seen[base] += 1
        message = finding.message
        place = i18n.place(finding.where, finding.page, lang) if finding.line is None else ""
        if place:
            message += f" [{place}]"
        yield {
            "type": "issue",
            "description": f"{finding.code} {message}",
            "check_name": finding.code,
            "fingerprint": fingerprint(result.path, finding, seen[base] - 1),
            "severity": SEVERITIES[finding.severity],
            "location": {"path": result.path, "lines": {"begin": finding.line or 1}},
        }


def issues(results: Iterable[FileResult], lang: str = "zh") -> list[dict[str, Any]]:
    return [issue for result in results for issue in issues_of(result, lang)]


def write(out: TextIO, results: Iterable[FileResult], lang: str = "zh") -> None:
    """The report, written issue by issue (a batch's results are never held whole)."""
    write_array(out, (issue for result in results for issue in issues_of(result, lang)))
    out.write("\n")


def render(results: list[FileResult], lang: str = "zh") -> str:
    buffer = io.StringIO()
    write(buffer, results, lang)
    return buffer.getvalue()
