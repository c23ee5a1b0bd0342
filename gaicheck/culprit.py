"""Culprit search: which cells, changed, make every broken identity of a report hold.

Report → SUM rules → **culprit search** (over all the report's identities at once) → suggestions on the
SUM findings. The tables are over-determined (every table-2 cell sits in a row and a column identity), so a
single wrong number usually leaves one cell that explains every broken identity without breaking one that
holds. This module knows nothing of templates, words or findings: it solves linear identities over cell keys.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

EPSILON = 1e-6
OMITTED_MIN = 10  # smallest difference for which "equals another term" is worth a hint
MAX_SOLUTIONS = 20  # candidates kept (the JSON lists them all; text shows the first few)
_Equation = tuple[str, dict[str, int], float]  # (name, coefficient per key, residual lhs − rhs)


class Verdict(StrEnum):
    UNIQUE = "unique"  # exactly one cell (or one pair) explains every broken identity
    CANDIDATES = "candidates"  # several cells or pairs explain it equally well
    NONE = "none"  # no change of one or two cells explains it


class Hint(StrEnum):
    """An auditor's pattern that fits a suggested change (a hint, never the reason for the suggestion)."""

    OMITTED_OR_DOUBLE = "omitted_or_double"  # the change equals another term's value: left out or counted twice
    TRANSPOSITION = "transposition"  # two adjacent digits swapped (45 ↔ 54): the change is divisible by 9
    EXTRA_OR_MISSING_ZERO = "extra_or_missing_zero"  # the value is ten times (or a tenth of) the right one
    DIGIT_SLIP = "digit_slip"  # one digit off by one: the change is a power of ten


@dataclass(frozen=True, slots=True)
class Identity:
    """One identity instance: sum(lhs) = sum(rhs), over cell keys (a key may appear on both sides)."""

    name: str  # the caller's handle, e.g. "T2-O1:natural"
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Change:
    key: str
    current: int | float
    proposed: int | float
    hints: tuple[Hint, ...] = ()


@dataclass(frozen=True, slots=True)
class Solution:
    changes: tuple[Change, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.changes)


@dataclass(frozen=True, slots=True)
class Explanation:
    verdict: Verdict
    solutions: tuple[Solution, ...]  # best first; empty for NONE
    total: int  # how many solutions of the minimal size were found (may exceed len(solutions))
    broken: tuple[str, ...]  # names of the broken identities this explains


def _coefficients(identity: Identity) -> dict[str, int]:
    coeffs: dict[str, int] = {}
    for key in identity.lhs:
        coeffs[key] = coeffs.get(key, 0) + 1
    for key in identity.rhs:
        coeffs[key] = coeffs.get(key, 0) - 1
    return {k: c for k, c in coeffs.items() if c}


def _close(a: float, b: float) -> bool:
    return abs(a - b) < EPSILON


def _clean(value: float) -> int | float:
    rounded = round(value)
    return int(rounded) if _close(value, rounded) else round(value, 6)


def explain(
    identities: Sequence[Identity],
    values: Mapping[str, int | float],
    *,
    signed: Iterable[str] = (),
    integral: Iterable[str] | None = None,
    risk: Mapping[str, float] | None = None,
    order: Sequence[str] | None = None,
) -> list[Explanation]:
    """For each independent group of broken identities, the smallest sets of cells (one, else two) whose
    change makes every evaluable identity hold.

    Identities that share no cell, directly or through others, are independent (table 2 and table 3; the rows
    of table 3): each group with a broken identity gets its own Explanation, in the order of its first
    identity. values: the usable cells only (a blank, missing, ambiguous or unreadable cell is absent, so it
    is never a candidate and the identities through it are not evaluated). signed: keys that may be
    negative (2019's 增/减). integral: keys whose value must stay a whole number (default: every key whose
    current value is whole). risk: keys read with low confidence or by a risky split (higher first among
    equal candidates). order: document order of the keys (ties broken by it). Empty when nothing is broken.
    """
    signed_keys = frozenset(signed)
    whole = (
        frozenset(integral)
        if integral is not None
        else frozenset(k for k, v in values.items() if float(v).is_integer())
    )
    rank = {k: i for i, k in enumerate(order or ())}
    equations: list[_Equation] = []
    unverified: list[str] = []
    for identity in identities:
        if not all(k in values for k in (*identity.lhs, *identity.rhs)):
            unverified.append(identity.name)
            continue
        coeffs = _coefficients(identity)
        residual = math.fsum(c * values[k] for k, c in coeffs.items())
        equations.append((identity.name, coeffs, residual))
    if all(_close(r, 0.0) for _n, _c, r in equations):
        return []
    context = _Search(values, signed_keys, whole, risk or {}, rank)
    explanations: list[Explanation] = []
    for group in _components(equations):
        broken = [i for i, (_n, _c, r) in enumerate(group) if not _close(r, 0.0)]
        if broken:
            explanations.append(context.explain(group, broken))
    return explanations


def _components(equations: list[_Equation]) -> list[list[_Equation]]:
    """The equations grouped by shared cells (union-find over keys), each group in input order."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for _name, coeffs, _r in equations:
        keys = list(coeffs)
        for other in keys[1:]:
            a, b = find(keys[0]), find(other)
            if a != b:
                parent[b] = a
    groups: dict[str, list[_Equation]] = {}
    for equation in equations:
        if equation[1]:
            groups.setdefault(find(next(iter(equation[1]))), []).append(equation)
    return list(groups.values())


@dataclass(slots=True)
class _Search:
    values: Mapping[str, int | float]
    signed: frozenset[str]
    whole: frozenset[str]
    risk: Mapping[str, float]
    rank: Mapping[str, int]

    def acceptable(self, key: str, proposed: float) -> bool:
        if proposed < -EPSILON and key not in self.signed:
            return False
        return not (key in self.whole and not _close(proposed, round(proposed)))

    def explain(self, equations: list[_Equation], broken: list[int]) -> Explanation:
        values = self.values
        by_key: dict[str, list[int]] = {}
        for i, (_n, coeffs, _r) in enumerate(equations):
            for key in coeffs:
                by_key.setdefault(key, []).append(i)
        broken_set = frozenset(broken)
        names = tuple(equations[i][0] for i in broken)

        singles: list[Solution] = []
        common = set(equations[broken[0]][1])
        for i in broken[1:]:
            common &= set(equations[i][1])
        for key in common:
            deltas = {-equations[i][2] / equations[i][1][key] for i in by_key[key]}
            if len(deltas) != 1 or any(i not in broken_set for i in by_key[key]):
                continue
            (delta,) = deltas
            proposed = values[key] + delta
            if self.acceptable(key, proposed):
                singles.append(Solution((_change(key, values, proposed, equations, by_key),)))
        if singles:
            return self.ranked(singles, names)

        pairs: dict[tuple[str, str], Solution] = {}
        for first in sorted({k for i in broken for k in equations[i][1]}):
            uncovered = [i for i in broken if first not in equations[i][1]]
            if uncovered:
                partners = set(equations[uncovered[0]][1])
                for i in uncovered[1:]:
                    partners &= set(equations[i][1])
            else:
                partners = {k for i in by_key[first] for k in equations[i][1]}
            for second in partners:
                pair = (first, second) if first < second else (second, first)
                if second == first or pair in pairs:
                    continue
                solved = _solve_pair(pair[0], pair[1], equations, by_key, broken_set)
                if solved is None:
                    continue
                p0, p1 = values[pair[0]] + solved[0], values[pair[1]] + solved[1]
                if self.acceptable(pair[0], p0) and self.acceptable(pair[1], p1):
                    pairs[pair] = Solution(
                        (
                            _change(pair[0], values, p0, equations, by_key),
                            _change(pair[1], values, p1, equations, by_key),
                        )
                    )
        if pairs:
            return self.ranked(list(pairs.values()), names)
        return Explanation(Verdict.NONE, (), 0, names)

    def ranked(self, solutions: list[Solution], names: tuple[str, ...]) -> Explanation:
        """Riskier cells first (low OCR confidence, risky split), then document order."""
        last = len(self.rank)

        def sort_key(solution: Solution) -> tuple[float, tuple[int, ...], tuple[str, ...]]:
            keys = solution.keys
            return (
                -max(self.risk.get(k, 0.0) for k in keys),
                tuple(sorted(self.rank.get(k, last) for k in keys)),
                keys,
            )

        ordered = sorted(solutions, key=sort_key)
        verdict = Verdict.UNIQUE if len(ordered) == 1 else Verdict.CANDIDATES
        return Explanation(verdict, tuple(ordered[:MAX_SOLUTIONS]), len(ordered), names)


def _solve_pair(
    a: str,
    b: str,
    equations: list[_Equation],
    by_key: dict[str, list[int]],
    broken: frozenset[int],
) -> tuple[float, float] | None:
    """(Δa, Δb), both non-zero, that make every evaluable identity hold when only a and b change; None when
    there is no such change or when it is not determined (the two cells only ever appear together)."""
    touched = set(by_key.get(a, ())) | set(by_key.get(b, ()))
    if not broken <= touched:
        return None
    rows = [(equations[i][1].get(a, 0), equations[i][1].get(b, 0), -equations[i][2]) for i in sorted(touched)]
    # solve two independent rows, then check the others
    solution: tuple[float, float] | None = None
    for idx, (a1, b1, r1) in enumerate(rows):
        for a2, b2, r2 in rows[idx + 1 :]:
            det = a1 * b2 - a2 * b1
            if det != 0:
                solution = ((r1 * b2 - r2 * b1) / det, (a1 * r2 - a2 * r1) / det)
                break
        if solution is not None:
            break
    if solution is None:
        return None  # the two cells only ever appear together in the same way: not determined
    da, db = solution
    if _close(da, 0.0) or _close(db, 0.0):
        return None
    if all(_close(ca * da + cb * db, r) for ca, cb, r in rows):
        return da, db
    return None


def _change(
    key: str,
    values: Mapping[str, int | float],
    proposed: float,
    equations: list[_Equation],
    by_key: dict[str, list[int]],
) -> Change:
    current = values[key]
    clean = _clean(proposed)
    delta = abs(clean - current)
    hints: list[Hint] = []
    # the difference equals another term of a broken identity through the cell (a term left out or counted
    # twice); from 10 on only, since a small difference equals some small cell by chance
    neighbours = {k for i in by_key[key] if not _close(equations[i][2], 0.0) for k in equations[i][1] if k != key}
    if delta >= OMITTED_MIN and any(_close(abs(values[k]), delta) for k in neighbours):
        hints.append(Hint.OMITTED_OR_DOUBLE)
    if _is_transposition(current, clean):
        hints.append(Hint.TRANSPOSITION)
    if current and clean and _is_power_of_ten(max(abs(current), abs(clean)) / min(abs(current), abs(clean))):
        hints.append(Hint.EXTRA_OR_MISSING_ZERO)
    elif delta >= 10 and _is_power_of_ten(delta) and _digits_differ_once(current, clean):
        hints.append(Hint.DIGIT_SLIP)
    return Change(key, current, clean, tuple(hints))


def _is_power_of_ten(x: float) -> bool:
    if x < 10 - EPSILON:
        return False
    exponent = round(math.log10(x))
    return _close(x, 10.0**exponent)


def _is_transposition(current: int | float, proposed: int | float) -> bool:
    if not (isinstance(current, int) and isinstance(proposed, int)) or (current - proposed) % 9:
        return False
    a, b = str(abs(current)), str(abs(proposed))
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _digits_differ_once(current: int | float, proposed: int | float) -> bool:
    if not (isinstance(current, int) and isinstance(proposed, int)):
        return False
    a, b = str(abs(current)), str(abs(proposed))
    width = max(len(a), len(b))
    a, b = a.zfill(width), b.zfill(width)
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1
