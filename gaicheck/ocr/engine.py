"""The OCR engine: picture crops → (text, confidence); imported only when a picture is read.

ocr.page → **engine** → recognised text. Runs the PP-OCRv4 text recogniser that the
`rapidocr-onnxruntime` wheel ships (nothing is downloaded), single-threaded: the batch runner and the
server already run one process per core. Crops are resized to the model's height and batched by width
with little padding (RapidOCR's own batching pads every crop to at least 320 pixels, six times the
work for a one-digit cell). A crop's confidence is the *lowest* probability of its characters, so one
doubtful digit makes the whole number doubtful.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import cv2
import numpy as np

from gaicheck.ocr import OcrUnavailable

HEIGHT = 48  # the recogniser's input height
MIN_WIDTH = 48  # narrowest input (a one-digit crop is widened to it)
BATCH_WIDTH = 48 * 4  # summed input width per batch: measured, larger batches cost more CPU per crop


@cache
def _engine() -> Any:
    try:
        import logging

        from rapidocr_onnxruntime import RapidOCR

        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    except ImportError as exc:  # the ocr extra is not installed (or its system libraries are missing)
        raise OcrUnavailable(str(exc)) from exc
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


def available() -> bool:
    """Whether the engine can be imported (without loading its models)."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr_onnxruntime", "cv2"))


def _prepare(crop: Any) -> Any:
    h, w = crop.shape[:2]
    # in proportion, but at least MIN_WIDTH: a one-digit crop is widened (measured: the recogniser reads
    # a widened "0" surely, and a narrow one padded with paper as "o" or nothing)
    width = max(MIN_WIDTH, int(np.ceil(HEIGHT * w / max(h, 1))))
    resized = cv2.resize(crop, (width, HEIGHT), interpolation=cv2.INTER_CUBIC if h < HEIGHT else cv2.INTER_AREA)
    if resized.ndim == 2:
        resized = cv2.cvtColor(resized, cv2.COLOR_GRAY2BGR)
    return (resized.astype(np.float32).transpose((2, 0, 1)) / 255.0 - 0.5) / 0.5


VALUE_CHARACTERS = "0123456789.,-+%—－"  # what a table value is written with


@cache
def _value_classes(characters: tuple[str, ...]) -> Any:
    """The model's classes a value can be written with, blank (class 0) included."""
    wanted = set(VALUE_CHARACTERS)
    return np.array([0, *(i for i, ch in enumerate(characters) if i and ch in wanted)], dtype=np.int64)


def _decode(preds: Any, characters: list[str]) -> list[list[tuple[str, float, int]]]:
    """Greedy CTC decoding: (character, confidence, time step) of each character kept. For a text made
    only of value characters, each probability is taken among the value characters alone (a table cell
    holds digits: "0" is not in doubt because "O" or "〇" scored a little)."""
    index = preds.argmax(axis=2)
    prob = preds.max(axis=2)
    value_classes = _value_classes(tuple(characters))
    value_set = set(VALUE_CHARACTERS)
    out: list[list[tuple[str, float, int]]] = []
    for n, (seq, probs) in enumerate(zip(index, prob, strict=True)):
        keep = seq != 0
        keep[1:] &= seq[1:] != seq[:-1]
        steps = np.flatnonzero(keep)
        chars = [characters[int(seq[i])] for i in steps]
        kept = probs[steps]
        if chars and all(ch in value_set for ch in chars):
            among = preds[n][steps][:, value_classes].sum(axis=1)
            kept = kept / np.maximum(among, 1e-9)
        out.append([(ch, float(p), int(t)) for ch, p, t in zip(chars, kept, steps, strict=True)])
    return out


def _run(inputs: list[Any]) -> list[tuple[list[tuple[str, float, int]], int, int]]:
    """Each prepared input through the recogniser, batched by width: (decoded, input width, time steps)."""
    engine = _engine()
    session = engine.text_rec.session
    characters: list[str] = engine.text_rec.postprocess_op.character
    order = sorted(range(len(inputs)), key=lambda i: inputs[i].shape[2])
    results: list[tuple[list[tuple[str, float, int]], int, int]] = [([], 1, 1)] * len(inputs)
    start = 0
    while start < len(order):
        end = start + 1
        while end < len(order) and inputs[order[end]].shape[2] * (end - start + 1) <= BATCH_WIDTH:
            end += 1
        width = max(MIN_WIDTH, inputs[order[end - 1]].shape[2])
        batch = np.zeros((end - start, 3, HEIGHT, width), dtype=np.float32)
        for k, i in enumerate(order[start:end]):
            batch[k, :, :, : inputs[i].shape[2]] = inputs[i]
        preds = session(batch)[0]
        for i, decoded in zip(order[start:end], _decode(preds, characters), strict=True):
            results[i] = (decoded, width, int(preds.shape[1]))
        start = end
    return results


def _text(decoded: list[tuple[str, float, int]]) -> tuple[str, float]:
    if not decoded:
        return "", 0.0
    return "".join(ch for ch, _p, _t in decoded), min(p for _ch, p, _t in decoded)


def recognise(crops: list[Any]) -> list[tuple[str, float]]:
    """Text and confidence (0–1, the lowest of its characters) of each crop: a grey or BGR uint8 array
    holding one line of text."""
    if not crops:
        return []
    return [_text(decoded) for decoded, _w, _t in _run([_prepare(c) for c in crops])]
