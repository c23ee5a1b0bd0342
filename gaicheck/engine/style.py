"""Wording and typography rules (STY): Report → findings for a wrong name of the Regulation, document
numbers whose year is not in 〔〕, unbalanced brackets or quotes in a paragraph, and section headings out
of order or numbered differently from the format.

Official names and patterns are data (rules/catalogue/sty.toml [data]).
"""

from __future__ import annotations

import itertools
import re
from functools import cache

import regex

from gaicheck.engine.core import Emitter, rule
from gaicheck.model.report import Position, Report
from gaicheck.prose.facts import compiled, facts, strings
from gaicheck.prose.literals import may_match, required_literals
from gaicheck.prose.paragraphs import Paragraph, paragraphs


def _is_document(report: Report) -> bool:
    return bool(report.text) and (
        report.template != "none" or any(report.tables_found.values()) or report.title is not None
    )


@rule("STY001")
def regulation_name(report: Report, out: Emitter) -> None:
    if not _is_document(report):
        return
    data = facts("sty")
    official = str(data.get("regulation_official", ""))
    accepted = set(strings("sty", "regulation_accepted"))
    wrong = set(strings("sty", "regulation_wrong_names"))
    full_source = str(data.get("regulation_full_pattern", "$^"))
    short_source = str(data.get("regulation_short_pattern", "$^"))
    full, full_needs = compiled(full_source), required_literals(full_source)
    short, short_needs = compiled(short_source), required_literals(short_source)
    for par in paragraphs(report):
        hits: list[tuple[int, str]] = []
        if may_match(full_needs, par.text):  # (the literal pre-filters spare most paragraphs' scans)
            hits += [(m.start(), m.group(0)) for m in full.finditer(par.text) if m.group(0) not in accepted]
        if may_match(short_needs, par.text):
            hits += [(m.start(), m.group(0)) for m in short.finditer(par.text) if m.group("name") in wrong]
        for start, found in sorted(hits):
            out.emit(
                "STY001",
                {"found": found, "official": official},
                at=par.position(start),
                expected=official,
                actual=found,
            )


@rule("STY002")
def document_numbers(report: Report, out: Emitter) -> None:
    if not _is_document(report):
        return
    source = str(facts("sty").get("document_number_pattern", "$^"))
    pattern, needs = compiled(source), required_literals(source)
    for par in paragraphs(report):
        if not may_match(needs, par.text):
            continue
        for m in pattern.finditer(par.text):
            if m.group("open") == "〔" and m.group("close") == "〕":
                continue
            found = m.group(0)
            fixed = f"{m.group('org')}〔{m.group('year')}〕{m.group('num')}号"
            out.emit(
                "STY002", {"found": found, "fixed": fixed}, at=par.position(m.start()), expected=fixed, actual=found
            )


@cache
def _bracket_table(pairs: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, list[tuple[int, bool]]]]:
    """A pattern finding any bracket character (stdlib `re`: scans a character set faster than `regex`),
    and for each one its (family, is_opening) roles in family order (only bracket characters change the
    stack, so `_unbalanced` visits nothing else)."""
    roles: dict[str, list[tuple[int, bool]]] = {}
    for family, (opening, closing) in enumerate(pairs):
        for ch in dict.fromkeys(opening + closing):
            roles.setdefault(ch, []).append((family, ch in opening))
    if not roles:
        return re.compile("$^"), roles
    return re.compile("[" + "".join(re.escape(ch) for ch in roles) + "]"), roles


def _unbalanced(
    par: Paragraph, pairs: tuple[tuple[str, str], ...], marker: regex.Pattern[str]
) -> tuple[int, str, bool] | None:
    """The first bracket without its other half: (index, mark, is_opening)."""
    finder, roles = _bracket_table(pairs)
    text = par.text
    stack: list[tuple[int, int]] = []  # (family, index)
    for m in finder.finditer(text):
        i = m.start()
        ch = text[i]
        for family, opening in roles[ch]:
            if opening:
                stack.append((family, i))
            elif stack and stack[-1][0] == family:
                stack.pop()
            elif any(f == family for f, _ in stack):
                # an inner bracket of another family was left open
                return stack[-1][1], text[stack[-1][1]], True
            elif marker.search(text[max(0, i - 4) : i]) or (i <= 2 and ch in ")）"):
                continue
            else:
                return i, ch, False
    if stack:
        index = stack[0][1]
        return index, text[index], True
    return None


_CLAUSE_MARK = re.compile("[，。；,;]")  # a sentence has one (one C scan, not one `in` per mark)


@rule("STY003")
def brackets(report: Report, out: Emitter) -> None:
    if not _is_document(report):
        return
    data = facts("sty")
    pairs = tuple((str(p[0]), str(p[1])) for p in data.get("bracket_pairs", []))
    marker = compiled(str(data.get("list_marker_pattern", "$^")))
    sections: set[str | None] = {s or None for s in strings("sty", "bracket_sections")}
    shortest = int(data.get("bracket_min_length", 15))
    for par in paragraphs(report, sections):
        if len(par.text) < shortest or _CLAUSE_MARK.search(par.text) is None:
            continue  # page chrome and labels are not sentences
        found = _unbalanced(par, pairs, marker)
        if found is None:
            continue
        index, mark, opening = found
        start, end = max(0, index - 12), min(len(par.text), index + 13)
        quote = ("…" if start > 0 else "") + par.text[start:end] + ("…" if end < len(par.text) else "")
        out.emit(
            "STY003",
            {
                "quote": quote,
                "mark": mark,
                "problem": "没有对应的右半" if opening else "没有对应的左半",
                "problem_en": "is never closed" if opening else "closes nothing",
            },
            at=par.position(index),
            actual=mark,
        )


def _sort_key(pos: Position) -> tuple[int, int, int]:
    return (pos.page or 0, pos.line or 0, pos.column or 0)


@rule("STY004")
def section_order(report: Report, out: Emitter) -> None:
    found = [s for s in report.sections if s.found_title is not None and s.line is not None]
    order = {s.key: i for i, s in enumerate(report.sections)}
    by_place = sorted(found, key=_sort_key)
    for prev, cur in itertools.pairwise(by_place):
        if _sort_key(prev) == _sort_key(cur) or order[cur.key] > order[prev.key]:
            continue
        out.emit(
            "STY004",
            {
                "number": prev.number,
                "found": prev.found_title,
                "previous_number": cur.number,
                "previous": cur.found_title,
            },
            at=prev,
        )
        return


@rule("STY005")
def section_numbering(report: Report, out: Emitter) -> None:
    pattern = compiled(str(facts("sty").get("heading_numeral_pattern", "$^")))
    items_zh: list[str] = []
    items_en: list[str] = []
    first: Position | None = None
    for section in report.sections:
        if section.found_title is None:
            continue
        m = pattern.match(section.found_title)
        if m is None or m.group("n") == section.number:
            continue
        items_zh.append(f"「{section.found_title.strip()}」应为「{section.number}、」")
        items_en.append(f'"{section.found_title.strip()}" should be numbered {section.number}')
        first = first or section
    if items_zh:
        out.emit("STY005", {"items": "；".join(items_zh), "items_en": "; ".join(items_en)}, at=first)
