"""STR009 no-text: the file has no readable text (a scanned PDF without a text layer).

Report (the reader's `no-text-layer` note, with `ocr-unavailable` when the `ocr` extra would have read
it) → **STR009** → one finding on page 1, saying how to install the extra when it would help.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.model.report import Position


def check(ctx: RuleContext) -> None:
    notes = ctx.report.notes
    if "no-text-layer" in notes:
        hint = i18n.word("str.ocr_hint", ctx.lang) if "ocr-unavailable" in notes else ""
        ctx.emit("STR009", {"hint": hint}, at=Position(page=1))
