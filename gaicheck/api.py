"""Python API: the whole flow for one file, for the CLI and for CMS integrations.

`parse_path(path) -> Report` (file → reader → extractor) and `check_path(path) -> list[Finding]`
(… → rule engine). `check_file` never raises: an unreadable file becomes a FileResult with `error`.
`check_file` also enforces the limits of gaicheck/limits.py: the file size (before reading) and the
time per file (SIGALRM, in the main thread of a process on POSIX; elsewhere the readers' own limits apply).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from gaicheck.engine.core import Options, run_rules
from gaicheck.extract.extractor import extract
from gaicheck.limits import Limits, default_limits, using
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


class TimeLimitExceeded(BaseException):
    """Raised inside `check_file` when a file takes longer than `Limits.max_seconds`.

    A BaseException so that no `except Exception` inside a reader or rule swallows it."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` (POSIX, main thread only; otherwise no-op)."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0  # never override a caller's timer
    )
    if not usable:
        yield
        return

    fired: list[bool] = []

    def on_alarm(signum: int, frame: object) -> None:
        fired.append(True)
        # fire again soon, in case this raise lands where Python swallows it (a __del__, a callback)
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if fired:  # the limit passed but every raise was swallowed: the result cannot be trusted
        raise TimeLimitExceeded


def _human_size(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 104858 else f"{size / 1024:.1f} KB"


def _too_big(size: int, limits: Limits) -> str | None:
    if limits.max_file_mb and size > limits.max_file_bytes:
        shown, limit = _human_size(size), f"{limits.max_file_mb:g} MB"
        return f"文件过大（{shown}，上限 {limit}）/ file too large ({shown}, limit {limit})"
    return None


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def check_file(
    path: str, options: Options | None = None, data: bytes | None = None, limits: Limits | None = None
) -> FileResult:
    """Check one file; never raises for bad input (the reason goes into `error`). `limits` (default:
    gaicheck.limits.default_limits()) also bounds what the readers accept (PDF pages, zip contents)."""
    return check_file_report(path, options, data, limits)[0]


def check_file_report(
    path: str, options: Options | None = None, data: bytes | None = None, limits: Limits | None = None
) -> tuple[FileResult, Report | None]:
    """`check_file` that also returns the Report (None when the file could not be checked): for the
    reporters that redraw the tables and for the cross-file rules. Same limits, never raises."""
    limits = limits or default_limits()
    try:
        size = len(data) if data is not None else os.stat(path).st_size
    except OSError:
        size = 0  # a missing or unreadable file: read_file names the reason
    too_big = _too_big(size, limits)
    if too_big:
        return FileResult(path=path, error=too_big), None
    try:
        with using(limits), _time_limit(limits.max_seconds):
            report = parse_bytes(path, data) if data is not None else parse_path(path)
            return result_for(report, options), report
    except ReadError as exc:
        error = _one_line(str(exc))
    except TimeLimitExceeded:
        error = f"检查超时（上限 {limits.max_seconds:g} 秒）/ time limit exceeded ({limits.max_seconds:g} s)"
    except (RecursionError, MemoryError, ValueError, OSError, UnicodeError, KeyError, IndexError) as exc:
        error = _one_line(f"无法解析文件 / cannot parse file: {type(exc).__name__}: {exc}")
    except Exception as exc:  # a bug must not stop a batch: report it for this file only
        error = _one_line(f"内部错误 / internal error: {type(exc).__name__}: {exc}")
    return FileResult(path=path, error=error), None


__all__ = [
    "ReadError",
    "TimeLimitExceeded",
    "check_file",
    "check_file_report",
    "check_path",
    "check_report",
    "parse_bytes",
    "parse_path",
]
