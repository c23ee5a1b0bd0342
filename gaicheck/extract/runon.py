"""Run-on text: a crawler's dump that lost every separator (`规章007规范性文件7777166…`, a whole report on
one line) → **pseudo-lines of label and value tokens** → the usual aligners.

A long paragraph is cut at occurrences of template labels (all versions: headings, captions, column
headers, row and group labels, spaces allowed inside them) that are *anchored*: next to a number run or to
another label, or a section heading. Prose stays whole. Number runs become value tokens marked `run`, which
the aligners may split only when exactly one split satisfies the table's identities (gaicheck.extract.split).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import regex

from gaicheck.extract.stream import Line, Token
from gaicheck.model.document import Location
from gaicheck.templates import all_templates

MIN_LENGTH = 60  # shorter paragraphs are never run-on tables
MIN_ANCHORS = 4
NUMERIC_RUN = regex.compile(r"^[\d\s.,+\-－元万件条项个]*\d[\d\s.,+\-－元万件条项个]*$")
_NUMBERED = regex.compile(r"^(\d)\.(.*)$")
_SPACE = regex.compile(r"\s")
_RE_SPACE = r"[^\S\x1c-\x1f]"
_NUMBER_PIECE = regex.compile(r"[+\-－]?[^\s+\-－]+")
# a run-on table holds at least one of these header words (cheap test before the label scan)
_TABLE_HINTS = ("信息内容", "申请人情况", "本年新收", "结果维持", "第二十条")


def _variants(label: str) -> set[str]:
    out = {label, unicodedata.normalize("NFKC", label)}
    for v in list(out):
        m = _NUMBERED.match(v)
        if m is not None:
            out |= {f"{m.group(1)}、{m.group(2)}", f"{m.group(1)}．{m.group(2)}", f"{m.group(1)}. {m.group(2)}"}
    return out


@cache
def _labels() -> tuple[re.Pattern[str], frozenset[str]]:
    texts: set[str] = {"信息内容"}
    headings: set[str] = set()
    for t in all_templates():
        for sec in t.sections:
            for title in [sec.title, *sec.aliases]:
                headings |= _variants(f"{sec.number}、{title}")
        for table in t.tables.values():
            texts |= set(table.header_labels)
            if table.corner:
                texts.add(table.corner)
            for label in [*table.columns, *table.rows, *table.groups]:
                for wording in [label.label, *label.aliases, *label.deviations]:
                    texts |= _variants(wording)
            for block in table.blocks:
                texts |= _variants(block.caption)
                for label in [*block.columns, *block.rows]:
                    for wording in [label.label, *label.aliases, *label.deviations]:
                        texts |= _variants(wording)
    everything = sorted(texts | headings, key=len, reverse=True)
    # the standard `re` runs this long alternation ~9× faster than `regex`; `_RE_SPACE` is `regex`'s \s
    # (re's \s also takes U+001C–U+001F), so both find the same matches
    pattern = "|".join(f"{_RE_SPACE}*".join(re.escape(ch) for ch in text) for text in everything if text)
    return re.compile(pattern), frozenset(_SPACE.sub("", h) for h in headings)


@dataclass(slots=True)
class _Occ:
    start: int
    end: int
    heading: bool


def split_runon(line: Line) -> list[Line] | None:
    """Pseudo-lines for a run-on paragraph, or None when the line is ordinary prose."""
    text = line.text
    if line.multi or len(text) < MIN_LENGTH or not any(a in text for a in _TABLE_HINTS):
        return None
    pattern, headings = _labels()
    occs = [
        _Occ(m.start(), m.end(), _SPACE.sub("", m.group()) in headings) for m in pattern.finditer(text)
    ]
    if len(occs) < MIN_ANCHORS:
        return None
    keep: list[_Occ] = []
    for i, occ in enumerate(occs):
        after = text[occ.end : occs[i + 1].start if i + 1 < len(occs) else len(text)]
        before = text[occs[i - 1].end if i else 0 : occ.start]
        adjacent_after = not after.strip() and i + 1 < len(occs)
        adjacent_before = not before.strip() and i > 0
        numeric_after = bool(after.strip()) and NUMERIC_RUN.match(after.strip()) is not None
        numeric_before = bool(before.strip()) and NUMERIC_RUN.match(before.strip()) is not None
        if occ.heading or adjacent_after or adjacent_before or numeric_after or numeric_before:
            keep.append(occ)
    if len(keep) < MIN_ANCHORS:
        return None
    base_col = line.loc.column or 1
    out: list[Line] = []

    def loc(offset: int) -> Location:
        return Location(line=line.loc.line, column=base_col + offset, page=line.loc.page)

    def emit(piece: str, offset: int, kind: str, run: bool = False) -> None:
        tok = Token(piece, loc(offset), kind, True, run)  # type: ignore[arg-type]
        out.append(Line(line.index, piece, tok.loc, [tok]))

    def gap(start: int, end: int) -> None:
        segment = text[start:end]
        if not segment.strip():
            return
        if NUMERIC_RUN.match(segment.strip()):
            for m in _NUMBER_PIECE.finditer(segment):
                emit(m.group(), start + m.start(), "value", run=True)
        else:
            lead = len(segment) - len(segment.lstrip())
            emit(segment.strip(), start + lead, "label")

    pos = 0
    for occ in keep:
        gap(pos, occ.start)
        emit(_SPACE.sub("", text[occ.start : occ.end]), occ.start, "label")
        pos = occ.end
    gap(pos, len(text))
    return out
