"""Server settings: limits and switches shared by the page, the API and the worker pool (set by `gaicheck serve`)."""

from __future__ import annotations

import math
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


def _time_rule() -> tuple[float, float]:
    """The time limit of one check, as the command line has it (gaicheck/limits.py, GAICHECK_MAX_SECONDS and
    GAICHECK_SECONDS_PER_PAGE): base seconds, and seconds added per PDF page. The server always has one."""
    try:
        from gaicheck.limits import default_limits
    except ImportError:
        return 30.0, 0.2
    limits = default_limits()
    return limits.max_seconds or 30.0, float(getattr(limits, "seconds_per_page", 0.2))


def _default_seconds() -> float:
    return _time_rule()[0]


def _default_per_page() -> float:
    return _time_rule()[1]


def _default_ocr_per_page() -> float:
    """Seconds added per page read by OCR (GAICHECK_OCR_SECONDS_PER_PAGE), as the command line has it."""
    try:
        from gaicheck.limits import default_limits
    except ImportError:
        return 10.0
    return float(getattr(default_limits(), "ocr_seconds_per_page", 10.0))


def _default_pages() -> int:
    """The PDF page limit of the readers (GAICHECK_MAX_PDF_PAGES): no PDF earns time for more pages."""
    try:
        from gaicheck.limits import default_limits
    except ImportError:
        return 2000
    return default_limits().max_pdf_pages or 2000


def _default_unzipped() -> int:
    return _zip_limits()[0]


def _default_entries() -> int:
    return _zip_limits()[1]


# the smallest share of the memory budget a worker process can check a report in (measured: a Python
# process with every reader imported occupies ~95 MB of address space; a 6-page PDF peaks near 110 MB)
MIN_WORKER_MB = 160
# the share a process reading pictures (OCR: OpenCV + onnxruntime) needs, measured with one malloc arena and
# one BLAS thread (worker.lean_process): a screenshot of a report peaks near 590 MB, a 6-page scanned PDF
# rendered at 200 dpi near 665 MB. The processes for any input get it when the budget allows (worker_memory_mb)
OCR_WORKER_MB = 720


@dataclass(frozen=True, slots=True)
class ServerConfig:
    max_upload_bytes: int = 20 * MB  # one uploaded file or pasted text
    max_unzipped_bytes: int = field(default_factory=_default_unzipped)  # DOCX/XLSX: total uncompressed size
    max_zip_entries: int = field(default_factory=_default_entries)  # DOCX/XLSX: number of entries
    # time limit of one check: timeout_seconds + seconds_per_page × PDF pages (the worker is ended after it)
    timeout_seconds: float = field(default_factory=_default_seconds)
    seconds_per_page: float = field(default_factory=_default_per_page)
    ocr_seconds_per_page: float = field(default_factory=_default_ocr_per_page)  # + per page read by OCR
    max_pdf_pages: int = field(default_factory=_default_pages)  # pages counted for the time limit, at most
    workers: int = 1  # worker processes for inputs of any size; one more process serves small inputs only
    memory_mb: int = 1024  # memory budget of all worker processes together (address space, shared equally)
    queue_size: int = 32  # checks waiting per lane (small / large); more get 503 with Retry-After
    small_bytes: int = 2 * MB  # "small": at most this many bytes (DOCX/XLSX: uncompressed) …
    small_pages: int = 30  # … and, for a PDF, at most this many pages
    header_timeout: float = 10.0  # seconds for a client to send the request line and headers
    body_timeout: float = 60.0  # seconds for a client to send the whole request body
    prestart: bool = False  # start the worker processes with the app (`gaicheck serve`), not at the first check
    cors_origins: tuple[str, ...] = field(default_factory=tuple)  # empty: CORS off

    @property
    def max_body_bytes(self) -> int:
        """The request body may carry multipart framing and form fields around the file."""
        return self.max_upload_bytes + 256 * 1024

    @property
    def max_upload_mb(self) -> str:
        """The upload limit for people: "20 MB", "512 KB"."""
        return size_label(self.max_upload_bytes)

    @property
    def processes(self) -> int:
        """Worker processes: `workers` for any input plus one reserved for small inputs."""
        return self.workers + 1

    @property
    def worker_memory_mb(self) -> int:
        """The share of the memory budget of each process that takes inputs of any size (its address-space
        limit): OCR_WORKER_MB, so pictures can be read, when the process for small inputs keeps at least
        MIN_WORKER_MB of the rest; else the budget shared equally."""
        equal = self.memory_mb // self.processes
        if equal >= OCR_WORKER_MB or self.memory_mb - self.workers * OCR_WORKER_MB < MIN_WORKER_MB:
            return equal
        return OCR_WORKER_MB

    @property
    def small_worker_mb(self) -> int:
        """The share of the process reserved for small inputs (never pictures): what the others leave."""
        if self.worker_memory_mb == self.memory_mb // self.processes:
            return self.worker_memory_mb
        return self.memory_mb - self.workers * self.worker_memory_mb

    def share_mb(self, small_only: bool) -> int:
        """The address-space limit of one worker process."""
        return self.small_worker_mb if small_only else self.worker_memory_mb

    def time_limit_ocr(self, pages: int, ocr_pages: float) -> float:
        """`time_limit(pages)` plus `ocr_seconds_per_page` for each page read by OCR (in A4 pages, see
        gaicheck.ocr.extend_time_limit), as the command line counts them."""
        return self.time_limit(pages) + self.ocr_seconds_per_page * max(ocr_pages, 0.0)

    @property
    def buffered_bytes(self) -> int:
        """Request bodies the server holds in memory at once (uploads being received, queued or checked)."""
        return max(4 * self.max_body_bytes, 128 * MB)

    def time_limit(self, pages: int = 0) -> float:
        """Seconds one check may take: the base limit plus `seconds_per_page` for each PDF page (the pages
        a PDF declares, never more than the page limit: a PDF that lies about its pages earns nothing)."""
        return self.timeout_seconds + self.seconds_per_page * min(max(pages, 0), self.max_pdf_pages)

    def retry_after(self) -> int:
        """Seconds a client turned away because the server is busy should wait before trying again."""
        return max(1, math.ceil(min(self.timeout_seconds, 30.0) / 6))


def size_label(size: int) -> str:
    if size >= MB:
        return f"{round(size / MB, 1):g} MB"
    return f"{round(size / 1024, 1):g} KB"
