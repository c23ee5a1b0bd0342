"""Suppression comments: `<!-- gaicheck: ignore CODE[, CODE…] -->` (HTML, Markdown) and
`# gaicheck: ignore CODE` (text) switch the named codes off for the whole file.

Raw file bytes → **suppressed codes** → applied to the file's Findings after the rule engine. Read from
the bytes (not through the readers, which drop comments); binary formats (PDF, Word, Excel) have none.
"""

from __future__ import annotations

import re

from gaicheck.catalogue import matches
from gaicheck.model.finding import Finding

_COMMENT = re.compile(
    rb"(?:<!--|^[ \t]*#)[ \t]*gaicheck[ \t]*:[ \t]*ignore[ \t]+([A-Za-z0-9_, \t]+?)[ \t]*(?:-->|\r?$)", re.MULTILINE
)
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def _ascii_view(data: bytes) -> bytes:
    """UTF-16 files: drop the zero bytes so the ASCII comment can be matched."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.replace(b"\x00", b"")
    return data


def suppressed_codes(data: bytes) -> list[str]:
    """The codes (or prefixes) switched off by comments in a text or HTML file, in order of appearance."""
    if data.lstrip()[:4] in _BINARY_MAGIC or data[:4] in _BINARY_MAGIC:
        return []
    text_bytes = _ascii_view(data)
    if b"gaicheck" not in text_bytes:
        return []  # the common case, found at memchr speed (the pattern scan costs ~1 ms per 100 KB)
    codes: list[str] = []
    for match in _COMMENT.finditer(text_bytes):
        for code in re.split(rb"[\s,]+", match.group(1)):
            text = code.decode("ascii").upper()
            if text and text not in codes:
                codes.append(text)
    return codes


def apply(findings: list[Finding], ignored: list[str]) -> list[Finding]:
    """Drop the findings whose code is switched off (by comment or per-file-ignores)."""
    if not ignored:
        return findings
    return [f for f in findings if not matches(f.code, ignored)]
