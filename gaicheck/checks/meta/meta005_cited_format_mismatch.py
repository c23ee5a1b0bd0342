"""META005 cited-format-mismatch: the report cites the format notice of the other template (e.g.
国办公开办函〔2019〕60号 in a report in the 2021 format) and not the one it uses.

Report (prose, template) → **META005** → one finding at the first citation (meta.toml [data] notices).
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.prose.facts import compiled, facts
from gaicheck.prose.literals import may_match, required_literals
from gaicheck.prose.paragraphs import joined_text, paragraphs


def check(ctx: RuleContext) -> None:
    report = ctx.report
    if report.template not in ("2019", "2021"):
        return
    used = ctx.version
    data = facts("meta")
    notices: dict[str, str] = data.get("notices", {})
    names: dict[str, str] = data.get("notice_names", {})
    cited: dict[str, tuple[int, int, int]] = {}
    whole = joined_text(ctx)
    patterns = {  # (a notice whose pre-filter fails on the whole text is cited in no paragraph)
        version: (compiled(pattern), needs)
        for version, pattern in notices.items()
        if may_match(needs := required_literals(pattern), whole)
    }
    for index, par in enumerate(paragraphs(ctx)):
        for version, (pattern, needs) in patterns.items():
            if version in cited or not may_match(needs, par.text):
                continue  # the first citation of each notice counts
            m = pattern.search(par.text)
            if m is not None:
                cited[version] = (index, m.start(), m.end())
    if used in cited or not cited:
        return
    version, (index, start, end) = next(iter(cited.items()))
    par = paragraphs(ctx)[index]
    quote_start = max(0, start - 6)
    ctx.emit(
        "META005",
        {
            "cited": par.text[quote_start:end],
            "cited_version": version,
            "used": used,
            "used_notice": names.get(used, ""),
        },
        at=par.position(start),
        expected=used,
        actual=version,
    )
