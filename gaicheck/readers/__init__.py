"""Readers: file → **reader** → Document. One module per format; each knows only its format.

`read_file` picks the reader from the file's content (magic bytes), falling back to the extension,
and imports heavy readers (PDF, DOCX, XLSX, HTML parsers) only when such a file is met.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from gaicheck.model.document import Document
from gaicheck.readers.sniff import sniff_format


class ReadError(Exception):
    """A file that cannot be read; the message is one line, for the user, in Chinese and English."""


# format name → module under gaicheck.readers exposing `read(path: str, data: bytes) -> Document`
READER_MODULES: dict[str, str] = {
    "text": "text",
    "markdown": "text",
    "html": "html",
    "docx": "docx",
    "pdf": "pdf",
    "xlsx": "xlsx",
    "doc": "office",
    "wps": "office",
    "image": "image",  # PNG/JPEG/TIFF/BMP/GIF, read by OCR (gaicheck.ocr)
}


def read_bytes(path: str, data: bytes) -> Document:
    fmt = sniff_format(path, data)
    if fmt is None:
        raise ReadError(f"无法识别的文件格式 / unrecognised file format: {Path(path).name}")
    module = importlib.import_module(f"gaicheck.readers.{READER_MODULES[fmt]}")
    document: Document = module.read(path, data)
    return document


def read_file(path: str) -> Document:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ReadError(f"无法读取文件 / cannot read file: {exc.strerror or exc}") from exc
    return read_bytes(path, data)
