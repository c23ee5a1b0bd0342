"""Grouping: Reports → **Series** (one per issuing organ, one report per year, ordered by year).

The organ comes from the report's title (`Report.organ`, else the part of the title before the year)
and is normalised so that the same organ written differently groups together: full/half width folded
(NFKC), whitespace and a leading `标题:` / `关于` dropped, 人民政府→政府, 办公室→办,
管理委员会→管委会; a name written without its parent's prefix (洪泽区人民政府) joins the full name
(淮安市洪泽区人民政府) when that is the only one in the batch it can be. Reports of different
organs never share a series. Two files of one organ and one year (e.g. the published HTML and a
text dump of it) are one report: the one with more cells read (`status == "ok"`) is kept, the other
is listed as a duplicate.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import regex

from gaicheck.model.observations import RunUnsplittable
from gaicheck.model.report import Report
from gaicheck.templates import registry

_LEADING = regex.compile(r"^(?:标题|题目|title)\s*[:：]|^(?:关于|印发|公布)+", regex.IGNORECASE)
_EDGE_PUNCT = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")
_BEFORE_YEAR = regex.compile(r"^(?P<organ>.{2,60}?)(?:19|20)\d{2}\s*年")
_COMPILER = regex.compile(r"本报告由\s*(?P<organ>[^，。；,;（(《]{2,40}?)\s*(?:根据|依据|按照|依照|编制|汇总)")
_OFFICE_SUFFIX = regex.compile(r"(?:办公室|办公厅)$")
PREAMBLE_BLOCKS = 5
# a parent's name before an organ's own name: 淮安市 (洪泽区政府), 江苏省淮安市 (…)
_PARENT_PREFIX = regex.compile(r"(?:\p{Han}{1,8}?(?:省|自治区|市|自治州|州|盟|地区|县|区|旗))+")
MIN_SHORT_NAME = 4
_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    ("人民政府", "政府"),
    ("管理委员会", "管委会"),
    ("办公室", "办"),
)


def normalise_organ(text: str | None) -> str | None:
    """The grouping key of an organ name, or None when nothing usable is left."""
    if not text:
        return None
    folded = "".join(unicodedata.normalize("NFKC", text).split())
    previous = None
    while previous != folded:
        previous = folded
        folded = _EDGE_PUNCT.sub("", _LEADING.sub("", folded))
    for old, new in _REPLACEMENTS:
        folded = folded.replace(old, new)
    return folded or None


def organ_of(report: Report) -> str | None:
    """The organ as written: the extractor's, else the part of the title before the year, else the
    compiler named in the preamble (本报告由X办公室…编制 → X: an office compiles its organ's report)."""
    if report.organ:
        return report.organ
    if report.title:
        m = _BEFORE_YEAR.search(unicodedata.normalize("NFKC", report.title))
        if m is not None:
            return m.group("organ")
    preamble = "".join(t.text for t in report.text[:PREAMBLE_BLOCKS] if t.section is None)
    m = _COMPILER.search(unicodedata.normalize("NFKC", preamble))
    if m is not None:
        return _OFFICE_SUFFIX.sub("", m.group("organ")) or None
    return None


def series_key(report: Report) -> str | None:
    return normalise_organ(organ_of(report))


def comparable(report: Report) -> bool:
    """A report in one of the national formats (not pre-2019, not unrecognised)."""
    return registry().follows_template(report.template)


def ok_cells(report: Report) -> int:
    """Cells read from the table itself: a run-on row split as the prose states it (STR013) leans on the
    prose, and counts as not read here, so a page whose table was read as published is kept over it."""
    by_prose = {k for o in report.observations if isinstance(o, RunUnsplittable) and o.chosen for k in o.cells}
    return sum(1 for c in report.cells if c.status == "ok" and c.key not in by_prose)


def prose_chars(report: Report) -> int:
    return sum(len(t.text) for t in report.text)


@dataclass(slots=True)
class Series:
    key: str  # normalised organ
    organ: str  # as written in the latest report
    reports: list[Report]  # one per year, by year
    duplicates: list[tuple[Report, Report]] = field(default_factory=list)  # (dropped, kept)

    def years(self) -> list[int]:
        return [r.report_year for r in self.reports if r.report_year is not None]

    def pairs(self) -> list[tuple[Report, Report]]:
        """Each report with the one before it in the series (previous, current)."""
        return list(zip(self.reports, self.reports[1:], strict=False))


def rank(report: Report) -> tuple[int, int, int, str]:
    """Which of two reports of one organ and year is kept (the smaller): comparable first, then more
    cells read, then more prose, then path."""
    return (-int(comparable(report)), -ok_cells(report), -prose_chars(report), report.path)


def ungroupable(reports: list[Report]) -> list[tuple[Report, str]]:
    """Reports that cannot be placed in a series, with the reason (`organ` or `year`)."""
    out: list[tuple[Report, str]] = []
    for report in reports:
        if series_key(report) is None:
            out.append((report, "organ"))
        elif report.report_year is None:
            out.append((report, "year"))
    return out


def resolve_short_names(keys: set[str]) -> dict[str, str]:
    """Map a name written without its parent's prefix to the full name, when only one fits:
    洪泽区政府 → 淮安市洪泽区政府 if the batch holds 淮安市洪泽区政府 and no other …洪泽区政府."""
    aliases: dict[str, str] = {}
    for short in keys:
        if len(short) < MIN_SHORT_NAME:
            continue
        longer = [k for k in keys if k != short and k.endswith(short) and _PARENT_PREFIX.fullmatch(k[: -len(short)])]
        if len(longer) == 1:
            aliases[short] = longer[0]
    return aliases


def group_reports(reports: list[Report]) -> list[Series]:
    """Group by normalised organ, one report per year (duplicates set aside), ordered by year.

    Reports without an organ or a year are left out (see `ungroupable`). Series come in order of
    their key; a series may hold a single report.
    """
    keyed = [(series_key(r), r) for r in reports]
    aliases = resolve_short_names({k for k, _r in keyed if k is not None})
    by_key: dict[str, dict[int, list[Report]]] = {}
    for key, report in keyed:
        if key is None or report.report_year is None:
            continue
        key = aliases.get(key, key)
        by_key.setdefault(key, {}).setdefault(report.report_year, []).append(report)
    out: list[Series] = []
    for key in sorted(by_key):
        members: list[Report] = []
        duplicates: list[tuple[Report, Report]] = []
        for year in sorted(by_key[key]):
            ranked = sorted(by_key[key][year], key=rank)
            members.append(ranked[0])
            duplicates.extend((other, ranked[0]) for other in ranked[1:])
        organ = organ_of(members[-1]) or key
        out.append(Series(key=key, organ=organ, reports=members, duplicates=duplicates))
    return out
