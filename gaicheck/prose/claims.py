"""Claims in prose: logical paragraphs → figures the text states ("共收到申请60件") and denials
("未收到政府信息公开申请"), found with the patterns of rules/catalogue/txt.toml [data].

Report → paragraphs → **claims** → the TXT rules (gaicheck/checks/txt/) compare them with the tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from gaicheck.checks.context import RuleContext
from gaicheck.prose.facts import compiled, facts, strings
from gaicheck.prose.literals import PatternIndex, may_match, required_literals
from gaicheck.prose.numbers import parse_number
from gaicheck.prose.paragraphs import (
    Paragraph,
    clause_bounds,
    joined_text,
    paragraphs,
    phrase_bounds,
    sentence_bounds,
)

_YEAR = regex.compile(r"((?:19|20)\d{2})年")
# a claim states a number that float() reads, and float() reads nothing without a decimal digit but
# inf/nan (ASCII, any case): a paragraph with neither holds no claim and is not scanned with every
# metric's patterns. Stdlib `re`'s \d is float()'s decimal digit (both Python's Unicode data); one
# character set is quicker to scan for than the alternatives (a stray i or n only costs a scan)
_MAY_HOLD_NUMBER = re.compile(r"[\dIiNn]")


@dataclass(slots=True)
class Claim:
    metric: str
    spec: dict[str, Any]
    stated: int | float
    paragraph: Paragraph
    start: int  # span of the quoted clause
    end: int


def _compared_sections() -> set[str | None]:
    return {s or None for s in strings("txt", "compared_sections")}


def compared_paragraphs(ctx: RuleContext) -> list[Paragraph]:
    return paragraphs(ctx, _compared_sections())


def compared_text(ctx: RuleContext) -> str:
    """The text of all compared paragraphs (paragraphs.joined_text)."""
    return joined_text(ctx, _compared_sections())


def _clause_ok(text: str, exclude: list[str], year: int | None, allowed_years: set[int]) -> bool:
    if any(word in text for word in exclude):
        return False
    return all(int(y) in allowed_years for y in _YEAR.findall(text)) or year is None


@cache
def _metric_patterns() -> tuple[list[tuple[str, dict[str, Any], regex.Pattern[str]]], PatternIndex]:
    """(metric, its spec, one of its patterns compiled) in the order of txt.toml [data.metrics], and the
    index that tells which of them may match a paragraph (prose/literals.py)."""
    metrics: dict[str, dict[str, Any]] = facts("txt").get("metrics", {})
    sources = [(name, spec, pattern) for name, spec in metrics.items() for pattern in spec.get("patterns", [])]
    index = PatternIndex([pattern for _name, _spec, pattern in sources])
    return [(name, spec, compiled(pattern)) for name, spec, pattern in sources], index


def count_claims(ctx: RuleContext) -> Iterator[Claim]:
    """Every figure stated in the compared sections, for every metric of txt.toml [data.metrics]."""
    common = strings("txt", "count_excludes")
    year = ctx.report.report_year
    metric_patterns, index = _metric_patterns()
    for par in compared_paragraphs(ctx):
        if _MAY_HOLD_NUMBER.search(par.text) is None:
            continue
        taken: list[tuple[int, int]] = []
        for i in index.candidates(par.text):  # most patterns cannot match: spare their scans
            name, spec, pattern = metric_patterns[i]
            for m in pattern.finditer(par.text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                c_start, c_end = clause_bounds(par.text, m.start())
                c_end = max(c_end, clause_bounds(par.text, max(m.end() - 1, 0))[1])
                s_start, s_end = sentence_bounds(par.text, m.start())
                sentence = par.text[s_start:s_end]
                clause = par.text[c_start:c_end]
                requires = [str(w) for w in spec.get("requires", [])]
                if requires and not any(w in sentence for w in requires):
                    continue
                excludes = [str(w) for w in spec.get("excludes", [])] + common
                allowed = {year} if year else set()
                if name == "carry_forward" and year:
                    allowed.add(year + 1)
                if not _clause_ok(clause, excludes, year, allowed):
                    continue
                groups = m.groupdict()
                if groups.get("year") and (year is None or int(groups["year"]) != year + 1):
                    continue
                stated = parse_number(groups["num"])
                if stated is None:
                    continue
                taken.append((m.start(), m.end()))
                yield Claim(name, spec, stated, par, c_start, c_end)


def denials(
    ctx: RuleContext, patterns_key: str, exclude_key: str, requires_key: str | None
) -> Iterator[tuple[Paragraph, int, int, str]]:
    """(paragraph, start, end, matched text) for every sentence part denying something."""
    requires = strings("txt", requires_key) if requires_key else []
    excludes = strings("txt", exclude_key)
    whole = compared_text(ctx)
    patterns = [
        (compiled(pattern), needs)
        for pattern in strings("txt", patterns_key)
        if may_match(needs := required_literals(pattern), whole)  # else it matches in no paragraph
    ]
    for par in compared_paragraphs(ctx):
        for pattern, needs in patterns:
            if not may_match(needs, par.text):
                continue
            for m in pattern.finditer(par.text):
                c_start, c_end = phrase_bounds(par.text, m.start(), m.end())
                context = par.text[c_start:c_end]
                if requires and not any(w in context for w in requires):
                    continue
                if any(w in context for w in excludes):
                    continue
                yield par, c_start, c_end, context
