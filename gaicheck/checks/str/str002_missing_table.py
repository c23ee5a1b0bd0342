"""STR002 missing-table: a statistical table of the template was not found, and why when it can be told.

Report (the extractor's `TableMissing` observations: in a report read against the template, or in a
document that names itself an annual report and holds no table at all) → **STR002** → one error each,
saying whether a picture stands in the table's place, an attachment may hold it, or nothing does.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import TableMissing


def _why(obs: TableMissing) -> tuple[str, str]:
    """What stands in the table's place, in Chinese and English (after the table's name)."""
    if obs.reason == "picture":
        if obs.picture_page is not None:
            page = obs.picture_page
            return (
                f"：第{page}页只有图片、没有文字，表格可能以图片发布",
                f": page {page} shows a picture and no text; the table may have been published as a picture",
            )
        name = obs.picture
        named_zh, named_en = (f"（{name}）", f" ({name})") if name else ("", "")
        section = obs.section
        place_zh, place_en = (f"第{section}部分中", f"section {section} holds") if section else ("文中", "it holds")
        return (
            f"：{place_zh}是一张图片{named_zh}，表格可能以图片发布",
            f": {place_en} a picture{named_en} instead; the table may have been published as a picture",
        )
    if obs.reason == "attachment":
        text, href = obs.attachment, obs.href
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
    # no is_report() guard: the extractor observes a missing table only in a report read against the
    # template or in a document that names itself an annual report (so that it never passes silently)
    for obs in ctx.observed(TableMissing):
        why, why_en = _why(obs)
        ctx.emit("STR002", {"table_no": obs.table_no, "title": obs.title, "why": why, "why_en": why_en}, at=obs)
