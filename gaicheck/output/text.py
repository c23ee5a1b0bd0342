"""Text reporter: one line per finding, `path:line:col: CODE message`, then a summary line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import click

from gaicheck import i18n
from gaicheck.model.finding import FileResult, Finding
from gaicheck.output.escape import escape_path
from gaicheck.series.grouping import normalise_organ, resolve_short_names

_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def _position(result: FileResult, finding: Finding) -> str:
    path = escape_path(result.path)
    if finding.line is not None:
        return f"{path}:{finding.line}:{finding.column or 1}:"
    return f"{path}:"


def format_finding(result: FileResult, finding: Finding, lang: str, color: bool = False) -> str:
    where = ""
    if finding.line is None:
        place = i18n.place(finding.where, finding.page, lang)
        where = f" [{place}]" if place else ""
    if finding.advice:  # the culprit search's suggestion, on the same line (one line per finding)
        where += i18n.word("pin.arrow", lang) + finding.advice
    if color:  # same text, only styled: a terminal, never a pipe
        position = click.style(_position(result, finding), bold=True)
        code = click.style(finding.code, fg=_COLOURS[finding.severity], bold=True)
        return f"{position} {code} {finding.message}{where}"
    return f"{_position(result, finding)} {finding.code} {finding.message}{where}"


def file_lines(result: FileResult, lang: str, color: bool = False) -> list[str]:
    """The lines of one file: its findings, or why it could not be checked."""
    if result.error:
        label = i18n.word("text.cannot_check", lang)
        line = f"{escape_path(result.path)}: {label}: {escape_path(result.error)}"
        return [click.style(line, fg="red") if color else line]
    return [format_finding(result, f, lang, color) for f in result.findings]


@dataclass
class Tally:
    """What the summary and `--statistics` need, without keeping the findings (streamed output)."""

    files: int = 0
    unreadable: int = 0
    severities: Counter[str] = field(default_factory=Counter)
    codes: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.unreadable += 1 if result.error else 0
        self.severities.update(f.severity for f in result.findings)
        self.codes.update((f.code, f.name) for f in result.findings)

    def summary(self, lang: str) -> str:
        counts, unreadable = self.severities, self.unreadable
        text = i18n.word(
            "summary.checked", lang,
            files=self.files, error=counts["error"], warning=counts["warning"], info=counts["info"],
        )
        return text + (i18n.word("summary.unreadable", lang, n=unreadable) if unreadable else "")

    def statistics(self) -> list[str]:
        return [f"{n:6d}  {code}  {name}" for (code, name), n in sorted(self.codes.items())]


def tally(results: list[FileResult]) -> Tally:
    counts = Tally()
    for result in results:
        counts.add(result)
    return counts


def summary(results: list[FileResult], lang: str) -> str:
    return tally(results).summary(lang)


def statistics(results: list[FileResult]) -> list[str]:
    return tally(results).statistics()


def render(results: list[FileResult], lang: str = "zh", show_statistics: bool = False, color: bool = False) -> str:
    lines: list[str] = []
    for result in results:
        lines.extend(file_lines(result, lang, color))
    if show_statistics:
        lines.extend(statistics(results))
    lines.append(summary(results, lang))
    return "\n".join(lines) + "\n"


def organ_groups(results: list[FileResult]) -> list[tuple[str, list[FileResult]]]:
    """Files by organ as `gaicheck series` groups them (gaicheck.series.grouping: the same organ written
    differently, or without its parent's prefix, is one organ): (the organ as written in its latest report,
    its files in input order), organs in order of first appearance; files whose organ was not found last,
    under ""."""
    keys = [normalise_organ(r.organ) or "" for r in results]
    aliases = resolve_short_names({k for k in keys if k})
    groups: dict[str, list[FileResult]] = {}
    for key, result in zip(keys, results, strict=True):
        groups.setdefault(aliases.get(key, key), []).append(result)
    out: list[tuple[str, list[FileResult]]] = []
    for key in sorted(groups, key=lambda k: (k == "", list(groups).index(k))):
        files = groups[key]
        named = [r for r in files if r.organ]
        latest = max(named, key=lambda r: r.report_year or 0, default=None)  # max keeps the first of a tie
        out.append(((latest.organ or "") if latest else "", files))
    return out


def render_grouped(results: list[FileResult], lang: str = "zh", show_statistics: bool = False) -> str:
    """`--group-by organ`: files under a heading per organ (`organ_groups`)."""
    unknown = i18n.word("text.organ_unknown", lang)
    lines: list[str] = []
    for organ, files in organ_groups(results):
        lines.append(f"== {organ or unknown} ==")
        for result in files:
            lines.extend(file_lines(result, lang))
    if show_statistics:
        lines.extend(statistics(results))
    lines.append(summary(results, lang))
    return "\n".join(lines) + "\n"
