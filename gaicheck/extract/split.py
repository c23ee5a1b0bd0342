"""Splitting digit runs: value tokens whose separators were lost → **cells**, only when exactly one split
satisfies the row's identities (e.g. 总计 = 自然人 + … + 其他); otherwise the row stays unreadable.

Each run is cut into numbers without leading zeros; a sign may only open a number, a decimal part or a unit
only close one; a count column takes no sign and no decimals. The search is exact — every split satisfying
the identities is found, so "no split at all" (the row is wrong as published, SUM006) and "exactly one"
are decided however long the run — because it prunes instead of enumerating (issue 13 point 6):

- the parts fall into blocks no identity crosses (table 3's three groups); what the run allows after a
  position does not depend on how it was cut before it, so that is worked out once per position;
- in a block whose last cell is the single side of an identity over counts (a group's or a row's 总计),
  that cell is chosen first (where it starts and ends), so the identity has a known side early;
- on plain digit runs of counts (never negative, no leading zeros), an identity is bounded before its
  cells are all cut: the cells still to cut share the characters left, so together they are worth at
  least 10**(⌈characters/cells⌉−1) (one of them has that many digits) and at most one long number plus
  nines; a branch whose bounds cannot meet is cut off.

The search stops after `limit` solutions or after a node budget (NODE_BUDGET, ≈0.5 s); then nothing may be
concluded and the row is treated as ambiguous (STR010 names its cells) — gaicheck never invents values.
"""

from __future__ import annotations

import regex

from gaicheck.extract.stream import Token
from gaicheck.extract.values import parse_value
from gaicheck.model.document import Location

NODE_BUDGET = 200_000
MAX_RUN_CHARS = 300  # a longer run is not searched (its numbers would not fit a float): ambiguous
_PART = regex.compile(r"^[+\-]?(?:0|[1-9]\d*)(?:\.\d+)?(?:万元|元|件|条|项|个)?$")

Constraint = tuple[list[int], list[int]]  # indices of the parts: sum(lhs) == sum(rhs)


class _GiveUp(Exception):
    """More than `limit` solutions, or the node budget spent: nothing may be concluded."""


# (end, value, has decimals, negative) of each number a piece allows from a position, by end
_Numbers = list[tuple[int, float, bool, bool]]


def _numbers(text: str, pos: int) -> _Numbers:
    out: _Numbers = []
    if text.isascii() and text.isdigit():  # the usual run, plain digits: what the general case finds
        if text[pos] == "0":  # no leading zeros: 0 itself only
            return [(pos + 1, 0.0, False, False)]
        return [(end, float(int(text[pos:end])), False, False) for end in range(pos + 1, len(text) + 1)]
    for end in range(pos + 1, len(text) + 1):
        part = text[pos:end]
        if not _PART.match(part):
            continue
        value = parse_value(part).value
        if value is not None:
            out.append((end, float(value), "." in part, part.startswith("-")))
    return out


def _number_to_end(text: str, pos: int) -> tuple[int, float, bool, bool] | None:
    """The entry of `_numbers(text, pos)` that ends at the end of `text`, if there is one."""
    if text.isascii() and text.isdigit():
        return (len(text), float(int(text[pos:])), False, False) if text[pos] != "0" or pos == len(text) - 1 else None
    part = text[pos:]
    if not _PART.match(part):
        return None
    value = parse_value(part).value
    return None if value is None else (len(text), float(value), "." in part, part.startswith("-"))


Part = tuple[int, int, int]  # (piece, start, end)
Cut = tuple[tuple[int, int], ...]  # (start, end) of each part in the run's characters


class _Many(Exception):
    """More solutions from a position on than the limit allows."""


class _Search:
    """One exact search over the cuts of a run into `len(kinds)` parts (see the module's note).

    The parts fall into blocks no identity crosses (a table-3 run: one block per 复议/诉讼 group; a
    table-2 row: one block); what the blocks after a position allow does not depend on how the run
    was cut before it, so it is computed once per position (a dynamic programme over the positions).
    In a block whose last part is a count identity's single side (a group's 总计), that part is chosen
    first (its start and end), then the parts before it must fill what is left exactly."""

    def __init__(self, pieces: list[str], kinds: list[str], constraints: list[Constraint], limit: int) -> None:
        self.pieces, self.kinds, self.limit = pieces, kinds, limit
        self.text_len = sum(map(len, pieces))
        self.starts = [0]
        for p in pieces:
            self.starts.append(self.starts[-1] + len(p))
        self.piece_at = [k for k, p in enumerate(pieces) for _ in p]
        self.expected = n_parts = len(kinds)
        self.constraints = [c for c in constraints if max(c[0] + c[1]) < n_parts]
        self.rules = [(kind in ("count", "signed"), kind != "signed") for kind in kinds]
        plain = all(p.isascii() and p.isdigit() for p in pieces)
        bounded = [c for c in self.constraints if plain and all(kinds[i] == "count" for i in c[0] + c[1])]
        self.blocks = self._blocks()
        # per block: its identities, the bounded ones, whether its last part is chosen first
        self.block_of = {i: b for b, (first, final) in enumerate(self.blocks) for i in range(first, final + 1)}
        self.inside: list[list[Constraint]] = [[] for _ in self.blocks]
        self.bounded: list[list[Constraint]] = [[] for _ in self.blocks]
        for c in self.constraints:
            self.inside[self.block_of[c[0][0] if c[0] else c[1][0]]].append(c)
        for c in bounded:
            self.bounded[self.block_of[c[0][0] if c[0] else c[1][0]]].append(c)
        self.total_first = []
        for b, (f, last) in enumerate(self.blocks):
            with_last = {i for c in self.bounded[b] if last in c[0] + c[1] for i in c[0] + c[1]}
            self.total_first.append(last > f and all(i in with_last for i in range(f, last + 1)))
        self.values = [0.0] * n_parts
        self.known: set[int] = set()
        self.nodes = 0
        self.cache: dict[tuple[int, tuple[bool, bool]], list[tuple[int, float]]] = {}
        self.memo: dict[tuple[int, int], list[Cut]] = {}

    def _blocks(self) -> list[tuple[int, int]]:
        spans = sorted((min(c[0] + c[1]), max(c[0] + c[1])) for c in self.constraints)
        out: list[tuple[int, int]] = []
        i = 0
        for lo, hi in spans:
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], hi))
                continue
            out += [(k, k) for k in range(i, lo)]
            out.append((lo, hi))
            i = hi + 1
        if out:
            i = out[-1][1] + 1
        out += [(k, k) for k in range(i, self.expected)]
        return out

    def options(self, g: int, made: int) -> list[tuple[int, float]]:
        """The numbers part `made` may be from position `g`: (end, value), by end."""
        rule = self.rules[made]
        key = (g, rule)
        found = self.cache.get(key)
        if found is None:
            whole, unsigned = rule
            piece = self.piece_at[g]
            base = self.starts[piece]
            found = self.cache[key] = [
                (base + end, value)
                for end, value, decimals, negative in _numbers(self.pieces[piece], g - base)
                if not (decimals and whole) and not (negative and unsigned)
            ]
        return found

    def count(self) -> None:
        self.nodes += 1
        if self.nodes > NODE_BUDGET:
            raise _GiveUp

    def _fits(self, a: int, b: int, parts: int) -> bool:
        """Whether `parts` parts can fill the characters a..b (at least one each, one piece at least one)."""
        if a == b:
            return parts == 0
        return b - a >= parts and self.piece_at[b - 1] - self.piece_at[a] + 1 <= parts

    def run(self) -> list[list[Part]]:
        n = len(self.pieces)
        if n > self.expected or self.text_len < self.expected or self.expected == 0:
            if n == 0 and self.expected == 0:  # nothing to cut: one split, the empty one
                if self.limit < 1:
                    raise _GiveUp
                return [[]]
            return []
        out: list[list[Part]] = []
        for cut in self.after(0, 0):
            parts: list[Part] = []
            for a, b in cut:
                piece = self.piece_at[a]
                parts.append((piece, a - self.starts[piece], b - self.starts[piece]))
            out.append(parts)
        return out

    def after(self, g: int, block: int) -> list[Cut]:
        """Every cut of the characters from `g` into the parts of the blocks from `block` on."""
        key = (g, block)
        found = self.memo.get(key)
        if found is not None:
            return found
        out: list[Cut] = []
        if block == len(self.blocks):
            out = [()] if g == self.text_len else []
        else:
            for reading, end in self.readings(g, block):
                for rest in self.after(end, block + 1):
                    out.append(reading + rest)
                    if len(out) > self.limit:
                        raise _GiveUp
        self.memo[key] = out
        return out

    def readings(self, g: int, block: int) -> list[tuple[Cut, int]]:
        """The cuts of block `block` from `g` that satisfy its identities, each with where it ends."""
        f, last = self.blocks[block]
        later = self.expected - last - 1  # parts of the blocks after this one
        out: list[tuple[Cut, int]] = []
        if not self.total_first[block]:
            self._cut(g, f, last, None, (), out, later)
            return out
        final = block == len(self.blocks) - 1
        for ts in range(g + last - f, self.text_len - later):
            if not self._fits(g, ts, last - f):
                continue
            for te, total in self.options(ts, last):
                if final and te != self.text_len:
                    continue
                if self.text_len - te < later:
                    break
                self.count()
                self.values[last] = total
                self.known.add(last)
                verdict = max((self._bounds(c, f, ts - g, last - f, last) for c in self.bounded[block]), default=OK)
                if verdict == OK:
                    self._cut(g, f, last - 1, (ts, te), (), out, later)
                self.known.discard(last)
                if verdict == STOP:
                    break
        return out

    def _cut(
        self,
        g: int,
        made: int,
        last: int,
        total: tuple[int, int] | None,
        done: Cut,
        out: list[tuple[Cut, int]],
        later: int,
    ) -> None:
        """Cut parts `made`..`last` from `g`; with `total` (its start and end) they must end where it starts."""
        block = self.block_of[made]
        left = last - made  # parts still to cut after this one
        checks = [c for c in self.inside[block] if self._closes(c, made, total is not None)]
        for end, value in self.options(g, made):
            if total is not None:
                if end > total[0]:
                    break
                if not self._fits(end, total[0], left):
                    continue
            elif self.text_len - end < left + later:
                break
            self.count()
            self.values[made] = value
            self.known.add(made)
            ok = all(self._exact(c) for c in checks)
            verdict = OK
            if ok and total is not None and left:
                bounds = (self._bounds(c, made + 1, total[0] - end, left, made) for c in self.bounded[block])
                verdict = max(bounds, default=OK)
                ok = verdict == OK
            if ok:
                cut = (*done, (g, end))
                if left == 0:
                    out.append(((*cut, total), total[1]) if total is not None else (cut, end))
                else:
                    self._cut(end, made + 1, last, total, cut, out, later)
            self.known.discard(made)
            if verdict == STOP:
                break

    def _closes(self, c: Constraint, made: int, total_known: bool) -> bool:
        """Whether cutting part `made` makes every part of `c` known."""
        terms = c[0] + c[1]
        return made in terms and all(i <= made or (total_known and i in self.known) for i in terms)

    def _exact(self, c: Constraint) -> bool:
        return abs(sum([self.values[i] for i in c[0]]) - sum([self.values[i] for i in c[1]])) <= 1e-9

    def _bounds(self, c: Constraint, made: int, rest: int, left: int, grows: int) -> int:
        """Whether the sides of a count identity can still meet, parts `made`.. (`left` of them, none of
        them known) sharing `rest` plain digits (each part at least one digit, no leading zeros): OK, or
        SKIP (not with this cut), or STOP (nor with a longer part `grows`, the one just cut: a longer
        number is larger and leaves fewer digits to the rest)."""
        sides: list[tuple[float, float, float, int]] = []  # (known, low, high, parts still to cut) per side
        for side in c:
            known = sum([self.values[i] for i in side if i in self.known])
            open_ = sum(1 for i in side if i not in self.known)
            if open_ == 0:
                sides.append((known, known, known, 0))
            elif open_ == left:  # every part still to cut is on this side
                widest = -(-rest // left)
                low = 10 ** (widest - 1) if widest > 1 else 0
                sides.append((known, known + low, known + 10 ** (rest - left + 1) - 1 + 9 * (left - 1), open_))
            else:
                sides.append((known, known, known + open_ * (10 ** (rest - left + 1) - 1), open_))
        verdict = OK
        for mine, other, side in ((sides[0], sides[1], c[0]), (sides[1], sides[0], c[1])):
            known, low, _high, open_ = mine
            high = other[2]
            if grows in side and known > high:
                return STOP  # the known part alone is too large already
            if low > high or (open_ == left and rest > left * len(str(int(max(high, 0))))):
                verdict = SKIP
        return verdict


OK, SKIP, STOP = 0, 1, 2


def split_candidates(
    tokens: list[Token], kinds: list[str], constraints: list[Constraint], limit: int
) -> list[list[Token]] | None:
    """Every split satisfying the constraints (in the order of their cuts), or None when there are more
    than `limit`, the search ran out of budget or the run is longer than MAX_RUN_CHARS (then nothing may
    be concluded). An empty list: no split satisfies them — the run is wrong under every reading."""
    pieces = [t.text.replace("－", "-").replace(",", "") for t in tokens]
    if sum(map(len, pieces)) > MAX_RUN_CHARS:
        return None
    try:
        solutions = sorted(_Search(pieces, kinds, constraints, limit).run())
    except _GiveUp:
        return None
    return tokens_of_parts(tokens, solutions)


def tokens_of_parts(tokens: list[Token], solutions: list[list[Part]]) -> list[list[Token]]:
    """The tokens of each split (parts as (piece, start, end) of the run's tokens): one token per distinct
    part, located at its own column (tokens are never mutated)."""
    pieces = [t.text.replace("－", "-").replace(",", "") for t in tokens]
    made: dict[Part, Token] = {}
    result: list[list[Token]] = []
    for solution in solutions:
        out: list[Token] = []
        for part in solution:
            tok = made.get(part)
            if tok is None:
                piece, start, end = part
                src = tokens[piece]
                loc = src.loc
                col = (loc.column or 1) + start
                sub = Location(loc.line, col, loc.page, loc.table, loc.row, loc.cell, loc.paragraph)
                tok = made[part] = Token(pieces[piece][start:end], sub, src.kind, src.exact, False)
            out.append(tok)
        result.append(out)
    return result
