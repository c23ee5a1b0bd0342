"""JUnit XML reporter (`--format junit`): one testcase per checked file, for CI test-report views.

Findings → **JUnit**: a file with findings at or above `--fail-on` is a failed testcase (the findings
listed in the failure text), an unreadable file is an errored one, findings below the threshold go to
the testcase's system-out.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from typing import TextIO

from gaicheck.model.finding import SEVERITY_RANK, FileResult, Finding
from gaicheck.output.escape import escape_path
from gaicheck.output.text import format_finding


def _failing(result: FileResult, threshold: int) -> list[Finding]:
    """The findings at or above `--fail-on`: they make the file's testcase fail."""
    return [f for f in result.findings if SEVERITY_RANK[f.severity] >= threshold]


def _case(result: FileResult, lang: str, threshold: int) -> ET.Element:
    path = escape_path(result.path)  # a control character in a name would make the XML invalid
    case = ET.Element("testcase", classname="gaicheck", name=path, file=path)
    if result.error:
        error = escape_path(result.error)
        ET.SubElement(case, "error", message=error, type="unreadable").text = error
        return case
    failing = _failing(result, threshold)
    other = [f for f in result.findings if SEVERITY_RANK[f.severity] < threshold]
    if failing:
        summary = ", ".join(sorted({f.code for f in failing}))
        failure = ET.SubElement(case, "failure", message=f"{len(failing)} finding(s): {summary}", type="gaicheck")
        failure.text = "\n".join(format_finding(result, f, lang) for f in failing)
    if other:
        ET.SubElement(case, "system-out").text = "\n".join(format_finding(result, f, lang) for f in other)
    return case


def write(out: TextIO, results: Callable[[], Iterable[FileResult]], lang: str = "zh", fail_on: str = "error") -> None:
    """The XML, one testcase at a time (as ElementTree with `ET.indent` writes the whole tree).
    `results()` is read twice: once for the counts in the opening tags, once for the testcases."""
    threshold = SEVERITY_RANK[fail_on]
    tests = failures = errors = 0
    for result in results():
        tests += 1
        errors += 1 if result.error else 0
        failures += 1 if not result.error and _failing(result, threshold) else 0
    counts = f'name="gaicheck" tests="{tests}" failures="{failures}" errors="{errors}"'
    out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites {counts}>\n')
    if not tests:
        out.write(f"  <testsuite {counts} />\n</testsuites>\n")
        return
    out.write(f"  <testsuite {counts}>\n")
    for result in results():
        case = _case(result, lang, threshold)
        ET.indent(case, level=2)
        out.write("    " + ET.tostring(case, encoding="unicode") + "\n")
    out.write("  </testsuite>\n</testsuites>\n")


def render(results: list[FileResult], lang: str = "zh", fail_on: str = "error") -> str:
    buffer = io.StringIO()
    write(buffer, lambda: results, lang, fail_on)
    return buffer.getvalue()
