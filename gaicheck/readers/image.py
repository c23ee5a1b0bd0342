"""Picture files (PNG, JPEG, GIF, TIFF, BMP, WebP): file → sniff → **image reader** → a ReadError.

A table in a picture can only be read by text recognition (OCR), which this version does not have:
the file is refused with one line that says it is a picture and why it cannot be checked, so a batch
names it (exit code 2) and goes on with the other files.
"""

from __future__ import annotations

from pathlib import Path

from gaicheck.model.document import Document
from gaicheck.readers.errors import ReadError
from gaicheck.readers.sniff import image_kind


def read(path: str, data: bytes) -> Document:
    kind = image_kind(data) or Path(path).suffix.lstrip(".").upper() or "?"
    raise ReadError(
        f"这是一张图片（{kind}），图片中的表格需要OCR识别，当前版本不支持 / "
        f"this is a picture ({kind}): reading tables from pictures needs OCR, which this version does not support"
    )
