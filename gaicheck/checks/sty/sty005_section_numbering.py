"""STY005 section-numbering: section headings are numbered differently from the format (e.g. 三、 on the
heading of section 四).

Report (sections) → **STY005** → one finding listing every misnumbered heading.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.model.report import Position
from gaicheck.prose.facts import compiled, facts


def check(ctx: RuleContext) -> None:
    pattern = compiled(str(facts("sty").get("heading_numeral_pattern", "$^")))
    items_zh: list[str] = []
    items_en: list[str] = []
    first: Position | None = None
    for section in ctx.report.sections:
        if section.found_title is None:
            continue
        m = pattern.match(section.found_title)
        if m is None or m.group("n") == section.number:
            continue
        items_zh.append(f"「{section.found_title.strip()}」应为「{section.number}、」")
        items_en.append(f'"{section.found_title.strip()}" should be numbered {section.number}')
        first = first or section
    if items_zh:
        ctx.emit("STY005", {"items": "；".join(items_zh), "items_en": "; ".join(items_en)}, at=first)
