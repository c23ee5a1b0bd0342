"""Command line: `gaicheck check | parse | rules | explain | config | schema` (+ lazy `serve`, `series`,
`compare`).
The first and last stage of the flow: options and configuration in, the pipeline (gaicheck/pipeline/)
over the files, findings to a reporter. Exit codes: 0 nothing at or above --fail-on, 1 findings at or
above it, 2 usage or configuration error, or a file that could not be read."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, ClassVar, TextIO

import click

from gaicheck import __version__
from gaicheck.output.escape import escape_path

if TYPE_CHECKING:
    from gaicheck.checks.options import Options
    from gaicheck.config import Settings
    from gaicheck.pipeline.cache import ResultCache

FAIL_ON = ("error", "warning", "info")
FORMATS = ("text", "full", "json", "sarif", "github", "junit", "gitlab", "html", "xlsx")
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
        "compare": "gaicheck.compare.command:compare_command",
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
@click.argument("paths", nargs=-1)
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
              help="并行进程数（默认每100个文件一个，最多每核一个）"
                   "/ parallel processes (default: one per 100 files, at most one per core)")
@click.option("--previous", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="同一机关上一年度的报告（只读取，不报告）/ last year's report of the same organ (read only)")
@click.option("--group-by", type=click.Choice(["organ"]), default=None,
              help="文本输出按机关分组 / group text output by organ")
@click.option("--check-aggregate", is_flag=True,
              help="比较上级报告与所属下级报告之和（提示）/ compare a county's totals with its subordinates'")
@click.option("--urls", "urls_file", type=click.Path(dir_okay=False), default=None,
              help="从文件读取要检查的网址（每行一个）/ read web addresses to check from FILE, one a line")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="结果缓存的位置（默认配置文件旁的 .gaicheck_cache）/ where results are cached")
@click.option("--no-cache", is_flag=True, help="不读也不写结果缓存 / neither read nor write the result cache")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="在 Dask 集群上检查（tcp://HOST:8786，或 local）/ check on a Dask cluster (or local)")
@click.option("--cluster-files", type=click.Choice(["bytes", "shared"]), default="bytes", show_default=True,
              help="向集群发送文件内容，或让各节点从共享路径读取 / send the files' bytes, or a path all workers share")
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
    cache_dir: str | None,
    no_cache: bool,
    scheduler: str | None,
    cluster_files: str,
    urls_file: str | None,
) -> None:
    """检查报告文件、目录或网页（- 表示标准输入）/ check report files, directories or web pages (- for stdin)."""
    from gaicheck.config import ConfigError, load_settings, merge_cli

    if urls_file is not None:
        paths = (*paths, *_read_urls(urls_file, lang or "zh"))
    if not paths:
        raise click.UsageError("Missing argument 'PATHS...'.")

    try:
        settings = merge_cli(
            load_settings(list(paths), config_file, isolated),
            select=_codes(select), ignore=_codes(ignore), extend_select=_codes(extend_select),
            fail_on=fail_on, lang=lang, fmt=fmt, cache_dir=cache_dir, no_cache=no_cache,
        )
    except ConfigError as exc:
        click.echo(f"gaicheck: {exc}", err=True)
        sys.exit(2)
    request = CheckRequest(
        paths=list(paths), settings=settings, statistics=statistics, output=output, baseline=baseline,
        write_baseline=write_baseline, jobs=jobs, previous=list(previous), group_by=group_by,
        check_aggregate=check_aggregate, scheduler=scheduler, cluster_files=cluster_files,
    )
    sys.exit(run_check(request))


def _read_urls(path: str, lang: str) -> list[str]:
    """The addresses listed in `path`, one a line (blank lines and # comments skipped); exit 2 when unreadable."""
    from gaicheck import i18n

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        _error(i18n.word("archive.urls_file", lang, path=escape_path(path), reason=reason))
        sys.exit(2)
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


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
    scheduler: str | None = None  # a Dask scheduler's address, "local", or None ($DASK_SCHEDULER_ADDRESS)
    cluster_files: str = "bytes"  # what a cluster's workers get: the files' bytes, or a path they share


def _error(line: str) -> None:
    click.echo(f"gaicheck: {line}", err=True)


def _use_color(out: TextIO) -> bool:
    return out is sys.stdout and "NO_COLOR" not in os.environ and out.isatty()


def _show_progress(count: int, lines_on_terminal: bool = False) -> bool:
    """A bar on stderr for many files on a terminal, outside CI — unless findings are being printed on
    that same terminal as they come (then the lines themselves show the progress, and a bar would
    overwrite them)."""
    return count >= PROGRESS_MIN_FILES and sys.stderr.isatty() and not os.environ.get("CI") and not lines_on_terminal


def _unwritable(path: str) -> str | None:
    """Why `path` cannot be written (a missing folder, no permission, a folder), None when it can."""
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        return "是文件夹 / is a folder"
    if not folder.is_dir():
        return f"文件夹不存在 / folder not found: {folder}"
    if not target.exists():
        return None if os.access(folder, os.W_OK | os.X_OK) else "没有写入权限 / permission denied"
    try:
        with open(target, "a", encoding="utf-8"):  # opened to append, nothing written: the file is unchanged
            return None
    except OSError as exc:
        return exc.strerror or str(exc)


def _open_output(path: str | None) -> TextIO | str:
    """The output stream, or why `-o PATH` cannot be written (checked before any finding is printed)."""
    if path is None:
        return sys.stdout
    problem = _unwritable(path)
    if problem is None:
        try:
            return open(path, "w", encoding="utf-8", newline="\n")
        except OSError as exc:
            problem = exc.strerror or str(exc)
    from gaicheck import i18n

    return i18n.word("cli.cannot_write", "zh", path=escape_path(path), problem=problem)


def _open_binary(path: str | None) -> BinaryIO | str:
    """The stream a workbook is written to, or why it cannot be: `-o PATH` not writable, or no `-o` and
    standard output is a terminal (a pipe or a redirected file is fine)."""
    if path is None:
        if sys.stdout.isatty():
            from gaicheck import i18n

            return i18n.word("cli.xlsx_to_terminal", "zh")
        return sys.stdout.buffer
    problem = _unwritable(path)
    if problem is None:
        try:
            return open(path, "wb")
        except OSError as exc:
            problem = exc.strerror or str(exc)
    from gaicheck import i18n

    return i18n.word("cli.cannot_write", "zh", path=escape_path(path), problem=problem)


def run_check(request: CheckRequest) -> int:
    """settings → files → pipeline run (parallel, input order, cross-year rules) → baseline → sink → exit code."""
    from gaicheck.baseline import Baseline, BaselineError
    from gaicheck.checks.options import Options
    from gaicheck.files import find_files
    from gaicheck.limits import memory_capped
    from gaicheck.model.finding import SEVERITY_RANK
    from gaicheck.output.sink import BINARY, NEEDS_REPORTS, Sink
    from gaicheck.pipeline.many import default_jobs
    from gaicheck.pipeline.run import CheckRun, PreviousUnreadable

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
            _error(str(exc))
            return 2
    if request.write_baseline:
        problem = _unwritable(request.write_baseline)
        if problem:
            _error(f"无法写入基线文件 / cannot write baseline {escape_path(request.write_baseline)}: {problem}")
            return 2
    found = find_files(request.paths, settings.is_excluded)
    for path in found.excluded:
        _error(f"{escape_path(path)}: 已按配置排除，未检查 / excluded by the configuration (exclude), not checked")
    if not found.files:  # e.g. a pre-commit run whose files are all excluded: nothing wrong
        _error("没有要检查的文件 / no files to check")
    full = settings.format in NEEDS_REPORTS
    jobs = request.jobs or default_jobs(len(found.files))
    with memory_capped():  # one cap for every path: one file, any --jobs (inherited by workers, LibreOffice)
        run = CheckRun(
            found, options, settings.ignores_for, full, request.previous, jobs,
            sys.stdin.buffer.read() if "-" in found.files else None, warn=_error,
            cache=_result_cache(settings, options),
        )
        try:
            run.read_previous()
        except PreviousUnreadable as exc:
            _error(f"{escape_path(exc.path)}: {exc.error}")
            return 2
        from gaicheck.pipeline.cluster import ClusterError, scheduler_address

        address = scheduler_address(request.scheduler)
        if address is not None and found.files:
            from gaicheck.pipeline.cluster import DaskBackend

            try:
                run.backend = DaskBackend(address, "shared" if request.cluster_files == "shared" else "bytes",
                                          request.jobs or default_jobs(), settings.lang)
            except ClusterError as exc:
                _error(str(exc))
                return 2
        binary: BinaryIO | None = None
        if settings.format in BINARY:
            opened = _open_binary(request.output)
            if isinstance(opened, str):
                _error(opened)
                return 2
            binary, out = opened, sys.stdout
        else:
            text_out = _open_output(request.output)
            if isinstance(text_out, str):
                _error(text_out)
                return 2
            out = text_out
        recorded = Baseline() if request.write_baseline else None
        failed = unreadable = False
        threshold = SEVERITY_RANK[settings.fail_on]
        try:
            sink = Sink(out, settings.format, settings.lang, settings.fail_on, request.statistics,
                        _use_color(out) and settings.format in ("text", "full"), request.group_by,
                        binary)
            lines_on_terminal = sink.streaming and out is sys.stdout and sys.stdout.isatty()
            with _progress(len(found.files), lines_on_terminal) as tick:
                for checked in run.results(tick):
                    result = checked.result
                    if recorded is not None:
                        recorded.add(result.path, result.findings)
                    if known is not None:
                        result.findings = known.new_findings(result.path, result.findings)
                    unreadable = unreadable or result.error is not None
                    failed = failed or any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings)
                    sink.add(result, checked.report if full else None)
            sink.finish()
        finally:
            if out is not sys.stdout:
                out.close()
            if binary is not None and binary is not sys.stdout.buffer:
                binary.close()
    if recorded is not None and request.write_baseline:
        try:
            recorded.write(request.write_baseline)
        except OSError as exc:
            _error(f"无法写入基线文件 / cannot write baseline {escape_path(request.write_baseline)}: "
                   f"{exc.strerror or exc}")
            return 2
        return 2 if unreadable else 0
    if unreadable:
        return 2
    return 1 if failed else 0


def _result_cache(settings: Settings, options: Options) -> ResultCache | None:
    """The result cache of this run, None when it is off (--no-cache, `cache = false`, $GAICHECK_NO_CACHE)."""
    from gaicheck.pipeline.cache import ResultCache, cache_disabled_by_env, cache_folder

    if not settings.cache or cache_disabled_by_env():
        return None
    folder = cache_folder(settings.cache_dir or None, settings.root)
    return ResultCache(folder, options, max_bytes=settings.cache_max_mb * 1024 * 1024)


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
    from gaicheck.limits import memory_capped
    from gaicheck.output import jsonout
    from gaicheck.pipeline.errors import FileFailure
    from gaicheck.pipeline.single import parse_file

    with memory_capped():  # the same limits as `check`: size, time, memory
        try:
            report = parse_file("<stdin>", sys.stdin.buffer.read()) if path == "-" else parse_file(path)
        except FileFailure as exc:
            click.echo(f"{escape_path(path)}: {exc.failure.message}", err=True)
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
