"""Stated sums: "共X条，其中A条，B条，C条" → the lists whose parts do not add up to the total.

Paragraphs → **sum check** → engine/prose.py (TXT004). A list is checked only when it has at least
`sum_min_parts` parts in the total's unit and no hedge word (等, 包括, 主要…) that marks it incomplete;
parenthesised breakdowns of a part are skipped; the parts stop where their running sum reaches the total
(what follows is another statement); percentages and shares (占…) are not parts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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


def _amounts(text: str, unit: str) -> list[tuple[int, int, float]]:
    pattern = regex.compile(NUMBER + regex.escape(unit))
    out: list[tuple[int, int, float]] = []
    for m in pattern.finditer(text):
        before = text[max(0, m.start() - 1) : m.start()]
        if before in (".", "第") or text[m.end() : m.end() + 1] in ("%", "％"):
            continue
        value = parse_number(m.group("num"))
        if value is not None:
            out.append((m.start(), m.end(), float(value)))
    return out


def _strip_nested(text: str) -> str:
    """Blank out parenthesised parts (a part's own breakdown), keeping positions."""
    out = list(text)
    depth = 0
    for i, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        if depth > 0:
            out[i] = " "
        if ch in "）)" and depth > 0:
            depth -= 1
    return "".join(out)


def _hedged(tail: str, unit: str, hedges: list[str]) -> bool:
    """True when the list says it is incomplete: 其中包括/其中主要…, "30条等", or a final 等."""
    if any(h in tail[:6] for h in hedges):
        return True
    if regex.search(r"\d" + regex.escape(unit) + r"(?:等|以上|左右)", tail):
        return True
    return tail.rstrip("）)。，, ").endswith("等")


def sum_mismatches(pars: list[Paragraph]) -> Iterator[SumMismatch]:
    units = strings("txt", "sum_units")
    hedges = strings("txt", "sum_hedges")
    min_parts = int(facts("txt").get("sum_min_parts", 3))
    for par in pars:
        text = par.text
        flat_text = _strip_nested(text)  # "办结1191件（含上年结转189件）": the total is 1191
        for m in regex.finditer(r"其中", text):
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
            stop = len(text)
            for i in range(tail_start, len(text)):
                if text[i] in "。！？" or (opened and text[i] in "）)"):
                    stop = i
                    break
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
