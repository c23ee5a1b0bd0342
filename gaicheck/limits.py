"""Resource limits for one checked file: size, time, PDF pages, zip contents, memory.

Applies to the whole flow (file → reader → extractor → rules): `gaicheck.api.check_file` enforces the
size and time limits, the readers enforce the PDF and zip limits. A file beyond a limit is not checked:
it becomes a FileResult with a one-line `error` naming the limit.

Defaults suit a portal checking tens of thousands of reports. Each limit can be changed from the
environment (`GAICHECK_MAX_FILE_MB=100`, `GAICHECK_MAX_SECONDS=60`, …, see `ENV`) or by passing a
`Limits` object to `check_file`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, ValidationError

MB = 1024 * 1024


class Limits(BaseModel):
    """The limits for one file. `0` disables a limit."""

    model_config = ConfigDict(frozen=True)

    max_file_mb: float = Field(default=50.0, ge=0, description="largest file read, in MiB")
    max_seconds: float = Field(default=30.0, ge=0, description="wall-clock seconds to check one file")
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


__all__ = ["ENV", "MB", "Limits", "apply_memory_limit", "default_limits", "env_limits", "using"]
