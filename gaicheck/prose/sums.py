"""Stated sums: "共X条，其中A条，B条，C条" → the lists whose parts do not add up to the total.

Paragraphs → **sum check** → checks/txt/txt004_prose_sum_mismatch.py (TXT004). A list is checked only
when it has at least `sum_min_parts` parts in the total's unit and no hedge word (等, 包括, 主要…) that marks
it incomplete; parenthesised breakdowns of a part are skipped; the parts stop where their running sum
reaches the total (what follows is another statement); percentages and shares (占…) are not parts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from gaicheck.prose.facts import facts, strings
from gaicheck.prose.numbers import NUMBER, parse_number
from gaicheck.prose.paragraphs import Paragraph


@dataclass(slots=True)
class SumMismatch:
    paragraph: Paragraph
    start: int
    end: int
    total: float
    sum: float
    count: int
    unit: str


@cache
def _amount_pattern(unit: str) -> regex.Pattern[str]:
    return regex.compile(NUMBER + regex.escape(unit))


@cache
def _hedge_pattern(unit: str) -> regex.Pattern[str]:
    return regex.compile(r"\d" + regex.escape(unit) + r"(?:等|以上|左右)")


def _amounts(text: str, unit: str) -> list[tuple[int, int, float]]:
    pattern = _amount_pattern(unit)
    out: list[tuple[int, int, float]] = []
    for m in pattern.finditer(text):
        before = text[max(0, m.start() - 1) : m.start()]
        if before in (".", "第") or text[m.end() : m.end() + 1] in ("%", "％"):
            continue
        value = parse_number(m.group("num"))
        if value is not None:
            out.append((m.start(), m.end(), float(value)))
    return out


_QIZHONG = regex.compile(r"其中")
_ROUND_BRACKET = regex.compile(r"[（()）]")
_SUM_STOP = regex.compile(r"[。！？]")
_SUM_STOP_BRACKET = regex.compile(r"[。！？）)]")


def _strip_nested(text: str) -> str:
    """Blank out parenthesised parts (a part's own breakdown), keeping positions."""
    if "（" not in text and "(" not in text:
        return text
    out: list[str] = []
    depth = 0
    kept = 0  # text[kept:] is not copied yet
    blank_from = 0
    for m in _ROUND_BRACKET.finditer(text):
        i = m.start()
        if text[i] in "（(":
            if depth == 0:
                blank_from = i
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:  # blank from the opening bracket up to and including this one
                out += [text[kept:blank_from], " " * (i + 1 - blank_from)]
                kept = i + 1
    if depth > 0:
        out += [text[kept:blank_from], " " * (len(text) - blank_from)]
        kept = len(text)
    out.append(text[kept:])
    return "".join(out)


def _hedged(tail: str, unit: str, hedges: list[str]) -> bool:
    """True when the list says it is incomplete: 其中包括/其中主要…, "30条等", or a final 等."""
    if any(h in tail[:6] for h in hedges):
        return True
    if _hedge_pattern(unit).search(tail):
        return True
    return tail.rstrip("）)。，, ").endswith("等")


def sum_mismatches(pars: list[Paragraph]) -> Iterator[SumMismatch]:
    units = strings("txt", "sum_units")
    hedges = strings("txt", "sum_hedges")
    min_parts = int(facts("txt").get("sum_min_parts", 3))
    for par in pars:
        text = par.text
        if "其中" not in text:  # (most paragraphs: spares the regex scan below)
            continue
        flat_text: str | None = None
        for m in _QIZHONG.finditer(text):
            if flat_text is None:
                flat_text = _strip_nested(text)  # "办结1191件（含上年结转189件）": the total is 1191
            head_start = max(0, m.start() - 40)
            # the total: the last amount before 其中 (same sentence, or the previous one when 其中 opens one)
            head = flat_text[head_start : m.start()]
            best: tuple[int, int, float, str] | None = None
            for unit in units:
                for s, e, v in _amounts(head, unit):
                    if best is None or s > best[0]:
                        best = (s, e, v, unit)
            if best is None:
                continue
            t_start, t_end, total, unit = best
            between = head[t_end:]
            if any(ch in between for ch in "。！？；;") and not between.rstrip("，,:：（( ").endswith("。"):
                continue
            # the parts: up to the end of the sentence, or the closing bracket when 其中 follows "("
            tail_start = m.end()
            opened = text[m.start() - 1 : m.start()] in ("（", "(")
            end_mark = (_SUM_STOP_BRACKET if opened else _SUM_STOP).search(text, tail_start)
            stop = end_mark.start() if end_mark is not None else len(text)
            tail = text[tail_start:stop]
            if _hedged(tail, unit, hedges):
                continue
            flat = _strip_nested(tail) if not opened else tail
            parts = _amounts(flat, unit)
            running = 0.0
            used = 0
            for _s, _e, value in parts:
                running += value
                used += 1
                if abs(running - total) < 1e-9:
                    break
            if used < min_parts or abs(running - total) < 1e-9:
                continue
            yield SumMismatch(par, head_start + t_start, stop, total, running, used, unit)
