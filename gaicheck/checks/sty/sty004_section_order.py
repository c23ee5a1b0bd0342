"""STY004 section-order: the section headings found are not in the order of the format.

Report (sections) → **STY004** → one finding at the first heading out of order.
"""

from __future__ import annotations

import itertools

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.model.report import Position


def _sort_key(pos: Position) -> tuple[int, int, int]:
    return (pos.page or 0, pos.line or 0, pos.column or 0)


def check(ctx: RuleContext) -> None:
    sections = ctx.report.sections
    found = [s for s in sections if s.found_title is not None and s.line is not None]
    order = {s.key: i for i, s in enumerate(sections)}
    by_place = sorted(found, key=_sort_key)
    for prev, cur in itertools.pairwise(by_place):
        if _sort_key(prev) == _sort_key(cur) or order[cur.key] > order[prev.key]:
            continue
        ctx.emit(
            "STY004",
            {
                "number": i18n.section_number(prev.number, ctx.lang),
                "found": prev.found_title,
                "previous_number": i18n.section_number(cur.number, ctx.lang),
                "previous": cur.found_title,
            },
            at=prev,
        )
        return
