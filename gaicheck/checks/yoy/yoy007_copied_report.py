"""YOY007 copied-report: this year's report is last year's with the years changed: all prose identical
except years, and every table figure the same (YOY006 is then not reported).

PairContext → **YOY007** → one finding.
"""

from __future__ import annotations

from gaicheck.checks.yoy.prose_text import blocks, joined
from gaicheck.model.report import Report
from gaicheck.series.config import SeriesConfig
from gaicheck.series.grouping import ok_cells
from gaicheck.series.pair import PairContext
from gaicheck.series.similarity import identical_except_years, normalise


def _same_tables(previous: Report, current: Report) -> int:
    """Number of table figures, when both reports read the same cells with the same values; else 0."""
    prev = {c.key: c.value for c in previous.cells if c.status == "ok"}
    cur = {c.key: c.value for c in current.cells if c.status == "ok"}
    return len(cur) if cur and prev == cur else 0


def copied_report(ctx: PairContext, config: SeriesConfig) -> bool:
    """YOY007: all prose identical except years, and every table figure the same. True when emitted."""
    cur_blocks, prev_blocks = blocks(ctx.current), blocks(ctx.previous)
    cur_text, _ = joined(cur_blocks)
    prev_text, _ = joined(prev_blocks)
    chars = len(normalise(cur_text).text)
    if chars < config.min_chars_whole or not identical_except_years(prev_text, cur_text):
        return False
    figures = _same_tables(ctx.previous, ctx.current)
    if figures == 0 or ok_cells(ctx.current) == 0:
        return False
    ctx.out.emit(
        "YOY007",
        {**ctx.fields(), "chars": chars, "cells": figures},
        at=cur_blocks[0] if cur_blocks else None,
    )
    return True
