"""The options of a check run (language, selection, severity overrides, opt-in rules): configuration and
command line → **Options** → the emitter and the rules."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Options:
    lang: str = "zh"
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # code → severity override
    check_aggregate: bool = False  # YOY010: compare a county's totals with its subordinates' (opt-in)
