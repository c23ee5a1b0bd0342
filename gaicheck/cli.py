"""Command line: `gaicheck check | parse | rules | explain | config | schema` (+ lazy `serve`, `series`).
The last stage of the flow: options and configuration in, the batch run (gaicheck/checkrun.py) over
the files, findings to a reporter. Exit codes: 0 nothing at or above --fail-on, 1 findings at or
above it, 2 usage or configuration error, or a file that could not be read."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, TextIO

import click

from gaicheck import __version__

if TYPE_CHECKING:
    from gaicheck.batch import Checked
    from gaicheck.config import Settings
    from gaicheck.model.finding import Finding
    from gaicheck.series.parked import CrossFile

FAIL_ON = ("error", "warning", "info")
FORMATS = ("text", "full", "json", "sarif", "github", "junit", "gitlab", "html")
PROGRESS_MIN_FILES = 20


def _setup_streams() -> None:
    """Never crash on a console that cannot show Chinese (Windows GBK consoles): replace instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with suppress(ValueError, OSError):
                reconfigure(errors="replace")


def _codes(value: str | None) -> list[str]:
    if not value:
        return []
    return [c.strip().upper() for c in value.split(",") if c.strip()]


class LazyGroup(click.Group):
    """Subcommands living in their own modules, imported only when invoked (keeps start-up fast)."""

    lazy: ClassVar[dict[str, str]] = {
        "serve": "gaicheck.server.command:serve",
        "series": "gaicheck.series.command:series",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            import importlib

            module_name, attr = self.lazy[cmd_name].split(":")
            try:
                command: click.Command = getattr(importlib.import_module(module_name), attr)
            except ImportError as exc:
                raise click.UsageError(f"命令 {cmd_name} 不可用 / command {cmd_name} unavailable: {exc}") from exc
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gaicheck")
def main() -> None:
    """gaicheck：政府信息公开工作年度报告一致性检查工具 / consistency linter for annual reports."""
    _setup_streams()


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="输出格式（默认 text）/ output format (default text)")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="消息语言（默认 zh）/ message language")
@click.option("--select", default=None, help="只检查这些规则（代码或前缀，逗号分隔）/ codes or prefixes to check")
@click.option("--extend-select", default=None, help="在已选规则之外再检查 / codes to add to the selection")
@click.option("--ignore", default=None, help="不检查这些规则 / codes or prefixes to skip")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None, help="退出码为1的最低级别（默认 error）")
@click.option("--statistics", is_flag=True, help="按规则统计 / count findings per code")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="写入文件而不是标准输出 / write the output to FILE")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="使用此配置文件 / use this configuration file")
@click.option("--isolated", is_flag=True, help="忽略所有配置文件 / ignore all configuration files")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None,
              help="只报告基线中没有的问题 / report only findings not in this baseline")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
              help="把本次发现的问题写入基线文件 / record today's findings as the baseline")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="并行进程数（默认全部核心）/ parallel processes (default: all cores)")
@click.option("--previous", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="同一机关上一年度的报告（只读取，不报告）/ last year's report of the same organ (read only)")
@click.option("--group-by", type=click.Choice(["organ"]), default=None,
              help="文本输出按机关分组 / group text output by organ")
@click.option("--check-aggregate", is_flag=True,
              help="比较上级报告与所属下级报告之和（提示）/ compare a county's totals with its subordinates'")
def check(
    paths: tuple[str, ...],
    fmt: str | None,
    lang: str | None,
    select: str | None,
    extend_select: str | None,
    ignore: str | None,
    fail_on: str | None,
    statistics: bool,
    output: str | None,
    config_file: str | None,
    isolated: bool,
    baseline: str | None,
    write_baseline: str | None,
    jobs: int | None,
    previous: tuple[str, ...],
    group_by: str | None,
    check_aggregate: bool,
) -> None:
    """检查报告文件或目录（- 表示标准输入）/ check report files or directories (- for stdin)."""
    from gaicheck.config import ConfigError, load_settings, merge_cli

    try:
        settings = merge_cli(
            load_settings(list(paths), config_file, isolated),
            select=_codes(select), ignore=_codes(ignore), extend_select=_codes(extend_select),
            fail_on=fail_on, lang=lang, fmt=fmt,
        )
    except ConfigError as exc:
        click.echo(f"gaicheck: {exc}", err=True)
        sys.exit(2)
    request = CheckRequest(
        paths=list(paths), settings=settings, statistics=statistics, output=output, baseline=baseline,
        write_baseline=write_baseline, jobs=jobs, previous=list(previous), group_by=group_by,
        check_aggregate=check_aggregate,
    )
    sys.exit(run_check(request))


@dataclass
class CheckRequest:
    paths: list[str]
    settings: Settings
    statistics: bool = False
    output: str | None = None
    baseline: str | None = None
    write_baseline: str | None = None
    jobs: int | None = None
    previous: list[str] = field(default_factory=list)
    group_by: str | None = None
    check_aggregate: bool = False


def _cross_file() -> CrossFile | None:
    """The cross-year rules (gaicheck.series), when installed."""
    try:
        from gaicheck.series.crossfile import cross_file_findings
    except ImportError:
        return None
    function: CrossFile = cross_file_findings
    return function


def _use_color(out: TextIO) -> bool:
    return out is sys.stdout and "NO_COLOR" not in os.environ and out.isatty()


def _show_progress(count: int, lines_on_terminal: bool = False) -> bool:
    """A bar on stderr for many files on a terminal, outside CI — unless findings are being printed on
    that same terminal as they come (then the lines themselves show the progress, and a bar would
    overwrite them)."""
    return count >= PROGRESS_MIN_FILES and sys.stderr.isatty() and not os.environ.get("CI") and not lines_on_terminal


def run_check(request: CheckRequest) -> int:
    """settings → discover → batch (parallel, input order) → cross-file rules → baseline → sink → exit code."""
    from gaicheck.api import check_file_report
    from gaicheck.baseline import Baseline, BaselineError
    from gaicheck.batch import Task, collector_tuned, default_jobs, run
    from gaicheck.catalogue import matches
    from gaicheck.engine.core import Options
    from gaicheck.files import discover
    from gaicheck.model.finding import SEVERITY_RANK, Finding
    from gaicheck.output.sink import NEEDS_REPORTS, Sink

    settings = request.settings
    options = Options(
        lang=settings.lang, select=settings.selected(), ignore=list(settings.ignore),
        severity=settings.severity_overrides(), check_aggregate=request.check_aggregate,
    )
    known: Baseline | None = None
    if request.baseline and not request.write_baseline:
        try:
            known = Baseline.read(request.baseline)
        except BaselineError as exc:
            click.echo(f"gaicheck: {exc}", err=True)
            return 2
    files = discover(request.paths, settings.is_excluded)
    if not files:  # e.g. a pre-commit run whose files are all excluded: nothing wrong
        click.echo("gaicheck: 没有要检查的文件 / no files to check", err=True)
    cross_file = _cross_file() if len(files) > 1 or request.previous else None  # lazy: one file needs none
    previous_reports = []
    for path in request.previous:
        failure, report = check_file_report(path, options)  # the same limits; never raises
        if report is None:
            click.echo(f"gaicheck: {path}: {failure.error}", err=True)
            return 2
        previous_reports.append(report)
    cross = cross_file is not None and (len(files) > 1 or bool(previous_reports))
    keep_reports = cross or settings.format in NEEDS_REPORTS
    stdin = sys.stdin.buffer.read() if "-" in files else None
    tasks = (
        Task(
            path, options, settings.ignores_for(path), keep_reports, stdin if path == "-" else None,
            series_only=cross and settings.format not in NEEDS_REPORTS,
        )
        for path in files
    )
    recorded = Baseline() if request.write_baseline else None

    def keep(checked: Checked, findings: list[Finding]) -> list[Finding]:
        findings = [f for f in checked.suppress(findings) if matches(f.code, options.select)]
        return [f for f in findings if not matches(f.code, options.ignore)]

    out: TextIO = open(request.output, "w", encoding="utf-8", newline="\n") if request.output else sys.stdout  # noqa: SIM115
    try:
        sink = Sink(out, settings.format, settings.lang, settings.fail_on, request.statistics,
                    _use_color(out) and settings.format in ("text", "full"), request.group_by)
        failed = unreadable = False
        threshold = SEVERITY_RANK[settings.fail_on]

        def emit(checked: Checked) -> None:
            nonlocal failed, unreadable
            result = checked.result
            if recorded is not None:
                recorded.add(result.path, result.findings)
            if known is not None:
                result.findings = known.new_findings(result.path, result.findings)
            unreadable = unreadable or result.error is not None
            failed = failed or any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings)
            sink.add(result, checked.report if settings.format in NEEDS_REPORTS else None)

        jobs = request.jobs or default_jobs()
        lines_on_terminal = sink.streaming and out is sys.stdout and sys.stdout.isatty()
        with _progress(len(files), lines_on_terminal) as tick, collector_tuned():
            stream = run(tasks, min(jobs, len(files)), tick)
            if not cross:
                for checked in stream:
                    emit(checked)
            else:
                from gaicheck.series.parked import ParkedBatch

                parked = ParkedBatch()  # on disk until the cross-year rules have run
                try:
                    for checked in stream:
                        parked.add(checked)
                    assert cross_file is not None
                    try:
                        extra = parked.cross_year(cross_file, options, previous_reports)
                    except Exception as exc:  # the cross-year rules must not cost the per-file findings
                        click.echo(f"gaicheck: 跨年度核对失败 / cross-file rules failed: {type(exc).__name__}: {exc}",
                                   err=True)
                        extra = {}
                    for checked in parked:
                        added = keep(checked, list(extra.get(checked.result.path, [])))
                        if added:
                            checked.result.findings = sorted([*checked.result.findings, *added], key=Finding.sort_key)
                        emit(checked)
                finally:
                    parked.close()
        sink.finish()
    finally:
        if request.output:
            out.close()
    if recorded is not None and request.write_baseline:
        recorded.write(request.write_baseline)
        return 2 if unreadable else 0
    if unreadable:
        return 2
    return 1 if failed else 0


@contextmanager
def _progress(count: int, lines_on_terminal: bool = False) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr for long runs on a terminal; nothing in pipes or CI."""
    if not _show_progress(count, lines_on_terminal):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("gaicheck"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    ) as progress:
        task = progress.add_task("check", total=count)
        yield lambda: progress.advance(task)


@main.command("config")
@click.argument("paths", nargs=-1)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="使用此配置文件 / use this configuration file")
@click.option("--isolated", is_flag=True, help="忽略所有配置文件 / ignore all configuration files")
def config_command(paths: tuple[str, ...], config_file: str | None, isolated: bool) -> None:
    """显示生效的配置（从 PATH 向上查找）/ print the effective settings (found from PATH upwards)."""
    from gaicheck.config import ConfigError, load_settings

    try:
        settings = load_settings(list(paths), config_file, isolated)
    except ConfigError as exc:
        click.echo(f"gaicheck: {exc}", err=True)
        sys.exit(2)
    click.echo(settings.as_toml(), nl=False)


@main.command()
def schema() -> None:
    """输出 --format json 的 JSON Schema / print the JSON Schema of `check --format json`."""
    from gaicheck.output.schema import render_schema

    click.echo(render_schema(), nl=False)


@main.command()
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
def parse(path: str, fmt: str) -> None:
    """输出报告的结构化内容（每个模板单元格一项）/ print the structured report."""
    from gaicheck.api import ReadError, parse_bytes, parse_path
    from gaicheck.output import jsonout

    try:
        report = parse_bytes("<stdin>", sys.stdin.buffer.read()) if path == "-" else parse_path(path)
    except ReadError as exc:
        click.echo(f"{path}: {exc}", err=True)
        sys.exit(2)
    if fmt == "json":
        click.echo(jsonout.render_parse(report), nl=False)
        return
    click.echo(f"{report.path}: {report.template} {report.report_year} {report.organ or ''}")
    for cell in report.cells:
        click.echo(f"  {cell.key:45s} {cell.status:9s} {cell.raw if cell.raw is not None else '—'}")


@main.command()
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text", show_default=True)
def rules(lang: str, fmt: str) -> None:
    """列出全部规则 / list the rule catalogue (`--format md`: the rules reference, docs/rules.md)."""
    import json

    from gaicheck import i18n
    from gaicheck.catalogue import load_catalogue

    catalogue = load_catalogue()
    if fmt == "md":
        from gaicheck.checks.reference import render_markdown

        click.echo(render_markdown(), nl=False)
        return
    if fmt == "json":
        data = [spec.model_dump() for spec in catalogue.values()]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for spec in catalogue.values():
        click.echo(f"{spec.code}  {spec.severity:7s}  {spec.name:28s}  {i18n.rule_title(spec, lang)}")


@main.command()
@click.argument("code")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def explain(code: str, lang: str) -> None:
    """解释一条规则 / explain a rule."""
    from gaicheck import i18n
    from gaicheck.catalogue import load_catalogue

    spec = load_catalogue().get(code.upper())
    if spec is None:
        raise click.UsageError(f"未知的规则代码 / unknown rule code: {code}")
    click.echo(f"{spec.code} ({spec.name}) — {i18n.rule_title(spec, lang)}")
    click.echo(f"{i18n.word('explain.severity', lang)}: {i18n.severity(spec.severity, lang)}")
    from gaicheck.checks.registry import where

    click.echo(f"{i18n.word('explain.where', lang)}: {where(spec.code)}")
    click.echo("")
    click.echo(i18n.rule_explanation(spec, lang))
    if spec.example_bad:
        click.echo("")
        click.echo(i18n.word("explain.wrong", lang) + "\n  " + spec.example_bad.replace("\n", "\n  "))
    if spec.example_good:
        click.echo(i18n.word("explain.right", lang) + "\n  " + spec.example_good.replace("\n", "\n  "))
