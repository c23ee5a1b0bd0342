"""The digit-run split search (gaicheck.extract.split) prunes (blocks, totals first, bounds on plain digit
runs) instead of enumerating: it must return exactly what the plain depth-first search returns with no
budget (kept below as the reference), solution limit included; a spent budget gives None, never a guess."""

from __future__ import annotations

import random

import pytest

from gaicheck.extract import split
from gaicheck.extract.split import _PART, Constraint, split_candidates
from gaicheck.extract.stream import Token
from gaicheck.extract.values import parse_value
from gaicheck.model.document import Location


def _reference(
    tokens: list[Token], kinds: list[str], constraints: list[Constraint], limit: int, budget: int
) -> list[list[tuple[str, Location]]] | None:
    expected = len(kinds)
    pieces = [t.text.replace("－", "-").replace(",", "") for t in tokens]
    solutions: list[list[tuple[int, int, int]]] = []
    nodes = 0
    parts: list[tuple[int, int, int]] = []
    values: list[float] = []
    checks: list[list[Constraint]] = [[] for _ in range(expected + 1)]
    for c in constraints:
        last = max(c[0] + c[1])
        if last < expected:
            checks[last + 1].append(c)
    remaining_chars = [sum(len(p) for p in pieces[i:]) for i in range(len(pieces) + 1)]
    n_pieces = len(pieces)

    def numbers(piece: int, pos: int) -> list[tuple[int, float, bool, bool]]:
        text = pieces[piece]
        found = []
        for end in range(pos + 1, len(text) + 1):
            part = text[pos:end]
            if not _PART.match(part):
                continue
            value = parse_value(part).value
            if value is not None:
                found.append((end, float(value), "." in part, part.startswith("-")))
        return found

    def dfs(piece: int, pos: int, made: int) -> None:
        nonlocal nodes
        nodes += 1
        if nodes > budget or len(solutions) > limit:
            return
        if piece == n_pieces:
            if made == expected:
                solutions.append(list(parts))
            return
        text = pieces[piece]
        if made + n_pieces - piece > expected:
            return
        if made + len(text) - pos + remaining_chars[piece + 1] < expected:
            return
        kind = kinds[made]
        whole = kind in ("count", "signed")
        unsigned = kind != "signed"
        after = made + 1
        for end, value, decimals, negative in numbers(piece, pos):
            if (decimals and whole) or (negative and unsigned):
                continue
            parts.append((piece, pos, end))
            values.append(value)
            for lhs, rhs in checks[after]:
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
    if len(solutions) > limit or nodes > budget:
        return None
    out = []
    for solution in solutions:
        row = []
        for piece, start, end in solution:
            loc = tokens[piece].loc
            row.append((pieces[piece][start:end], Location(loc.line, (loc.column or 1) + start, loc.page)))
        out.append(row)
    return out


def _shown(found: list[list[Token]] | None) -> list[list[tuple[str, Location]]] | None:
    return None if found is None else [[(t.text, t.loc) for t in row] for row in found]


def _case(rng: random.Random) -> tuple[list[Token], list[str], list[Constraint], int]:
    width = rng.randint(1, 9)
    kinds = [rng.choice(["count", "count", "count", "signed", "money", "money_wan"]) for _ in range(width)]
    cells = []
    for kind in kinds:
        value = rng.choice([0, 0, 1, 2, 3, 7, 10, 12, 25, 100, 305, 1000])
        if kind == "signed" and rng.random() < 0.3:
            value = -value
        text = str(value)
        if kind.startswith("money") and rng.random() < 0.4:
            text += rng.choice([".5", ".25", "元", "万元"])
        cells.append(text)
    constraints: list[Constraint] = []
    if width >= 3 and rng.random() < 0.7:
        total = rng.randrange(1, width)
        constraints.append((list(range(total)), [total]))
    if width >= 2 and rng.random() < 0.3:
        constraints.append(([width - 1], [rng.randrange(width)]))
    n_pieces = rng.randint(1, min(3, width))
    cuts = sorted(rng.sample(range(1, width), n_pieces - 1)) if width > 1 else []
    bounds = [0, *cuts, width]
    tokens = []
    for i in range(len(bounds) - 1):
        text = "".join(cells[bounds[i] : bounds[i + 1]])
        if rng.random() < 0.1:
            text = text.replace("-", "－")
        tokens.append(Token(text, Location(line=3, column=5 + 20 * i), "value", True, True))
    if rng.random() < 0.2:  # a width the cells do not give
        kinds = kinds[:-1] if rng.random() < 0.5 and len(kinds) > 1 else [*kinds, "count"]
    return tokens, kinds, constraints, rng.choice([0, 1, 1, 2, 64])


UNLIMITED = 10**9
BUDGET = split.NODE_BUDGET


@pytest.mark.parametrize("budget", [BUDGET, 30, 7])
def test_split_matches_the_reference_search(budget: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """At the real budget: exactly the reference's answer. With a tiny budget: that answer or None."""
    monkeypatch.setattr(split, "NODE_BUDGET", budget)
    rng = random.Random(budget)
    gave_up = 0
    for _ in range(3000):
        tokens, kinds, constraints, limit = _case(rng)
        expected = _reference(tokens, kinds, constraints, limit, UNLIMITED)
        found = _shown(split_candidates(tokens, kinds, constraints, limit))
        if budget < BUDGET and found is None:
            gave_up += 1
            continue
        assert found == expected, (tokens, kinds)
    assert (gave_up > 0) == (budget < BUDGET)


def test_real_runs() -> None:
    loc = Location(line=1, column=1)
    count15 = ["count"] * 15
    blocks = [([0, 1, 2, 3], [4]), ([5, 6, 7, 8], [9]), ([10, 11, 12, 13], [14])]
    for texts, kinds, constraints, limit in [
        (["21317000001324019"], count15, blocks, 64),
        (["0000000"], ["count"] * 7, [([0, 1, 2, 3, 4, 5], [6])], 64),
        (["126025"], ["count", "signed", "count"], [], 64),
        (["13575394432.52元"], ["count", "money"], [], 64),
        (["12", "3－4", "5"], ["count", "signed", "signed", "count"], [], 64),
        ([], [], [], 1),
        ([], [], [], 0),
        ([], ["count"], [], 1),
    ]:
        tokens = [Token(t, loc, "value", True, True) for t in texts]
        assert _shown(split_candidates(tokens, kinds, constraints, limit)) == _reference(
            tokens, kinds, constraints, limit, UNLIMITED
        )


def test_number_to_the_end_is_the_last_number() -> None:
    rng = random.Random(7)
    alphabet = "0123456789.-元万件,"
    texts = ["0", "00", "10", "007", "12.50元", "-3", "3-", "1.2.3", "万元", "٣٤"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(2000)]
    for text in texts:
        for pos in range(len(text)):
            found = split._numbers(text, pos)
            last = found[-1] if found and found[-1][0] == len(text) else None
            assert split._number_to_end(text, pos) == last, (text, pos)
