"""The run-on label scan uses the standard `re` engine for speed: it must find exactly what the same
pattern finds under `regex` (whose \\s it spells out), on real run-on text and on tricky spacing."""

from __future__ import annotations

from pathlib import Path

import regex

from gaicheck.extract import runon
from gaicheck.readers import read_file

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def _spans(pattern: regex.Pattern[str] | object, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]  # type: ignore[attr-defined]


def test_re_scan_matches_the_regex_scan() -> None:
    fast, _ = runon._labels()
    slow = regex.compile(fast.pattern.replace(runon._RE_SPACE, r"\s"))
    texts = [
        b.text
        for path in sorted(CORPUS.glob("*.txt"))
        for b in read_file(str(path)).blocks
        if hasattr(b, "text") and len(b.text) >= runon.MIN_LENGTH
    ]
    assert texts
    spaces = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\x1c\x1d\x1e\x1f\u200b"
    for sep in spaces:
        texts.append(f"信息内容{sep}本年新收{sep}0申{sep}请人情况{sep}{sep}3结{sep}果维持9")
    for text in texts:
        assert _spans(fast, text) == _spans(slow, text)


def test_grouped_alternation_matches_the_plain_one() -> None:
    """The scan groups the labels by first character: it must find what the plain alternation of every
    label (longest first) finds, match for match, on the corpus dumps and on every label text run together."""
    import re

    fast, _ = runon._labels()
    everything, _ = runon._label_texts()
    plain = re.compile("|".join(runon._spaced(text) for text in everything))
    texts = [
        b.text
        for path in sorted(CORPUS.glob("*.txt"))
        for b in read_file(str(path)).blocks
        if hasattr(b, "text") and len(b.text) >= runon.MIN_LENGTH
    ]
    texts.append("".join(everything))
    texts.append(" 0 ".join(everything))
    texts.append("".join(f"{text[: len(text) // 2]} {text[len(text) // 2 :]}" for text in everything))
    texts.append("".join(text[:-1] for text in everything))
    for text in texts:
        assert [(m.span(), m.group()) for m in fast.finditer(text)] == [
            (m.span(), m.group()) for m in plain.finditer(text)
        ]
