"""Flattening a Document into lines of classified tokens, for the extractor.

Document → **lines** (each a paragraph or a table row; each token a label, a value or an empty cell,
with its location) → section finder and table aligners. Spanned copies of merged cells are dropped
here, so a value is never counted twice.
"""

from __future__ import annotations

import regex

from gaicheck.extract.runon import split_headings, split_runon
from gaicheck.extract.tokens import Line, Token, TokenKind
from gaicheck.extract.values import parse_value
from gaicheck.model.document import Document, Location, Paragraph

__all__ = ["Line", "Token", "TokenKind", "flatten", "stream_tokens"]

# a number, or a value read from a picture that OCR could not read surely (UNREADABLE, then what it read:
# gaicheck/ocr/page.py), which stands in a row of numbers as a number does
_NUM = r"(?:[+\-－]?\d[\d.,]*|\ufffd\S*)"
_TRAILING_NUMBERS = regex.compile(rf"^(?P<label>.*[\p{{Han}}）)”」』])\s+(?P<nums>{_NUM}(?:\s+{_NUM})*)$")
_NON_SPACE = regex.compile(r"\S+")


SHORT_PARAGRAPH = 40  # a short line may be a label with its number(s): `行政处罚 0`
_GLUED_NUMBERS = regex.compile(r"^(?P<label>.*[\p{Han}）)”」』])(?P<nums>[+\-－]?\d[\d.,]*(?:\s+[+\-－]?\d[\d.,]*)*)$")
_BRACKETED = regex.compile(r"[（(][^（）()]*[）)]")
_PROSE_MARKS = regex.compile(r"[，,。；;：:！？!?]|\d(?![.．、])")  # after a leading `1.`: no digit in a label


def _label_like(text: str) -> bool:
    """A row label, not a piece of prose: no sentence punctuation outside brackets, no number but its own
    numbering (`4.无正当理由大量反复申请`)."""
    bare = _BRACKETED.sub("", text)
    return not _PROSE_MARKS.search(bare.lstrip("0123456789.．、 "))


ROW_PARAGRAPH = 160  # a longer one too when it ends in two numbers or more (`（二）部分公开（…） 0 0 1`)
_TWO_NUMBERS_AT_END = regex.compile(r"\s[+\-－]?\d[\d.,]*\s+[+\-－]?\d[\d.,]*\s*$")


_NUMBERS_ONLY = regex.compile(rf"^\s*{_NUM}(?:\s+{_NUM})+\s*$")


def _number_token(num: regex.Match[str], loc: Location, exact: bool) -> Token:
    col = None if loc.column is None else loc.column + num.start()
    sub = Location(line=loc.line, column=col, page=loc.page, table=loc.table, row=loc.row, cell=loc.cell)
    return Token(num.group(), sub, _kind(num.group()), exact)


def _tokens(text: str, loc: Location, exact: bool, glued: bool = False) -> list[Token]:
    """A cell, or a label followed by its numbers in the same cell (`行政处罚 0`, from PDF conversions).
    `glued`: a paragraph's label may touch its first number (`规章0 2 0`, `行政许可16`: a PDF line whose
    table had no rules, its cell gaps lost)."""
    # the pattern needs whitespace between two non-spaces (its \s is within str.split()'s whitespace)
    m = None
    if len(text) <= ROW_PARAGRAPH:
        if len(text.split()) >= 2:
            m = _TRAILING_NUMBERS.match(text)
        if m is None and glued and text[-1:].isdigit():
            m = _GLUED_NUMBERS.match(text)
            if m is not None and not _label_like(m.group("label")):
                m = None  # a line of prose that wraps at a number (`…共计95`): not a row
    if m is None and glued and _NUMBERS_ONLY.match(text):  # `0 7 0 0 6 0 13`: a row's numbers on a line
        return [_number_token(num, loc, exact) for num in _NON_SPACE.finditer(text)]
    if m is None:
        return [Token(text, loc, _kind(text), exact)]
    out = [Token(m.group("label"), loc, _kind(m.group("label")), exact)]
    for num in _NON_SPACE.finditer(m.group("nums")):
        col = None if loc.column is None else loc.column + m.start("nums") + num.start()
        sub = Location(line=loc.line, column=col, page=loc.page, table=loc.table, row=loc.row, cell=loc.cell)
        out.append(Token(num.group(), sub, _kind(num.group()), exact))
    return out


def _kind(text: str) -> TokenKind:
    raw = text.strip()
    if not raw:
        return "empty"
    return "label" if parse_value(raw).status == "invalid" else "value"  # is_value_text, inlined


def flatten(document: Document) -> list[Line]:
    lines: list[Line] = []
    # a cell's kind by its text, or None when it may be a label with its numbers (`_tokens` decides): a
    # table repeats the same few texts (0, -, labels), each is classified once per document
    cell_kinds: dict[str, TokenKind | None] = {}
    for block_no, block in enumerate(document.blocks):
        if isinstance(block, Paragraph):
            text = block.text
            if not text.strip():
                lines.append(Line(len(lines), "", block.loc, blank=True, block=block_no))
                continue
            short = len(text) <= SHORT_PARAGRAPH
            toks = _tokens(text, block.loc, True, glued=True) if short else [Token(text, block.loc, _kind(text), True)]
            line = Line(len(lines), text, block.loc, toks, multi=len(toks) > 1)
            pseudo = split_runon(line)
            if pseudo is None and not short and len(text) <= ROW_PARAGRAPH and _TWO_NUMBERS_AT_END.search(text):
                toks = _tokens(text, block.loc, True, glued=True)  # a long row label and its numbers, not run-on
                line = Line(len(lines), text, block.loc, toks, multi=len(toks) > 1)
            if pseudo is None:
                pseudo = split_headings(line)
            if pseudo is None:
                line.block = block_no
                lines.append(line)
            else:
                for piece in pseudo:
                    piece.block = block_no
                lines.extend(pseudo)
            continue
        exact = block.exact_grid
        for row in block.rows:
            tokens: list[Token] = []
            texts: list[str] = []
            for c in row.cells:
                if c.spanned:
                    continue
                cell_text = c.text
                if cell_text:
                    texts.append(cell_text)
                if cell_text in cell_kinds:
                    kind = cell_kinds[cell_text]
                else:  # `_tokens` makes one token of the cell when its pattern is not tried
                    one = len(cell_text) > ROW_PARAGRAPH or len(cell_text.split()) < 2
                    kind = cell_kinds[cell_text] = _kind(cell_text) if one else None
                if kind is not None:
                    tokens.append(Token(cell_text, c.loc, kind, exact))
                else:
                    tokens.extend(_tokens(cell_text, c.loc, exact))
            text = " ".join(texts)
            multi = len(row.cells) > 1
            if not multi and not text:
                lines.append(Line(len(lines), "", row.loc, blank=True, table=block_no, block=block_no))
                continue
            lines.append(Line(len(lines), text, row.loc, tokens, multi=multi, table=block_no, block=block_no))
    for index, line in enumerate(lines):
        line.index = index
    return lines


def stream_tokens(lines: list[Line]) -> list[Line]:
    """Resolve blank lines inside a region: between two one-cell lines (the one-cell-per-line shape)
    a run of k blank lines stands for k−1 empty cells; elsewhere blank lines carry nothing."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.blank:
            out.append(line)
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].blank:
            j += 1
        prev_single = bool(out) and not out[-1].multi
        next_single = j < len(lines) and not lines[j].multi
        if prev_single and next_single and j - i > 1:
            empties = [Token("", lines[k].loc, "empty", True) for k in range(i + 1, j)]
            out.append(Line(line.index, "", line.loc, empties, multi=False))
        i = j
    return out
