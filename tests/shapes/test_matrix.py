"""The full-matrix runner (tests/shapes/matrix.py) judges as the slow path does: identical Verdicts.

The benchmark judges 2,000 reports with every table-2/3 cell changed in turn; to afford it, a PDF page
identical to one already read in the same report is not read again. These tests hold that shortcut to
the slow path's Verdicts (on changes that fall on both pages of a PDF, ruled and unruled), and pin the
runner's order and records.
"""

from __future__ import annotations

import json

import pytest

from gaicheck.extract import tables
from gaicheck.extract.split import split_candidates
from gaicheck.extract.tokens import Token
from gaicheck.model.document import Location
from tests.shapes.generate import Spec
from tests.shapes.harness import judge
from tests.shapes.matrix import (
    FULL_REPORTS,
    judge_all,
    pages_read_once,
    runs_split_once,
    summary,
    tasks,
    verdict_of,
)
from tests.shapes.report import case, seed_of
from tests.shapes.shapes import BY_NAME, SHAPES


@pytest.mark.parametrize("name", ["pdf-ruled", "pdf-unruled"])
def test_pages_read_once_give_the_slow_verdict(name: str) -> None:
    shape = BY_NAME[name]
    seed = seed_of(shape, 1)
    spec, keys = case(shape, seed)
    # cells of table 2 near its top and bottom and of table 3: changes on different pages
    chosen = [keys[0], keys[len(keys) // 2], keys[-20], keys[-1]]
    with pages_read_once() as cache:
        fast = judge(shape, spec, seed, chosen)
    slow = judge(shape, spec, seed, chosen)
    assert fast == slow
    assert fast.changes + fast.unverifiable == 4
    # five documents (the clean one and four changes) of two pages each, every changed page read anew
    assert cache.reads == 10
    assert 0 < cache.hits < cache.reads
    assert len(cache.pages) == cache.reads - cache.hits


@pytest.mark.parametrize("index", [1, 2])
def test_runs_split_once_give_the_slow_verdict(index: int) -> None:
    shape = BY_NAME["runon-glued"]
    seed = seed_of(shape, index)
    spec, keys = case(shape, seed)
    chosen = [keys[3], keys[len(keys) // 2], keys[-1]]
    with runs_split_once() as cache:
        fast = judge(shape, spec, seed, chosen)
    slow = judge(shape, spec, seed, chosen)
    assert fast == slow
    assert fast.changes + fast.unverifiable == 3
    assert 0 < cache.hits < cache.calls


def _run(text: str, column: int) -> list[Token]:
    return [Token(text, Location(line=7, column=column), "value", False, True)]


def test_runs_split_once_make_the_tokens_split_candidates_makes() -> None:
    """The same run at another place: the cached split gives the tokens the search gives there; a run
    with too many readings stays None (nothing concluded), from the cache as from the search."""
    kinds = ["count"] * 4
    constraints = [([0, 1, 2], [3])]  # a + b + c = total
    fresh = [split_candidates(_run("231015", c), kinds, constraints, 64) for c in (3, 40)]
    assert fresh[0] is not None and [[t.text for t in s] for s in fresh[0]] == [["2", "3", "10", "15"]]
    with runs_split_once() as cache:
        first = tables.split_candidates(_run("231015", 3), kinds, constraints, 64)
        again = tables.split_candidates(_run("231015", 40), kinds, constraints, 64)
        ambiguous = [tables.split_candidates(_run("123456789", 9), kinds, [], 2) for _ in range(2)]
    assert (first, again) == (fresh[0], fresh[1])
    assert [t.loc.column for t in again[0]] == [40, 41, 42, 44] and [t.loc.column for t in first[0]] == [3, 4, 5, 7]
    assert ambiguous == [None, None] and split_candidates(_run("123456789", 9), kinds, [], 2) is None
    assert (cache.calls, cache.hits) == (4, 2)


def test_pages_read_once_leaves_the_reader_as_it_was() -> None:
    from gaicheck.readers import pdf

    before = (pdf._read_page, pdf._picture_only)
    with pages_read_once():
        assert pdf._read_page is not before[0]
    assert (pdf._read_page, pdf._picture_only) == before


def test_judge_all_changes_every_cell_and_records_the_verdict() -> None:
    record = judge_all("pipe-outer", 0)
    shape = BY_NAME["pipe-outer"]
    spec, keys = case(shape, seed_of(shape, 0))
    assert record["keys"] == len(keys) == len([k for k in spec.values if not k.startswith("active.")])
    assert record["seed"] == seed_of(shape, 0)
    again = json.loads(json.dumps(record, ensure_ascii=False))
    assert verdict_of(again) == judge(shape, spec, record["seed"], keys)
    assert verdict_of(again).changes + verdict_of(again).unverifiable == len(keys)


def test_tasks_go_round_the_shapes_and_skip_what_is_done() -> None:
    assert tasks(["a", "b"], 3, 1, {("b", 1)}) == [("a", 1), ("a", 2), ("b", 2)]
    assert FULL_REPORTS * len(SHAPES) >= 2000 > (FULL_REPORTS - 1) * len(SHAPES)


def test_summary_counts_cpu_per_changed_cell() -> None:
    record = {
        "shape": "tab",
        "index": 0,
        "seed": 1,
        "keys": 4,
        "cpu": 2.0,
        "verdict": {"shape": "tab", "cells": 10, "read": 10, "changes": 4, "found": 4},
    }
    lines = summary([record, {**record, "index": 1, "cpu": 4.0}]).splitlines()
    assert lines[1].split()[:2] == ["tab", "2"]
    assert lines[1].split()[-2:] == ["0.750", "3.0"]  # 6 s for 8 changed cells; 3 s a report
    hours = 3.0 * FULL_REPORTS / 3600  # 3 s a report
    assert lines[-1] == (
        f"(2 reports, 8 changed cells in 6 s of CPU; the shapes here at {FULL_REPORTS} reports each, "
        f"at these rates: {hours:.1f} h of CPU)"
    )


@pytest.mark.parametrize("name", ["html-dashes", "html-cms", "html-one-line"])
def test_a_changed_report_blanks_the_same_cells(name: str) -> None:
    """The full matrix's premise: a changed report is written in the clean report's style. Found by the
    matrix (html-dashes, seed 111403347, apply.carried_over.legal 0 → 1): which zeros were written `—`
    depended on the zeros before them, so the change blanked other cells and its identity could not be
    checked (SUM005), counted as a change not found."""
    shape = BY_NAME[name]
    for seed in [111403347, *(seed_of(shape, i) for i in range(3))]:
        spec, keys = case(shape, seed)
        clean = shape.render(spec, seed)
        for key in keys:
            changed = shape.render(spec.changed(key), seed)
            assert changed.blank == clean.blank - {key}, (seed, key)
    assert seed_of(BY_NAME["html-dashes"], 5) == 111403347
    assert "apply.carried_over.legal" not in BY_NAME["html-dashes"].render(*_spec_seed("html-dashes", 5)).blank


def _spec_seed(name: str, index: int) -> tuple[Spec, int]:
    seed = seed_of(BY_NAME[name], index)
    return case(BY_NAME[name], seed)[0], seed
