"""TXT005 prose-all-upheld-contradicted: the prose says every reconsideration or litigation case was
upheld (均获维持) while table 3 counts corrected, other or pending ones.

Report (compared prose, table 3) → **TXT005** → one finding per statement and row.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.checks.txt.common import has_table, review_groups
from gaicheck.prose.claims import compared_paragraphs, compared_text
from gaicheck.prose.facts import compiled, facts
from gaicheck.prose.figures import table_number
from gaicheck.prose.literals import may_match, required_literals
from gaicheck.prose.numbers import show

_NOT_UPHELD = ("corrected", "other", "pending")


def check(ctx: RuleContext) -> None:
    report = ctx.report
    if not has_table(report, "review"):
        return
    source = str(facts("txt").get("all_upheld_pattern", "均获维持"))
    pattern, needs = compiled(source), required_literals(source)
    if not may_match(needs, compared_text(ctx)):
        return
    for par in compared_paragraphs(ctx):
        if not may_match(needs, par.text):  # no sentence of it can match
            continue
        for start, sentence in par.sentences():
            m = pattern.search(sentence)
            if m is None:
                continue
            for group in review_groups():
                if group.keyword not in sentence[: m.start()]:
                    continue
                for row in group.rows:
                    cells = [report.cell(f"review.{row}.{c}") for c in _NOT_UPHELD]
                    known = [c for c in cells if c is not None and c.status == "ok" and c.value]
                    value = sum(c.value or 0 for c in known)
                    if value <= 0:
                        continue
                    label = report.cell(f"review.{row}.total")
                    ctx.emit(
                        "TXT005",
                        {
                            "quote": par.quote(start, start + m.end()),
                            "table_no": table_number(report, "review"),
                            "row": i18n.cell_names(label, ctx.version, ctx.lang)[0] if label else row,
                            "value": show(value),
                        },
                        at=par.position(start + m.start()),
                        cells=[c.key for c in known],
                        expected=0,
                        actual=value,
                    )
