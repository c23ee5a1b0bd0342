"""The OCR engine: picture crops → (text, confidence); imported only when a picture is read.

ocr.page → **engine** → recognised text. Runs the PP-OCRv4 text recogniser that the
`rapidocr-onnxruntime` wheel ships (nothing is downloaded; its graph folded as it loads, ocr.fuse),
single-threaded: the batch runner and the server already run one process per core. Crops are resized to
the model's height and batched by width with little padding (RapidOCR's own batching pads every crop to
at least 320 pixels, six times the work for a one-digit cell). A crop's confidence is the *lowest*
probability of its characters, so one doubtful digit makes the whole number doubtful.

Speed: the recogniser's time grows with the input's area, and long crops (labels, prose) are most of it.
A short crop (a number) is read at the model's height, 48 pixels; a long one first at TEXT_HEIGHT
(32: under half the work), and read again at 48 unless that first reading is Chinese text of which every
character, digit and letter is sure (≥ SURE) — so a number, a code or a doubtful word is read as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

import cv2
import numpy as np

from gaicheck.ocr import OcrUnavailable

HEIGHT = 48  # the recogniser's input height
TEXT_HEIGHT = 32  # first reading of a long crop (see the module's note)
LONG = 3.0  # a crop this many times wider than high is long (text, not a number)
SURE = 0.9  # a first reading at TEXT_HEIGHT is kept when every character is at least this sure
MIN_WIDTH = 48  # narrowest input (a one-digit crop is widened to it)
BATCHED = 4  # summed input width per batch, in input heights: larger batches cost more CPU per crop


@cache
def _engine() -> Any:
    try:
        import logging

        from rapidocr_onnxruntime import RapidOCR

        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    except ImportError as exc:  # the ocr extra is not installed (or its system libraries are missing)
        raise OcrUnavailable(str(exc)) from exc
    engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
    engine.text_det = engine.text_cls = None  # never used (the layout is found with OpenCV): memory back
    _use_fused(engine.text_rec.session)
    return engine


PROBE_TOLERANCE = 1e-3  # the folded graph is used only when it gives the shipped one's output to this


def _use_fused(ort_session: Any) -> None:
    """The recogniser's session replaced by one of its folded graph (ocr.fuse), when that graph gives the
    same output on a probe input; else the shipped model stays."""
    from pathlib import Path

    import onnxruntime
    import rapidocr_onnxruntime

    from gaicheck.ocr.fuse import fused_model

    path = Path(rapidocr_onnxruntime.__file__).parent / "models" / "ch_PP-OCRv4_rec_infer.onnx"
    if not path.is_file():
        return
    try:
        data = fused_model(str(path))
    except Exception:  # a model file not as expected (another wheel): used as shipped
        data = None
    if data is None:
        return
    options = ort_session._init_sess_opts({"intra_op_num_threads": 1, "inter_op_num_threads": 1})
    name = ort_session.session.get_inputs()[0].name
    probe = np.random.default_rng(0).uniform(-1, 1, (2, 3, HEIGHT, 4 * HEIGHT)).astype(np.float32)
    want = ort_session.session.run(None, {name: probe})[0]
    ort_session.session = None  # (released first: one model in memory at a time)
    fused: Any = None
    try:
        fused = onnxruntime.InferenceSession(data, sess_options=options, providers=["CPUExecutionProvider"])
        got = fused.run(None, {name: probe})[0]
        if want.shape != got.shape or float(np.abs(want - got).max()) > PROBE_TOLERANCE:
            fused = None
    except Exception:  # a graph onnxruntime refuses: the shipped one is used
        fused = None
    ort_session.session = fused if fused is not None else onnxruntime.InferenceSession(
        str(path), sess_options=options, providers=["CPUExecutionProvider"]
    )


def available() -> bool:
    """Whether the engine can be imported (without loading its models)."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr_onnxruntime", "cv2"))


def _prepare(crop: Any, height: int = HEIGHT) -> Any:
    h, w = crop.shape[:2]
    # in proportion, but at least MIN_WIDTH: a one-digit crop is widened (measured: the recogniser reads
    # a widened "0" surely, and a narrow one padded with paper as "o" or nothing)
    width = max(MIN_WIDTH, int(np.ceil(height * w / max(h, 1))))
    resized = cv2.resize(crop, (width, height), interpolation=cv2.INTER_CUBIC if h < height else cv2.INTER_AREA)
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


_T = TypeVar("_T")


def _run(inputs: list[Any], decode: Callable[[Any, list[str]], list[_T]]) -> list[tuple[_T, int, int]]:
    """Each prepared input through the recogniser, batched by height and width: (what `decode` makes of its
    output, input width, time steps)."""
    engine = _engine()
    session = engine.text_rec.session
    characters: list[str] = engine.text_rec.postprocess_op.character
    order = sorted(range(len(inputs)), key=lambda i: (inputs[i].shape[1], inputs[i].shape[2]))
    results: list[tuple[_T, int, int] | None] = [None] * len(inputs)
    start = 0
    while start < len(order):
        height = inputs[order[start]].shape[1]
        end = start + 1
        while (
            end < len(order)
            and inputs[order[end]].shape[1] == height
            and inputs[order[end]].shape[2] * (end - start + 1) <= BATCHED * height
        ):
            end += 1
        width = max(MIN_WIDTH, inputs[order[end - 1]].shape[2])
        batch = np.zeros((end - start, 3, height, width), dtype=np.float32)
        for k, i in enumerate(order[start:end]):
            batch[k, :, :, : inputs[i].shape[2]] = inputs[i]
        preds = session(batch)[0]
        for i, decoded in zip(order[start:end], decode(preds, characters), strict=True):
            results[i] = (decoded, width, int(preds.shape[1]))
        start = end
    return [r for r in results if r is not None]


def _text(decoded: list[tuple[str, float, int]]) -> tuple[str, float]:
    if not decoded:
        return "", 0.0
    return "".join(ch for ch, _p, _t in decoded), min(p for _ch, p, _t in decoded)


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _sure_text(decoded: list[tuple[str, float, int]]) -> bool:
    """A first reading kept: Chinese text whose every character, digit and letter is sure (a doubtful
    bracket or comma does not matter: labels are matched without them, and no figure is read from them)."""
    text = "".join(ch for ch, _p, _t in decoded)
    return bool(_CJK.search(text)) and all(p >= SURE for ch, p, _t in decoded if ch.isalnum())


def _padded(crop: Any, height: int = HEIGHT) -> Any:
    """A narrow crop at the model's height in proportion, centred on paper MIN_WIDTH wide (not widened)."""
    h, w = crop.shape[:2]
    width = max(1, int(np.ceil(height * w / max(h, 1))))
    resized = cv2.resize(crop, (width, height), interpolation=cv2.INTER_CUBIC if h < height else cv2.INTER_AREA)
    paper = np.full((height, MIN_WIDTH, *resized.shape[2:]), 255, dtype=resized.dtype)
    left = (MIN_WIDTH - width) // 2
    paper[:, left : left + width] = resized
    return _prepare(paper, height)


def _doubtful_number(text: str, confidence: float) -> bool:
    return bool(text) and confidence < SURE and all(ch in VALUE_CHARACTERS for ch in text)


def recognise(crops: list[Any]) -> list[tuple[str, float]]:
    """Text and confidence (0–1, the lowest of its characters) of each crop: a grey or BGR uint8 array
    holding one line of text.

    A narrow crop (one or two digits, widened to MIN_WIDTH) read as a doubtful number is read a second
    time centred on paper instead of widened (a lone serif "1" widened is a bar the model doubts); when
    both readings give the same text, the surer confidence stands — two views agreeing, never a reading
    that only one of them gave."""
    if not crops:
        return []
    long = [i for i, c in enumerate(crops) if c.shape[1] >= LONG * c.shape[0]]
    first = dict(zip(long, _run([_prepare(crops[i], TEXT_HEIGHT) for i in long], _decode), strict=True))
    again = [i for i in range(len(crops)) if i not in first or not _sure_text(first[i][0])]
    read = dict(zip(again, _run([_prepare(crops[i]) for i in again], _decode), strict=True))
    out = [_text(read[i][0] if i in read else first[i][0]) for i in range(len(crops))]
    narrow = [
        i
        for i, c in enumerate(crops)
        if HEIGHT * c.shape[1] < MIN_WIDTH * c.shape[0] and _doubtful_number(*out[i])
    ]
    if narrow:
        for i, (decoded, _w, _t) in zip(narrow, _run([_padded(crops[i]) for i in narrow], _decode), strict=True):
            text, confidence = _text(decoded)
            if text == out[i][0] and confidence > out[i][1]:
                out[i] = (text, confidence)
    return out


DIGITS = "0123456789"
CLEAR = 3.0  # a top digit is named when its probability is at least this many times the next digit's


def _top_digits(preds: Any, characters: list[str]) -> list[str]:
    """Each crop's digit of highest probability at any time step, when it stands CLEAR of the other digits
    (else "")."""
    classes = [characters.index(d) for d in DIGITS]
    out: list[str] = []
    for probs in preds:
        best = probs[:, classes].max(axis=0)
        first, second = np.argsort(best)[::-1][:2]
        out.append(DIGITS[int(first)] if best[first] > 0 and best[first] >= CLEAR * best[second] else "")
    return out


def top_digits(crops: list[Any]) -> list[str]:
    """The digit the recogniser finds likeliest in each crop (one line holding one glyph), even when its
    reading is blank: a witness for a glyph it doubts (ocr.glyphs), never a reading by itself. "" when no
    digit stands CLEAR of the others."""
    if not crops:
        return []
    return [digit for digit, _w, _t in _run([_prepare(c) for c in crops], _top_digits)]
