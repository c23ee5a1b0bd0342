"""Text reporter: one line per finding, `path:line:col: CODE message`, then a summary line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import click

from gaicheck import i18n
from gaicheck.model.finding import FileResult, Finding
from gaicheck.output.escape import escape_path

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


def render_grouped(results: list[FileResult], lang: str = "zh", show_statistics: bool = False) -> str:
    """`--group-by organ`: files under a heading per organ (organs in order of first appearance,
    files in input order within each; files whose organ was not found come last)."""
    groups: dict[str, list[FileResult]] = {}
    unknown = i18n.word("text.organ_unknown", lang)
    for result in results:
        groups.setdefault(result.organ or "", []).append(result)
    lines: list[str] = []
    for organ in sorted(groups, key=lambda o: (o == "", list(groups).index(o))):
        lines.append(f"== {organ or unknown} ==")
        for result in groups[organ]:
            lines.extend(file_lines(result, lang))
    if show_statistics:
        lines.extend(statistics(results))
    lines.append(summary(results, lang))
    return "\n".join(lines) + "\n"
