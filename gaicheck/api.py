"""Python API: the whole flow for one file, for CMS integrations — a thin face on gaicheck/pipeline/.

`parse_path(path) -> Report` (file → reader → extractor) and `check_path(path) -> list[Finding]`
(… → rule engine) raise `ReadError` for a file that cannot be read. `check_file` and `check_file_report`
never raise: an unreadable file becomes a FileResult with `error`; they apply the limits of
gaicheck/limits.py (the file size before reading, the time per file — SIGALRM, in the main thread of a
process on POSIX — growing with a PDF's pages). The memory cap is the command line's: a host application
keeps its own.
"""

from __future__ import annotations

from gaicheck.checks.options import Options
from gaicheck.limits import Limits
from gaicheck.model.finding import FileResult, Finding
from gaicheck.pipeline import single
from gaicheck.pipeline.errors import TimeLimitExceeded
from gaicheck.pipeline.stages import check_report, parse_bytes, parse_path, result_for
from gaicheck.readers.errors import ReadError


def check_path(path: str, options: Options | None = None) -> list[Finding]:
    """Check one report file and return its findings. Raises ReadError for unreadable files."""
    return check_report(parse_path(path), options)


def check_file(
    path: str, options: Options | None = None, data: bytes | None = None, limits: Limits | None = None
) -> FileResult:
    """Check one file; never raises for bad input (the reason goes into `error`). `limits` (default:
    gaicheck.limits.default_limits()) also bounds what the readers accept (PDF pages, zip contents)."""
    return single.check_file(path, options, data, limits)[0]


check_file_report = single.check_file  # `check_file` that also returns the Report (None when it failed)


__all__ = [
    "ReadError",
    "TimeLimitExceeded",
    "check_file",
    "check_file_report",
    "check_path",
    "check_report",
    "parse_bytes",
    "parse_path",
    "result_for",
]
