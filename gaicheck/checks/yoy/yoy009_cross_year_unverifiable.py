"""YOY009 cross-year-unverifiable: a cross-year check cannot be made: a cell it needs is blank, missing or
unreadable in either report (PairContext.values notes them), the previous report is not comparable, or
the report given with --previous is of another organ or not of an earlier year.

PairContext (or a report and the --previous reports) → **YOY009** → one finding.
"""

from __future__ import annotations

from gaicheck.checks.emitter import Emitter
from gaicheck.model.report import Report
from gaicheck.series.grouping import series_key
from gaicheck.series.pair import BadCell, PairContext

_STATUS_ZH = {"empty": "为空", "missing": "缺失", "ambiguous": "无法确定", "invalid": "不是数字", "ok": "无数值"}
_STATUS_EN = {"empty": "blank", "missing": "missing", "ambiguous": "not assignable", "invalid": "not a number",
              "ok": "without value"}
MAX_BAD_SHOWN = 3


def _describe(bad: list[BadCell]) -> tuple[str, str]:
    """Bad cells grouped by report, row and status: 本年「row」自然人、商业企业等7列为空."""
    groups: dict[tuple[bool, str, str], list[str]] = {}
    for cell in bad:
        columns = groups.setdefault((cell.current, cell.row, cell.status), [])
        if cell.column not in columns:
            columns.append(cell.column)
    zh: list[str] = []
    en: list[str] = []
    for (current, row, status), columns in groups.items():
        shown = columns[:MAX_BAD_SHOWN]
        more = len(columns) > len(shown)
        cols_zh = "、".join(shown) + (f"等{len(columns)}列" if more else "")
        cols_en = ", ".join(shown) + (f" and {len(columns) - len(shown)} more" if more else "")
        zh.append(f"{'本年' if current else '上年'}「{row}」{cols_zh}{_STATUS_ZH[status]}")
        en.append(f"{'this' if current else 'last'} year's \"{row}\" {cols_en} {_STATUS_EN[status]}")
    return "，".join(zh), "; ".join(en)


def emit_unverifiable(ctx: PairContext) -> None:
    """The checks of a pair that could not be evaluated, with the cells that kept them from it."""
    if not ctx.unverifiable:
        return
    parts_zh: list[str] = []
    parts_en: list[str] = []
    for (check_zh, check_en), bad in ctx.unverifiable.items():
        zh, en = _describe(bad)
        parts_zh.append(f"{check_zh}：{zh}")
        parts_en.append(f"{check_en}: {en}")
    ctx.out.emit(
        "YOY009",
        {**ctx.fields(), "reason": "；".join(parts_zh), "reason_en": " / ".join(parts_en)},
        cells=list(dict.fromkeys(ctx.unverifiable_cells)),
    )


def _not_comparable_reason(report: Report) -> tuple[str, str]:
    if report.template == "legacy":
        return ("该报告为2019年以前的旧版格式，与现行格式不可比，不作跨年度比较",
                "it is in the pre-2019 format, which cannot be compared with the current formats")
    return ("该报告未识别出国办格式的统计表，不作跨年度比较",
            "no statistical tables of the national format were recognised in it")


def previous_not_comparable(ctx: PairContext) -> None:
    """The report before this one in its series cannot be compared with it."""
    zh, en = _not_comparable_reason(ctx.previous)
    ctx.out.emit("YOY009", {**ctx.fields(), "reason": zh, "reason_en": en})


def explicit_unpaired(report: Report, previous: list[Report], out: Emitter) -> None:
    """`--previous` was given but `report` has nothing before it in its series: say why."""
    key = series_key(report)
    same = [p for p in previous if key is not None and series_key(p) == key]
    if not same and len(previous) != 1:
        return  # several previous files, none of this organ: nothing was asked of this report
    prev = same[0] if same else previous[0]
    prev_key = series_key(prev)
    if key is None or prev_key is None:
        zh = "无法从标题确定发布机关，不作比较"
        en = "the issuing organ could not be read from a title, so they are not compared"
    elif key != prev_key:
        zh = f"两份报告的发布机关不同（{prev_key} / {key}），不作比较"
        en = f"the issuing organs differ ({prev_key} / {key}), so they are not compared"
    elif report.report_year is None or prev.report_year is None:
        zh, en = "无法从标题确定报告年度，不作比较", "the report year could not be read from a title"
    elif prev.report_year >= report.report_year:
        zh = f"指定的上年报告为{prev.report_year}年度，不早于本报告（{report.report_year}年度），不作比较"
        en = f"the given previous report is for {prev.report_year}, not earlier than this one ({report.report_year})"
    else:
        return
    fields: dict[str, object] = {
        "previous_path": prev.path,
        "previous_year": prev.report_year if prev.report_year is not None else "?",
        "year": report.report_year if report.report_year is not None else "?",
        "reason": zh,
        "reason_en": en,
    }
    out.emit("YOY009", fields)
