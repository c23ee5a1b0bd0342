"""Format detection for readers: decide a file's format from its bytes, then its extension.

file → **sniff** → reader. Content wins over the name: a PDF renamed .txt is read as PDF, and a
binary file named .txt is refused rather than read as garbage. Zip packages are told apart by their
members (DOCX, XLSX; other zips are refused), OLE2 files by their streams (Word/WPS documents are
read by conversion; legacy Excel and other OLE2 files are refused), RTF is refused.
Returns None for a format no reader handles.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

MARKDOWN_EXTENSIONS = {".md", ".markdown"}
HTML_EXTENSIONS = {".html", ".htm", ".shtml", ".xhtml", ".jhtml", ".asp", ".aspx", ".jsp", ".php"}
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])  # control characters other than \t \n \v \f \r
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title")


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "[Content_Types].xml" in names:  # main part under another name
                info = zf.getinfo("[Content_Types].xml")
                if info.file_size > 1_000_000:
                    return None
                types = zf.read(info)
                if b"wordprocessingml.document.main+xml" in types:
                    return "docx"
                if b"spreadsheetml.sheet.main+xml" in types:
                    return "xlsx"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, KeyError, RuntimeError):
        return None
    return None


def _ole2_kind(data: bytes, ext: str) -> str | None:
    """.doc / .wps by their `WordDocument` stream; legacy Excel and other OLE2 files are not read."""
    word = "WordDocument".encode("utf-16-le") in data
    if word:
        return "wps" if ext == ".wps" else "doc"
    if ext in {".doc", ".wps", ".dot", ".wpt"} and not any(
        name.encode("utf-16-le") in data for name in ("Workbook", "Book", "PowerPoint Document")
    ):
        return "wps" if ext in {".wps", ".wpt"} else "doc"  # directory not found by the quick look: trust the name
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB: not text in any encoding we read."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with BOM
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return bool(head) and controls / len(head) > 0.05


def _looks_html(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_HTML_STARTS):
        return True
    if head.startswith((b"<?xml", b"<!--")) and (b"<html" in head or b"<!doctype html" in head):
        return True
    return b"<table" in data[:65536].lower()


_BMP_HEADERS = {12, 40, 52, 56, 64, 108, 124}  # sizes of the BMP info header


def image_kind(data: bytes) -> str | None:
    """PNG, JPEG, GIF, TIFF or BMP by their magic bytes (read by OCR, gaicheck.readers.image)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if data.startswith(b"BM") and len(data) > 18 and int.from_bytes(data[14:18], "little") in _BMP_HEADERS:
        return "bmp"
    return None


def sniff_format(path: str, data: bytes) -> str | None:
    ext = Path(path).suffix.lower()
    if image_kind(data) is not None:  # pictures: read by OCR
        return "image"
    pdf_at = data.find(b"%PDF-", 0, 1024)  # the header may follow a few junk bytes
    if pdf_at == 0 or (pdf_at > 0 and data[:pdf_at].count(b"\n") <= 2 and b"<" not in data[:pdf_at]):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(OLE2_MAGIC):
        return _ole2_kind(data, ext)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return None  # RTF: no reader
    if looks_binary(data):
        return None
    if _looks_html(data):
        if ext in MARKDOWN_EXTENSIONS:
            return "markdown"
        return "html"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if ext in HTML_EXTENSIONS and b"<" in head:
        return "html"
    if ext in MARKDOWN_EXTENSIONS:
        return "markdown"
    return "text"
