"""META002 opening-year-mismatch: the opening of 一、总体情况 (or of 五, which may name the next year, and
the year before when it tells what became of last year's problems) names another year than the report's.

Report (first paragraph of each opening section, year) → **META002** → one finding per section.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.checks.meta.common import is_report
from gaicheck.prose.facts import compiled, facts, strings
from gaicheck.prose.paragraphs import paragraphs

_CLAUSE_END = "，,。；;：:"


def check(ctx: RuleContext) -> None:
    report = ctx.report
    year = report.report_year
    if year is None or not is_report(report):
        return
    data = facts("meta")
    pattern = compiled(str(data.get("opening_year_pattern", "")))
    window = int(data.get("opening_window", 16))
    for key in strings("meta", "opening_sections"):
        section = next((s for s in report.sections if s.key == key and s.found_title), None)
        if section is None:
            continue
        pars = paragraphs(ctx, {key})
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
        if key == "problems" and found == year - 1:
            clause_end = next((i for i in range(m.end(), len(first.text)) if first.text[i] in _CLAUSE_END), None)
            clause = first.text[: clause_end if clause_end is not None else len(first.text)]
            if any(cue in clause for cue in strings("meta", "problems_previous_year_cues")):
                continue  # last year's problems and what became of them
        ctx.emit(
            "META002",
            {
                "number": i18n.section_number(section.number, ctx.lang),
                "section": i18n.section_named(section.key, section.official_title, ctx.version, ctx.lang),
                "quote": first.quote(0, max(end, m.end())),
                "found": found,
                "year": year,
            },
            at=first.position(m.start()),
            expected=year,
            actual=found,
        )
