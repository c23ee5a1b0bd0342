"""Logical paragraphs: Report.text blocks → paragraphs the prose rules (TXT, META, STY) read.

Converted documents (PDF → text/Markdown) break sentences over lines; a block that does not end a
sentence is joined with the next block of the same section when that block starts on the next line
(or after one blank line).
Whitespace is removed (Chinese prose has none; conversions insert it between digits and characters),
and every character of the joined text maps back to its line and column, so a finding can point at
the exact place of the quoted words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

import regex

from gaicheck.checks.context import RuleContext
from gaicheck.model.report import Position, Report, TextBlock

SENTENCE_END = "。！？；!?;"
MAX_LINE_GAP = 2  # a converted paragraph may be broken by one blank line
EXACT_COLUMN_FORMATS = ("text", "markdown")  # elsewhere a finding points at the start of the element
_CLAUSE_MARKS = frozenset("，,。；;！？!?：:、")
# a sentence: up to and including its end mark, or what follows the last mark (stdlib `re`: many times
# faster than splitting after each mark with the `regex` module, same parts)
_SENTENCE = re.compile(r"[^。！？!?；;]*[。！？!?；;]|[^。！？!?；;]+")


@dataclass(slots=True)
class Paragraph:
    """Joined text of one or more blocks; `segments` = (offset in text, block, character index in
    block.text of each kept character)."""

    section: str | None
    exact_columns: bool = False  # plain text / Markdown: a block's characters are its source columns
    text: str = ""
    segments: list[tuple[int, TextBlock, Sequence[int]]] = field(default_factory=list)

    def position(self, index: int) -> Position:
        if not self.segments:
            return Position()
        k = max(bisect.bisect_right([seg[0] for seg in self.segments], max(index, 0)) - 1, 0)
        offset, block, kept = self.segments[k]
        column_in_block = kept[min(max(index - offset, 0), len(kept) - 1)] if kept else 0
        if self.exact_columns and block.line is not None and block.column is not None:
            return Position(line=block.line, column=block.column + column_in_block, page=block.page, where=block.where)
        return Position(line=block.line, column=block.column, page=block.page, where=block.where)

    def quote(self, start: int, end: int, limit: int = 60) -> str:
        """The text between start and end, shortened in the middle when longer than `limit`."""
        text = self.text[start:end]
        if len(text) <= limit:
            return text
        half = limit // 2
        return text[:half] + "…" + text[-half:]

    def sentences(self) -> Iterator[tuple[int, str]]:
        """(start index, sentence) for each sentence (ending at 。！？；)."""
        for m in _SENTENCE.finditer(self.text):
            yield m.start(), m.group()


# stdlib `re`'s \S is exactly `not str.isspace()` (both use Py_UNICODE_ISSPACE), as is str.split()
_NON_SPACE_RUN = re.compile(r"\S+")


def _append(chars: list[str], par: Paragraph, block: TextBlock, text: str) -> None:
    """Add `block` (whose text is `text`) to `par`, its kept characters to `chars`."""
    kept_text = "".join(text.split())
    if not kept_text:
        return
    kept: Sequence[int]
    if len(kept_text) == len(text):
        kept = range(len(text))  # no whitespace: every character is kept
    else:
        kept = []
        for m in _NON_SPACE_RUN.finditer(text):  # a run at a time (extend copies the range in C)
            kept.extend(range(m.start(), m.end()))
    offset = par.segments[-1][0] + len(chars[-1]) if par.segments else 0  # running length, not a re-sum
    par.segments.append((offset, block, kept))
    chars.append(kept_text)


def paragraphs(ctx: RuleContext, sections: set[str | None] | None = None) -> list[Paragraph]:
    """The report's prose as logical paragraphs, optionally only those of the given sections.

    Built once per rule run and section set (rules ask for them many times: a view of the context); do not
    modify the result. A paragraph never joins blocks of two sections, so a section set's paragraphs are
    those of the whole report that lie in it: only the whole report's are built, the others filtered.
    """
    by_sections: dict[frozenset[str | None] | None, list[Paragraph]] = ctx.view("paragraphs", dict)
    whole = by_sections.get(None)
    if whole is None:
        whole = by_sections[None] = _build(ctx.report)
    if sections is None:
        return whole
    key = frozenset(sections)
    built = by_sections.get(key)
    if built is None:
        built = by_sections[key] = [par for par in whole if par.section in key]
    return built


def joined_text(ctx: RuleContext, sections: set[str | None] | None = None) -> str:
    """The texts of `paragraphs(ctx, sections)` joined, once per run: every paragraph's text is part of
    it, so a pattern whose literal pre-filter (prose/literals.py) fails on it matches in none of them."""
    key = "joined_text" if sections is None else f"joined_text {sorted(map(repr, sections))}"
    return ctx.view(key, lambda: "".join(par.text for par in paragraphs(ctx, sections)))


_BLOCK_PLACE = attrgetter("text", "section", "line", "page")


def _build(report: Report) -> list[Paragraph]:
    out: list[tuple[Paragraph, list[str]]] = []
    exact = report.format in EXACT_COLUMN_FORMATS
    chars: list[str] = []  # kept texts of the last paragraph (none yet: nothing to join)
    par = Paragraph(section=None)
    prev_section: str | None = None
    prev_line: int | None = None
    prev_page: int | None = None
    for block in report.text:
        text, section, line, page = _BLOCK_PLACE(block)
        joinable = (  # cheapest test first: most blocks end a sentence (`chars`: a previous block exists)
            bool(chars)
            and chars[-1][-1] not in SENTENCE_END
            and prev_section == section
            and prev_line is not None
            and line is not None
            and (
                (prev_page == page and 0 < line - prev_line <= MAX_LINE_GAP)
                or (prev_page is not None and page == prev_page + 1)  # a PDF page break
            )
        )
        if not joinable:
            par, chars = Paragraph(section=section, exact_columns=exact), []
            out.append((par, chars))
        _append(chars, par, block, text)
        prev_section, prev_line, prev_page = section, line, page
    result: list[Paragraph] = []
    for par, chars in out:
        if chars:
            par.text = "".join(chars)
            result.append(par)
    return result


# clause / sentence / phrase bounds: the nearest mark before a position (the `regex` module's reverse
# search, (?r)) and from a position on (stdlib `re`), instead of walking long paragraphs a character at
# a time
_CLAUSE_BEFORE = regex.compile("(?r)[" + "".join(sorted(_CLAUSE_MARKS)) + "]")
_CLAUSE_AFTER = re.compile("[" + "".join(sorted(_CLAUSE_MARKS)) + "]")
_SENTENCE_STOPS = "。！？!?"
_SENTENCE_BEFORE = regex.compile(f"(?r)[{_SENTENCE_STOPS}]")
_SENTENCE_AFTER = re.compile(f"[{_SENTENCE_STOPS}]")
_PHRASE_END = "，,。；;！？!?"
_PHRASE_BEFORE = regex.compile(f"(?r)[{_PHRASE_END}]")
_PHRASE_AFTER = re.compile(f"[{_PHRASE_END}]")


def _widen(before: regex.Pattern[str], after: re.Pattern[str], text: str, start: int, end: int) -> tuple[int, int]:
    """start moved back to just after the previous mark (or 0), end on to the next mark (or the end)."""
    m = before.search(text, 0, start)
    s = m.end() if m else 0
    n = after.search(text, end)
    return s, n.start() if n else len(text)


def clause_bounds(text: str, index: int) -> tuple[int, int]:
    """Start and end of the clause (between commas/full stops) that holds text[index]."""
    return _widen(_CLAUSE_BEFORE, _CLAUSE_AFTER, text, index, index)


def sentence_bounds(text: str, index: int) -> tuple[int, int]:
    """Start and end (inclusive of the final mark) of the sentence (up to 。！？) that holds text[index]."""
    start, end = _widen(_SENTENCE_BEFORE, _SENTENCE_AFTER, text, index, index)
    return start, min(end + 1, len(text))


def phrase_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen text[start:end] to the commas or full stops around it (a 、 list stays inside)."""
    return _widen(_PHRASE_BEFORE, _PHRASE_AFTER, text, start, end)
