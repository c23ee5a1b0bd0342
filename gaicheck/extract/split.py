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


def split_candidates(
    tokens: list[Token], kinds: list[str], constraints: list[Constraint], limit: int
) -> list[list[Token]] | None:
    """Every split satisfying the constraints, or None when there are more than `limit` or the search
    ran out of budget (then nothing may be concluded).

    A depth-first search over the cuts. A node is a call of `dfs` or a child settled on the spot: one
    that ends the split, or one the pieces left cannot fill (too few characters for the parts left, or
    pieces left that would get no part). Settled children count against the budget as the calls they
    replace would, so the budget means what it meant for the plain search. Nor can a search exceed the
    budget when the whole tree is smaller (a node is a set of cut positions, at most 2**characters of
    them): then the children the pieces left cannot fill are skipped without testing the identities."""
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
    counted = 2 ** remaining_chars[0] > NODE_BUDGET  # dead children must be counted (see above)
    # what part `made` may be (a count column takes no decimals, only a signed one a minus), as the key
    # of the numbers allowed from a position: the search comes back to the same positions many times,
    # this parses each substring once
    rules = [(kind in ("count", "signed"), kind != "signed") for kind in kinds]
    numbers_at: dict[tuple[int, int, tuple[bool, bool]], list[tuple[int, float]]] = {}
    tails_at: dict[tuple[int, int, tuple[bool, bool]], list[tuple[int, float]]] = {}  # the one to the end

    def numbers(piece: int, pos: int, rule: tuple[bool, bool]) -> list[tuple[int, float]]:
        whole, unsigned = rule
        found = numbers_at[(piece, pos, rule)] = [
            (end, value)
            for end, value, decimals, negative in _numbers(pieces[piece], pos)
            if not (decimals and whole) and not (negative and unsigned)
        ]
        return found

    def number_to_end(piece: int, pos: int, rule: tuple[bool, bool]) -> list[tuple[int, float]]:
        whole, unsigned = rule
        entry = _number_to_end(pieces[piece], pos)
        found = tails_at[(piece, pos, rule)] = (
            [] if entry is None or (entry[2] and whole) or (entry[3] and unsigned) else [(entry[0], entry[1])]
        )
        return found

    def dfs(piece: int, pos: int, made: int) -> None:
        """Cut piece `piece` from `pos` on, `made` (== len(parts)) parts being cut already; the caller
        made sure the pieces left can give the parts left."""
        nonlocal nodes
        nodes += 1
        if nodes > NODE_BUDGET:
            raise _GiveUp
        text_len = len(pieces[piece])
        after = made + 1  # made < expected here
        # a child is viable when its end leaves at least a character per part left, and, inside the
        # piece, when the pieces after this one are not more than the parts left
        max_end = text_len + remaining_chars[piece + 1] - (expected - after)
        may_stay = after + n_pieces - piece <= expected
        tests = checks[after]
        rule = rules[made]
        if may_stay or counted:
            found = numbers_at.get((piece, pos, rule))
            if found is None:
                found = numbers(piece, pos, rule)
        else:  # only the number up to the piece's end can be viable (the last part is always such a one)
            found = tails_at.get((piece, pos, rule))
            if found is None:
                found = number_to_end(piece, pos, rule)
        for end, value in found:
            viable = end <= max_end and (may_stay or end == text_len)
            if not viable and not counted:
                if end > max_end:
                    break
                continue
            if tests:
                values.append(value)
                broken = False
                for lhs, rhs in tests:  # the identities whose last part this is
                    if abs(sum([values[i] for i in lhs]) - sum([values[i] for i in rhs])) > 1e-9:
                        broken = True
                        break
                values.pop()
                if broken:
                    continue
            if not viable or (end == text_len and piece + 1 == n_pieces):
                nodes += 1  # settled here
                if nodes > NODE_BUDGET:
                    raise _GiveUp
                if viable:  # the last part of the last piece
                    solutions.append([*parts, (piece, pos, end)])
                    if len(solutions) > limit:
                        raise _GiveUp
                continue
            parts.append((piece, pos, end))
            values.append(value)
            if end == text_len:
                dfs(piece + 1, 0, after)
            else:
                dfs(piece, end, after)
            parts.pop()
            values.pop()

    # the root, tested as `dfs` expects
    if n_pieces > expected or remaining_chars[0] < expected or expected == 0:
        solutions = [[]] if n_pieces == 0 and expected == 0 else []  # the root ends the split, or fails
        if len(solutions) > limit:
            return None
    else:
        try:
            dfs(0, 0, 0)
        except _GiveUp:
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
