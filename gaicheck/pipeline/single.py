"""Check one file within the limits: size (before a byte is read), time (growing with a PDF's pages), and
what the readers bound (PDF pages, zip contents). Never raises for a bad file: the reason becomes the
FileResult's one-line `error` (gaicheck/pipeline/errors.py).

input (path, or bytes from standard input or an upload) → **single** → reader → extractor → rules →
suppressions → `Checked` (the FileResult, and the Report or its series view when the run needs them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gaicheck.checks.options import Options
from gaicheck.limits import Limits, default_limits
from gaicheck.model.finding import FileResult, Finding
from gaicheck.model.report import Report
from gaicheck.pipeline.errors import Failure, FileFailure, Kind, cannot_open, classify, too_large
from gaicheck.pipeline.guard import guarded
from gaicheck.pipeline.stages import parse_bytes, result_for
from gaicheck.suppress import apply, suppressed_codes

if TYPE_CHECKING:
    from gaicheck.urls.bundle import Fetched

STDIN = "-"  # the path that means standard input (only this exact string: `./-` is a file named "-")


def display_path(path: str) -> str:
    return "<stdin>" if path == STDIN else path


def read_input(path: str, data: bytes | None, limits: Limits) -> bytes:
    """The file's bytes (or `data`, already read), refused over the size limit before a byte is read."""
    if data is None:
        try:
            size = os.stat(path).st_size
        except OSError:
            size = 0  # a missing or unreadable file: reading it names the reason
    else:
        size = len(data)
    failure = too_large(size, limits)
    if failure is not None:
        raise FileFailure(failure)
    if data is not None:
        return data
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise FileFailure(cannot_open(exc)) from exc


def parse_file(path: str, data: bytes | None = None, limits: Limits | None = None) -> Report:
    """Read and extract one report within the limits; raises FileFailure (one line) for a bad file."""
    limits = limits or default_limits()
    data = read_input(path, data, limits)
    with guarded(limits):
        return parse_bytes(path, data)


def check_file(
    path: str, options: Options | None = None, data: bytes | None = None, limits: Limits | None = None,
    fetched: Fetched | None = None,
) -> tuple[FileResult, Report | None]:
    """Check one file (or its `data`; or a web page and its attachments, `fetched`) within the limits: the
    FileResult and the Report (None when the file could not be checked). Never raises for a bad file."""
    limits = limits or default_limits()
    try:
        data = read_input(path, data, limits)
        with guarded(limits):
            report = parse_fetched(path, fetched) if fetched is not None else parse_bytes(path, data)
            return result_for(report, options), report
    except FileFailure as exc:
        return failed(path, exc.failure), None


def fetch_page(url: str, lang: str, limits: Limits) -> Fetched:
    """A web page and its attachments downloaded (each within the size limit); FileFailure (one line)."""
    from gaicheck.urls.bundle import fetch
    from gaicheck.urls.download import DownloadError

    try:
        return fetch(url, lang, limits.max_file_bytes or None)
    except DownloadError as exc:
        raise FileFailure(Failure(Kind.UNREADABLE, str(exc), str(exc))) from exc
    except Exception as exc:  # the page itself could not be read for its links
        raise FileFailure(classify(exc, limits)) from exc


def parse_fetched(url: str, fetched: Fetched) -> Report:
    from gaicheck.extract.extractor import extract
    from gaicheck.urls.bundle import read_fetched

    return extract(read_fetched(url, fetched))


def failed(path: str, failure: Failure) -> FileResult:
    return FileResult(path=path, error=failure.message)


@dataclass(slots=True)
class Task:
    """One file of a run, as the run wants it checked."""

    path: str  # STDIN for standard input
    options: Options
    ignored: list[str] = field(default_factory=list)  # per-file-ignores for this file
    keep_report: bool = False
    data: bytes | None = None  # standard input, read by the parent process
    series_only: bool = False  # keep only what the cross-year rules need of the report (batch memory)
    failure: Failure | None = None  # known to fail before it is read (an unreadable folder)
    url: bool = False  # `path` is a web page: download it and its attachments (command line only)


@dataclass(slots=True)
class Checked:
    """One checked file: its result, and what later stages need of its report."""

    result: FileResult
    report: Report | None = None
    ignored: list[str] = field(default_factory=list)  # per-file-ignores + suppression comments
    # series_only tasks: the report's series view, pickled and compressed (a few KB instead of ~100 KB
    # of objects), and its organ key, so that a batch holds thousands of them cheaply
    series_blob: bytes | None = None
    series_key: str | None = None
    series_year: int | None = None
    series_rank: tuple[int, int, int, str] | None = None  # grouping.rank: which duplicate of a year is kept

    def suppress(self, findings: list[Finding]) -> list[Finding]:
        return apply(findings, self.ignored)

    def series_report(self) -> Report | None:
        if self.series_blob is None:
            return self.report
        import pickle
        import zlib

        report: Report = pickle.loads(zlib.decompress(self.series_blob))
        return report


def check_task(task: Task, limits: Limits | None = None) -> Checked:
    """Check one file of a run: limits, suppression comments and per-file-ignores; never raises."""
    path = display_path(task.path)
    if task.failure is not None:
        return Checked(failed(path, task.failure))
    limits = limits or default_limits()
    fetched = None
    try:
        if task.url:
            fetched = fetch_page(task.path, task.options.lang, limits)
            data = fetched.page.data
        else:
            data = read_input(task.path, task.data, limits)
    except FileFailure as exc:
        return Checked(failed(path, exc.failure))
    ignored = [*task.ignored, *suppressed_codes(data)]
    result, report = check_file(path, task.options, data, limits, fetched)
    result.findings = apply(result.findings, ignored)
    if not task.keep_report or report is None:
        return Checked(result, None, ignored)
    if task.series_only:
        import pickle
        import zlib

        from gaicheck.pipeline import crossyear

        view = crossyear.series_view(report)
        blob = zlib.compress(pickle.dumps(view, protocol=pickle.HIGHEST_PROTOCOL), 1)  # level 1: fast, ~1/3 of the size
        key, rank = crossyear.series_key(view), crossyear.rank(report)
        return Checked(result, None, ignored, blob, key, view.report_year, rank)
    return Checked(result, report, ignored)


__all__ = [
    "STDIN",
    "Checked",
    "Task",
    "check_file",
    "check_task",
    "display_path",
    "failed",
    "parse_file",
    "read_input",
]
