"""STY005 section-numbering: section headings are numbered differently from the format (e.g. 三、 on the
heading of section 四).

Report (sections) → **STY005** → one finding listing every misnumbered heading.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.model.report import Position
from gaicheck.prose.facts import compiled, facts


def check(ctx: RuleContext) -> None:
    pattern = compiled(str(facts("sty").get("heading_numeral_pattern", "$^")))
    items: list[str] = []
    first: Position | None = None
    for section in ctx.report.sections:
        if section.found_title is None:
            continue
        m = pattern.match(section.found_title)
        if m is None or m.group("n") == section.number:
            continue
        number = i18n.section_number(section.number, ctx.lang)
        items.append(i18n.word("sty.numbered", ctx.lang, found=section.found_title.strip(), number=number))
        first = first or section
    if items:
        ctx.emit("STY005", {"items": i18n.word("sty.items_sep", ctx.lang).join(items)}, at=first)
