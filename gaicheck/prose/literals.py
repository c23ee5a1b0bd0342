"""Literal pre-filters for the catalogue's patterns: the words a match cannot do without.

`required_literals(pattern)` reads a pattern and returns groups of literal strings such that every
match of the pattern contains at least one string of every group ('(?:收到|受理)[^，]{0,9}?申请(?P<num>\\d+)件'
→ ("收到", "受理"), ("申请",), ("件",)). `may_match` tests a text against them with `in`, which costs a
fraction of a regex scan; a text that fails cannot match, a text that passes is scanned as before, so a
pre-filter never changes what a pattern finds. Patterns the reader does not understand get no groups
(every text passes).

The pattern is parsed with the standard library's regular-expression parser (`re._parser`; the
catalogue's patterns use the syntax `re` and `regex` share); only literal characters, character sets of
literals, groups, alternatives and repeats are read, anything else (classes such as \\d, look-arounds,
flags) only separates the literals around it.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from itertools import product
from typing import Any

_MAX_STRINGS = 8  # strings of one fixed part before it is split in two (a group is tested with `in` each)

try:  # private module of the standard library: without it (another Python), no pre-filters
    _PARSER: Any = importlib.import_module("re._parser")
    _C: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover
    _PARSER = None

Required = tuple[tuple[str, ...], ...]

# `regex`'s Unicode properties (\p{Han}), which `re` does not read, stand for one character of a class:
# they are read as \w (not a literal either); an escaped backslash is matched first and kept
_PROPERTY = re.compile(r"\\\\|\\[pP](?:\{[^}]*\}|[A-Za-z])")


# syntax `re` would read differently from `regex` instead of refusing it: POSIX and nested sets
# ([[:alpha:]], [[a-z]--[aeiou]]) and braces that are no repeat count (fuzzy matching: (?:公开){e<=1})
_REGEX_ONLY = re.compile(r"\[:|\[\[|\{[^}]*[^\d,}][^}]*\}")


def _any_class(m: re.Match[str]) -> str:
    return m.group() if m.group() == "\\\\" else r"\w"


@cache
def required_literals(pattern: str) -> Required:
    """Groups of literals; a match of `pattern` contains one string of each group (see module doc)."""
    if _PARSER is None:
        return ()
    readable = _PROPERTY.sub(_any_class, pattern)
    if _REGEX_ONLY.search(readable):
        return ()
    try:
        parsed = _PARSER.parse(readable)
    except Exception:
        return ()
    if parsed.state.flags & ~_C.SRE_FLAG_UNICODE:  # e.g. (?i): literals would not compare with `in`
        return ()
    groups = {_minimal(g) for g in _sequence(list(parsed)) if g}
    # most selective first (a guess): the longest shortest literal, then the most text in all literals
    return tuple(sorted(groups, key=lambda g: (-min(map(_weight, g)), -sum(map(_weight, g)), g)))


def _weight(literal: str) -> int:
    """How selective a literal is, roughly: its length, a Chinese character counted as three (digits and
    Latin letters are everywhere in these reports: years, figures)."""
    return sum(3 if ord(c) >= 0x2E80 else 1 for c in literal)


def may_match(required: Required, text: str) -> bool:
    """False when `text` lacks every string of some group (the pattern cannot match in it)."""
    for group in required:
        for literal in group:
            if literal in text:
                break
        else:
            return False
    return True


def _minimal(group: frozenset[str]) -> tuple[str, ...]:
    """The group without strings that contain another of its strings (finding the shorter is enough)."""
    return tuple(sorted(s for s in group if not any(t != s and t in s for t in group)))


def _sequence(items: list[Any]) -> list[frozenset[str]]:
    """Groups for a sequence of parsed items: each run of fixed parts gives the set of strings it spells,
    every other item the groups it guarantees itself."""
    groups: list[frozenset[str]] = []
    run: set[str] | None = None

    def flush() -> None:
        if run is not None and "" not in run:
            groups.append(frozenset(run))

    for item in items:
        strings = _exact(item)
        if strings is not None:
            if run is not None and len(run) * len(strings) <= _MAX_STRINGS:
                run = {a + b for a, b in product(run, strings)}
            else:
                flush()
                run = set(strings)
            continue
        flush()
        run = None
        groups.extend(_guaranteed(item))
    flush()
    return groups


def _exact(item: Any) -> set[str] | None:
    """Every string `item` can match, when they are few; None otherwise."""
    op, av = item
    if op is _C.LITERAL:
        return {chr(av)}
    if op is _C.IN:
        if all(sub_op is _C.LITERAL for sub_op, _ in av):
            return {chr(c) for _, c in av}
        return None
    if op is _C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _exact_sequence(list(sub))
    if op is _C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            strings = _exact_sequence(list(branch))
            if strings is None:
                return None
            out |= strings
        return out if len(out) <= _MAX_STRINGS else None
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and av[0] in (0, 1) and av[1] == 1:
        strings = _exact_sequence(list(av[2]))
        if strings is None:
            return None
        return strings | {""} if av[0] == 0 else strings
    return None


def _exact_sequence(items: list[Any]) -> set[str] | None:
    out = {""}
    for item in items:
        strings = _exact(item)
        if strings is None or len(out) * len(strings) > _MAX_STRINGS:
            return None
        out = {a + b for a, b in product(out, strings)}
    return out


def _guaranteed(item: Any) -> list[frozenset[str]]:
    """Groups every match of a non-fixed `item` satisfies (none for zero-width or optional items)."""
    op, av = item
    if op is _C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return [] if add_flags or del_flags else _sequence(list(sub))
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _sequence(list(av[2]))
    if op is _C.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is _C.BRANCH:  # one group: the union of one group of each branch
        union: set[str] = set()
        for branch in av[1]:
            groups = [g for g in _sequence(list(branch)) if "" not in g]
            if not groups:
                return []
            union |= min(groups, key=lambda g: (-min(map(len, g)), len(g)))
        return [frozenset(union)]
    return []


class PatternIndex:
    """Which of several patterns may match a text, from one scan of the text for the literals of the
    patterns' first (most selective) groups; the other groups are then tested with `in`.

    The scan (stdlib `re`, an alternation of the literals, longest first) reports non-overlapping
    occurrences; a literal inside a reported one is present too (`_within`), and the few literals that
    could start inside a reported one and end after it (a suffix of one is a prefix of the other:
    接收/收到) are tested with `in` when such a one was reported. So `candidates` gives exactly the
    patterns `may_match` lets through.
    """

    def __init__(self, patterns: list[str]) -> None:
        required = [required_literals(p) for p in patterns]
        literals = sorted({s for req in required if req for s in req[0]}, key=lambda s: (-len(s), s))
        self._scan = re.compile("|".join(map(re.escape, literals))) if literals else None
        self._within = {y: tuple(x for x in literals if x in y) for y in literals}
        # literal → the literals an occurrence of which may hide it (see the class doc)
        self._hidden_by = {x: hiders for x in literals if (hiders := frozenset(y for y in literals if _overlaps(y, x)))}
        self._always = [(i, req) for i, req in enumerate(required) if not req]
        self._by_literal: dict[str, list[tuple[int, Required]]] = {}
        for i, req in enumerate(required):
            for literal in req[0] if req else ():
                self._by_literal.setdefault(literal, []).append((i, req[1:]))

    def candidates(self, text: str) -> list[int]:
        """Indices (in pattern order) of the patterns whose required literals `text` has."""
        if self._scan is None:
            return [i for i, _rest in self._always]
        found = set(self._scan.findall(text))
        present = {literal for f in found for literal in self._within[f]}
        for literal, hiders in self._hidden_by.items():
            if literal not in present and not hiders.isdisjoint(found) and literal in text:
                present.add(literal)
        ids = set(self._always)
        for literal in present:
            ids.update(self._by_literal.get(literal, ()))
        return [i for i, rest in sorted(ids) if may_match(rest, text)]


def _overlaps(y: str, x: str) -> bool:
    """A proper suffix of y is a proper prefix of x (x may start inside an occurrence of y and end after it)."""
    return any(x.startswith(y[i:]) and len(y) - i < len(x) for i in range(1, len(y)))
