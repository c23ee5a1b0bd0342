"""JUnit XML reporter (`--format junit`): one testcase per checked file, for CI test-report views.

Findings → **JUnit**: a file with findings at or above `--fail-on` is a failed testcase (the findings
listed in the failure text), an unreadable file is an errored one, findings below the threshold go to
the testcase's system-out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from gaicheck.model.finding import SEVERITY_RANK, FileResult
from gaicheck.output.text import format_finding


def render(results: list[FileResult], lang: str = "zh", fail_on: str = "error") -> str:
    threshold = SEVERITY_RANK[fail_on]
    suites = ET.Element("testsuites", name="gaicheck")
    suite = ET.SubElement(suites, "testsuite", name="gaicheck")
    failures = errors = 0
    for result in results:
        case = ET.SubElement(suite, "testcase", classname="gaicheck", name=result.path, file=result.path)
        if result.error:
            errors += 1
            ET.SubElement(case, "error", message=result.error, type="unreadable").text = result.error
            continue
        failing = [f for f in result.findings if SEVERITY_RANK[f.severity] >= threshold]
        other = [f for f in result.findings if SEVERITY_RANK[f.severity] < threshold]
        if failing:
            failures += 1
            summary = ", ".join(sorted({f.code for f in failing}))
            failure = ET.SubElement(case, "failure", message=f"{len(failing)} finding(s): {summary}", type="gaicheck")
            failure.text = "\n".join(format_finding(result, f, lang) for f in failing)
        if other:
            ET.SubElement(case, "system-out").text = "\n".join(format_finding(result, f, lang) for f in other)
    for element in (suites, suite):
        element.set("tests", str(len(results)))
        element.set("failures", str(failures))
        element.set("errors", str(errors))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
