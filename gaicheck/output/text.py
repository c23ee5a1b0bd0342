"""Text reporter: one line per finding, `path:line:col: CODE message`, then a summary line."""

from __future__ import annotations

from collections import Counter

from gaicheck.model.finding import FileResult, Finding

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _position(result: FileResult, finding: Finding) -> str:
    if finding.line is not None:
        return f"{result.path}:{finding.line}:{finding.column or 1}:"
    return f"{result.path}:"


def format_finding(result: FileResult, finding: Finding, lang: str) -> str:
    where = ""
    if finding.line is None and (finding.where or finding.page):
        place = finding.where or (f"第{finding.page}页" if lang == "zh" else f"page {finding.page}")
        where = f" [{place}]"
    return f"{_position(result, finding)} {finding.code} {finding.message}{where}"


def summary(results: list[FileResult], lang: str) -> str:
    counts: Counter[str] = Counter(f.severity for r in results for f in r.findings)
    unreadable = sum(1 for r in results if r.error)
    if lang == "en":
        text = (
            f"{len(results)} file(s) checked: {counts['error']} error(s), "
            f"{counts['warning']} warning(s), {counts['info']} info"
        )
        return text + (f"; {unreadable} file(s) could not be read" if unreadable else "")
    text = f"共检查{len(results)}个文件：错误{counts['error']}个，警告{counts['warning']}个，提示{counts['info']}个"
    return text + (f"；{unreadable}个文件无法读取" if unreadable else "")


def statistics(results: list[FileResult]) -> list[str]:
    counts: Counter[tuple[str, str]] = Counter((f.code, f.name) for r in results for f in r.findings)
    return [f"{n:6d}  {code}  {name}" for (code, name), n in sorted(counts.items())]


def render(results: list[FileResult], lang: str = "zh", show_statistics: bool = False) -> str:
    lines: list[str] = []
    for result in results:
        if result.error:
            label = "无法检查" if lang == "zh" else "cannot check"
            lines.append(f"{result.path}: {label}: {result.error}")
            continue
        lines.extend(format_finding(result, f, lang) for f in result.findings)
    if show_statistics:
        lines.extend(statistics(results))
    lines.append(summary(results, lang))
    return "\n".join(lines) + "\n"
