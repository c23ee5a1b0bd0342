"""OCR: pictures of tables (image files, scanned PDF pages, pictures in DOCX/HTML) → Document blocks.

file → reader → **ocr** (deskew, ruling lines or text alignment → grid, per-cell recognition with a
confidence) → the same Table/Paragraph blocks the other readers produce → extractor. The engine
(RapidOCR with the PP-OCRv4 models its wheel ships) is imported only when a picture is met; without the
`ocr` extra a picture gets a one-line reason saying how to install it.
"""

from __future__ import annotations

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


MIN_ADDRESS_SPACE_MB = 900  # the engine (onnxruntime + OpenCV) crashes below about 800 MB of address space


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


def memory_reason(cap_mb: int) -> str:
    """The one-line reason a picture is not read under a memory cap too small for OCR."""
    return (
        f"图像识别需要至少 {MIN_ADDRESS_SPACE_MB} MB 内存，当前上限 {cap_mb} MB（GAICHECK_MAX_MEMORY_MB） / "
        f"OCR needs at least {MIN_ADDRESS_SPACE_MB} MB of memory, the limit is {cap_mb} MB (GAICHECK_MAX_MEMORY_MB)"
    )


def extend_time_limit() -> None:
    """One more picture is read: the per-file time limit (gaicheck/pipeline/guard.py, when one runs) grows by
    `Limits.ocr_seconds_per_page` (`GAICHECK_OCR_SECONDS_PER_PAGE`), through `limits.allow_ocr_pages`, the
    same extension a PDF's pages use (`allow_pages`)."""
    from gaicheck.limits import allow_ocr_pages

    allow_ocr_pages(1)
