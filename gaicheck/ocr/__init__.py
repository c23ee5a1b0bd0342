"""OCR: pictures of tables (image files, scanned PDF pages, pictures in DOCX/HTML) → Document blocks.

file → reader → **ocr** (deskew, ruling lines or text alignment → grid, per-cell recognition with a
confidence) → the same Table/Paragraph blocks the other readers produce → extractor. The engine
(RapidOCR with the PP-OCRv4 models its wheel ships) is imported only when a picture is met; without the
`ocr` extra a picture gets a one-line reason saying how to install it.
"""

from __future__ import annotations

from collections.abc import Callable

INSTALL_HINT_ZH = "需要安装图像识别组件：pip install 'gaicheck[ocr]'"
INSTALL_HINT_EN = "OCR needs the ocr extra: pip install 'gaicheck[ocr]'"


class OcrUnavailable(Exception):
    """The OCR engine (the `ocr` extra) is not installed."""


def unavailable_reason(what_zh: str, what_en: str) -> str:
    """The one-line reason for a picture that cannot be read without the extra."""
    return f"{what_zh}，{INSTALL_HINT_ZH} / {what_en}; {INSTALL_HINT_EN}"


DEFAULT_MAX_PIXELS = 40_000_000  # pixels in one picture (a 200 dpi A3 scan is 19 million)
DEFAULT_MAX_PAGES = 50  # pictures (image frames, text-less PDF pages) read by OCR in one file
RENDER_DPI = 200  # text-less PDF pages are rendered at this resolution


def _env_int(name: str, default: int) -> int:
    import os

    raw = os.environ.get(name, "").strip()
    try:
        value = int(raw) if raw else default
    except ValueError:
        return default
    return value if value >= 0 else default


def max_pixels() -> int:
    """Largest picture read (`GAICHECK_MAX_IMAGE_PIXELS`, 0 = no limit): a decompression bomb is refused."""
    return _env_int("GAICHECK_MAX_IMAGE_PIXELS", DEFAULT_MAX_PIXELS)


def max_pages() -> int:
    """Most pictures OCR'd in one file (`GAICHECK_MAX_OCR_PAGES`, 0 = no limit)."""
    return _env_int("GAICHECK_MAX_OCR_PAGES", DEFAULT_MAX_PAGES)


def enabled() -> bool:
    """OCR can be switched off (`GAICHECK_OCR=0`): pictures are then refused as without the extra."""
    import os

    return os.environ.get("GAICHECK_OCR", "1").strip().lower() not in {"0", "off", "no", "false"}


# address space OCR needs (onnxruntime + OpenCV + the page's arrays), measured: a screenshot of a report peaks
# near 590 MB and a 6-page scanned PDF near 665 MB in a process with one malloc arena and one BLAS thread (the
# server's workers, gaicheck.server.worker.lean_process); without those, glibc reserves 64 MB per thread
MIN_ADDRESS_SPACE_MB = 700


def address_space_cap_mb() -> int | None:
    """This process's address-space cap (RLIMIT_AS, MB) when it is below what OCR needs, else None: OCR is then
    not started (under a 512 MB cap the engine's native code crashes the process instead of raising)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    soft = resource.getrlimit(resource.RLIMIT_AS)[0]
    if soft == resource.RLIM_INFINITY or soft >= MIN_ADDRESS_SPACE_MB * 1024 * 1024:
        return None
    return int(soft // (1024 * 1024))


def lean_process() -> None:
    """Hold less address space for the same work: one malloc arena (glibc reserves 64 MB of address space for
    each thread's arena: onnxruntime's and OpenCV's threads took ~300 MB) and one BLAS thread (NumPy's and
    OpenCV's OpenBLAS reserve a buffer per thread, read when the library loads). For processes under a
    memory cap only (a worker process, the command line: one file at a time per process), before OCR loads."""
    import os
    import sys

    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).mallopt(-8, 1)  # M_ARENA_MAX
        except (OSError, AttributeError):
            pass


def capped() -> bool:
    """Whether this process runs under an address-space cap (RLIMIT_AS)."""
    try:
        import resource
    except ImportError:  # Windows
        return False
    return bool(resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY)


def memory_reason(cap_mb: int) -> str:
    """The one-line reason a picture is not read under a memory cap too small for OCR."""
    return (
        f"图像识别需要至少 {MIN_ADDRESS_SPACE_MB} MB 内存，当前上限 {cap_mb} MB（GAICHECK_MAX_MEMORY_MB） / "
        f"OCR needs at least {MIN_ADDRESS_SPACE_MB} MB of memory, the limit is {cap_mb} MB (GAICHECK_MAX_MEMORY_MB)"
    )


class OcrNeedsMemory(Exception):
    """OCR was needed in a process whose memory cap is too small for it, and the process asked to be told
    (`raise_when_memory_short`): the server's process for small inputs hands the file to another."""


_SHORT_RAISES = False
_PAGE_LISTENER: list[Callable[[float], None]] = []


def raise_when_memory_short(on: bool = True) -> None:
    """From now on, a picture met under a too small memory cap raises OcrNeedsMemory (see `memory_short`)."""
    global _SHORT_RAISES
    _SHORT_RAISES = on


def memory_short(cap_mb: int) -> None:
    """A reader met a picture under the cap `cap_mb`, too small for OCR: raises OcrNeedsMemory when this process
    asked for it; else the reader goes on as without OCR (a one-line reason, or STR009 for a scanned PDF)."""
    if _SHORT_RAISES:
        raise OcrNeedsMemory(memory_reason(cap_mb))


def listen_to_pages(listener: Callable[[float], None] | None) -> None:
    """Call `listener(pages)` for every picture read (the server's worker tells the pool, whose time limit
    grows as the command line's does); None stops it."""
    _PAGE_LISTENER[:] = [listener] if listener is not None else []


A4_RATIO = 2**0.5  # an A4 page is this many times as high as it is wide


def a4_pages(width: int, height: int) -> float:
    """How many A4 pages a picture holds, by its shape: at least 1 (a full-page screenshot of a report is
    often 1.3–1.5 pages high, and its time grows with its text)."""
    return max(1.0, round(height / max(width, 1) / A4_RATIO, 2))


def extend_time_limit(pages: float = 1.0) -> None:
    """A picture of `pages` A4 pages is read: the per-file time limit (gaicheck/pipeline/guard.py, when one
    runs) grows by `Limits.ocr_seconds_per_page` (`GAICHECK_OCR_SECONDS_PER_PAGE`) per page, through
    `limits.allow_ocr_pages`, the same extension a PDF's pages use (`allow_pages`); so does the server's."""
    from gaicheck.limits import allow_ocr_pages

    allow_ocr_pages(pages)
    for listener in _PAGE_LISTENER:
        listener(pages)
