"""YOY005 template-regression: last year's report already used the 2021 format, this year's the 2019 one.

PairContext → **YOY005** → one finding.
"""

from __future__ import annotations

from gaicheck.series.pair import PairContext
from gaicheck.series.plan import version


def template_regression(ctx: PairContext) -> None:
    """YOY005: last year already used the 2021 format, this year the 2019 one."""
    before, now = version(ctx.previous), version(ctx.current)
    ctx.out.emit("YOY005", {**ctx.fields(), "template": now, "previous_template": before})
