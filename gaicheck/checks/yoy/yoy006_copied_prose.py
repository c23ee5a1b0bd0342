"""YOY006 copied-prose: a large share of this year's prose (all of it, and section 五 alone) is found
verbatim in last year's report (runs of at least `shingle` characters, years masked; the method is in
gaicheck/series/similarity.py, the thresholds in rules/catalogue/yoy.toml [data]).

PairContext → **YOY006** → one finding per scope over the threshold.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.checks.yoy.prose_text import block_at, blocks, joined
from gaicheck.series.config import SeriesConfig
from gaicheck.series.pair import PairContext
from gaicheck.series.similarity import normalise, overlap
from gaicheck.templates import registry

PROBLEMS_SECTION = "problems"


def _quote(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def scopes(lang: str) -> list[tuple[str | None, str, str]]:
    """(section key or None for all prose, its name in `lang`, which min length applies)."""
    section = next(s for s in registry().newest().sections if s.key == PROBLEMS_SECTION)
    title = i18n.section_title(section, lang)
    return [
        (None, i18n.word("yoy.all_prose", lang), "whole"),
        (PROBLEMS_SECTION, i18n.word("yoy.section", lang, n=i18n.section_number(section.number, lang), title=title),
         "section"),
    ]


def copied_prose(ctx: PairContext, config: SeriesConfig) -> None:
    """YOY006: the share of this year's prose (all, and section 五) found verbatim in last year's."""
    for section, scope, size in scopes(ctx.lang):
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
                "scope": scope,
                "share": f"{found.share:.0%}",
                "copied": found.copied,
                "chars": found.length,
                "threshold": f"{config.similarity_threshold:.0%}",
                "longest_chars": found.longest_chars,
                "longest": _quote(found.longest, config.quote_chars),
            },
            at=block_at(cur_blocks, starts, found.start),
            expected=config.similarity_threshold,
            actual=round(found.share, 4),
        )
