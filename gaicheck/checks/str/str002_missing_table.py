"""STR002 missing-table: a statistical table of the template was not found, and why when it can be told.

Report (the extractor's `table_missing` observations: in a report read against the template, or in a
document that names itself an annual report and holds no table at all) → **STR002** → one error each,
saying whether a picture stands in the table's place, an attachment may hold it, or nothing does.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.model.report import Observation


def _why(obs: Observation) -> tuple[str, str]:
    """What stands in the table's place, in Chinese and English (after the table's name)."""
    data = obs.data
    reason = data.get("reason")
    if reason == "picture":
        page, section, name = data.get("picture_page"), data.get("section"), data.get("picture")
        if page is not None:
            return (
                f"：第{page}页只有图片、没有文字，表格可能以图片发布",
                f": page {page} shows a picture and no text; the table may have been published as a picture",
            )
        named_zh, named_en = (f"（{name}）", f" ({name})") if name else ("", "")
        place_zh, place_en = (f"第{section}部分中", f"section {section} holds") if section else ("文中", "it holds")
        return (
            f"：{place_zh}是一张图片{named_zh}，表格可能以图片发布",
            f": {place_en} a picture{named_en} instead; the table may have been published as a picture",
        )
    if reason == "attachment":
        text, href = data.get("attachment"), data.get("href")
        return (
            f"：正文中没有表格，只有附件「{text}」（{href}），表格可能在附件中，请单独检查该附件",
            f': the text has no table, only the attachment "{text}" ({href});'
            " the table may be in it, check it on its own",
        )
    return (
        "：正文中没有该表，也没有代替它的图片或附件",
        ": the text has no such table, nor a picture or an attachment in its place",
    )


def check(ctx: RuleContext) -> None:
    for obs in ctx.report.observations:
        if obs.kind != "table_missing":
            continue
        why, why_en = _why(obs)
        ctx.emit("STR002", {**obs.data, "why": why, "why_en": why_en}, at=obs)
