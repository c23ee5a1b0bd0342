"""Text similarity between two years' prose, for the copied-prose rules (YOY006, YOY007).

Method (documented in rules/catalogue/yoy.toml): both texts are normalised (NFKC width folding, all
whitespace removed) and every year (四位数年份 such as 2023, and 二〇二三) is masked with ``#``.
The *copied share* of this year's text is the fraction of its characters covered by a run of at least
``shingle`` consecutive characters that also occurs, character for character, in last year's text
(shingle = character n-gram, looked up in the set of last year's n-grams). The *longest copied
passage* is the longest stretch of covered characters. Two texts are *identical except for years*
when their normalised, year-masked forms are equal.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|[〇零一二][〇零一二三四五六七八九○Ｏ]{3}(?=年)")
_SPACE = regex.compile(r"\s+")


@dataclass(slots=True)
class Normalised:
    """Normalised text and, for each of its characters, its offset in the original text."""

    text: str
    origin: list[int]
    original: str


def normalise(text: str) -> Normalised:
    """Fold widths (NFKC per character), drop whitespace, mask years with '#'."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch)
        for f in folded:
            if f.isspace():
                continue
            chars.append(f)
            origin.append(i)
    folded_text = "".join(chars)
    masked = _YEAR.sub(lambda m: "#" * len(m.group(0)), folded_text)
    return Normalised(masked, origin, text)


@dataclass(slots=True)
class Overlap:
    share: float  # covered characters / characters of this year's text
    longest: str  # the longest copied passage, as written in this year's text
    length: int  # characters of this year's normalised text
    copied: int = 0  # covered characters
    longest_chars: int = 0  # normalised characters of the longest passage
    start: int = -1  # offset of the longest passage in this year's (original) text


def overlap(previous: str, current: str, shingle: int) -> Overlap:
    """How much of `current` is made of passages of at least `shingle` characters found in `previous`."""
    prev = normalise(previous)
    cur = normalise(current)
    n = len(cur.text)
    if n == 0 or len(prev.text) < shingle or n < shingle:
        return Overlap(0.0, "", n)
    grams = {prev.text[i : i + shingle] for i in range(len(prev.text) - shingle + 1)}
    covered = [False] * n
    for i in range(n - shingle + 1):
        if cur.text[i : i + shingle] in grams:
            for j in range(i, i + shingle):
                covered[j] = True
    best_start, best_len, run_start = 0, 0, -1
    for i in range(n + 1):
        if i < n and covered[i]:
            if run_start < 0:
                run_start = i
            continue
        if run_start >= 0 and i - run_start > best_len:
            best_start, best_len = run_start, i - run_start
        run_start = -1
    longest, start = "", -1
    if best_len:
        start = cur.origin[best_start]
        end = cur.origin[best_start + best_len - 1] + 1
        longest = _SPACE.sub(" ", cur.original[start:end]).strip()
    copied = sum(covered)
    return Overlap(copied / n, longest, n, copied, best_len, start)


def identical_except_years(previous: str, current: str) -> bool:
    return normalise(previous).text == normalise(current).text
