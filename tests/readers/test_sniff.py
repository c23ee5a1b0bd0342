"""Format detection: content before the name; binary files and unsupported containers refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from gaicheck.readers import ReadError, read_bytes
from gaicheck.readers.sniff import image_kind, looks_binary, sniff_format

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def zipped(*names: str, content_types: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in names:
            zf.writestr(name, "<x/>")
        if content_types is not None:
            zf.writestr("[Content_Types].xml", content_types)
    return buf.getvalue()


def test_binary_file_named_txt_is_refused() -> None:
    data = bytes(range(256)) * 16
    assert looks_binary(data)
    assert sniff_format("report.txt", data) is None
    with pytest.raises(ReadError, match="unrecognised file format"):
        read_bytes("report.txt", data)


def test_content_wins_over_the_name() -> None:
    pdf = (CORPUS / "2023_huaian_hongzequ.pdf").read_bytes()
    assert sniff_format("report.txt", pdf) == "pdf"
    assert sniff_format("report.pdf", b"\r\n" + pdf) == "pdf"  # a little junk before the header
    assert sniff_format("report.txt", b"<html><body><p>x</p></body></html>") == "html"
    assert sniff_format("report.html", "一、总体情况\n正文".encode()) == "text"


def test_zip_packages() -> None:
    assert sniff_format("a.zip", zipped("word/document.xml")) == "docx"
    assert sniff_format("a.bin", zipped("xl/workbook.xml")) == "xlsx"
    types = b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    assert sniff_format("a.docx", zipped("word/doc2.xml", content_types=types)) == "docx"
    assert sniff_format("a.odt", zipped("content.xml", "mimetype")) is None
    assert sniff_format("a.docx", b"PK\x03\x04 not really a zip") is None


def test_ole2_files() -> None:
    word = OLE2 + "WordDocument".encode("utf-16-le")
    assert sniff_format("a.doc", word) == "doc"
    assert sniff_format("a.wps", word) == "wps"
    assert sniff_format("a.bin", word) == "doc"
    assert sniff_format("a.xls", OLE2 + "Workbook".encode("utf-16-le")) == "xls"
    assert sniff_format("a.et", OLE2 + "Workbook".encode("utf-16-le")) == "et"
    assert sniff_format("a.xls", OLE2 + "Book".encode("utf-16-le")) == "xls"  # BIFF5
    assert sniff_format("a.doc", OLE2 + "Workbook".encode("utf-16-le")) == "xls"  # the content decides
    assert sniff_format("a.ppt", OLE2 + "PowerPoint Document".encode("utf-16-le")) is None
    assert sniff_format("a.doc", OLE2 + "PowerPoint Document".encode("utf-16-le")) is None
    assert sniff_format("a.wps", OLE2) == "wps"  # directory not found by the quick look: the name decides
    assert sniff_format("a.et", OLE2) == "et"
    assert sniff_format("a.msg", OLE2) is None


PICTURES = {
    "PNG": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + b"\0" * 64,
    "JPEG": b"\xff\xd8\xff\xe0\0\x10JFIF\0" + b"\0" * 64,
    "GIF": b"GIF89a\x01\0\x01\0" + b"\0" * 64,
    "TIFF": b"II*\0\x08\0\0\0" + b"\0" * 64,
    "BMP": b"BM"
    + (90).to_bytes(4, "little")
    + b"\0\0\0\0"
    + (54).to_bytes(4, "little")
    + (40).to_bytes(4, "little")
    + b"\0" * 80,
    "WebP": b"RIFF\x40\0\0\0WEBPVP8 " + b"\0" * 64,
}


@pytest.mark.parametrize("kind", sorted(PICTURES))
def test_a_picture_is_named_and_refused_with_one_line(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without OCR (the `ocr` extra missing, or switched off) the line says how to install the extra."""
    monkeypatch.setenv("GAICHECK_OCR", "0")
    data = PICTURES[kind]
    assert image_kind(data) == kind
    assert sniff_format("年报.txt", data) == "image"  # the content decides, not the name
    with pytest.raises(ReadError) as info:
        read_bytes("年报.png", data)
    assert str(info.value) == (
        f"这是一张图片（{kind}），图片中的表格需要OCR识别，需要安装图像识别组件：pip install 'gaicheck[ocr]' / "
        f"this is a picture ({kind}): reading tables from pictures needs OCR; "
        "OCR needs the ocr extra: pip install 'gaicheck[ocr]'"
    )


@pytest.mark.parametrize("kind", sorted(PICTURES))
def test_a_damaged_picture_is_refused_with_one_line_by_ocr(kind: str) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    with pytest.raises(ReadError) as info:
        read_bytes("年报.png", PICTURES[kind])
    assert str(info.value).startswith("图片文件损坏，无法读取 / damaged image, cannot be read (")


def test_text_that_starts_like_a_bitmap_is_text() -> None:
    assert image_kind("BMW 2023年政府信息公开工作年度报告".encode()) is None
    assert sniff_format("a.txt", "BMW 2023年政府信息公开工作年度报告".encode()) == "text"
    assert sniff_format("a.txt", b"GIF is a format") == "text"


def test_text_shapes() -> None:
    assert sniff_format("a.md", b"| a | b |\n|---|---|\n<table></table>") == "markdown"
    assert sniff_format("a.txt", "\ufeff一、总体情况".encode()) == "text"
    assert sniff_format("a.txt", "一、总体情况".encode("utf-16")) == "text"  # UTF-16 with BOM
    assert sniff_format("a.htm", b"<div>fragment</div>") == "html"
    assert sniff_format("a.txt", b"<!-- saved page -->\n<html><body></body></html>") == "html"
    assert sniff_format("a.txt", b"{\\rtf1\\ansi hello}") is None


@pytest.mark.parametrize("path", sorted(CORPUS.iterdir()), ids=lambda p: p.name)
def test_corpus_formats(path: Path) -> None:
    expected = {".html": "html", ".pdf": "pdf", ".txt": "text", ".md": "markdown"}[path.suffix]
    assert sniff_format(str(path), path.read_bytes()) == expected
