"""Copied prose (YOY006) and copied reports (YOY007): this year's text against the previous report's.

PairContext → **prose checks** (similarity.py does the measuring) → Findings. The prose is the text of
sections 一 to 六 as the extractor found it (tables are not prose; the title and the preamble before
section 一, fixed wording in every report, are left out).
"""

from __future__ import annotations

from gaicheck.model.report import Position, Report, TextBlock
from gaicheck.series.config import SeriesConfig
from gaicheck.series.grouping import ok_cells
from gaicheck.series.pair import PairContext
from gaicheck.series.similarity import identical_except_years, normalise, overlap
from gaicheck.templates import registry

PROBLEMS_SECTION = "problems"


def blocks(report: Report, section: str | None = None) -> list[TextBlock]:
    """Prose blocks inside sections (all of them, or one section)."""
    return [t for t in report.text if t.section is not None and (section is None or t.section == section)]


def joined(parts: list[TextBlock]) -> tuple[str, list[int]]:
    """The blocks' text joined by newlines, and the offset where each block starts."""
    starts: list[int] = []
    pos = 0
    for block in parts:
        starts.append(pos)
        pos += len(block.text) + 1
    return "\n".join(b.text for b in parts), starts


def _block_at(parts: list[TextBlock], starts: list[int], offset: int) -> Position | None:
    if not parts or offset < 0:
        return parts[0] if parts else None
    index = max(i for i, s in enumerate(starts) if s <= offset)
    return parts[index]


def _same_tables(previous: Report, current: Report) -> int:
    """Number of table figures, when both reports read the same cells with the same values; else 0."""
    prev = {c.key: c.value for c in previous.cells if c.status == "ok"}
    cur = {c.key: c.value for c in current.cells if c.status == "ok"}
    return len(cur) if cur and prev == cur else 0


def _quote(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


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


def _scopes() -> list[tuple[str | None, str, str, str]]:
    """(section key or None for all prose, zh name, en name, which min length applies)."""
    title = next((s.title for s in registry().newest().sections if s.key == PROBLEMS_SECTION), "")
    return [
        (None, "全文（第一至第六部分的文字）", "All prose (sections 一 to 六)", "whole"),
        (PROBLEMS_SECTION, f"第五部分「{title}」", f"Section 五 ({title})", "section"),
    ]


def copied_prose(ctx: PairContext, config: SeriesConfig) -> None:
    """YOY006: the share of this year's prose (all, and section 五) found verbatim in last year's."""
    for section, scope_zh, scope_en, size in _scopes():
        cur_blocks, prev_blocks = blocks(ctx.current, section), blocks(ctx.previous, section)
        cur_text, starts = joined(cur_blocks)
        prev_text, _ = joined(prev_blocks)
        minimum = config.min_chars_whole if size == "whole" else config.min_chars_section
        if len(normalise(cur_text).text) < minimum or len(normalise(prev_text).text) < minimum:
            continue
        found = overlap(prev_text, cur_text, config.shingle)
        if found.share <= config.similarity_threshold:
            continue
        ctx.out.emit(
            "YOY006",
            {
                **ctx.fields(),
                "scope": scope_zh,
                "scope_en": scope_en,
                "share": f"{found.share:.0%}",
                "copied": found.copied,
                "chars": found.length,
                "threshold": f"{config.similarity_threshold:.0%}",
                "longest_chars": found.longest_chars,
                "longest": _quote(found.longest, config.quote_chars),
            },
            at=_block_at(cur_blocks, starts, found.start),
            expected=config.similarity_threshold,
            actual=round(found.share, 4),
        )


def prose_checks(ctx: PairContext, config: SeriesConfig) -> None:
    if not copied_report(ctx, config):
        copied_prose(ctx, config)
