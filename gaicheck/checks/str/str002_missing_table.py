"""STR002 missing-table: a statistical table of the template was not found, and why when it can be told.

Report (the extractor's `TableMissing` observations: in a report read against the template, or in a
document that names itself an annual report and holds no table at all) → **STR002** → one error each,
saying whether a picture stands in the table's place, an attachment may hold it, or nothing does.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.model.observations import TableMissing


def _why(obs: TableMissing, lang: str) -> str:
    """What stands in the table's place (said after the table's name)."""
    if obs.reason == "picture":
        if obs.picture_page is not None:
            return i18n.word("str002.picture_page", lang, page=obs.picture_page)
        named = i18n.word("str002.picture_named", lang, name=obs.picture) if obs.picture else ""
        if obs.section:
            return i18n.word(
                "str002.picture_in_section", lang, section=i18n.section_number(obs.section, lang), named=named
            )
        return i18n.word("str002.picture_in_text", lang, named=named)
    if obs.reason == "attachment":
        return i18n.word("str002.attachment", lang, text=obs.attachment, href=obs.href)
    return i18n.word("str002.nothing", lang)


def check(ctx: RuleContext) -> None:
    # no is_report() guard: the extractor observes a missing table only in a report read against the
    # template or in a document that names itself an annual report (so that it never passes silently)
    for obs in ctx.observed(TableMissing):
        title = i18n.table_named(obs.table, ctx.lang, obs.title)
        ctx.emit("STR002", {"table_no": obs.table_no, "title": title, "why": _why(obs, ctx.lang)}, at=obs)
