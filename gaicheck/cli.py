"""Command line: `gaicheck check | parse | rules | explain`. The last stage of the flow: it runs the
API over the files and hands the findings to a reporter. Exit codes: 0 nothing at or above
--fail-on, 1 findings at or above it, 2 usage error or a file that could not be read."""

from __future__ import annotations

import sys

import click

from gaicheck import __version__

FAIL_ON = ("error", "warning", "info")


def _setup_streams() -> None:
    """Never crash on a console that cannot show Chinese (Windows GBK consoles): replace instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def _codes(value: str | None) -> list[str]:
    if not value:
        return []
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def _validate_codes(codes: list[str]) -> None:
    from gaicheck.catalogue import load_catalogue

    known = load_catalogue()
    families = {spec.family for spec in known.values()}
    for code in codes:
        if code != "ALL" and code not in known and code not in families and not any(k.startswith(code) for k in known):
            raise click.UsageError(f"未知的规则代码 / unknown rule code: {code}")


class LazyGroup(click.Group):
    """Subcommands living in their own modules, imported only when invoked (keeps start-up fast)."""

    lazy: dict[str, str] = {
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
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--select", default=None, help="只检查这些规则（代码或前缀，逗号分隔）/ codes or prefixes to check")
@click.option("--ignore", default=None, help="不检查这些规则 / codes or prefixes to skip")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True)
@click.option("--statistics", is_flag=True, help="按规则统计 / count findings per code")
def check(
    paths: tuple[str, ...], fmt: str, lang: str, select: str | None, ignore: str | None, fail_on: str, statistics: bool
) -> None:
    """检查报告文件或目录（- 表示标准输入）/ check report files or directories (- for stdin)."""
    from gaicheck.api import check_file
    from gaicheck.engine.core import Options
    from gaicheck.files import discover
    from gaicheck.model.finding import SEVERITY_RANK
    from gaicheck.output import jsonout, text

    selected, ignored = _codes(select) or ["ALL"], _codes(ignore)
    _validate_codes(selected + ignored)
    options = Options(lang=lang, select=selected, ignore=ignored)
    results = []
    for path in discover(list(paths)):
        if path == "-":
            results.append(check_file("<stdin>", options, data=sys.stdin.buffer.read()))
        else:
            results.append(check_file(path, options))
    if fmt == "json":
        click.echo(jsonout.render(results), nl=False)
    else:
        click.echo(text.render(results, lang, statistics), nl=False)
    if any(r.error for r in results):
        sys.exit(2)
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings):
        sys.exit(1)


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
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(lang: str, fmt: str) -> None:
    """列出全部规则 / list the rule catalogue."""
    import json

    from gaicheck.catalogue import load_catalogue

    catalogue = load_catalogue()
    if fmt == "json":
        data = [spec.model_dump() for spec in catalogue.values()]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for spec in catalogue.values():
        click.echo(f"{spec.code}  {spec.severity:7s}  {spec.name:28s}  {spec.title(lang)}")


@main.command()
@click.argument("code")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def explain(code: str, lang: str) -> None:
    """解释一条规则 / explain a rule."""
    from gaicheck.catalogue import load_catalogue

    spec = load_catalogue().get(code.upper())
    if spec is None:
        raise click.UsageError(f"未知的规则代码 / unknown rule code: {code}")
    zh = lang == "zh"
    click.echo(f"{spec.code} ({spec.name}) — {spec.title(lang)}")
    click.echo(f"{'默认级别' if zh else 'Default severity'}: {spec.severity}")
    click.echo("")
    click.echo(spec.explanation_zh if zh else spec.explanation_en)
    if spec.example_bad:
        click.echo("")
        click.echo(("错误示例：" if zh else "Wrong:") + "\n  " + spec.example_bad.replace("\n", "\n  "))
    if spec.example_good:
        click.echo(("正确示例：" if zh else "Right:") + "\n  " + spec.example_good.replace("\n", "\n  "))
