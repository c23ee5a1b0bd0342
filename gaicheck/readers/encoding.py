"""Decoding text-based inputs (plain text, Markdown, HTML fallback) to str.

file bytes → **decode** → reader. BOMs first, then strict UTF-8, then GB18030 (a superset of
GB2312/GBK, the usual legacy encoding of Chinese government pages), then charset detection.
"""

from __future__ import annotations

import codecs


class DecodeError(Exception):
    pass


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). `declared` (e.g. from an HTML meta tag) is tried after BOMs."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    tries: list[str] = []
    if declared:
        low = declared.strip().lower()
        tries.append("gb18030" if low in {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030"} else low)
    tries += ["utf-8", "gb18030"]
    for name in tries:
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        best = None
    if best is not None and best.encoding:
        return str(best), best.encoding
    raise DecodeError("无法识别文本编码 / unknown text encoding")
