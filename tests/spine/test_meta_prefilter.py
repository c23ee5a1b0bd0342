"""The metadata finder skips lines without certain characters before folding them (NFKC): that is only
safe while no other character folds to one of them. Checked over the whole of Unicode."""

from __future__ import annotations

import sys
import unicodedata

from gaicheck.extract import meta


def test_no_other_character_folds_to_a_prefilter_character() -> None:
    sources: dict[str, set[str]] = {ch: {ch} for ch in meta._TITLE_CHARS + meta._DATE_CHARS}
    sources[meta._YEAR_CHARS[0]] = set(meta._YEAR_CHARS)
    found: dict[str, set[str]] = {ch: set() for ch in sources}
    for cp in range(sys.maxunicode + 1):
        folded = unicodedata.normalize("NFKC", chr(cp))
        for ch in sources:
            if ch in folded:
                found[ch].add(chr(cp))
    assert found == sources


def test_folding_shrinks_a_line_by_at_most_a_factor_of_4_plus_the_strip() -> None:
    # what `_MAX_TITLE_UNFOLDED` rests on: NFKC turns every character into at least one, composition merges
    # at most len(NFD(c)) <= 4 of them into one character c, and a folded non-space character never
    # becomes all whitespace nor starts or ends with more than one whitespace character
    longest, edge = 0, 0
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        longest = max(longest, len(unicodedata.normalize("NFD", ch)))
        folded = unicodedata.normalize("NFKC", ch)
        assert folded.isspace() == ch.isspace()
        if not ch.isspace():
            edge = max(edge, len(folded) - len(folded.lstrip()), len(folded) - len(folded.rstrip()))
    assert longest <= 4 and edge <= 1
    assert meta._MAX_TITLE_UNFOLDED == 4 * (meta._MAX_TITLE + 2)
