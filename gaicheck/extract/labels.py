"""Label matching: a document's label text → **which template label it is**, and whether its wording
is official. Used by the extractor for section headings, row labels and column headers.

Order of tests: official wording or alias (exact, ignoring width/space/punctuation/numbering style);
a known deviation; the official label followed by a parenthetical annotation (湖北-style notes,
"保留4位小数"); then fuzzy matching (edit distance, the `regex` module) reported as a deviation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from gaicheck.extract.normalize import display_form, match_key
from gaicheck.templates import Label


@dataclass(slots=True, frozen=True)
class LabelMatch:
    index: int  # position of the label in the LabelSet
    official: bool  # wording is the official one, an alias, or an annotated official label
    found: str  # the text as found


@lru_cache(maxsize=4096)
def _fuzzy(key: str, errors: int) -> regex.Pattern[str]:
    return regex.compile(f"(?:{regex.escape(key)}){{e<={errors}}}")


def allowed_errors(key: str, loose: bool = False) -> int:
    if len(key) < 4:
        return 0
    return max(2, len(key) // 4) if loose else max(1, len(key) // 6)


_SIGNATURES: dict[tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...], int] = {}
_MEMO: dict[tuple[int, str, tuple[int, ...] | None, bool, bool], LabelMatch | None] = {}
_NOT_SEEN = LabelMatch(-1, False, "")
_MEMO_MAX = 200_000


class LabelSet:
    """A list of template labels with lookup tables for fast exact matching."""

    def __init__(self, labels: Sequence[Label]) -> None:
        self.labels = list(labels)
        self._exact: dict[str, int] = {}
        self._deviation: dict[str, int] = {}
        self._keys: list[str] = []
        # labels sets are rebuilt per file from the same template data: match results are shared
        # between equal sets through this signature (see `match`)
        signature = tuple((lb.label, tuple(lb.aliases), tuple(lb.deviations)) for lb in self.labels)
        self._signature = _SIGNATURES.setdefault(signature, len(_SIGNATURES))
        for i, label in enumerate(self.labels):
            key = match_key(label.label)
            self._keys.append(key)
            self._exact.setdefault(key, i)
            for alias in label.aliases:
                self._exact.setdefault(match_key(alias), i)
            for dev in label.deviations:
                self._deviation.setdefault(match_key(dev), i)

    def match(
        self, text: str, candidates: Iterable[int] | None = None, fuzzy: bool = True, loose: bool = False
    ) -> LabelMatch | None:
        """Match `text` against the labels (or only `candidates`; a tuple is taken as sorted and without
        repeats, as the row aligner builds them). `loose` widens the fuzzy distance: used for the one row
        the table order expects next. Memoised per label set (a pure function of the labels and the
        arguments; the fuzzy search is the extractor's main cost); LabelMatch is immutable, so the
        memoised result itself is returned."""
        allowed = (
            candidates if candidates is None or isinstance(candidates, tuple) else tuple(sorted(set(candidates)))
        )
        memo_key = (self._signature, text, allowed, fuzzy, loose)
        hit = _MEMO.get(memo_key, _NOT_SEEN)
        if hit is not _NOT_SEEN:
            return hit
        result = self._match(text, allowed, fuzzy, loose)
        if len(_MEMO) >= _MEMO_MAX:
            _MEMO.clear()
        _MEMO[memo_key] = result
        return result

    def _match(
        self, text: str, candidates: Iterable[int] | None, fuzzy: bool, loose: bool
    ) -> LabelMatch | None:
        key = match_key(text)
        if not key:
            return None
        allowed = None if candidates is None else set(candidates)

        def ok(i: int) -> bool:
            return allowed is None or i in allowed

        i = self._exact.get(key)
        if i is not None and ok(i):
            return LabelMatch(i, True, text)
        i = self._deviation.get(key)
        if i is not None and ok(i):
            return LabelMatch(i, False, text)
        shown = display_form(text)
        order = range(len(self.labels)) if allowed is None else sorted(allowed)
        for i in order:
            official = self._keys[i]
            if len(official) >= 4 and key.startswith(official) and key != official:
                rest = shown[len(display_form(self.labels[i].label)) - 1 :]
                if "(" in rest[:3] or "（" in rest[:3]:
                    return LabelMatch(i, True, text)
        if not fuzzy:
            return None
        best: tuple[int, int] | None = None
        for i in order:
            official = self._keys[i]
            errors = allowed_errors(official, loose)
            if errors == 0 or abs(len(official) - len(key)) > errors:
                continue
            m = _fuzzy(official, errors).fullmatch(key)
            if m is not None:
                cost = sum(m.fuzzy_counts)
                if best is None or cost < best[0]:
                    best = (cost, i)
        if best is not None:
            return LabelMatch(best[1], False, text)
        return None


_FOR_SOURCE: dict[tuple[int, str], tuple[object, LabelSet]] = {}
_FOR_SOURCE_MAX = 256


def label_set_for(source: object, purpose: str, labels: Callable[[], Sequence[Label]]) -> LabelSet:
    """The LabelSet of `labels()` for a piece of template data (`source`: loaded once and never changed),
    built on first use only: the extractor needs the same dozen sets for every report. A LabelSet is not
    changed after it is built. The cache holds `source`, so its id is not reused while cached."""
    key = (id(source), purpose)
    hit = _FOR_SOURCE.get(key)
    if hit is None or hit[0] is not source:
        if len(_FOR_SOURCE) >= _FOR_SOURCE_MAX:
            _FOR_SOURCE.clear()  # not template data after all: do not keep it alive
        hit = _FOR_SOURCE[key] = (source, LabelSet(labels()))
    return hit[1]
