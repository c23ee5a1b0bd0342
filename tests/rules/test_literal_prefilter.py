"""The literal pre-filters of the prose patterns (gaicheck/prose/literals.py) never turn away a text a
pattern matches in, PatternIndex lets through exactly what may_match lets through, and the clause /
sentence / phrase bounds found by search give what the character-by-character walks they replaced gave.
Checked on every paragraph of the corpus and on random strings built from the patterns' own words."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex

from gaicheck.checks.context import RuleContext
from gaicheck.extract.extractor import extract
from gaicheck.prose.claims import _metric_patterns
from gaicheck.prose.facts import facts, strings
from gaicheck.prose.literals import PatternIndex, may_match, required_literals
from gaicheck.prose.paragraphs import _CLAUSE_MARKS, clause_bounds, paragraphs, phrase_bounds, sentence_bounds
from gaicheck.readers import read_file
from tests.conftest import DATA, EXAMPLES

FILES = sorted(
    p
    for d in (EXAMPLES, DATA / "corpus")
    for p in d.iterdir()
    if p.suffix in (".txt", ".md", ".html", ".htm") and p.name.lower() not in ("sources.md", "readme.md")
)


def _catalogue_patterns() -> list[str]:
    txt = facts("txt")
    out = [str(p) for spec in txt.get("metrics", {}).values() for p in spec.get("patterns", [])]
    out += strings("txt", "no_application_patterns") + strings("txt", "no_review_patterns")
    sty = facts("sty")
    out += [str(sty[k]) for k in ("regulation_full_pattern", "regulation_short_pattern", "document_number_pattern")]
    meta = facts("meta")
    out += [str(meta["period_pattern"]), *map(str, meta["notices"].values())]
    return [*out, str(txt.get("all_upheld_pattern", "均获维持"))]


PATTERNS = _catalogue_patterns()


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """Every paragraph of the corpus, and random strings of the patterns' literals, digits and marks."""
    out: list[str] = []
    for path in FILES:
        report = extract(read_file(str(path)))
        out += [par.text for par in paragraphs(RuleContext(report))]
    words = sorted({s for p in PATTERNS for group in required_literals(p) for s in group})
    words += [*list("0123456789，。；、：的了年度共计为"), "20", "2021年", "接收到", "办结转", "予以公开及部分公开"]
    words += ["国办公开办函", "[", "]", "（", "）", "〔", "〕", "号", "《", "》", "政务信息公开条例"]
    out += ["予以公开12件，同意公开3件。", "国办公开办函[2021]30号", "《中华人民共和国政务信息公开条例》", "均获维持"]
    out += ["统计期限为2020年1月1日至2020年12月31日", "（2019）60号", "作出行政处罚决定共12件", "办理行政许可5件"]
    out += ["本年制定规章2件", "行政规范性文件中现行有效的共26件", "作出行政强制决定3件", "行政事业性收费12.5万元"]
    rng = random.Random(7)
    for _ in range(3000):
        out.append("".join(rng.choice(words) for _ in range(rng.randint(1, 14))))
    return out


def test_required_literals_examples() -> None:
    assert required_literals(r"(?:收到|受理)[^，]{0,9}?申请(?P<num>\d+)件") == (("受理", "收到"), ("申请",), ("件",))
    assert required_literals(r"a(?:bc|d+e)f") == (("bc", "d"), ("a",), ("f",))
    assert required_literals(r"(?i)abc") == ()  # case-insensitive: no pre-filter
    assert required_literals(r"\d|(?i:inf|nan)") == ()
    assert required_literals(r"\p{Han}x[^\P{L}]") == (("x",),)  # Unicode properties: a class
    assert required_literals(r"\\p{Han}") == ()  # an escaped backslash, then braces that are no count
    assert required_literals(r"a(?V1)[[a-z]--[aeiou]]") == ()  # syntax the stdlib parser does not read
    assert required_literals(r"x[[:alpha:]]") == ()  # read differently by `re`: no pre-filter
    assert required_literals(r"(?:公开){e<=1}") == ()  # fuzzy matching
    assert required_literals(r"x{2,3}y{4}") == (("x",), ("y",))  # (repeat counts are fine)
    assert required_literals(r"(?:未|没有|尚未)有") == (("未有", "没有有"),)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_prefilter_keeps_every_match(pattern: str, texts: list[str]) -> None:
    compiled = regex.compile(pattern)
    needs = required_literals(pattern)
    assert needs, "every catalogue pattern has literals to filter on"
    matched = [t for t in texts if compiled.search(t)]
    assert all(may_match(needs, t) for t in matched)
    assert matched, "the texts hold a match of every pattern"


def test_index_agrees_with_may_match(texts: list[str]) -> None:
    metric_patterns, index = _metric_patterns()
    sources = [p.pattern for _name, _spec, p in metric_patterns]
    needs = [required_literals(p) for p in sources]
    for text in texts:
        assert index.candidates(text) == [i for i, n in enumerate(needs) if may_match(n, text)], text
    other = PatternIndex([*PATTERNS, r"\d+"])  # one pattern without literals: always a candidate
    for text in texts:
        assert other.candidates(text) == [
            i for i, p in enumerate([*PATTERNS, r"\d+"]) if may_match(required_literals(p), text)
        ], text


def _walk(text: str, start: int, end: int, marks: str | frozenset[str]) -> tuple[int, int]:
    while start > 0 and text[start - 1] not in marks:
        start -= 1
    while end < len(text) and text[end] not in marks:
        end += 1
    return start, end


def test_bounds_match_the_character_walk(texts: list[str]) -> None:
    for text in texts[:2000]:
        for i in range(0, len(text) + 1, max(1, len(text) // 40)):
            assert clause_bounds(text, i) == _walk(text, i, i, _CLAUSE_MARKS)
            s, e = _walk(text, i, i, "。！？!?")
            assert sentence_bounds(text, i) == (s, min(e + 1, len(text)))
            j = min(len(text), i + 3)
            assert phrase_bounds(text, i, j) == _walk(text, i, j, "，,。；;！？!?")


def test_files_found() -> None:
    assert FILES and all(isinstance(p, Path) for p in FILES)


def test_index_sees_a_literal_starting_inside_another() -> None:
    index = PatternIndex([r"收到\d", r"接收\d", r"办结\d", r"结转\d"])
    assert index.candidates("接收到1") == [0, 1]  # the scan reports 接收 only; 收到 starts inside it
    assert index.candidates("已办结转入") == [2, 3]
    assert index.candidates("收到") == [0]


def test_joined_text_holds_every_paragraph() -> None:
    from gaicheck.prose.claims import compared_paragraphs, compared_text
    from gaicheck.prose.paragraphs import joined_text

    for path in FILES[:8]:
        report = extract(read_file(str(path)))
        ctx = RuleContext(report)
        assert joined_text(ctx) == "".join(p.text for p in paragraphs(ctx))
        assert compared_text(ctx) == "".join(p.text for p in compared_paragraphs(ctx))
        assert joined_text(ctx, {"overview"}) == "".join(p.text for p in paragraphs(ctx, {"overview"}))
