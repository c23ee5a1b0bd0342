"""The rule engine's fast paths give what the straightforward versions they replaced gave: paragraphs of a
section set filtered from the whole report's, whitespace stripping, sentence splitting, bracket
balancing, the blanking of parenthesised parts, and message rendering. Each reference below is the
earlier (slower) code, checked on every report of the corpus and on random strings."""

from __future__ import annotations

import random
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex

from gaicheck import i18n
from gaicheck.catalogue import load_catalogue
from gaicheck.checks.context import RuleContext
from gaicheck.checks.sty.sty003_unbalanced_brackets import _unbalanced
from gaicheck.extract.extractor import extract
from gaicheck.i18n import _Fields
from gaicheck.model.report import Report, TextBlock
from gaicheck.prose.facts import facts, strings
from gaicheck.prose.paragraphs import EXACT_COLUMN_FORMATS, MAX_LINE_GAP, SENTENCE_END, Paragraph, paragraphs
from gaicheck.prose.sums import _strip_nested
from gaicheck.readers import read_file
from tests.conftest import DATA, EXAMPLES

FILES = sorted(
    p
    for d in (EXAMPLES, DATA / "corpus")
    for p in d.iterdir()
    if p.suffix in (".txt", ".md", ".html", ".htm") and p.name.lower() not in ("sources.md", "readme.md")
)


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    return [extract(read_file(str(p))) for p in FILES]


def _reference_paragraphs(report: Report, sections: set[str | None] | None) -> list[tuple[str | None, str]]:
    """(section, text) of each paragraph, built for the section set alone, character by character."""
    out: list[tuple[str | None, list[str]]] = []
    prev: TextBlock | None = None
    for block in report.text:
        if sections is not None and block.section not in sections:
            prev = None
            continue
        current = out[-1] if out else None
        joinable = (
            current is not None
            and prev is not None
            and prev.section == block.section
            and prev.line is not None
            and block.line is not None
            and (
                (prev.page == block.page and 0 < block.line - prev.line <= MAX_LINE_GAP)
                or (prev.page is not None and block.page == prev.page + 1)
            )
            and bool(current[1])
            and current[1][-1][-1] not in SENTENCE_END
        )
        if not joinable or current is None:
            current = (block.section, [])
            out.append(current)
        kept = "".join(ch for ch in block.text if not ch.isspace())
        if kept:
            current[1].append(kept)
        prev = block
    return [(section, "".join(chars)) for section, chars in out if chars]


def _section_sets(report: Report) -> Iterator[set[str | None] | None]:
    yield None
    yield {s or None for s in strings("txt", "compared_sections")}
    yield {s or None for s in strings("sty", "bracket_sections")}
    for block in report.text:
        yield {block.section}


def test_section_paragraphs_are_the_whole_reports_filtered(reports: list[Report]) -> None:
    for report in reports:
        ctx = RuleContext(report)
        for sections in _section_sets(report):
            got = [(p.section, p.text) for p in paragraphs(ctx, sections)]
            assert got == _reference_paragraphs(report, sections), (report.path, sections)


def test_kept_characters_point_at_their_source(reports: list[Report]) -> None:
    for report in reports:
        exact = report.format in EXACT_COLUMN_FORMATS
        for par in paragraphs(RuleContext(report)):
            for offset, block, kept in par.segments:
                assert list(kept) == [i for i, ch in enumerate(block.text) if not ch.isspace()]
                assert par.text[offset : offset + len(kept)] == "".join(block.text[i] for i in kept)
            assert par.exact_columns == exact


def test_whitespace_of_every_kind_is_removed() -> None:
    spaces = "".join(ch for ch in map(chr, range(0x3100)) if ch.isspace())
    report = Report(path="x", format="text", text=[TextBlock(text=f"甲{spaces}乙 丙\u3000丁", line=1, column=1)])
    (par,) = paragraphs(RuleContext(report))
    assert par.text == "甲乙丙丁"
    assert par.position(1).column == 1 + 1 + len(spaces)


def _reference_sentences(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    start = 0
    for part in regex.split(r"(?<=[。！？!?；;])", text):
        if part:
            out.append((start, part))
        start += len(part)
    return out


def _random_texts(alphabet: str, count: int = 3000, longest: int = 14) -> Iterator[str]:
    rng = random.Random(20240601)
    for _ in range(count):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))


def test_sentences(reports: list[Report]) -> None:
    texts = [p.text for r in reports for p in paragraphs(RuleContext(r))]
    for text in [*texts, *_random_texts("甲乙。！？!?；;")]:
        assert list(Paragraph(section=None, text=text).sentences()) == _reference_sentences(text)


def _reference_strip_nested(text: str) -> str:
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


def test_strip_nested(reports: list[Report]) -> None:
    texts = [p.text for r in reports for p in paragraphs(RuleContext(r))]
    for text in [*texts, *_random_texts("甲（()）)")]:
        assert _strip_nested(text) == _reference_strip_nested(text)


def _reference_unbalanced(
    text: str, pairs: tuple[tuple[str, str], ...], marker: regex.Pattern[str]
) -> tuple[int, str, bool] | None:
    stack: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        for family, (opening, closing) in enumerate(pairs):
            if ch in opening:
                stack.append((family, i))
            elif ch in closing:
                if stack and stack[-1][0] == family:
                    stack.pop()
                elif any(f == family for f, _ in stack):
                    return stack[-1][1], text[stack[-1][1]], True
                elif marker.search(text[max(0, i - 4) : i]) or (i <= 2 and ch in ")）"):
                    continue
                else:
                    return i, ch, False
    if stack:
        return stack[0][1], text[stack[0][1]], True
    return None


def test_unbalanced(reports: list[Report]) -> None:
    data = facts("sty")
    pairs = tuple((str(p[0]), str(p[1])) for p in data["bracket_pairs"])
    marker = regex.compile(str(data["list_marker_pattern"]))
    texts = [p.text for r in reports for p in paragraphs(RuleContext(r))]
    for text in [*texts, *_random_texts("甲1，（()）《》“”〔〕【】[［]］", longest=10)]:
        par = Paragraph(section=None, text=text)
        assert _unbalanced(par, pairs, marker) == _reference_unbalanced(text, pairs, marker), text


def test_messages_render_as_with_string_formatter() -> None:
    fields: dict[str, object] = {"year": 2020, "found": "x{y}", "row": None, "value": 1.5, "count": 3}
    for spec in load_catalogue().values():
        for lang, template in (("zh", spec.message_zh), ("en", spec.message_en)):
            for given in ({}, fields):
                expected = string.Formatter().vformat(template, (), _Fields(given))
                assert i18n.message(spec, lang, given) == expected


def test_corpus_files_found() -> None:
    assert len(FILES) > 20 and all(isinstance(p, Path) for p in FILES)
