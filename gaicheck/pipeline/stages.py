"""The stages of the flow for one report, without limits: bytes → reader → Document → extractor → Report
(→ the prose as a second witness for run-on table-1 rows, gaicheck.prose.witness) → rules → findings. The
pipeline runs them inside the limits; the Python API exposes them as they are.
"""

from __future__ import annotations

from gaicheck.checks.options import Options
from gaicheck.checks.run import run_rules
from gaicheck.extract.extractor import extract
from gaicheck.model.finding import FileResult, Finding
from gaicheck.model.report import Report
from gaicheck.prose.witness import choose_by_prose
from gaicheck.readers import read_bytes, read_file


def parse_bytes(path: str, data: bytes) -> Report:
    """Read and extract a report from its bytes (`path` names it and gives the extension)."""
    report = extract(read_bytes(path, data))
    choose_by_prose(report)
    return report


def parse_path(path: str) -> Report:
    """Read and extract one report. Raises gaicheck.readers.ReadError for unreadable files."""
    report = extract(read_file(str(path)))
    choose_by_prose(report)
    return report


def check_report(report: Report, options: Options | None = None) -> list[Finding]:
    return run_rules(report, options)


def result_for(report: Report, options: Options | None = None) -> FileResult:
    """The FileResult of a report: its identity and the findings of the rules."""
    read = sum(1 for c in report.cells if c.status == "ok")
    return FileResult(
        path=report.path,
        format=report.format,
        template=report.template,
        report_year=report.report_year,
        organ=report.organ,
        findings=check_report(report, options),
        cells_read=read,
        cells_unread=len(report.cells) - read,
    )


__all__ = ["check_report", "parse_bytes", "parse_path", "result_for"]
