"""Picture geometry for OCR: grey page → deskewed page, ink mask, ruling-line masks, text lines.

ocr.page → **layout** (OpenCV morphology and projection profiles; no recognition) → ocr.grid / ocr.page.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

MAX_SKEW = 3.0  # degrees: larger rotations are not corrected (a page photographed sideways is not read)


def ink_mask(grey: Any) -> Any:
    """Dark pixels as 255 on 0 (Otsu's threshold, so a grey background or a faint scan still works)."""
    _t, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask


def _profile_score(mask: Any, angle: float) -> float:
    h, w = mask.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(mask, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    rows = rotated.sum(axis=1, dtype=np.float64)
    return float(np.sum(np.diff(rows) ** 2))


def skew_angle(grey: Any) -> float:
    """The small rotation (degrees, OpenCV's sign) that makes text lines and rules horizontal: the angle
    whose row profile of ink is sharpest, coarse then fine."""
    h, w = grey.shape
    scale = min(1.0, 1000.0 / max(w, 1))
    small = cv2.resize(grey, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    mask = ink_mask(small)
    if not mask.any():
        return 0.0
    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=lambda a: _profile_score(mask, float(a)))
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    angle = float(max(fine, key=lambda a: _profile_score(mask, float(a))))
    return 0.0 if abs(angle) < 0.05 else angle


def deskew(grey: Any) -> tuple[Any, float]:
    """The page rotated upright (white fill) and the angle applied."""
    angle = skew_angle(grey)
    if angle == 0.0:
        return grey, 0.0
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    upright = cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
    return upright, angle


def char_height(ink: Any) -> int:
    """The typical height of a character: the upper quartile of the heights of the ink's connected parts
    once slightly thickened (so the radicals of a Chinese character, 亻 and 木, join into one part)."""
    joined = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    _count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(joined, connectivity=8)
    heights = [int(h) for _x, _y, w, h, _a in stats[1:] if 5 <= h <= 150 and w <= 3 * h]
    return max(8, int(np.percentile(heights, 75)) - 2) if heights else 16


def _touching(mask: Any, other: Any, long: int, axis: int) -> Any:
    """The parts of `mask` that touch `other` or are at least `long` pixels long: rules join the grid,
    a dash or a stroke floating in a cell does not."""
    near = cv2.dilate(other, cv2.getStructuringElement(cv2.MORPH_RECT, (7, 7)))
    count, labels, stats, _centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    keep = np.zeros(count, dtype=bool)
    hits = np.unique(labels[(near > 0) & (mask > 0)])
    keep[hits] = True
    size = stats[:, cv2.CC_STAT_WIDTH] if axis == 0 else stats[:, cv2.CC_STAT_HEIGHT]
    keep |= size >= long
    keep[0] = False
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def rule_masks(ink: Any) -> tuple[Any, Any]:
    """Horizontal and vertical ruling lines: ink runs longer than a character, joined to the grid."""
    length = max(12, int(1.2 * char_height(ink)))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    horizontal, vertical = (
        _touching(horizontal, vertical, 4 * length, 0),
        _touching(vertical, horizontal, 4 * length, 1),
    )
    # close the small gaps blur, JPEG and residual skew leave in a rule
    horizontal = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vertical = cv2.dilate(vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    return horizontal, vertical


def runs(profile: Any, min_gap: int = 1, threshold: float = 0.0) -> list[tuple[int, int]]:
    """Half-open index ranges where `profile` > threshold, joined across gaps shorter than `min_gap`."""
    on = np.flatnonzero(np.asarray(profile) > threshold)
    if on.size == 0:
        return []
    out: list[tuple[int, int]] = []
    start = prev = int(on[0])
    for i in on[1:]:
        i = int(i)
        if i - prev > min_gap:
            out.append((start, prev + 1))
            start = i
        prev = i
    out.append((start, prev + 1))
    return out


def text_lines(ink: Any, min_height: int = 4, char: int = 0) -> list[tuple[int, int]]:
    """Row ranges (top, bottom) of the text lines in a region of ink. With `char` (a character's height),
    a piece lower than half of it joins its nearer neighbour: the parts of 总 or 三 are one line."""
    profile = (ink > 0).sum(axis=1)
    lines = runs(profile, min_gap=1)
    if char:
        merged = True
        while merged and len(lines) > 1:
            merged = False
            for i, (a, b) in enumerate(lines):
                if b - a >= 0.5 * char:
                    continue
                up = a - lines[i - 1][1] if i > 0 else None
                down = lines[i + 1][0] - b if i + 1 < len(lines) else None
                if up is None and down is None:
                    break
                if down is None or (up is not None and up <= down):
                    lines[i - 1 : i + 1] = [(lines[i - 1][0], b)]
                else:
                    lines[i : i + 2] = [(a, lines[i + 1][1])]
                merged = True
                break
    return [(a, b) for a, b in lines if b - a >= min_height]


def segments(ink: Any, gap: int) -> list[tuple[int, int]]:
    """Column ranges of a text line cut where the blank gap is at least `gap` pixels wide."""
    profile = (ink > 0).sum(axis=0)
    return runs(profile, min_gap=gap)


def stacked(region: Any, char: int) -> bool:
    """Whether a line's ink is taller than its characters: text in it stands on two lines (a label wrapped
    beside its row's numbers), not one line of large characters (a heading)."""
    height = region.shape[0]
    return bool(height > 1.6 * char and height > 1.6 * char_height(region))


def wrapped_lines(ink: Any, box: tuple[int, int, int, int], char: int) -> list[tuple[int, int, int, int]]:
    """A piece of a line taller than a line of text (a label wrapped onto two lines beside numbers centred
    between them: the page's line profile joins them into one) cut into its text lines, each trimmed to
    its ink; a piece one line high is returned as it is."""
    x0, y0, x1, y1 = box
    if not stacked(ink[y0:y1, x0:x1], char):
        return [box]
    region = ink[y0:y1, x0:x1]
    lines = text_lines(region, min_height=3, char=char)
    if len(lines) == 1 and lines[0][1] - lines[0][0] >= 1.7 * char:  # two lines touching: cut at the
        top, bottom = lines[0]  # faintest row of the middle third, if it is nearly blank
        third = (bottom - top) // 3
        rows = (region[top:bottom] > 0).sum(axis=1)
        middle = rows[third : len(rows) - third]
        if middle.size == 0 or middle.min() > 0.15 * float(np.median(rows)):
            return [box]
        cut = top + third + int(np.argmin(middle))
        lines = [(top, cut), (cut, bottom)]
    if len(lines) < 2:
        return [box]
    out: list[tuple[int, int, int, int]] = []
    for top, bottom in lines:
        cols = np.flatnonzero(region[top:bottom].any(axis=0))
        if cols.size:
            out.append((x0 + int(cols[0]), y0 + top, x0 + int(cols[-1]) + 1, y0 + bottom))
    return out or [box]


def number_gaps(ink: Any, box: tuple[int, int, int, int]) -> list[tuple[int, int, int, int]]:
    """A piece cut where it has a blank wider than half its text's height: the digits of one number (and the
    characters of a label, save some punctuation) stand closer than that, two numbers in neighbouring
    columns of a table drawn without rules (0 under 其他, 60 under 总计), or a label and the number after it,
    further apart. Each part spans the piece's height; one part: the box as it is."""
    x0, y0, x1, y1 = box
    region = ink[y0:y1, x0:x1]
    rows = np.flatnonzero(region.any(axis=1))
    if rows.size == 0:
        return [box]
    height = int(rows[-1]) - int(rows[0]) + 1
    parts = runs(region.any(axis=0), min_gap=max(4, height // 2))
    if len(parts) < 2:
        return [box]
    return [(x0 + a, y0, x0 + b, y1) for a, b in parts]

