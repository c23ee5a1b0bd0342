"""Pinpoint rates over the shapes (issue 14): generated consistent report → one or two cells changed →
rendered in a publication shape → checked through the public API → do the SUM suggestions name the change?

For each shape, seeded reports (generate.random_spec); every table-2 cell changed by +k and −k (k in
`KS`; never below zero: table-2/3 cells are counts) and by a digit transposition where its value has two
different adjacent digits; every table-3 cell +k; a sample of two-cell changes in table 2. The change is
made in the Spec and the changed report is rendered in the shape, so the reader meets it as a publication
would print it. Each change is classified from the SUM001–SUM004 findings that name a changed cell (their
JSON `suggestions`):

- unique_right — classification unique, one solution: exactly the changed cell, `current` the changed value,
  `proposed` the original (for a pair: the solution is exactly the two cells with their originals);
- among — the right solution is one of the listed candidates (or a unique pair containing it);
- excluded — the findings suggest solutions and none is the right one (must never happen);
- none — the findings say no one- or two-cell change explains it (no suggestion);
- undetected — every cell of an identity through the change was read, yet no finding names it;
- smaller — every suggested solution has fewer cells than the change (a change hidden by a blank cell);
- not_read — the changed report's reading differs from the changed values in a cell of an identity
  through the change (a run-on row read another way, a cell left unread): not counted in the rates;
- not_checkable — every identity through the change has a cell written blank (`—` for a zero) or not
  read, so no identity can check the change: no suggestion is possible; not counted in the rates.

When some identities through the change have a blank cell and others not, the outcome is `partial_…` and
only the changed cells a checkable identity sees are expected. When the changed cells fall in independent
groups of identities (two rows of table 3; parts of table 2 that blank cells cut apart), each group is
judged on its own part of the change and the worst group decides.

`python tests/shapes/report.py --pinpoint` prints the table (CI size by default, `--full` every cell);
tests/shapes/test_pinpoint_rates.py asserts the bars on the CI sample.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import repeat
from typing import Any

from gaicheck.api import check_file_report
from gaicheck.checks.options import Options
from tests.pinpoint.measure import transposed
from tests.shapes.generate import Spec, Value, identity_instances, random_spec
from tests.shapes.shapes import BY_NAME, Shape

SUM_OPTIONS = Options(select=["SUM"])
SUM_CODES = ("SUM001", "SUM002", "SUM003", "SUM004")
KS = (1, 7, 10, 100)  # the sizes of a change: one, a few, a digit slip, a larger slip
KINDS = ("table2", "table3", "pairs")

# CI size: reports per shape and, per report, how many table-2 single changes, table-3 changes and pairs
# (a seeded sample of all the changes); the costly shapes (PDF drawing and reading, the glued run-on
# search) get one report and fewer changes
CI_SAMPLE = {"text": (2, 24, 4, 4), "runon": (2, 24, 4, 4), "html": (2, 24, 4, 4), "docx": (2, 20, 3, 3),
             "xlsx": (2, 20, 3, 3), "pdf": (1, 16, 3, 3)}
# html-dashes writes half its zeros as `—`: most changes have an identity through a blank cell, so it gets
# more reports to count a few fully checkable ones
CI_SAMPLE_BY_SHAPE = {"runon-glued": (1, 6, 1, 1), "html-dashes": (8, 24, 4, 4)}
FULL_REPORTS = 3  # reports per shape with --full: every table-2/3 change of each
FULL_PAIRS = 40  # two-cell changes per report with --full


def ci_sample(shape: Shape) -> tuple[int, int, int, int]:
    return CI_SAMPLE_BY_SHAPE.get(shape.name, CI_SAMPLE[shape.family])


@dataclass(frozen=True)
class Change:
    kind: str  # table2 | table3 | pairs
    how: str  # "+7", "-1", "swap", "+1/+3"
    values: tuple[tuple[str, int], ...]  # (key, changed value) of each changed cell

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(k for k, _v in self.values)


@dataclass
class Rates:
    shape: str
    counts: dict[str, Counter[str]] = field(default_factory=lambda: {k: Counter() for k in KINDS})
    problems: list[str] = field(default_factory=list)  # excluded, undetected and misread cases, described

    def add(self, other: Rates) -> None:
        for kind in KINDS:
            self.counts[kind].update(other.counts[kind])
        self.problems += other.problems


# ---- the changes --------------------------------------------------------------------------------
def single_changes(spec: Spec, key: str, ks: tuple[int, ...], minus: bool, swap: bool) -> Iterator[tuple[str, int]]:
    value = int(spec.values[key].number)
    for k in ks:
        yield f"+{k}", value + k
        if minus and value - k >= 0:
            yield f"-{k}", value - k
    swapped = transposed(value) if swap else None
    if swapped is not None:
        yield "swap", swapped


def all_changes(spec: Spec, ks: tuple[int, ...], pairs: int, rng: random.Random) -> list[Change]:
    """Every table-2 change (±k, transposition), every table-3 cell +k, and `pairs` two-cell changes
    in table 2 (+a on one cell, ±b on another, never below zero)."""
    out: list[Change] = []
    apply = [k for k in spec.values if k.startswith("apply.")]
    for key in apply:
        out += [Change("table2", how, ((key, v),)) for how, v in single_changes(spec, key, ks, True, True)]
    for key in (k for k in spec.values if k.startswith("review.")):
        out += [Change("table3", how, ((key, v),)) for how, v in single_changes(spec, key, ks, False, False)]
    for _ in range(pairs):
        a, b = sorted(rng.sample(apply, 2))
        da, db = rng.choice(ks), rng.choice(ks) * rng.choice([1, -1])
        vb = int(spec.values[b].number)
        if vb + db < 0:
            db = -db
        out.append(Change("pairs", f"+{da}/{db:+d}", ((a, int(spec.values[a].number) + da), (b, vb + db))))
    return out


def with_values(spec: Spec, values: tuple[tuple[str, int], ...]) -> Spec:
    changed = dict(spec.values)
    for key, number in values:
        changed[key] = Value.of(number)
    return replace(spec, values=changed)


# ---- judging one change -------------------------------------------------------------------------
def _same(number: Any, expected: int | float) -> bool:
    return isinstance(number, int | float) and math.isclose(float(number), float(expected), abs_tol=1e-9)


def _read_right(report: Any, spec: Spec, blank: set[str]) -> tuple[set[str], list[str]]:
    """(table-2/3 cells read with the spec's value, cells read with another value)."""
    cells = {c.key: c for c in report.cells} if report is not None else {}
    right: set[str] = set()
    misread: list[str] = []
    for key, value in spec.values.items():
        if key.startswith("active.") or key in blank:
            continue
        cell = cells.get(key)
        if cell is not None and cell.status == "ok":
            if _same(cell.value, value.number):
                right.add(key)
            else:
                misread.append(f"{key}: {value.raw} → {cell.raw!r}")
    return right, misread


Solution = frozenset[tuple[str, Any, Any]]  # (cell, current, proposed) of each cell of one solution


@dataclass
class Group:
    """The findings of one independent group of identities (table 2, or a row of table 3, or a part of
    table 2 cut off by blank cells): they carry the same classification and suggestions."""

    classification: str
    solutions: set[Solution]
    named: set[str]  # the cells the group's findings name


def _groups(findings: list[Any], keys: tuple[str, ...]) -> list[Group]:
    """The groups of the SUM001–SUM004 findings naming one of `keys`."""
    groups: dict[tuple[Any, ...], Group] = {}
    for f in findings:
        if f.code not in SUM_CODES or not set(keys) & set(f.cells):
            continue
        by_solution: dict[int, set[tuple[str, Any, Any]]] = {}
        for s in f.suggestions:
            by_solution.setdefault(s.solution, set()).add((s.cell, s.current, s.proposed))
        handle = (f.classification, tuple((s.cell, s.proposed, s.solution) for s in f.suggestions))
        group = groups.setdefault(handle, Group(f.classification or "missing", set(), set()))
        group.solutions.update(frozenset(v) for v in by_solution.values())
        group.named.update(f.cells)
    return list(groups.values())


def _group_outcome(group: Group, exact: Solution) -> str:
    if group.classification == "unique" and group.solutions == {exact}:
        return "unique_right"
    if exact in group.solutions:
        return "among"
    if group.classification == "none":
        return "none"
    if group.solutions and all(len(s) < len(exact) for s in group.solutions):
        return "smaller"  # fewer cells explain every identity that can be checked
    return "excluded"


WORST_FIRST = ("excluded", "smaller", "none", "among", "unique_right")


def classify(change: Change, spec: Spec, findings: list[Any], right: set[str], blank: set[str]) -> str:
    """The outcome of one change (see the module's list); `partial_…` when some but not all identities
    through the change can be checked (a cell of the others written blank): then only the changed cells
    that a checkable identity sees are expected. When the changed cells fall in independent groups of
    identities (two rows of table 3, or parts of table 2 that blank cells cut apart), each group must
    name its own part of the change; the worst group decides."""
    through = [set(lhs + rhs) for _c, lhs, rhs in identity_instances(spec.version) if set(change.keys) & set(lhs + rhs)]
    if not set().union(*through) - blank <= right:
        return "not_read"
    checkable = [cells for cells in through if not cells & blank]
    if not checkable:
        return "not_checkable"
    visible = tuple((k, v) for k, v in change.values if any(k in cells for cells in checkable))
    groups = _groups(findings, change.keys)
    outcomes = {
        _group_outcome(g, frozenset((k, v, int(spec.values[k].number)) for k, v in visible if k in g.named))
        for g in groups
    }
    outcome = next((o for o in WORST_FIRST if o in outcomes), "undetected")
    return outcome if len(checkable) == len(through) else f"partial_{outcome}"


def judge_change(shape: Shape, spec: Spec, seed: int, change: Change) -> tuple[str, list[str]]:
    changed = with_values(spec, change.values)
    rendered = shape.render(changed, seed)
    result, report = check_file_report(rendered.name, SUM_OPTIONS, data=rendered.data)
    right, misread = _read_right(report, changed, rendered.blank)
    outcome = classify(change, spec, result.findings, right, rendered.blank)
    problems = [f"{shape.name} seed {seed} {change.how} {change.keys}: misread {m}" for m in misread]
    if outcome.removeprefix("partial_") in ("excluded", "undetected", "none", "smaller"):
        said = [(g.classification, [sorted(s) for s in g.solutions][:4]) for g in _groups(result.findings, change.keys)]
        problems.append(f"{shape.name} seed {seed} {change.how} {change.values}: {outcome} {said}")
    return outcome, problems


# ---- one report, one shape ----------------------------------------------------------------------
def sampled(changes: list[Change], rng: random.Random, sample: tuple[int, int, int]) -> list[Change]:
    out: list[Change] = []
    for kind, n in zip(KINDS, sample, strict=True):
        pool = [c for c in changes if c.kind == kind]
        out += rng.sample(pool, min(n, len(pool)))
    return out


def seed_of(shape: Shape, index: int) -> int:
    return sum(map(ord, shape.name)) * 7_919 + 1_000 * index + 14


def measure_report(shape: Shape, index: int, full: bool) -> Rates:
    """One seeded report of a shape: every change (`full`) or the CI sample of them, judged."""
    seed = seed_of(shape, index)
    rng = random.Random(seed)
    spec = random_spec(rng)
    rates = Rates(shape.name)
    if full:
        changes = all_changes(spec, KS, FULL_PAIRS, rng)
    else:
        _reports, *sample = ci_sample(shape)
        changes = sampled(all_changes(spec, KS, 4 * sample[2], rng), rng, (sample[0], sample[1], sample[2]))
    for change in changes:
        outcome, problems = judge_change(shape, spec, seed, change)
        rates.counts[change.kind][outcome] += 1
        rates.problems += problems
    return rates


def _measure_named(shape_name: str, index: int, full: bool) -> Rates:
    return measure_report(BY_NAME[shape_name], index, full)


def measure_shape(shape: Shape, reports: int | None = None, full: bool = False, jobs: int = 1) -> Rates:
    """The rates of a shape over `reports` seeded reports (default: the CI size, or FULL_REPORTS)."""
    n = reports or (FULL_REPORTS if full else ci_sample(shape)[0])
    rates = Rates(shape.name)
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for one in pool.map(_measure_named, repeat(shape.name), range(n), repeat(full)):
                rates.add(one)
    else:
        for index in range(n):
            rates.add(measure_report(shape, index, full))
    return rates


# ---- the table ----------------------------------------------------------------------------------
HEADER = (
    f"{'shape':<20} {'t2 cases':>8} {'unique right %':>14} {'among %':>7} {'t3 cases':>8} {'t3 among %':>10} "
    f"{'pairs':>5} {'pair among %':>12} {'excluded':>8} {'partly checkable':>16} {'not read':>8} {'not checkable':>13}"
)
NOTE = (
    "the rates count the changes whose identities are all read (every cell of every identity through the "
    "change read with its value, none written blank); `partly checkable`: changes with an identity through "
    "a cell written blank (`—` for 0): cases and % with the visible change among the candidates; `not read`: "
    "changes the shape reads another way or leaves unread (a glued run-on row no split makes consistent is "
    "not split: SUM006); `not checkable`: every identity through the change has a blank cell; excluded: "
    "cases of every kind whose suggestions leave out the change (must be 0)"
)
SKIPPED = ("not_read", "not_checkable")


def counted(counter: Counter[str]) -> int:
    return sum(v for k, v in counter.items() if k not in SKIPPED and not k.startswith("partial_"))


def _pct(part: int, whole: int) -> str:
    return "-" if whole == 0 else f"{100 * part / whole:.1f}"


def totals(rates: Rates) -> dict[str, int]:
    """The figures of a table row (also what the tests assert)."""
    t2, t3, pairs = (rates.counts[k] for k in KINDS)
    every = Counter[str]()
    for counter in rates.counts.values():
        every.update(counter)
    partial = sum(v for k, v in every.items() if k.startswith("partial_"))
    return {
        "t2": counted(t2), "t2_unique_right": t2["unique_right"], "t2_among": t2["unique_right"] + t2["among"],
        "t3": counted(t3), "t3_among": t3["unique_right"] + t3["among"],
        "pairs": counted(pairs), "pairs_among": pairs["unique_right"] + pairs["among"],
        "excluded": every["excluded"] + every["partial_excluded"],
        "partial": partial, "partial_among": every["partial_unique_right"] + every["partial_among"],
        "not_read": every["not_read"], "not_checkable": every["not_checkable"],
    }


def row(name: str, rates: Rates) -> str:
    t = totals(rates)
    partial = f"{t['partial']} / {_pct(t['partial_among'], t['partial'])}"
    return (
        f"{name:<20} {t['t2']:>8} {_pct(t['t2_unique_right'], t['t2']):>14} {_pct(t['t2_among'], t['t2']):>7} "
        f"{t['t3']:>8} {_pct(t['t3_among'], t['t3']):>10} {t['pairs']:>5} {_pct(t['pairs_among'], t['pairs']):>12} "
        f"{t['excluded']:>8} {partial:>16} {t['not_read']:>8} {t['not_checkable']:>13}"
    )


def print_table(shapes: list[Shape], reports: int | None, full: bool, show: int = 0, jobs: int = 1) -> list[Rates]:
    """`report.py --pinpoint`: one row per shape, then all, then what the columns count."""
    print(HEADER)
    everything = Rates("all")
    out: list[Rates] = []
    for shape in shapes:
        rates = measure_shape(shape, reports, full, jobs)
        out.append(rates)
        everything.add(rates)
        print(row(shape.name, rates), flush=True)
        for problem in rates.problems[:show]:
            print(f"    {problem}")
    print(row("all", everything))
    print(f"({NOTE})")
    return out
