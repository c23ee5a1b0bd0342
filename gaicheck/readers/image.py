"""Picture files (PNG, JPEG, GIF, TIFF, BMP, WebP): file → sniff → **image reader** → OCR → Document → extractor.

Decodes the picture with Pillow (refusing decompression bombs before decoding), one page per frame of
a multi-page TIFF or GIF, and reads each page with gaicheck.ocr. Without the `ocr` extra, or with OCR
switched off (`GAICHECK_OCR=0`), the file is refused with a one-line reason saying how to install it.
Locations: `Location(page, table, row, cell)` for cells, `Location(page, line)` for text lines.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from gaicheck.model.document import Document
from gaicheck.ocr import (
    OcrUnavailable,
    address_space_cap_mb,
    capped,
    enabled,
    lean_process,
    max_pages,
    max_pixels,
    memory_reason,
    memory_short,
    unavailable_reason,
)
from gaicheck.readers.errors import ReadError
from gaicheck.readers.sniff import image_kind

IMAGE_FORMATS = ("png", "jpeg", "tiff", "bmp", "gif", "webp")


def refusal(kind: str) -> str:
    """The one line a picture is refused with when OCR is not available (names the extra to install)."""
    zh = f"这是一张图片（{kind}），图片中的表格需要OCR识别"
    return unavailable_reason(zh, f"this is a picture ({kind}): reading tables from pictures needs OCR")


def ocr_ready() -> bool:
    """OCR can read a picture here: switched on, memory cap large enough, engine installed. Under a cap too
    small for it, a server's process for small inputs is told (gaicheck.ocr.memory_short raises)."""
    if not enabled():
        return False
    cap = address_space_cap_mb()  # (checked before the engine is imported, which may crash under the cap)
    if cap is not None:
        memory_short(cap)
        return False
    if capped():
        lean_process()  # the address space OCR holds under the cap (measured in gaicheck.ocr)
    from gaicheck.ocr.engine import available

    return available()


def open_image(data: bytes) -> Any:
    """The decoded-lazily Pillow image, after the pixel limit is checked; ReadError when damaged or too big."""
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = None  # our own limit below, checked before any pixel is decoded
    try:
        image = Image.open(BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ReadError(f"图片文件损坏，无法读取 / damaged image, cannot be read ({type(exc).__name__})") from exc
    limit = max_pixels()
    width, height = image.size
    if limit and width * height > limit:
        raise ReadError(
            f"图片像素过多（{width}×{height}，上限 {limit} 像素）"
            f"/ image too large ({width}×{height} pixels, limit {limit})"
        )
    return image


def grey_pages(image: Any) -> list[Any]:
    """Each frame as a grey numpy array (transparent parts on white)."""
    import numpy as np
    from PIL import Image, ImageSequence

    frames = getattr(image, "n_frames", 1)
    limit = max_pages()
    if limit and frames > limit:
        raise ReadError(f"图片页数过多（{frames} 页，上限 {limit} 页）/ too many image pages ({frames}, limit {limit})")
    pages: list[Any] = []
    try:
        for frame in ImageSequence.Iterator(image):
            rgba = frame.convert("RGBA")
            white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            pages.append(np.asarray(Image.alpha_composite(white, rgba).convert("L")))
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ReadError(f"图片文件损坏，无法读取 / damaged image, cannot be read ({type(exc).__name__})") from exc
    return pages


def read(path: str, data: bytes) -> Document:
    kind = image_kind(data) or Path(path).suffix.lstrip(".").upper() or "?"
    if not ocr_ready():
        cap = address_space_cap_mb()
        if enabled() and cap is not None:
            raise ReadError(memory_reason(cap))
        raise ReadError(refusal(kind))
    image = open_image(data)
    pages = grey_pages(image)
    from gaicheck.ocr.page import read_picture

    doc = Document(path=path, format="image")
    name = Path(path).name
    try:
        for number, grey in enumerate(pages, start=1):
            result = read_picture(grey, {"page": number}, name if len(pages) == 1 else f"{name} #{number}")
            doc.blocks.extend(result.blocks)
            doc.notes.append(f"ocr-page:{number}")
    except OcrUnavailable as exc:
        raise ReadError(refusal(kind)) from exc
    return doc
