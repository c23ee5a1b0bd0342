"""Settings of the cross-year rules, read from the `[data]` table of rules/catalogue/yoy.toml.

rules/catalogue/yoy.toml → **SeriesConfig** → the YOY checks (similarity threshold, shingle size, …).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from gaicheck.resources import rules_dir


@dataclass(frozen=True, slots=True)
class SeriesConfig:
    similarity_threshold: float = 0.5
    shingle: int = 10
    min_chars_whole: int = 200
    min_chars_section: int = 40
    quote_chars: int = 60
    aggregate_tolerance: float = 0.0


@cache
def load_config() -> SeriesConfig:
    """The `[data]` table of yoy.toml; defaults for anything it does not set."""
    path = rules_dir() / "catalogue" / "yoy.toml"
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh).get("data", {})
    except (OSError, tomllib.TOMLDecodeError):
        data = {}
    default = SeriesConfig()
    return SeriesConfig(
        similarity_threshold=float(data.get("similarity_threshold", default.similarity_threshold)),
        shingle=max(2, int(data.get("shingle", default.shingle))),
        min_chars_whole=int(data.get("min_chars_whole", default.min_chars_whole)),
        min_chars_section=int(data.get("min_chars_section", default.min_chars_section)),
        quote_chars=int(data.get("quote_chars", default.quote_chars)),
        aggregate_tolerance=float(data.get("aggregate_tolerance", default.aggregate_tolerance)),
    )
