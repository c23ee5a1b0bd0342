"""Server settings: limits and switches shared by the page and the API (set by `gaicheck serve`)."""

from __future__ import annotations

from dataclasses import dataclass, field

MB = 1024 * 1024


def _zip_limits() -> tuple[int, int]:
    """DOCX/XLSX limits shared with the readers (gaicheck/limits.py, GAICHECK_MAX_ZIP_* variables) when
    that module is installed; otherwise 200 MB uncompressed and 10 000 entries."""
    try:
        from gaicheck.limits import default_limits
    except ImportError:
        return 200 * MB, 10_000
    limits = default_limits()
    return limits.max_zip_bytes or 200 * MB, limits.max_zip_entries or 10_000


def _default_unzipped() -> int:
    return _zip_limits()[0]


def _default_entries() -> int:
    return _zip_limits()[1]


@dataclass(frozen=True, slots=True)
class ServerConfig:
    max_upload_bytes: int = 20 * MB  # one uploaded file or pasted text
    max_unzipped_bytes: int = field(default_factory=_default_unzipped)  # DOCX/XLSX: total uncompressed size
    max_zip_entries: int = field(default_factory=_default_entries)  # DOCX/XLSX: number of entries
    timeout_seconds: float = 60.0  # reading + checking one report
    worker_threads: int = 4  # checks running at once; more requests wait (inside their time limit)
    cors_origins: tuple[str, ...] = field(default_factory=tuple)  # empty: CORS off

    @property
    def max_body_bytes(self) -> int:
        """The request body may carry multipart framing and form fields around the file."""
        return self.max_upload_bytes + 256 * 1024

    @property
    def max_upload_mb(self) -> str:
        """The upload limit for people: "20 MB", "512 KB"."""
        return size_label(self.max_upload_bytes)


def size_label(size: int) -> str:
    if size >= MB:
        return f"{round(size / MB, 1):g} MB"
    return f"{round(size / 1024, 1):g} KB"
