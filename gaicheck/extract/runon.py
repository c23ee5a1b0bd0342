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

import regex

from gaicheck.extract.tokens import Line, Token, TokenKind
from gaicheck.model.document import Location
from gaicheck.templates import Template, registry

MIN_LENGTH = 30  # shorter paragraphs are never run-on tables
MIN_ANCHORS = 4
NUMERIC_RUN = regex.compile(r"^[\d\s.,+\-－元万件条项个]*\d[\d\s.,+\-－元万件条项个]*$")
_NUMBERED = regex.compile(r"^(\d)\.(.*)$")
_SPACE = regex.compile(r"\s")
_RE_SPACE = r"[^\S\x1c-\x1f]"
_NUMBER_PIECE = regex.compile(r"[+\-－]?[^\s+\-－]+")
# digits glued to what follows the table: a numbered heading (`…1738五、存在的主要问题…`) or a year
# (`…20000022025年，我局…`): the digits end where the heading or the year begins
_GLUED_TAIL = regex.compile(
    r"^(?P<nums>\s*[\d\s.,+\-－]*?\d)(?=[一二三四五六七八九十]{1,2}、|(?:19|20)\d\d年)", regex.DOTALL
)
# a run-on table holds at least one of these header words (cheap test before the label scan)
_TABLE_HINTS = ("信息内容", "申请人情况", "本年新收", "结果维持", "第二十条")


def _variants(label: str) -> set[str]:
    out = {label, unicodedata.normalize("NFKC", label)}
    for v in list(out):
        m = _NUMBERED.match(v)
        if m is not None:
            out |= {f"{m.group(1)}、{m.group(2)}", f"{m.group(1)}．{m.group(2)}", f"{m.group(1)}. {m.group(2)}"}
    return out


def _label_texts() -> tuple[list[str], frozenset[str]]:
    """Every label text, longest first (the order the scan prefers them in), and the section headings."""
    versions = registry()
    return versions.view(("runon", "label texts"), lambda: _all_label_texts(versions.templates))


def _all_label_texts(templates: tuple[Template, ...]) -> tuple[list[str], frozenset[str]]:
    texts: set[str] = {"信息内容"}
    headings: set[str] = set()
    for t in templates:
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
    everything = [text for text in sorted(texts | headings, key=len, reverse=True) if text]
    return everything, frozenset(headings)


def _spaced(text: str) -> str:
    """A label's characters, spaces allowed between them."""
    return f"{_RE_SPACE}*".join(re.escape(ch) for ch in text)


def _labels() -> tuple[re.Pattern[str], frozenset[str]]:
    return registry().view(("runon", "pattern"), _label_pattern)


def _label_pattern() -> tuple[re.Pattern[str], frozenset[str]]:
    everything, headings = _label_texts()
    # the alternation of every label (longest first), grouped by first character: a label can only match
    # where the text holds its first character, so each group keeps the order of its labels and the scan
    # finds what the plain alternation finds, trying a handful of labels at a position instead of ~170
    # (tests/spine/test_runon_pattern.py). The standard `re` runs this ~9× faster than `regex`;
    # `_RE_SPACE` is `regex`'s \s (re's \s also takes U+001C–U+001F), so both find the same matches
    groups: dict[str, list[str]] = {}
    for text in everything:
        groups.setdefault(text[0], []).append(text)
    pattern = "|".join(
        re.escape(first) + "(?:" + "|".join(_spaced(text)[len(re.escape(first)) :] for text in texts) + ")"
        for first, texts in groups.items()
    )
    return re.compile(pattern), frozenset(_SPACE.sub("", h) for h in headings)


@dataclass(slots=True)
class _Occ:
    start: int
    end: int
    heading: bool
    label: str  # the text without its spaces


def split_runon(line: Line) -> list[Line] | None:
    """Pseudo-lines for a run-on paragraph, or None when the line is ordinary prose."""
    text = line.text
    if line.multi or len(text) < MIN_LENGTH or not any(a in text for a in _TABLE_HINTS):
        return None
    pattern, headings = _labels()
    found: dict[str, tuple[str, bool]] = {}  # a match's text → without spaces, a section heading (labels repeat)
    occs: list[_Occ] = []
    for m in pattern.finditer(text):
        group = m.group()
        seen = found.get(group)
        if seen is None:
            label = _SPACE.sub("", group)
            seen = found[group] = (label, label in headings)
        occs.append(_Occ(m.start(), m.end(), seen[1], seen[0]))
    if len(occs) < MIN_ANCHORS:
        return None
    # what lies between two occurrences (and before the first, after the last), stripped, each tested once:
    # (nothing but spaces, a number run)
    bounds = [0, *(x for occ in occs for x in (occ.start, occ.end)), len(text)]
    gaps: list[tuple[bool, bool]] = []
    for k in range(0, len(bounds), 2):
        stripped = text[bounds[k] : bounds[k + 1]].strip()
        gaps.append((not stripped, bool(stripped) and NUMERIC_RUN.match(stripped) is not None))
    last = len(occs) - 1
    keep: list[_Occ] = []
    for i, occ in enumerate(occs):
        (blank_before, numeric_before), (blank_after, numeric_after) = gaps[i], gaps[i + 1]
        adjacent_after = blank_after and i < last
        adjacent_before = blank_before and i > 0
        if occ.heading or adjacent_after or adjacent_before or numeric_after or numeric_before:
            keep.append(occ)
    if len(keep) < MIN_ANCHORS:
        return None
    base_col = line.loc.column or 1
    where_line, where_page, index = line.loc.line, line.loc.page, line.index
    out: list[Line] = []

    def emit(piece: str, offset: int, kind: TokenKind, run: bool = False) -> None:
        where = Location(where_line, base_col + offset, where_page)
        out.append(Line(index, piece, where, [Token(piece, where, kind, True, run)]))

    def gap(start: int, end: int) -> None:
        segment = text[start:end]
        stripped = segment.strip()
        if not stripped:
            return
        if NUMERIC_RUN.match(stripped):
            for m in _NUMBER_PIECE.finditer(segment):
                emit(m.group(), start + m.start(), "value", run=True)
        elif (tail := _GLUED_TAIL.match(segment)) is not None:  # a table's digits, then a heading or a year
            gap(start, start + tail.end("nums"))
            gap(start + tail.end("nums"), end)
        else:
            lead = len(segment) - len(segment.lstrip())
            emit(stripped, start + lead, "label")

    pos = 0
    for occ in keep:
        gap(pos, occ.start)
        emit(occ.label, occ.start, "label")
        pos = occ.end
    gap(pos, len(text))
    return out


def _heading_pattern() -> re.Pattern[str]:
    """The section headings of every version, longest first, as one pattern (kept with the registry)."""
    versions = registry()

    def build() -> re.Pattern[str]:
        _everything, headings = _label_texts()
        return re.compile("|".join(_spaced(h) for h in sorted(headings, key=len, reverse=True)))

    pattern: re.Pattern[str] = versions.view(("runon", "heading pattern"), build)
    return pattern


_SENTENCE_ENDS = frozenset("。！？；;!?")


def split_headings(line: Line) -> list[Line] | None:
    """A paragraph holding a section heading glued to its prose (`…统计期限至12月31日止。一、总体情况`,
    `六、其他需要报告的事项本年度未收取…`), as crawlers write them: the prose before it, the heading and
    the prose after it as lines of their own; None when there is no such heading. A heading counts only at
    the start of the paragraph or after a sentence end, in an official wording (or an alias)."""
    text = line.text
    if line.multi or "、" not in text:
        return None
    cuts: list[tuple[int, int]] = []
    for m in _heading_pattern().finditer(text):
        before = text[: m.start()].rstrip()
        if before and before[-1] not in _SENTENCE_ENDS:
            continue
        if not before and not text[m.end() :].strip():
            return None  # the paragraph is the heading
        cuts.append((m.start(), m.end()))
    if not cuts:
        return None
    base_col = line.loc.column or 1
    out: list[Line] = []

    def emit(start: int, end: int) -> None:
        segment = text[start:end]
        piece = segment.strip()
        if piece:
            where = Location(line.loc.line, base_col + start + len(segment) - len(segment.lstrip()), line.loc.page)
            out.append(Line(line.index, piece, where, [Token(piece, where, "label", True)]))

    pos = 0
    for start, end in cuts:
        emit(pos, start)
        emit(start, end)
        pos = end
    emit(pos, len(text))
    return out
