"""Cell value parsing: cell text → **value** (number, sign, unit) or "empty", for the extractor.

Blank, `-`, `—`, `/`, `无` are "empty", distinct from 0. `+3`, `-18`, `37964.59万元`, `1,428.9`,
`251000元` parse with their sign and unit kept. A cell OCR could not read reliably (its text starts
with `UNREADABLE`, see gaicheck.ocr.page) is "unreadable": a value is there, but not known.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import regex

UNREADABLE = "\ufffd"  # first character of an OCR'd cell whose value is not trusted

EMPTY_MARKERS = frozenset({"", "-", "--", "—", "——", "–", "―", "/", "／", "\\", "无", "空", "－", "─", "_"})

_NUMBER = regex.compile(
    r"^(?P<sign>[+\-])?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?\s*(?P<unit>万元|元|件|条|项|个|次|人次|宗)?$"
)


@dataclass(slots=True, frozen=True)
class ParsedValue:
    status: Literal["ok", "empty", "invalid", "unreadable"]
    value: int | float | None = None
    unit: str | None = None
    sign: str | None = None
    decimals: int = 0


def _fold(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).strip()
    s = s.replace("\u2212", "-").replace("－", "-").replace(" ", "")
    return s


@lru_cache(maxsize=65536)
def parse_value(text: str) -> ParsedValue:
    """Parse one cell's text (memoised: tables repeat the same few strings; ParsedValue is immutable)."""
    raw = text.strip()
    if raw in EMPTY_MARKERS:
        return ParsedValue("empty")
    if raw.startswith(UNREADABLE):
        return ParsedValue("unreadable")
    s = _fold(raw)
    if s in EMPTY_MARKERS:
        return ParsedValue("empty")
    m = _NUMBER.match(s)
    if m is None:
        return ParsedValue("invalid")
    digits = m.group("int").replace(",", "")
    frac = m.group("frac")
    sign = m.group("sign")
    number: int | float = int(digits) if frac is None else float(f"{digits}.{frac}")
    if sign == "-":
        number = -number
    return ParsedValue("ok", number, m.group("unit"), sign, len(frac) if frac else 0)


def is_value_text(text: str) -> bool:
    """True when a cell holds a value or an empty marker (a dash…), i.e. not a label."""
    raw = text.strip()
    if raw == "":
        return False
    return parse_value(raw).status != "invalid"
