"""Culprit search (gaicheck/culprit.py) on small identity systems with known answers."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from gaicheck.culprit import Change, Hint, Identity, Solution, Verdict, explain

# A 3×3 grid with row totals and column totals (the shape of table 2: every cell in a row and a column identity)
ROWS, COLS = ("a", "b", "t"), ("x", "y", "s")


def grid_identities() -> list[Identity]:
    ids = [Identity(f"row:{r}", (f"{r}.x", f"{r}.y"), (f"{r}.s",)) for r in ROWS]
    ids += [Identity(f"col:{c}", (f"a.{c}", f"b.{c}"), (f"t.{c}",)) for c in COLS]
    return ids


def grid_values(a_x: int = 12, a_y: int = 3, b_x: int = 40, b_y: int = 5) -> dict[str, int | float]:
    v: dict[str, int | float] = {"a.x": a_x, "a.y": a_y, "b.x": b_x, "b.y": b_y}
    for r in ("a", "b"):
        v[f"{r}.s"] = v[f"{r}.x"] + v[f"{r}.y"]
    for c in COLS:
        v[f"t.{c}"] = v[f"a.{c}"] + v[f"b.{c}"]
    return v


def test_consistent_tables_need_no_explanation() -> None:
    assert explain(grid_identities(), grid_values()) == []


def test_one_wrong_cell_is_unique_with_its_original_value() -> None:
    values = grid_values()
    values["a.x"] = 13
    (e,) = explain(grid_identities(), values)
    assert e.verdict is Verdict.UNIQUE
    assert e.solutions == (Solution((Change("a.x", 13, 12),)),)
    assert e.broken == ("row:a", "col:x")


def test_every_single_change_is_found_unique() -> None:
    clean = grid_values()
    for key, delta in itertools.product(clean, (1, -1, 9, 100)):
        values = dict(clean)
        values[key] += delta
        if values[key] < 0:
            continue
        (e,) = explain(grid_identities(), values)
        assert e.verdict is Verdict.UNIQUE, key
        assert e.solutions[0].changes == (Change(key, values[key], clean[key], e.solutions[0].changes[0].hints),)


def test_unusable_cells_are_never_candidates_and_block_their_identities() -> None:
    values = grid_values()
    values["a.x"] = 13
    del values["b.x"]  # blank: col:x and row:b cannot be evaluated
    (e,) = explain(grid_identities(), values)
    # row:a is the only broken identity that can be evaluated; a.y and a.s also sit in identities that hold
    # (col:y, col:s), a.x only in col:x, which cannot be evaluated: a.x alone explains it, never the blank b.x
    assert e.verdict is Verdict.UNIQUE
    assert e.broken == ("row:a",)
    assert e.solutions == (Solution((Change("a.x", 13, 12),)),)


def test_negative_proposals_only_for_signed_cells() -> None:
    ids = [Identity("r", ("p", "q"), ("s",))]
    values: dict[str, int | float] = {"p": 0, "q": 3, "s": 1}
    (e,) = explain(ids, values)
    assert [(c.key, c.proposed) for s in e.solutions for c in s.changes] == [("q", 1), ("s", 3)]
    (e,) = explain(ids, values, signed=["p"])
    assert [(c.key, c.proposed) for s in e.solutions for c in s.changes] == [("p", -2), ("q", 1), ("s", 3)]


def test_whole_numbers_stay_whole_and_money_may_be_decimal() -> None:
    ids = [Identity("r", ("p", "q"), ("s",))]
    values: dict[str, int | float] = {"p": 1.5, "q": 2, "s": 4}
    (e,) = explain(ids, values)
    # q and s are whole: changing them by 0.5 is no proposal; p (a decimal) may become 2
    assert [(c.key, c.proposed) for s in e.solutions for c in s.changes] == [("p", 2)]


def test_two_wrong_cells_give_the_pair() -> None:
    clean = grid_values()
    values = dict(clean)
    values["a.x"] += 2
    values["b.y"] += 3
    (e,) = explain(grid_identities(), values)
    assert ("a.x", "b.y") in [s.keys for s in e.solutions]
    pair = next(s for s in e.solutions if s.keys == ("a.x", "b.y"))
    assert [(c.current, c.proposed) for c in pair.changes] == [(14, 12), (8, 5)]


def test_no_small_explanation_is_said() -> None:
    values = grid_values()
    for key, delta in (("a.x", 1), ("b.y", 2), ("t.s", 4)):
        values[key] += delta
    (e,) = explain(grid_identities(), values)
    assert e.verdict is Verdict.NONE
    assert e.solutions == () and e.total == 0


def test_independent_groups_are_explained_separately() -> None:
    ids = [*grid_identities(), Identity("t3", ("u", "v"), ("w",))]
    values = {**grid_values(), "u": 2, "v": 1, "w": 4}
    values["b.y"] = 6
    first, second = explain(ids, values)
    assert first.verdict is Verdict.UNIQUE and first.solutions[0].keys == ("b.y",)
    assert second.verdict is Verdict.CANDIDATES and second.broken == ("t3",)
    assert sorted(s.keys for s in second.solutions) == [("u",), ("v",), ("w",)]


def test_risky_cells_come_first_among_equal_candidates() -> None:
    ids = [Identity("r", ("p", "q"), ("s",))]
    values: dict[str, int | float] = {"p": 3, "q": 4, "s": 8}
    (e,) = explain(ids, values, order=["p", "q", "s"])
    assert [s.keys for s in e.solutions] == [("p",), ("q",), ("s",)]
    (e,) = explain(ids, values, order=["p", "q", "s"], risk={"s": 0.5})
    assert [s.keys for s in e.solutions] == [("s",), ("p",), ("q",)]


def test_hints() -> None:
    ids = [Identity("r", ("p", "q", "z"), ("s",))]
    # transposition: 54 written for 45
    (e,) = explain(ids, {"p": 54, "q": 120, "z": 0, "s": 165}, order=["s", "p", "q", "z"])
    change = next(c for s in e.solutions for c in s.changes if c.key == "p")
    assert change.proposed == 45 and Hint.TRANSPOSITION in change.hints
    # an extra zero: 1200 written for 120
    (e,) = explain(ids, {"p": 45, "q": 1200, "z": 0, "s": 165})
    change = next(c for s in e.solutions for c in s.changes if c.key == "q")
    assert change.proposed == 120 and change.hints == (Hint.EXTRA_OR_MISSING_ZERO,)
    # a digit slipped: 220 for 120
    (e,) = explain(ids, {"p": 45, "q": 220, "z": 0, "s": 165})
    change = next(c for s in e.solutions for c in s.changes if c.key == "q")
    assert change.proposed == 120 and change.hints == (Hint.DIGIT_SLIP,)
    # a term counted twice: the total is 45 too high, and 45 is p's value
    (e,) = explain(ids, {"p": 45, "q": 120, "z": 0, "s": 210})
    change = next(c for s in e.solutions for c in s.changes if c.key == "s")
    assert change.proposed == 165 and Hint.OMITTED_OR_DOUBLE in change.hints
    # a difference of 1 is no pattern
    (e,) = explain(ids, {"p": 45, "q": 121, "z": 0, "s": 165})
    assert all(c.hints == () for s in e.solutions for c in s.changes)


@settings(max_examples=60, derandomize=True, deadline=None)
@given(
    st.lists(st.integers(0, 500), min_size=4, max_size=4),
    st.sampled_from(["a.x", "a.y", "b.x", "b.y", "a.s", "b.s", "t.x", "t.y", "t.s"]),
    st.integers(-50, 50).filter(bool),
)
def test_a_changed_cell_is_never_excluded(base: list[int], key: str, delta: int) -> None:
    clean = grid_values(*base)
    values = dict(clean)
    values[key] += delta
    if values[key] < 0:
        return
    (e,) = explain(grid_identities(), values)
    assert e.verdict is Verdict.UNIQUE
    assert e.solutions[0].changes[0].key == key and e.solutions[0].changes[0].proposed == clean[key]
