"""GitLab Code Quality reporter (`--format gitlab`): the JSON array GitLab reads as a `codequality`
report artifact (UTF-8, no BOM).

Findings → **issues** with description, check_name, severity, location (path, lines.begin) and a stable
fingerprint (path, code, cells and place — not the message, so changing `lang` keeps it; a running
number tells identical findings in one file apart).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from gaicheck.model.finding import FileResult, Finding

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def fingerprint(path: str, finding: Finding, occurrence: int) -> str:
    parts = [path, finding.code, ",".join(finding.cells), str(finding.where or ""), str(occurrence)]
    if not finding.cells:
        parts.append(str(finding.expected))
        parts.append(str(finding.actual))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def issues(results: list[FileResult]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for result in results:
        seen: Counter[str] = Counter()
        if result.error:
            out.append(
                {
                    "type": "issue",
                    "description": result.error,
                    "check_name": "unreadable",
                    "fingerprint": hashlib.sha256(f"{result.path}\x1funreadable".encode()).hexdigest(),
                    "severity": "blocker",
                    "location": {"path": result.path, "lines": {"begin": 1}},
                }
            )
            continue
        for finding in result.findings:
            base = fingerprint(result.path, finding, 0)
            seen[base] += 1
            message = finding.message
            if finding.line is None and (finding.where or finding.page):
                message += f" [{finding.where or f'page {finding.page}'}]"
            out.append(
                {
                    "type": "issue",
                    "description": f"{finding.code} {message}",
                    "check_name": finding.code,
                    "fingerprint": fingerprint(result.path, finding, seen[base] - 1),
                    "severity": SEVERITIES[finding.severity],
                    "location": {"path": result.path, "lines": {"begin": finding.line or 1}},
                }
            )
    return out


def render(results: list[FileResult]) -> str:
    return json.dumps(issues(results), ensure_ascii=False, indent=2) + "\n"
