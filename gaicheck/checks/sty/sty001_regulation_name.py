"""STY001 regulation-name: the Regulation is named wrongly (e.g. 《政府信息公开条例》 without 中华人民共和国
in its full name, or a short name that is not accepted: sty.toml [data] regulation_*).

Report (prose) → **STY001** → one finding per wrong name.
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.checks.sty.common import is_document
from gaicheck.prose.facts import compiled, facts, strings
from gaicheck.prose.literals import may_match, required_literals
from gaicheck.prose.paragraphs import paragraphs


def check(ctx: RuleContext) -> None:
    if not is_document(ctx.report):
        return
    data = facts("sty")
    official = str(data.get("regulation_official", ""))
    accepted = set(strings("sty", "regulation_accepted"))
    wrong = set(strings("sty", "regulation_wrong_names"))
    full_source = str(data.get("regulation_full_pattern", "$^"))
    short_source = str(data.get("regulation_short_pattern", "$^"))
    full, full_needs = compiled(full_source), required_literals(full_source)
    short, short_needs = compiled(short_source), required_literals(short_source)
    for par in paragraphs(ctx):
        hits: list[tuple[int, str]] = []
        if may_match(full_needs, par.text):  # (the literal pre-filters spare most paragraphs' scans)
            hits += [(m.start(), m.group(0)) for m in full.finditer(par.text) if m.group(0) not in accepted]
        if may_match(short_needs, par.text):
            hits += [(m.start(), m.group(0)) for m in short.finditer(par.text) if m.group("name") in wrong]
        for start, found in sorted(hits):
            ctx.emit(
                "STY001",
                {"found": found, "official": official},
                at=par.position(start),
                expected=official,
                actual=found,
            )
