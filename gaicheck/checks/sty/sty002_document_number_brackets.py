"""STY002 document-number-brackets: the year of a document number is not in 〔〕 (e.g. 国办公开办函
[2021]30号 or (2021) instead of 〔2021〕).

Report (prose) → **STY002** → one finding per document number, with the corrected form.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.sty.common import is_document
from gaicheck.prose.facts import compiled, facts
from gaicheck.prose.literals import may_match, required_literals
from gaicheck.prose.paragraphs import paragraphs


def check(ctx: RuleContext) -> None:
    if not is_document(ctx.report):
        return
    source = str(facts("sty").get("document_number_pattern", "$^"))
    pattern, needs = compiled(source), required_literals(source)
    for par in paragraphs(ctx):
        if not may_match(needs, par.text):
            continue
        for m in pattern.finditer(par.text):
            if m.group("open") == "〔" and m.group("close") == "〕":
                continue
            found = m.group(0)
            fixed = f"{m.group('org')}〔{m.group('year')}〕{m.group('num')}号"
            ctx.emit(
                "STY002", {"found": found, "fixed": fixed}, at=par.position(m.start()), expected=fixed, actual=found
            )
