"""`gaicheck compare OLD NEW`: two years' reports side by side (a lazy subcommand, like `series`).

OLD, NEW → the pipeline, exactly as `gaicheck check OLD NEW` runs it (same limits, configuration,
suppressions, cross-year rules) → compare/model.py → text (default), JSON or HTML.
Exit code 0, or 2 when a file cannot be read (named with its one-line reason) or for a usage error.
"""

from __future__ import annotations

import sys

import click

from gaicheck import i18n
from gaicheck.compare.model import Comparison, compare
from gaicheck.model.finding import Finding
from gaicheck.model.report import Report
from gaicheck.output.escape import escape_path

CROSS_YEAR = "YOY"


def _run(old: str, new: str, lang: str | None) -> Comparison | str:
    """The comparison, or the line saying why a file could not be read."""
    from gaicheck.checks.options import Options
    from gaicheck.config import ConfigError, load_settings, merge_cli
    from gaicheck.files import Found
    from gaicheck.limits import memory_capped
    from gaicheck.pipeline.run import CheckRun

    try:
        settings = merge_cli(load_settings([old, new], None, False), lang=lang)
    except ConfigError as exc:
        return str(exc)
    options = Options(lang=settings.lang, select=settings.selected(), ignore=list(settings.ignore),
                      severity=settings.severity_overrides())
    reports: list[Report] = []
    findings: list[tuple[str, Finding]] = []
    with memory_capped():
        run = CheckRun(Found(files=[old, new]), options, settings.ignores_for, full_reports=True, jobs=1)
        for checked in run.results():
            result = checked.result
            if result.error is not None or checked.report is None:
                return f"{escape_path(result.path)}: {result.error}"
            reports.append(checked.report)
            findings.extend((result.path, f) for f in result.findings if f.code.startswith(CROSS_YEAR))
    return compare(reports[0], reports[1], findings, settings.lang)


@click.command("compare")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="语言（默认 zh）/ language")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="写入文件而不是标准输出 / write the output to FILE")
def compare_command(old: str, new: str, fmt: str, lang: str | None, output: str | None) -> None:
    """对比同一机关两个年度的报告 / compare two years' reports: tables, cross-year findings, prose reuse."""
    if old == "-" or new == "-":
        raise click.UsageError(i18n.word("cli.compare_two_files", "zh"))
    comparison = _run(old, new, lang)
    if isinstance(comparison, str):
        click.echo(f"gaicheck: {comparison}", err=True)
        sys.exit(2)
    if fmt == "json":
        from gaicheck.compare import jsonview

        rendered = jsonview.render(comparison)
    elif fmt == "html":
        from gaicheck.compare import page

        rendered = page.render(comparison)
    else:
        from gaicheck.compare import text

        rendered = text.render(comparison)
    if output is None:
        click.echo(rendered, nl=False)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(rendered)
    except OSError as exc:
        why = i18n.word("cli.cannot_write", "zh", path=escape_path(output), problem=exc.strerror or exc)
        click.echo(f"gaicheck: {why}", err=True)
        sys.exit(2)


__all__ = ["compare_command"]
