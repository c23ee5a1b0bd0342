"""Text-less PDF pages read by OCR: PDF reader → **pdf_ocr** (pypdfium2 renders the page) → ocr.page.

A scanned PDF has pages without a text layer; with the `ocr` extra each such page is rendered at
`RENDER_DPI` (less when the page would exceed the picture pixel limit) and read like an image file.
"""

from __future__ import annotations

from typing import Any

from gaicheck.model.document import Block
from gaicheck.ocr import RENDER_DPI, max_pages, max_pixels
from gaicheck.readers.errors import ReadError


def ocr_pages(data: bytes, numbers: list[int]) -> dict[int, list[Block]]:
    """The blocks OCR reads on each of the given 1-based pages (pages past the OCR page limit are left
    out). Raises OcrUnavailable without the engine, ReadError for a page that cannot be rendered."""
    import numpy as np
    import pypdfium2

    from gaicheck.ocr.page import read_picture
    limit = max_pages()
    if limit and len(numbers) > limit:
        raise ReadError(
            f"需要图像识别的页数过多（{len(numbers)} 页，上限 {limit} 页）"
            f"/ too many pages to read by OCR ({len(numbers)}, limit {limit})"
        )
    out: dict[int, list[Block]] = {}
    try:
        pdf: Any = pypdfium2.PdfDocument(data)
    except Exception as exc:  # pdfplumber opened it; pdfium may still refuse
        raise ReadError(f"PDF 页面无法渲染 / PDF page cannot be rendered ({type(exc).__name__})") from exc
    try:
        first_table = 1
        for number in numbers:
            page = pdf[number - 1]
            width, height = page.get_size()  # points
            scale = RENDER_DPI / 72
            pixels = max_pixels()
            if pixels and width * height * scale * scale > pixels:
                scale = (pixels / (width * height)) ** 0.5
            bitmap = page.render(scale=scale, grayscale=True)
            grey = np.array(bitmap.to_numpy(), dtype=np.uint8)
            if grey.ndim == 3:
                grey = grey[:, :, 0]
            result = read_picture(grey, {"page": number}, f"page {number}", first_table=first_table)
            out[number] = result.blocks
            page.close()
    finally:
        pdf.close()
    return out
