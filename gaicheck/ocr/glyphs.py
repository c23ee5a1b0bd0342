"""Doubtful digits confirmed by the page's own surely read digits (same font, same scale).

ocr.page → engine.recognise → **ocr.glyphs** → cell text. A number the recogniser doubts (a lone serif
"1" ten pixels high is a bar it cannot tell from "l" or "|"), or a short piece it reads as nothing or as
letters, is cut into its glyphs (ink columns), and each glyph is compared with the glyphs of the numbers the
same page read surely (exemplars: a sure number cut into as many glyphs as it has digits). A glyph is taken
as digit d only when three things hold: its best match among d's exemplars is strong (MATCH), every other
digit's best match is clearly lower (MARGIN), and d is what the recogniser itself said there — the digit it
read, or, for a blank or a letter, the digit it finds likeliest in the glyph alone (engine.top_digits): two
witnesses agreeing. A digit with no exemplar on the page is never accepted, nor a glyph whose exemplars are
all of another height (another font or scale); the cell then stays unreadable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from gaicheck.ocr import engine
from gaicheck.ocr.layout import runs

Box = tuple[int, int, int, int]

DIGITS = "0123456789"
EXEMPLAR_SURE = 0.95  # a number read at least this surely gives exemplars
MATCH = 0.95  # a glyph's best match (normalised correlation) must reach this …
MARGIN = 0.1  # … and beat every other digit's best match by this much
UP = 3  # glyphs are compared enlarged this many times (sub-pixel shifts)
SHIFT = 1  # … shifted up to this many pixels of the page each way
HEIGHT_SLACK = 1  # an exemplar's height may differ from the glyph's by this many pixels (same scale)
MAX_GLYPHS = 4  # longer numbers are never confirmed this way
PER_DIGIT = 24  # exemplars kept per digit (spread over the page): bounds the comparisons per glyph


_LETTERS = re.compile(r"[A-Za-z|!]+")  # what a recogniser makes of a digit it cannot read (1 → I, l, |; 0 → O)


def _digits(text: str) -> bool:
    return bool(text) and all(ch in DIGITS for ch in text)


@dataclass(frozen=True, slots=True)
class Glyph:
    """One glyph: its ink (0 paper … 1 black) with a one-pixel border, its ink height and width, and the
    box of its ink on the page."""

    ink: Any
    height: int
    width: int
    box: Box


def split(grey: Any, ink: Any, box: Box) -> list[Glyph]:
    """The glyphs of a line of text in `box`: runs of ink columns (`ink`, the page's binary ink) cut at
    every blank column, each trimmed to its ink rows, as darkness of `grey` (the page)."""
    x0, y0, x1, y1 = box
    region = ink[y0:y1, x0:x1] > 0
    out: list[Glyph] = []
    for a, b in runs(region.any(axis=0), min_gap=1):
        rows = np.flatnonzero(region[:, a:b].any(axis=1))
        top, bottom = y0 + int(rows[0]), y0 + int(rows[-1]) + 1
        left, right = x0 + a, x0 + b
        h, w = grey.shape[:2]
        piece = grey[max(0, top - 1) : min(h, bottom + 1), max(0, left - 1) : min(w, right + 1)]
        ink_of = (255.0 - piece.astype(np.float32)) / 255.0
        out.append(Glyph(ink_of, bottom - top, right - left, (left, top, right, bottom)))
    return out


def _canvas(glyph: Glyph, height: int, width: int, border: int) -> Any:
    """The glyph centred on paper `height` × `width` (+ `border` each side), enlarged UP times."""
    canvas = np.zeros((height + 2 * border, width + 2 * border), dtype=np.float32)
    gh, gw = glyph.ink.shape
    top = border + (height - gh) // 2
    left = border + (width - gw) // 2
    canvas[top : top + gh, left : left + gw] = glyph.ink
    return cv2.resize(canvas, None, fx=UP, fy=UP, interpolation=cv2.INTER_CUBIC)


def similarity(glyph: Glyph, exemplar: Glyph) -> float:
    """Normalised correlation of two glyphs on a common paper, the best over shifts of up to SHIFT pixels
    (in steps of 1/UP); −1 for glyphs of different heights (not the same scale)."""
    if abs(glyph.height - exemplar.height) > HEIGHT_SLACK:
        return -1.0
    height = max(glyph.ink.shape[0], exemplar.ink.shape[0])
    width = max(glyph.ink.shape[1], exemplar.ink.shape[1])
    moving = _canvas(glyph, height, width, 0)
    fixed = _canvas(exemplar, height, width, SHIFT)
    if float(moving.std()) == 0.0 or float(fixed.std()) == 0.0:
        return -1.0
    return float(cv2.matchTemplate(fixed, moving, cv2.TM_CCOEFF_NORMED).max())


def exemplars(glyph_lists: list[list[Glyph]], readings: list[tuple[str, float]]) -> dict[str, list[Glyph]]:
    """The page's exemplars: the glyphs of each number read at least EXEMPLAR_SURE surely (digits only)
    and cut into exactly as many glyphs as it has digits, under their digit; at most PER_DIGIT of each,
    spread evenly over the page's order."""
    out: dict[str, list[Glyph]] = {}
    for glyphs, (text, confidence) in zip(glyph_lists, readings, strict=True):
        if confidence < EXEMPLAR_SURE or not _digits(text) or len(glyphs) != len(text):
            continue
        for ch, g in zip(text, glyphs, strict=True):
            out.setdefault(ch, []).append(g)
    return {d: _spread(found, PER_DIGIT) for d, found in out.items()}


def _spread(items: list[Glyph], most: int) -> list[Glyph]:
    if len(items) <= most:
        return items
    return [items[i * len(items) // most] for i in range(most)]


def scores(glyph: Glyph, known: dict[str, list[Glyph]]) -> dict[str, float]:
    """Each digit's best match for `glyph` among the exemplars (digits without one left out)."""
    return {d: max(similarity(glyph, e) for e in known[d]) for d in DIGITS if known.get(d)}


def confirm_digit(glyph: Glyph, said: str, known: dict[str, list[Glyph]]) -> float | None:
    """The match score when `glyph` is confirmed as the digit `said` (the recogniser's reading), else None."""
    got = scores(glyph, known)
    best = got.get(said)
    if best is None or best < MATCH:
        return None
    others = [s for d, s in got.items() if d != said]
    if others and best - max(others) < MARGIN:
        return None
    return best


def confirm(glyphs: list[Glyph], said: str, known: dict[str, list[Glyph]]) -> float | None:
    """The lowest match score when every glyph of a doubtful number is confirmed as the digit the
    recogniser read at its place (`said`, as many digits as glyphs), else None."""
    if not _digits(said) or len(said) != len(glyphs) or len(glyphs) > MAX_GLYPHS:
        return None
    low = 1.0
    for glyph, digit in zip(glyphs, said, strict=True):
        score = confirm_digit(glyph, digit, known)
        if score is None:
            return None
        low = min(low, score)
    return low


class PageGlyphs:
    """The glyphs of one page: exemplars learnt from its sure numbers, doubtful numbers confirmed by them.
    `grey` is the page (rules erased), `ink` its binary text ink, both as ocr.page holds them, and `crop`
    cuts the recogniser's picture of a box (ocr.page's own)."""

    def __init__(self, grey: Any, ink: Any, crop: Callable[[Box], Any]) -> None:
        self.grey = grey
        self.ink = ink
        self.crop = crop
        self._boxes: list[Box] = []
        self._readings: list[tuple[str, float]] = []
        self._known: dict[str, list[Glyph]] | None = None

    def learn(self, boxes: list[Box], readings: list[tuple[str, float]]) -> None:
        """The page's readings (its exemplars are cut only when a doubtful number needs them)."""
        self._boxes.extend(boxes)
        self._readings.extend(readings)
        self._known = None

    def known(self) -> dict[str, list[Glyph]]:
        """The exemplars of the page's sure numbers (cut once, when first asked)."""
        if self._known is None:
            sure = [
                (box, r)
                for box, r in zip(self._boxes, self._readings, strict=True)
                if r[1] >= EXEMPLAR_SURE and _digits(r[0])
            ]
            self._known = exemplars([split(self.grey, self.ink, box) for box, _r in sure], [r for _b, r in sure])
        return self._known

    def confirm(self, boxes: list[Box], readings: list[tuple[str, float]], bar: float) -> None:
        """Readings of short pieces confirmed in place: digits read below `bar` (the cells' confidence bar),
        kept when every glyph is confirmed as the digit read at its place; a blank reading or one of letters
        only (never a number), replaced by digits when every glyph is confirmed as the digit the recogniser
        finds likeliest in it alone. The confidence becomes the lowest match score; any other reading is
        left as it is."""
        todo: list[tuple[int, list[Glyph]]] = []
        for i, (box, (text, confidence)) in enumerate(zip(boxes, readings, strict=True)):
            x0, y0, x1, y1 = box
            if x1 - x0 >= engine.LONG * (y1 - y0):
                continue
            read = _digits(text)
            if (read and confidence >= bar) or not (read or not text or _LETTERS.fullmatch(text)):
                continue
            glyphs = split(self.grey, self.ink, box)
            if 1 <= len(glyphs) <= MAX_GLYPHS and (not read or len(glyphs) == len(text)):
                todo.append((i, glyphs))
        if not todo or not self.known():
            return
        asked = [g for i, glyphs in todo if not _digits(readings[i][0]) for g in glyphs]
        said = dict(zip((g.box for g in asked), engine.top_digits([self.crop(g.box) for g in asked]), strict=True))
        for i, glyphs in todo:
            text = readings[i][0] if _digits(readings[i][0]) else "".join(said[g.box] for g in glyphs)
            score = confirm(glyphs, text, self.known())
            if score is not None:
                readings[i] = (text, score)
