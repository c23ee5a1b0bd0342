"""`gaicheck series PATH...`: which reports were grouped into which series and which pairs are
compared, so a clerk can see why a YOY rule fired (or did not).

files → reader → extractor → Reports → grouping.py + plan.py → this listing (text or JSON).
"""

from __future__ import annotations

import json
import sys

import click

from gaicheck.model.report import Report
from gaicheck.output.escape import escape_path
from gaicheck.series.grouping import Series, comparable, group_reports, ok_cells, series_key, ungroupable
from gaicheck.series.plan import CHECK_NAMES, PairPlan, plan_pair

_KIND_ZH = {
    "compared": "比较",
    "gap": "缺少中间年度，数字不比较",
    "previous_not_comparable": "上一份报告格式不可比，不比较",
    "current_not_comparable": "本报告格式不可比，不比较",
}
_KIND_EN = {
    "compared": "compared",
    "gap": "years missing in between, figures not compared",
    "previous_not_comparable": "previous report not comparable, not compared",
    "current_not_comparable": "this report not comparable, not compared",
}
_UNGROUPED_ZH = {"organ": "标题中找不到发布机关", "year": "标题中找不到报告年度"}
_UNGROUPED_EN = {"organ": "no issuing organ found in the title", "year": "no report year found in the title"}


def _read(paths: list[str], folders: dict[str, str]) -> tuple[list[Report], list[tuple[str, str]]]:
    """Each file through the pipeline (same limits as `check`); a bad file is named, never a crash."""
    from gaicheck.pipeline.errors import FileFailure, folder_failure
    from gaicheck.pipeline.single import parse_file

    reports: list[Report] = []
    unreadable: list[tuple[str, str]] = []
    for path in paths:
        if path in folders:
            unreadable.append((path, folder_failure(folders[path]).message))
            continue
        try:
            reports.append(parse_file(path))
        except FileFailure as exc:
            unreadable.append((path, exc.failure.message))
    return reports, unreadable


def _member(report: Report) -> dict[str, object]:
    return {
        "path": report.path,
        "year": report.report_year,
        "template": report.template,
        "organ": report.organ,
        "cells_ok": ok_cells(report),
        "comparable": comparable(report),
    }


def _plan(plan: PairPlan) -> dict[str, object]:
    return {
        "previous": plan.previous.path,
        "current": plan.current.path,
        "previous_year": plan.previous.report_year,
        "year": plan.current.report_year,
        "kind": plan.kind,
        "checks": plan.checks,
    }


def series_json(all_series: list[Series], reports: list[Report], unreadable: list[tuple[str, str]]) -> str:
    data = {
        "series": [
            {
                "organ": s.organ,
                "key": s.key,
                "years": s.years(),
                "reports": [_member(r) for r in s.reports],
                "pairs": [_plan(plan_pair(a, b)) for a, b in s.pairs()],
                "duplicates": [
                    {"path": d.path, "same_as": k.path, "cells_ok": ok_cells(d), "kept_cells_ok": ok_cells(k)}
                    for d, k in s.duplicates
                ],
            }
            for s in all_series
        ],
        "ungrouped": [{"path": r.path, "reason": why} for r, why in ungroupable(reports)],
        "unreadable": [{"path": p, "error": e} for p, e in unreadable],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _year_range(years: list[int]) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]) if years else "?"


def series_text(
    all_series: list[Series], reports: list[Report], unreadable: list[tuple[str, str]], lang: str
) -> str:
    zh = lang == "zh"
    lines: list[str] = []
    for s in all_series:
        years = s.years()
        if zh:
            lines.append(f"{s.organ}（归并键：{s.key}）：{len(s.reports)}份报告，{_year_range(years)}年度")
        else:
            lines.append(f"{s.organ} (key: {s.key}): {len(s.reports)} report(s), {_year_range(years)}")
        plans = {id(b): plan_pair(a, b) for a, b in s.pairs()}
        for report in s.reports:
            cells = f"{ok_cells(report)}个单元格读到数字" if zh else f"{ok_cells(report)} cells read"
            lines.append(f"  {report.report_year}  {report.path}  [{report.template}, {cells}]")
            plan = plans.get(id(report))
            if plan is None:
                continue
            kind = (_KIND_ZH if zh else _KIND_EN)[plan.kind]
            checks = ("、" if zh else ", ").join(CHECK_NAMES[c][0 if zh else 1] for c in plan.checks)
            against = f"对照 {plan.previous.path}" if zh else f"against {plan.previous.path}"
            detail = f"：{checks}" if zh and checks else f": {checks}" if checks else ""
            lines.append(f"        ↳ {against}（{kind}）{detail}" if zh else f"        ↳ {against} ({kind}){detail}")
        for dropped, kept in s.duplicates:
            if zh:
                lines.append(
                    f"  重复：{dropped.path} 与 {kept.path} 是同一机关同一年度的报告，"
                    f"采用后者（读到数字的单元格 {ok_cells(kept)} 对 {ok_cells(dropped)}）"
                )
            else:
                lines.append(
                    f"  duplicate: {dropped.path} is the same organ and year as {kept.path}; "
                    f"the latter is used ({ok_cells(kept)} vs {ok_cells(dropped)} cells read)"
                )
    for report, why in ungroupable(reports):
        reason = (_UNGROUPED_ZH if zh else _UNGROUPED_EN)[why]
        lines.append(f"{report.path}: {'未归组' if zh else 'not grouped'}：{reason}" if zh
                     else f"{report.path}: not grouped: {reason}")
    for path, error in unreadable:
        lines.append(f"{path}: {'无法读取' if zh else 'cannot read'}: {error}")
    if zh:
        lines.append(f"共{len(reports) + len(unreadable)}个文件，{len(all_series)}个机关")
    else:
        lines.append(f"{len(reports) + len(unreadable)} file(s), {len(all_series)} organ(s)")
    return "\n".join(escape_path(line) for line in lines) + "\n"  # a name cannot forge a line


@click.command("series")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def series(paths: tuple[str, ...], fmt: str, lang: str) -> None:
    """显示哪些报告按机关、年度配对做跨年度核对 / show how reports are grouped and paired across years."""
    from gaicheck.files import STDIN, find_files
    from gaicheck.limits import memory_capped

    found = find_files(list(paths))
    with memory_capped():
        reports, unreadable = _read([f for f in found.files if f != STDIN], found.unreadable)
    all_series = group_reports(reports)
    if fmt == "json":
        click.echo(series_json(all_series, reports, unreadable), nl=False)
    else:
        click.echo(series_text(all_series, reports, unreadable, lang), nl=False)
    sys.exit(2 if unreadable else 0)


__all__ = ["series", "series_key"]
