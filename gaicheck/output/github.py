"""GitHub Actions reporter (`--format github`): one workflow command per finding, which GitHub shows
as an annotation on the file, and a Markdown summary for `$GITHUB_STEP_SUMMARY`.

Findings → **`::error file=…,line=…,col=…,title=CODE::message`** (warning → `::warning`, info → `::notice`).
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.model.finding import FileResult, Finding
from gaicheck.output.escape import escape_path
from gaicheck.output.text import Tally

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """GitHub's escapes for `%`, CR and LF; any other control character as a visible escape."""
    return escape_path(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, finding: Finding, lang: str = "zh") -> str:
    props = [f"file={escape_property(path)}"]
    if finding.line is not None:
        props.append(f"line={finding.line}")
        if finding.column is not None:
            props.append(f"col={finding.column}")
    props.append(f"title={escape_property(finding.code)}")
    message = finding.message
    place = i18n.place(finding.where, finding.page, lang) if finding.line is None else ""
    if place:
        message += f" [{place}]"
    return f"::{COMMANDS[finding.severity]} {','.join(props)}::{escape_data(message)}"


def file_lines(result: FileResult, lang: str = "zh") -> list[str]:
    if result.error:
        return [f"::error file={escape_property(result.path)},title=gaicheck::{escape_data(result.error)}"]
    return [annotation(result.path, f, lang) for f in result.findings]


def render(results: list[FileResult], lang: str = "zh") -> str:
    lines = [line for r in results for line in file_lines(r, lang)]
    return "".join(line + "\n" for line in lines)


def step_summary(counts: Tally, lang: str = "zh") -> str:
    """A short Markdown summary: the totals and the count per rule."""
    lines = ["## gaicheck", "", counts.summary(lang), ""]
    if counts.codes:
        lines += [i18n.word("github.header", lang), "|---|---|---:|"]
        lines += [f"| {code} | {name} | {n} |" for (code, name), n in sorted(counts.codes.items())]
        lines.append("")
    return "\n".join(lines) + "\n"
