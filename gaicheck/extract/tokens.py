"""Lines and tokens: what flattening a Document gives the extractor (stream.py makes them, runon.py
splits run-on text into them; the section finder and the table aligners read them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from gaicheck.model.document import Location

TokenKind = Literal["label", "value", "empty"]


@dataclass(slots=True)
class Token:
    text: str
    loc: Location
    kind: TokenKind
    exact: bool  # its emptiness is real (exact grid or one-cell-per-line), not separator noise
    run: bool = False  # a digit run whose cell separators were lost (run-on text): may hold several cells


@dataclass(slots=True)
class Line:
    index: int
    text: str  # the line's text (cells joined by a space), for heading and title detection
    loc: Location
    tokens: list[Token] = field(default_factory=list)
    multi: bool = False  # a table row with several cells (row boundaries are meaningful)
    blank: bool = False
    table: int | None = None  # index of the Table block it came from
