"""`gaicheck series PATH...`: which reports were grouped into which series and which pairs are
compared, so a clerk can see why a YOY rule fired (or did not).

files → reader → extractor → Reports → grouping.py + plan.py → this listing (text or JSON).
"""

from __future__ import annotations

import json
import sys

import click

from gaicheck import i18n
from gaicheck.model.report import Report
from gaicheck.output.escape import escape_path
from gaicheck.series.grouping import Series, comparable, group_reports, ok_cells, series_key, ungroupable
from gaicheck.series.plan import PairPlan, plan_pair


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
    w = i18n.word
    lines: list[str] = []
    for s in all_series:
        years = s.years()
        lines.append(w("series.head", lang, organ=s.organ, key=s.key, n=len(s.reports), years=_year_range(years)))
        plans = {id(b): plan_pair(a, b) for a, b in s.pairs()}
        for report in s.reports:
            cells = w("series.cells", lang, n=ok_cells(report))
            lines.append(f"  {report.report_year}  {report.path}  [{report.template}, {cells}]")
            plan = plans.get(id(report))
            if plan is None:
                continue
            checks = i18n.join([i18n.word(f"series.check.{c}", lang) for c in plan.checks], lang)
            lines.append(w(
                "series.pair", lang, against=w("series.against", lang, path=plan.previous.path),
                kind=w(f"series.kind.{plan.kind}", lang),
                detail=w("series.checks", lang, checks=checks) if checks else "",
            ))
        for dropped, kept in s.duplicates:
            lines.append(w(
                "series.duplicate", lang, dropped=dropped.path, kept=kept.path,
                kept_ok=ok_cells(kept), dropped_ok=ok_cells(dropped),
            ))
    for report, why in ungroupable(reports):
        lines.append(w("series.ungrouped", lang, path=report.path, reason=w(f"series.ungrouped.{why}", lang)))
    for path, error in unreadable:
        lines.append(w("series.unreadable", lang, path=path, error=error))
    lines.append(w("series.total", lang, files=len(reports) + len(unreadable), organs=len(all_series)))
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
