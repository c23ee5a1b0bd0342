"""Template detection: table labels → **a version of the registry, mixed, legacy or none** (spec §8).

Each version file lists the labels that exist only in that version (`signals`); any one found among
the document's table labels and short lines votes for it. Several versions voted: mixed. None, but the
pre-2019 table's labels: legacy. A signal that another version's tables also hold (a row a newer version
kept) is no signal and is dropped when the registry is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gaicheck.extract.normalize import match_key
from gaicheck.extract.stream import Line
from gaicheck.templates import LEGACY, NONE, Label, Registry, Template, registry


@dataclass(slots=True)
class Detection:
    votes: dict[str, list[str]] = field(default_factory=dict)  # version → signals seen

    def count(self, version: str) -> int:
        return len(self.votes.get(version, []))


def _label_keys(template: Template) -> set[str]:
    """The keys of every table wording of a template (labels, aliases, deviations, captions), as
    `_signals_in` makes them of a document's label."""
    words: list[str] = []
    for table in template.tables.values():
        words += table.header_labels
        labels: list[Label] = [*table.columns, *table.rows, *table.groups]
        for block in table.blocks:
            words.append(block.caption)
            labels += [*block.columns, *block.rows]
        for label in labels:
            words += [label.label, *label.aliases, *label.deviations]
    return {match_key(w).lstrip("0123456789") for w in words}


def _signal_keys(reg: Registry) -> dict[str, list[tuple[str, str]]]:
    """(signal, its match key) per version, and for the legacy format."""
    keys = {t.version: _label_keys(t) for t in reg.templates}
    out: dict[str, list[tuple[str, str]]] = {}
    for t in reg.templates:
        others = [k for v, ks in keys.items() if v != t.version for k in ks]
        pairs = [(s, match_key(s)) for s in t.signals]
        out[t.version] = [(s, sk) for s, sk in pairs if not any(k.startswith(sk) for k in others)]
    out[reg.legacy.version] = [(s, match_key(s)) for s in reg.legacy.signals]
    return out


_PrefixTable = tuple[int, frozenset[str], list[tuple[int, dict[str, list[tuple[str, str]]]]]]


def _prefix_table(reg: Registry) -> _PrefixTable:
    """The signal keys by length: a label key starts with a signal key of length n exactly when its first
    n characters are that key, so one dict lookup per distinct length replaces a test per signal. With
    them, the shortest length m and the first m characters of every signal key: a label key starting
    otherwise starts with no signal key."""
    by_length: dict[int, dict[str, list[tuple[str, str]]]] = {}
    for version, pairs in _signal_keys(reg).items():
        for signal, skey in pairs:
            by_length.setdefault(len(skey), {}).setdefault(skey, []).append((version, signal))
    shortest = min(by_length)
    heads = frozenset(skey[:shortest] for by_key in by_length.values() for skey in by_key)
    return shortest, heads, sorted(by_length.items())


_SignalMemo = dict[str, tuple[tuple[str, str], ...]]
_MEMO_MAX = 65536


def _signals_in(text: str, table: _PrefixTable, memo: _SignalMemo) -> tuple[tuple[str, str], ...]:
    """The (version, signal) pairs a label's text starts with (memoised per registry: labels repeat within
    and across reports, and the result depends on the text and the template data only)."""
    hit = memo.get(text)
    if hit is not None:
        return hit
    shortest, heads, by_length = table
    key = match_key(text).lstrip("0123456789")
    out: list[tuple[str, str]] = []
    if key[:shortest] in heads:  # else (also when empty) it starts with no signal key
        for length, by_key in by_length:
            if length > len(key):
                break
            out.extend(by_key.get(key[:length], ()))
    if len(memo) >= _MEMO_MAX:
        memo.clear()
    found = memo[text] = tuple(out)
    return found


def detect(lines: list[Line], start: int) -> Detection:
    reg = registry()
    table = reg.view(("detect", "prefix table"), lambda: _prefix_table(reg))
    memo: _SignalMemo = reg.view(("detect", "signals memo"), dict)
    seen: dict[str, set[str]] = {v: set() for v in (*reg.versions, reg.legacy.version)}
    for line in lines[start:]:
        for tok in line.tokens:
            if tok.kind != "label" or len(tok.text) > 80:
                continue
            for version, signal in _signals_in(tok.text, table, memo):
                seen[version].add(signal)
    return Detection({v: sorted(s) for v, s in seen.items() if s})


def voted(detection: Detection) -> list[str]:
    """The versions that got at least one vote, oldest first (more than one: the report is mixed)."""
    return [v for v in registry().versions if detection.count(v) > 0]


def decide(detection: Detection, year: int | None) -> str:
    """The template the extractor aligns to: the majority version; a tie goes to the version in force in
    the report's year among the tied ones (the oldest tied one for an earlier or unknown year); no votes:
    legacy or none."""
    versions = voted(detection)
    if not versions:
        return LEGACY if detection.count(LEGACY) >= 2 else NONE
    most = max(detection.count(v) for v in versions)
    tied = [v for v in versions if detection.count(v) == most]
    in_force = [v for v in tied if year is not None and registry().get(v).first_year <= year]
    return in_force[-1] if in_force else tied[0]
