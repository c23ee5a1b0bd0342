"""Template detection: table labels → **2019, 2021, mixed, legacy or none** (spec §8).

Each version file lists the labels that exist only in that version (`signals`); any one found among
the document's table labels and short lines votes for it. Both voted: mixed. Neither, but the
pre-2019 table's labels: legacy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache

from gaicheck.extract.normalize import match_key
from gaicheck.extract.stream import Line
from gaicheck.templates import all_templates, load_legacy


@dataclass(slots=True)
class Detection:
    votes: dict[str, list[str]] = field(default_factory=dict)  # version → signals seen

    def count(self, version: str) -> int:
        return len(self.votes.get(version, []))


@cache
def _signal_keys() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for t in all_templates():
        out[t.version] = [(s, match_key(s)) for s in t.signals]
    legacy = load_legacy()
    out[legacy.version] = [(s, match_key(s)) for s in legacy.signals]
    return out


@cache
def _prefix_table() -> tuple[int, frozenset[str], list[tuple[int, dict[str, list[tuple[str, str]]]]]]:
    """The signal keys by length: a label key starts with a signal key of length n exactly when its first
    n characters are that key, so one dict lookup per distinct length replaces a test per signal. With
    them, the shortest length m and the first m characters of every signal key: a label key starting
    otherwise starts with no signal key."""
    by_length: dict[int, dict[str, list[tuple[str, str]]]] = {}
    for version, pairs in _signal_keys().items():
        for signal, skey in pairs:
            by_length.setdefault(len(skey), {}).setdefault(skey, []).append((version, signal))
    shortest = min(by_length)
    heads = frozenset(skey[:shortest] for by_key in by_length.values() for skey in by_key)
    return shortest, heads, sorted(by_length.items())


@lru_cache(maxsize=65536)
def _signals_in(text: str) -> tuple[tuple[str, str], ...]:
    """The (version, signal) pairs a label's text starts with (memoised: labels repeat within and across
    reports, and the result depends on the text and the template data only)."""
    shortest, heads, table = _prefix_table()
    key = match_key(text).lstrip("0123456789")
    if key[:shortest] not in heads:
        return ()  # also when empty
    out: list[tuple[str, str]] = []
    for length, by_key in table:
        if length > len(key):
            break
        out.extend(by_key.get(key[:length], ()))
    return tuple(out)


def detect(lines: list[Line], start: int) -> Detection:
    seen: dict[str, set[str]] = {v: set() for v in _signal_keys()}
    for line in lines[start:]:
        for tok in line.tokens:
            if tok.kind != "label" or len(tok.text) > 80:
                continue
            for version, signal in _signals_in(tok.text):
                seen[version].add(signal)
    return Detection({v: sorted(s) for v, s in seen.items() if s})


def decide(detection: Detection, year: int | None) -> str:
    """The template the extractor aligns to: the majority version; ties and no votes go by year."""
    c19, c21 = detection.count("2019"), detection.count("2021")
    if c19 == 0 and c21 == 0:
        if detection.count("legacy") >= 2:
            return "legacy"
        return "none"
    if c19 > c21:
        return "2019"
    if c21 > c19:
        return "2021"
    return "2021" if (year or 0) >= 2021 else "2019"


