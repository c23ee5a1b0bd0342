"""Report-level rules (META): Report → findings where the report disagrees with itself about its year
(statistical period, the opening of 总体情况 and of 五), was published after the legal deadline or
before its year ended, cites the format notice of the other template, lacks a statement the format
requires (信息处理费 in 六, content in 五/六) or has an overview longer than the format asks.

Deadlines, notice numbers and phrases are data (rules/catalogue/meta.toml [data]).
"""

from __future__ import annotations

import datetime as dt

import regex

from gaicheck.engine.core import Emitter, rule
from gaicheck.engine.structure import effective_template
from gaicheck.model.report import Position, Report
from gaicheck.prose.facts import compiled, facts, strings
from gaicheck.prose.literals import may_match, required_literals
from gaicheck.prose.paragraphs import Paragraph, joined_text, paragraphs
from gaicheck.templates import registry


def _is_report(report: Report) -> bool:
    return registry().follows_template(report.template) or any(report.tables_found.values())


@rule("META001")
def period_year(report: Report, out: Emitter) -> None:
    year = report.report_year
    if year is None or not _is_report(report):
        return
    source = str(facts("meta").get("period_pattern", ""))
    pattern, needs = compiled(source), required_literals(source)
    if not may_match(needs, joined_text(report)):
        return
    for par in paragraphs(report):
        if not may_match(needs, par.text):  # (the literal pre-filter spares most paragraphs' scans)
            continue
        for m in pattern.finditer(par.text):
            years = {int(y) for y in (m.group("y1"), m.group("y2")) if y}
            wrong = sorted(y for y in years if y != year)
            if not wrong:
                continue
            out.emit(
                "META001",
                {
                    "quote": par.quote(m.start(), m.end()),
                    "found": "、".join(map(str, wrong)),
                    "year": year,
                    "title": report.title or "",
                },
                at=par.position(m.start()),
                expected=year,
                actual=wrong[0],
            )


@rule("META002")
def opening_year(report: Report, out: Emitter) -> None:
    year = report.report_year
    if year is None or not _is_report(report):
        return
    data = facts("meta")
    pattern = compiled(str(data.get("opening_year_pattern", "")))
    window = int(data.get("opening_window", 16))
    for key in strings("meta", "opening_sections"):
        section = next((s for s in report.sections if s.key == key and s.found_title), None)
        if section is None:
            continue
        pars = paragraphs(report, {key})
        if not pars:
            continue
        first = pars[0]
        m = pattern.search(first.text[:window])
        if m is None:
            continue
        found = int(m.group("y"))
        allowed = {year, year + 1} if key == "problems" else {year}
        if found in allowed:
            continue
        end = next((i for i, ch in enumerate(first.text) if ch in "，,。；;：:"), min(len(first.text), 30))
        out.emit(
            "META002",
            {
                "number": section.number,
                "section": section.official_title,
                "quote": first.quote(0, max(end, m.end())),
                "found": found,
                "year": year,
            },
            at=first.position(m.start()),
            expected=year,
            actual=found,
        )


def _organ_kind(report: Report) -> str:
    """ "department", "government" or "unknown", from the organ's name (or the title)."""
    data = facts("meta")
    name = (report.organ or "").strip()
    if not name:
        return "unknown"
    if any(marker in name for marker in strings("meta", "government_markers")):
        return "government"
    if any(marker in name for marker in strings("meta", "department_markers")):
        return "department"
    if compiled(str(data.get("government_pattern", "$^"))).search(name):
        return "government"
    return "unknown"


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


@rule("META003", "META004")
def publication_date(report: Report, out: Emitter) -> None:
    year = report.report_year
    published = _date(report.published)
    if year is None or published is None or not _is_report(report):
        return
    at = report.title_at
    if published <= dt.date(year, 12, 31):
        out.emit(
            "META004",
            {"published": published.isoformat(), "year": year},
            at=at,
            expected=f">{year}-12-31",
            actual=published.isoformat(),
        )
        return
    data = facts("meta")
    kind = _organ_kind(report)
    month_day = str(data.get(f"deadline_{kind}", "03-31"))
    month, day = (int(x) for x in month_day.split("-"))
    deadline = dt.date(year + 1, month, day)
    if published <= deadline:
        return
    group = "department" if kind == "department" else "government"
    out.emit(
        "META003",
        {
            "published": published.isoformat(),
            "deadline": deadline.isoformat(),
            "kind": data.get(f"kind_{group}_zh", ""),
            "kind_en": data.get(f"kind_{group}_en", ""),
            "deadline_md": f"{month}月{day}日",
            "deadline_md_en": deadline.strftime("%d %B"),
        },
        at=at,
        expected=deadline.isoformat(),
        actual=published.isoformat(),
    )


@rule("META005")
def cited_notice(report: Report, out: Emitter) -> None:
    if not registry().is_version(report.template):
        return
    used = effective_template(report)
    data = facts("meta")
    notices: dict[str, str] = data.get("notices", {})
    names: dict[str, str] = data.get("notice_names", {})
    cited: dict[str, tuple[int, int, int]] = {}
    whole = joined_text(report)
    patterns = {  # (a notice whose pre-filter fails on the whole text is cited in no paragraph)
        version: (compiled(pattern), needs)
        for version, pattern in notices.items()
        if may_match(needs := required_literals(pattern), whole)
    }
    for index, par in enumerate(paragraphs(report)):
        for version, (pattern, needs) in patterns.items():
            if version in cited or not may_match(needs, par.text):
                continue  # the first citation of each notice counts
            m = pattern.search(par.text)
            if m is not None:
                cited[version] = (index, m.start(), m.end())
    if used in cited or not cited:
        return
    version, (index, start, end) = next(iter(cited.items()))
    par = paragraphs(report)[index]
    quote_start = max(0, start - 6)
    out.emit(
        "META005",
        {
            "cited": par.text[quote_start:end],
            "cited_version": version,
            "used": used,
            "used_notice": names.get(used, ""),
        },
        at=par.position(start),
        expected=used,
        actual=version,
    )


def _section_text(report: Report, key: str) -> tuple[str, Paragraph | None, Position] | None:
    """The joined text of a section whose heading was found, its first paragraph, and where a finding
    about it points: that paragraph's start, else the heading."""
    section = next((s for s in report.sections if s.key == key), None)
    if section is None or section.found_title is None:
        return None
    pars = paragraphs(report, {key})
    first = pars[0] if pars else None
    return "".join(p.text for p in pars), first, (first.position(0) if first else section)


def _empty_kind(text: str) -> tuple[str, str] | None:
    if not text:
        return "没有实质内容", "has no content"
    for pattern in strings("meta", "empty_patterns"):
        if compiled(pattern).match(text):
            return f"只写了「{text}」", f'only says "{text}"'
    return None


@rule("META006", "META009")
def other_section(report: Report, out: Emitter) -> None:
    if not registry().follows_template(report.template):
        return
    found = _section_text(report, "other")
    if found is None:
        return
    text, _first, at = found
    empty = _empty_kind(text)
    if registry().has(report.template, "fees_in_other_section"):
        if any(word in text for word in strings("meta", "fee_keywords")):
            return
        zh, en = empty or ("没有提及信息处理费", "does not mention fees")
        out.emit("META006", {"found": zh, "found_en": en}, at=at)
    elif not text:
        # 2019 format: nothing is required here, so an explicit "无" is a valid answer; only a heading
        # left with nothing under it is worth a note
        assert empty is not None
        out.emit("META009", {"found": empty[0], "found_en": empty[1]}, at=at)


@rule("META008")
def problems_section(report: Report, out: Emitter) -> None:
    if not registry().follows_template(report.template):
        return
    found = _section_text(report, "problems")
    if found is None:
        return
    text, _first, at = found
    empty = _empty_kind(text)
    if empty is None:
        return
    out.emit("META008", {"found": empty[0], "found_en": empty[1]}, at=at)


_HAN_RUN = regex.compile(r"\p{Han}+")


@rule("META007")
def overview_length(report: Report, out: Emitter) -> None:
    if not registry().has(report.template, "overview_limit"):
        return
    found = _section_text(report, "overview")
    if found is None or found[1] is None:
        return
    text, _first, at = found
    chars = sum(map(len, _HAN_RUN.findall(text)))
    data = facts("meta")
    limit = int(data.get("overview_limit", 1000))
    if chars > limit + int(data.get("overview_margin", 100)):
        out.emit("META007", {"chars": chars, "limit": limit}, at=at, expected=limit, actual=chars)
