"""Label normalisation for matching: document text → **normalised keys** → label matcher.

Two forms: `display_form` keeps wording but folds width, spaces and numbering style (what counts as
"the same label" for TPL005), and `match_key` also drops punctuation (what the fuzzy matcher compares).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

_SPACE = regex.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_NUMBERING = regex.compile(r"^(\d{1,2})\s*[.．、,，]\s*")
_PUNCT = regex.compile(r"[\p{P}\p{S}\s]+")


@lru_cache(maxsize=65536)
def display_form(text: str) -> str:
    """NFKC (full/half width), no whitespace, `1、`/`1．`/`1. ` → `1.`, clause commas → `、`."""
    s = unicodedata.normalize("NFKC", text)
    s = _SPACE.sub("", s)
    s = _NUMBERING.sub(r"\1.", s)
    return s


@lru_cache(maxsize=65536)
def match_key(text: str) -> str:
    """The display form without punctuation or symbols: what labels are compared on."""
    return _PUNCT.sub("", display_form(text))

