"""Python API: the whole flow for one file, for the CLI and for CMS integrations.

`parse_path(path) -> Report` (file → reader → extractor) and `check_path(path) -> list[Finding]`
(… → rule engine). `check_file` never raises: an unreadable file becomes a FileResult with `error`.
"""

from __future__ import annotations

from gaicheck.engine.core import Options, run_rules
from gaicheck.extract.extractor import extract
from gaicheck.model.finding import FileResult, Finding
from gaicheck.model.report import Report
from gaicheck.readers import ReadError, read_bytes, read_file


def parse_bytes(path: str, data: bytes) -> Report:
    return extract(read_bytes(path, data))


def parse_path(path: str) -> Report:
    """Read and extract one report. Raises gaicheck.readers.ReadError for unreadable files."""
    return extract(read_file(str(path)))


def check_report(report: Report, options: Options | None = None) -> list[Finding]:
    return run_rules(report, options)


def check_path(path: str, options: Options | None = None) -> list[Finding]:
    """Check one report file and return its findings. Raises ReadError for unreadable files."""
    return check_report(parse_path(path), options)


def result_for(report: Report, options: Options | None = None) -> FileResult:
    return FileResult(
        path=report.path,
        format=report.format,
        template=report.template,
        report_year=report.report_year,
        organ=report.organ,
        findings=check_report(report, options),
    )


def check_file(path: str, options: Options | None = None, data: bytes | None = None) -> FileResult:
    """Check one file; never raises for bad input (the reason goes into `error`)."""
    try:
        report = parse_bytes(path, data) if data is not None else parse_path(path)
    except ReadError as exc:
        return FileResult(path=path, error=str(exc))
    except (RecursionError, MemoryError, ValueError, OSError, UnicodeError, KeyError, IndexError) as exc:
        return FileResult(path=path, error=f"无法解析文件 / cannot parse file: {type(exc).__name__}: {exc}"[:300])
    return result_for(report, options)


__all__ = ["ReadError", "check_file", "check_path", "check_report", "parse_bytes", "parse_path"]
