"""Doubtful digits confirmed by the page's own sure glyphs (gaicheck/ocr/glyphs.py), on synthetic pages:
digits drawn at four times the size with OpenCV's built-in font and reduced (antialiased, about ten pixels
high, each at its own sub-pixel offset, as a 150 dpi scan). A doubtful reading is confirmed only when its
glyphs match the same digits on the page strongly and clearly, and the recogniser said those digits."""

from __future__ import annotations

import sys

import pytest

cv2 = pytest.importorskip("cv2")  # the ocr extra

import numpy as np  # noqa: E402

from gaicheck.ocr import glyphs, page  # noqa: E402
from gaicheck.ocr.layout import ink_mask  # noqa: E402

SCALE = 4  # drawn this many times larger, then reduced
STEP = 40  # pixels between two numbers on the page


def _page(texts: list[str], size: float = 1.8) -> tuple[object, object, list[tuple[int, int, int, int]]]:
    """A one-line page of `texts` (grey, ink, the box of each text as ocr.page would give it)."""
    width, height = STEP * len(texts) + STEP, 2 * STEP
    big = np.full((height * SCALE, width * SCALE), 255, dtype=np.uint8)
    boxes = []
    for k, text in enumerate(texts):
        (tw, th), _base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, size, 3)
        x, y = (STEP * k + 10) * SCALE + k % SCALE, 30 * SCALE + (k * 3) % SCALE  # its own sub-pixel offset
        cv2.putText(big, text, (x, y), cv2.FONT_HERSHEY_SIMPLEX, size, 0, 3, cv2.LINE_AA)
        boxes.append((x // SCALE - 3, (y - th) // SCALE - 3, (x + tw) // SCALE + 4, y // SCALE + 4))
    grey = cv2.resize(big, (width, height), interpolation=cv2.INTER_AREA)
    return grey, ink_mask(grey), boxes


SURE = ("1", "7", "4", "10", "41", "70")  # the page's numbers read surely


def _glyphs(grey: object, ink: object) -> glyphs.PageGlyphs:
    return glyphs.PageGlyphs(grey, ink, lambda box: page._crop(grey, box, ink))


def _confirmed(texts: list[str], readings: list[tuple[str, float]]) -> list[tuple[str, float]]:
    grey, ink, boxes = _page(texts)
    page_glyphs = _glyphs(grey, ink)
    page_glyphs.learn(boxes, readings)
    out = list(readings)
    page_glyphs.confirm(boxes, out, 0.85)
    return out


def test_glyphs_are_cut_at_blank_columns() -> None:
    grey, ink, boxes = _page(["1", "10", "741"])
    cut = [glyphs.split(grey, ink, box) for box in boxes]
    assert [len(c) for c in cut] == [1, 2, 3]
    heights = [g.height for c in cut for g in c]
    assert max(heights) - min(heights) <= glyphs.HEIGHT_SLACK  # one font, one scale (sub-pixel offsets apart)
    assert cut[0][0].width < cut[1][1].width  # a "1" is narrower than a "0"


def test_a_doubtful_lone_one_is_confirmed_by_the_page_own_ones() -> None:
    readings = [(t, 0.99) for t in SURE] + [("1", 0.41), ("11", 0.71)]
    out = _confirmed([*SURE, "1", "11"], readings)
    assert out[: len(SURE)] == readings[: len(SURE)]  # sure readings untouched
    assert [t for t, _c in out[len(SURE) :]] == ["1", "11"]
    assert all(glyphs.MATCH <= c <= 1.0 for _t, c in out[len(SURE) :])


def test_the_confidence_is_the_lowest_match() -> None:
    texts = [*SURE, "11"]
    grey, ink, boxes = _page(texts)
    page_glyphs = _glyphs(grey, ink)
    readings = [(t, 0.99) for t in SURE] + [("11", 0.5)]
    page_glyphs.learn(boxes, readings)
    expected = min(glyphs.scores(g, page_glyphs.known())["1"] for g in glyphs.split(grey, ink, boxes[-1]))
    page_glyphs.confirm(boxes, readings, 0.85)
    assert readings[-1] == ("11", expected)


@pytest.mark.parametrize(
    ("texts", "readings"),
    [
        # the recogniser said 7 where the page's glyph is a 1: the two witnesses disagree
        ([*SURE, "1"], [*((t, 0.99) for t in SURE), ("7", 0.4)]),
        # no "1" read surely on the page: no exemplar, nothing accepted
        (["7", "4", "70", "40", "1"], [("7", 0.99), ("4", 0.99), ("70", 0.99), ("40", 0.99), ("1", 0.4)]),
        # a "1" the page also read surely as "7" (a glyph matching two digits about equally)
        (["1", "1", "4", "1"], [("1", 0.99), ("7", 0.99), ("4", 0.99), ("1", 0.4)]),
        # as many digits read as glyphs cut, or nothing: "1" read where the piece holds "11"
        ([*SURE, "11"], [*((t, 0.99) for t in SURE), ("1", 0.4)]),
        # not digits only
        ([*SURE, "1"], [*((t, 0.99) for t in SURE), ("1.", 0.4)]),
        # doubtful exemplars teach nothing
        (["1", "7", "1"], [("1", 0.9), ("7", 0.9), ("1", 0.4)]),
    ],
    ids=["recogniser-disagrees", "no-exemplar", "two-digits-alike", "glyph-count", "not-digits", "unsure-exemplars"],
)
def test_refused(texts: list[str], readings: list[tuple[str, float]]) -> None:
    assert _confirmed(texts, readings) == readings


def test_refused_at_another_scale() -> None:
    """Exemplars of another height are another font or scale: not compared."""
    grey, ink, boxes = _page(list(SURE), size=2.6)
    small_grey, small_ink, small_boxes = _page(["1"], size=1.8)
    page_glyphs = _glyphs(grey, ink)
    page_glyphs.learn(boxes, [(t, 0.99) for t in SURE])
    assert glyphs.scores(glyphs.split(small_grey, small_ink, small_boxes[0])[0], page_glyphs.known()) == {
        d: -1.0 for d in "0147"
    }


def test_sure_and_long_pieces_untouched() -> None:
    readings = [*((t, 0.99) for t in SURE), ("1", 0.86), ("1", 0.4), ("一", 0.4)]
    grey, ink, boxes = _page([*SURE, "1", "1", "1"])
    x0, y0, _x1, y1 = boxes[-2]
    boxes[-2] = (x0, y0, x0 + 3 * (y1 - y0), y1)  # a long piece (text): never confirmed
    assert _confirmed_boxes(grey, ink, boxes, readings) == readings  # above the bar, long, or Chinese


def _confirmed_boxes(
    grey: object, ink: object, boxes: list[tuple[int, int, int, int]], readings: list[tuple[str, float]]
) -> list[tuple[str, float]]:
    page_glyphs = _glyphs(grey, ink)
    page_glyphs.learn(boxes, readings)
    out = list(readings)
    page_glyphs.confirm(boxes, out, 0.85)
    return out


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="the ocr extra needs Python < 3.13")
def test_a_blank_or_letter_reading_takes_the_recogniser_top_digits_as_witness() -> None:
    """A short piece read as nothing or as letters: the digit the recogniser finds likeliest in each glyph
    alone (engine.top_digits) is the second witness; every glyph must be confirmed as it."""
    from gaicheck.ocr import engine

    texts = [*SURE, "1", "11", "7", "1", "4", "9"]
    grey, ink, boxes = _page(texts)
    crops = [page._crop(grey, box, ink) for box in boxes]
    assert engine.top_digits(crops[len(SURE) :]) == ["1", "1", "7", "1", "4", "9"]
    assert engine.top_digits([page._crop(grey, boxes[-5], ink)]) == ["1"]  # "11" whole: one digit clear
    readings = [*((t, 0.99) for t in SURE), ("", 0.0), ("", 0.0), ("", 0.0), ("I", 0.97), ("A", 0.6), ("", 0.0)]
    out = _confirmed_boxes(grey, ink, boxes, readings)
    # a "9": no "9" read surely on the page, so no exemplar: stays blank
    assert [t for t, _c in out[len(SURE) :]] == ["1", "11", "7", "1", "4", ""]
    assert all(c >= glyphs.MATCH for _t, c in out[len(SURE) : -1]) and out[-1] == ("", 0.0)
