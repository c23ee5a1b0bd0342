"""The pipeline's error taxonomy: whatever a reader, the extractor or a rule raises for one file becomes one
`Failure` — a kind (which limit, or what went wrong) and a one-line message naming it, in Chinese and
English — so that one bad file never stops a run and no traceback reaches a user.

pipeline (check one file) → **errors** → FileResult.error (command line, API) or an HTTP status (server).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gaicheck.limits import Limits, default_limits
from gaicheck.readers.errors import ReadError


class Kind(StrEnum):
    TOO_LARGE = "too_large"  # over the size limit, refused before reading
    UNREADABLE = "unreadable"  # the reader said why (ReadError), or the file could not be opened
    TIME = "time"  # over the time limit
    MEMORY = "memory"  # over the memory cap
    UNSUPPORTED = "unsupported"  # a component for this format is not installed
    UNPARSABLE = "unparsable"  # a malformed file made a reader fail in an unexpected place
    INTERNAL = "internal"  # a bug: reported for this file only


@dataclass(frozen=True, slots=True)
class Failure:
    kind: Kind
    message: str  # one line for the user: what happened to this file
    detail: str = ""  # the exception's own text (the server words its answers from it)


class FileFailure(Exception):
    """Raised by the pipeline's `parse_file` for a file that could not be read within the limits."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.failure = failure


class TimeLimitExceeded(BaseException):
    """Raised while a file is checked when it takes longer than its time limit.

    A BaseException so that no `except Exception` inside a reader or rule swallows it."""


# what a reader may raise on a malformed file besides ReadError
PARSE_ERRORS = (RecursionError, ValueError, OSError, UnicodeError, KeyError, IndexError, LookupError)
MAX_MESSAGE = 300


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """Whitespace (newlines included) folded to single spaces, at most `limit` characters."""
    return " ".join(text.split())[:limit]


def _human_size(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 104858 else f"{size / 1024:.1f} KB"


def too_large(size: int, limits: Limits) -> Failure | None:
    """The failure of a file of `size` bytes, None when it is inside the size limit."""
    if limits.max_file_mb and size > limits.max_file_bytes:
        shown, limit = _human_size(size), f"{limits.max_file_mb:g} MB"
        return Failure(Kind.TOO_LARGE, f"文件过大（{shown}，上限 {limit}）/ file too large ({shown}, limit {limit})")
    return None


def cannot_open(exc: OSError) -> Failure:
    """A file that could not be opened or read from the disk."""
    reason = exc.strerror or str(exc)
    return Failure(Kind.UNREADABLE, one_line(f"无法读取文件 / cannot read file: {reason}"), reason)


def folder_failure(reason: str) -> Failure:
    """A folder that could not be listed (it stands in the run where its files would be)."""
    return Failure(Kind.UNREADABLE, one_line(f"无法读取文件夹 / cannot read folder: {reason}"), reason)


def time_exceeded(seconds: float) -> Failure:
    return Failure(Kind.TIME, f"检查超时（上限 {seconds:g} 秒）/ time limit exceeded ({seconds:g} s)")


def classify(exc: BaseException, limits: Limits | None = None) -> Failure:
    """The failure of one file from what was raised while it was read or checked."""
    limits = limits or default_limits()
    if isinstance(exc, FileFailure):
        return exc.failure
    detail = str(exc)
    if isinstance(exc, ReadError):
        return Failure(Kind.UNREADABLE, one_line(detail), detail)
    if isinstance(exc, TimeLimitExceeded):
        seconds = exc.args[0] if exc.args and isinstance(exc.args[0], (int, float)) else limits.max_seconds
        return time_exceeded(seconds)
    if isinstance(exc, MemoryError):
        cap = limits.max_memory_mb
        shown = f"（上限 {cap} MB）/ memory limit exceeded ({cap} MB)" if cap else " / out of memory"
        return Failure(Kind.MEMORY, f"内存不足{shown}", detail)
    if isinstance(exc, ImportError):
        return Failure(
            Kind.UNSUPPORTED,
            one_line(f"缺少读取此格式的组件 / a component needed for this format is missing: {exc}"),
            detail,
        )
    if isinstance(exc, PARSE_ERRORS):
        return Failure(Kind.UNPARSABLE, one_line(f"无法解析文件 / cannot parse file: {type(exc).__name__}: {exc}"),
                       detail)
    return Failure(Kind.INTERNAL, one_line(f"内部错误 / internal error: {type(exc).__name__}: {exc}"), detail)


__all__ = [
    "PARSE_ERRORS",
    "Failure",
    "FileFailure",
    "Kind",
    "ReadError",
    "TimeLimitExceeded",
    "cannot_open",
    "classify",
    "folder_failure",
    "one_line",
    "time_exceeded",
    "too_large",
]
