"""Format detection for readers: decide a file's format from its bytes, then its extension.

file → **sniff** → reader. Content wins over the name: a PDF renamed .txt is read as PDF, and a
binary file named .txt is refused rather than read as garbage.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

TEXT_EXTENSIONS = {".txt", ".text", ".csv"}
MARKDOWN_EXTENSIONS = {".md", ".markdown"}
HTML_EXTENSIONS = {".html", ".htm", ".shtml", ".xhtml", ".jhtml", ".asp", ".aspx", ".jsp", ".php"}


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB: not text in any encoding we read."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with BOM
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


def sniff_format(path: str, data: bytes) -> str | None:
    ext = Path(path).suffix.lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: .doc / .wps (or old .xls)
        return "wps" if ext == ".wps" else "doc"
    if looks_binary(data):
        return None
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<table" in data[:65536].lower():
        if ext in MARKDOWN_EXTENSIONS:
            return "markdown"
        return "html"
    if ext in HTML_EXTENSIONS and b"<" in head:
        return "html"
    if ext in MARKDOWN_EXTENSIONS:
        return "markdown"
    return "text"
