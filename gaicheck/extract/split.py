"""Splitting digit runs: value tokens whose separators were lost → **cells**, only when exactly one split
satisfies the row's identities (e.g. 总计 = 自然人 + … + 其他); otherwise the row stays unreadable.

Each run is cut into numbers without leading zeros; a sign may only open a number, a decimal part or a unit
only close one; a count column takes no sign and no decimals. The search stops at the second solution or
after a node budget, in which case the row is treated as ambiguous — gaicheck never invents values.
"""

from __future__ import annotations

import regex

from gaicheck.extract.stream import Token
from gaicheck.extract.values import parse_value
from gaicheck.model.document import Location

NODE_BUDGET = 200_000
_PART = regex.compile(r"^[+\-]?(?:0|[1-9]\d*)(?:\.\d+)?(?:万元|元|件|条|项|个)?$")

Constraint = tuple[list[int], list[int]]  # indices of the parts: sum(lhs) == sum(rhs)


def split_runs(tokens: list[Token], kinds: list[str], constraints: list[Constraint]) -> list[Token] | None:
    """The unique split of `tokens` into len(kinds) cells, or None (no split, or more than one)."""
    found = split_candidates(tokens, kinds, constraints, 1)
    return found[0] if found is not None and len(found) == 1 else None


def split_candidates(
    tokens: list[Token], kinds: list[str], constraints: list[Constraint], limit: int
) -> list[list[Token]] | None:
    """Every split satisfying the constraints, or None when there are more than `limit` or the search
    ran out of budget (then nothing may be concluded)."""
    expected = len(kinds)
    pieces = [t.text.replace("－", "-").replace(",", "") for t in tokens]
    solutions: list[list[tuple[int, int, int]]] = []  # (piece, start, end) per part
    nodes = 0
    parts: list[tuple[int, int, int]] = []
    values: list[float] = []
    checks: list[list[Constraint]] = [[] for _ in range(expected + 1)]  # by the number of parts made
    for c in constraints:
        last = max(c[0] + c[1])
        if last < expected:
            checks[last + 1].append(c)
    remaining_chars = [sum(len(p) for p in pieces[i:]) for i in range(len(pieces) + 1)]
    n_pieces = len(pieces)
    # the numbers a piece allows from a position, (end, value, has decimals, negative) by end: the search
    # comes back to the same positions many times, this parses each substring once
    numbers_at: dict[tuple[int, int], list[tuple[int, float, bool, bool]]] = {}

    def numbers(piece: int, pos: int) -> list[tuple[int, float, bool, bool]]:
        found = numbers_at.get((piece, pos))
        if found is None:
            text = pieces[piece]
            found = []
            for end in range(pos + 1, len(text) + 1):
                part = text[pos:end]
                if not _PART.match(part):
                    continue
                value = parse_value(part).value
                if value is not None:
                    found.append((end, float(value), "." in part, part.startswith("-")))
            numbers_at[(piece, pos)] = found
        return found

    def dfs(piece: int, pos: int, made: int) -> None:
        """Cut piece `piece` from `pos` on, `made` (== len(parts)) parts being cut already."""
        nonlocal nodes
        nodes += 1
        if nodes > NODE_BUDGET or len(solutions) > limit:
            return
        if piece == n_pieces:
            if made == expected:
                solutions.append(list(parts))
            return
        text = pieces[piece]
        if made + n_pieces - piece > expected:  # every piece left gives at least one part
            return
        if made + len(text) - pos + remaining_chars[piece + 1] < expected:  # and at most one per character
            return
        kind = kinds[made]  # made < expected here
        whole = kind in ("count", "signed")
        unsigned = kind != "signed"
        after = made + 1
        tests = checks[after]
        for end, value, decimals, negative in numbers(piece, pos):
            if (decimals and whole) or (negative and unsigned):
                continue  # a count column takes no decimals, only a signed one a minus
            parts.append((piece, pos, end))
            values.append(value)
            for lhs, rhs in tests:  # the identities whose last part this is
                if abs(sum([values[i] for i in lhs]) - sum([values[i] for i in rhs])) > 1e-9:
                    break
            else:
                if end == len(text):
                    dfs(piece + 1, 0, after)
                else:
                    dfs(piece, end, after)
            parts.pop()
            values.pop()

    dfs(0, 0, 0)
    if len(solutions) > limit or nodes > NODE_BUDGET:
        return None
    made: dict[tuple[int, int, int], Token] = {}  # one token per distinct part (tokens are never mutated)
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
