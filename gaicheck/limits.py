"""Resource limits for one checked file: size, time, PDF pages, zip contents, memory.

Applies to the whole flow (file → reader → extractor → rules): the pipeline (gaicheck/pipeline/) enforces
the size and time limits and, in the command line, the memory cap; the readers enforce the PDF and zip
limits. A file beyond a limit is not checked: it becomes a FileResult with a one-line `error` naming the
limit. The time limit grows with the pages of a PDF (`seconds_per_page`, see `allow_pages`) and with the
pictures OCR reads (`ocr_seconds_per_page`, see `allow_ocr_pages`), so a file inside the page limit can
always be checked.

Defaults suit a portal checking tens of thousands of reports. Each limit can be changed from the
environment (`GAICHECK_MAX_FILE_MB=100`, `GAICHECK_MAX_SECONDS=60`, …, see `ENV`) or by passing a
`Limits` object to `check_file`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, ValidationError

MB = 1024 * 1024


class Limits(BaseModel):
    """The limits for one file. `0` disables a limit."""

    model_config = ConfigDict(frozen=True)

    max_file_mb: float = Field(default=50.0, ge=0, description="largest file read, in MiB")
    max_seconds: float = Field(default=30.0, ge=0, description="wall-clock seconds to check one file")
    seconds_per_page: float = Field(default=0.2, ge=0, description="seconds added to max_seconds per PDF page")
    ocr_seconds_per_page: float = Field(
        default=10.0, ge=0, description="seconds added to max_seconds per A4 page of picture read by OCR"
    )
    max_pdf_pages: int = Field(default=2000, ge=0, description="most PDF pages read")
    max_zip_mb: float = Field(default=200.0, ge=0, description="largest uncompressed size of a DOCX/XLSX zip, in MiB")
    max_zip_entries: int = Field(default=10_000, ge=0, description="most members of a DOCX/XLSX zip")
    max_memory_mb: int = Field(default=1024, ge=0, description="address-space cap applied by `apply_memory_limit`")

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    @property
    def max_zip_bytes(self) -> int:
        return int(self.max_zip_mb * MB)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        """Defaults overridden by GAICHECK_* environment variables; an invalid value keeps the default."""
        env = os.environ if environ is None else environ
        values: dict[str, str] = {field: env[var] for var, field in ENV.items() if env.get(var, "").strip()}
        try:
            return cls.model_validate(values)
        except ValidationError:
            good = {}
            for field, raw in values.items():
                try:
                    cls.model_validate({field: raw})
                except ValidationError:
                    continue
                good[field] = raw
            return cls.model_validate(good)


# environment variable → field
ENV: dict[str, str] = {
    "GAICHECK_MAX_FILE_MB": "max_file_mb",
    "GAICHECK_MAX_SECONDS": "max_seconds",
    "GAICHECK_SECONDS_PER_PAGE": "seconds_per_page",
    "GAICHECK_OCR_SECONDS_PER_PAGE": "ocr_seconds_per_page",
    "GAICHECK_MAX_PDF_PAGES": "max_pdf_pages",
    "GAICHECK_MAX_ZIP_MB": "max_zip_mb",
    "GAICHECK_MAX_ZIP_ENTRIES": "max_zip_entries",
    "GAICHECK_MAX_MEMORY_MB": "max_memory_mb",
}


@cache
def env_limits() -> Limits:
    """Defaults plus the environment (read once per process)."""
    return Limits.from_env()


_CURRENT: ContextVar[Limits | None] = ContextVar("gaicheck_limits", default=None)


def default_limits() -> Limits:
    """The limits in force: those `check_file(..., limits=…)` is applying (see `using`), else
    the defaults plus the environment. Readers call this for the PDF and zip limits."""
    return _CURRENT.get() or env_limits()


@contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    """Make `limits` the ones `default_limits()` returns inside the block (this thread/task only)."""
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


# the running time limit's "add this many seconds" (set by gaicheck.pipeline.guard while a file is checked)
_EXTEND_TIME: ContextVar[Callable[[float], None] | None] = ContextVar("gaicheck_extend_time", default=None)


def set_time_extender(extend: Callable[[float], None] | None) -> Token[Callable[[float], None] | None]:
    """Until `reset_time_extender(token)`, `allow_pages` adds time through `extend` (one file's time guard)."""
    return _EXTEND_TIME.set(extend)


def reset_time_extender(token: Token[Callable[[float], None] | None]) -> None:
    _EXTEND_TIME.reset(token)


def allow_pages(pages: int) -> None:
    """A reader that has counted a document's pages (inside the page limit) calls this: the file's time
    limit grows by `seconds_per_page` for each page. Nothing happens outside a time-limited check."""
    extend = _EXTEND_TIME.get()
    if extend is not None and pages > 0:
        extend(pages * default_limits().seconds_per_page)


def allow_ocr_pages(pages: float) -> None:
    """OCR (gaicheck.ocr) calls this for each picture or scanned page it reads, with its size in A4 pages: the
    file's time limit grows by `ocr_seconds_per_page` for each, through the same extension as `allow_pages`."""
    extend = _EXTEND_TIME.get()
    if extend is not None and pages > 0:
        extend(pages * default_limits().ocr_seconds_per_page)


def apply_memory_limit(limits: Limits | None = None) -> bool:
    """Cap this process's address space (RLIMIT_AS) so a hostile file ends in MemoryError, not in the
    OOM killer. For command-line and worker processes only (never call it inside a host application).
    Returns False where the platform has no such limit."""
    cap = (limits or default_limits()).max_memory_mb
    if cap <= 0:
        return False
    try:
        import resource
    except ImportError:  # Windows
        return False
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = cap * MB
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    if soft != resource.RLIM_INFINITY and soft <= want:
        return True
    try:
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    except (ValueError, OSError):
        return False
    return True


def _address_space() -> int | None:
    """This process's current address space in bytes (Linux), None where it cannot be read."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


@contextmanager
def memory_capped(limits: Limits | None = None) -> Iterator[bool]:
    """`apply_memory_limit` for the duration of a command-line run (the check of one file, of many with any
    --jobs, `parse`, `series`), then the previous soft limit again. Child processes started inside (the
    worker processes, LibreOffice) inherit the cap. Yields whether a cap is in force. A process that
    already uses more address space than the cap (a host application) is left alone."""
    cap = (limits or default_limits()).max_memory_mb
    try:
        import resource
    except ImportError:  # Windows
        yield False
        return
    used = _address_space()
    if cap <= 0 or (used is not None and used >= cap * MB):
        yield False
        return
    before = resource.getrlimit(resource.RLIMIT_AS)
    applied = apply_memory_limit(limits)
    try:
        yield applied
    finally:
        if applied:
            resource.setrlimit(resource.RLIMIT_AS, before)


__all__ = [
    "ENV",
    "MB",
    "Limits",
    "allow_ocr_pages",
    "allow_pages",
    "apply_memory_limit",
    "default_limits",
    "env_limits",
    "memory_capped",
    "reset_time_extender",
    "set_time_extender",
    "using",
]
