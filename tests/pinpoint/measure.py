"""Measuring the culprit search on consistent reports: change one cell (+k, −k, a digit transposition) or two,
run the SUM rules through the public API and see whether the suggestions name the changed cell(s).

`python -m tests.pinpoint.measure [files…]` prints the numbers; tests/pinpoint/test_suggestions.py asserts them.
"""

from __future__ import annotations

import copy
import itertools
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gaicheck.api import check_report, parse_path
from gaicheck.checks.options import Options
from gaicheck.model.finding import Finding
from gaicheck.model.report import Report

ROOT = Path(__file__).resolve().parents[2]
SUM_OPTIONS = Options(select=["SUM"])
DELTAS = (1, -1, 7, -7, 10)


def consistent_reports() -> list[Path]:
    """Examples and corpus reports whose tables 2 and 3 have every cell read and no SUM finding."""
    paths = sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "tests/data/corpus").glob("*"))
    out: list[Path] = []
    for path in paths:
        if path.suffix in (".md",) and path.name == "SOURCES.md":
            continue
        try:
            report = parse_path(str(path))
        except Exception:  # an unreadable file is simply not a measurement subject
            continue
        if len(usable_cells(report, "apply")) < 50:
            continue
        if any(f.code.startswith("SUM") for f in check_report(report, SUM_OPTIONS)):
            continue
        out.append(path)
    return out


def usable_cells(report: Report, table: str) -> list[str]:
    return [c.key for c in report.cells if c.table == table and c.status == "ok" and isinstance(c.value, int)]


def transposed(value: int) -> int | None:
    text = str(value)
    for i in range(len(text) - 1):
        if text[i] != text[i + 1] and not (i == 0 and text[i + 1] == "0"):
            return int(text[:i] + text[i + 1] + text[i] + text[i + 2 :])
    return None


def mutations(report: Report, key: str) -> Iterator[tuple[str, int]]:
    value = report.cell_map()[key].value
    assert isinstance(value, int)
    for delta in DELTAS:
        if value + delta >= 0:
            yield f"{delta:+d}", value + delta
    swapped = transposed(value)
    if swapped is not None:
        yield "swap", swapped


def with_values(report: Report, changes: dict[str, int]) -> Report:
    changed = copy.deepcopy(report)
    for cell in changed.cells:
        if cell.key in changes:
            cell.value = changes[cell.key]
            cell.raw = str(changes[cell.key])
    return changed


def suggested(findings: list[Finding]) -> tuple[set[str], set[frozenset[tuple[str, int | float]]]]:
    """(classifications of the SUM001–SUM004 findings, the solutions as sets of (cell, proposed))."""
    kinds: set[str] = set()
    solutions: set[frozenset[tuple[str, int | float]]] = set()
    for f in findings:
        if f.code in ("SUM001", "SUM002", "SUM003", "SUM004"):
            kinds.add(f.classification or "missing")
            by_solution: dict[int, set[tuple[str, int | float]]] = {}
            for s in f.suggestions:
                by_solution.setdefault(s.solution, set()).add((s.cell, s.proposed))
            solutions.update(frozenset(v) for v in by_solution.values())
    return kinds, solutions


@dataclass
class Tally:
    single: Counter[str] = field(default_factory=Counter)  # table 2: unique_right / candidate / wrong / ...
    table3: Counter[str] = field(default_factory=Counter)
    pairs: Counter[str] = field(default_factory=Counter)


def measure(paths: list[Path], pair_samples: int = 60) -> Tally:
    tally = Tally()
    for path in paths:
        report = parse_path(str(path))
        cells = report.cell_map()
        for table, counter in (("apply", tally.single), ("review", tally.table3)):
            for key in usable_cells(report, table):
                original = cells[key].value
                for _how, value in mutations(report, key):
                    findings = check_report(with_values(report, {key: value}), SUM_OPTIONS)
                    kinds, solutions = suggested(findings)
                    right = frozenset({(key, original)})
                    if not kinds:
                        counter["undetected"] += 1  # the change breaks no identity (cannot happen)
                    elif kinds == {"unique"} and solutions == {right}:
                        counter["unique_right"] += 1
                    elif right in solutions:
                        counter["among_candidates"] += 1
                    else:
                        counter["excluded"] += 1
        keys = usable_cells(report, "apply")
        for a, b in itertools.islice(itertools.combinations(keys[::7], 2), pair_samples):
            va, vb = cells[a].value, cells[b].value
            assert isinstance(va, int) and isinstance(vb, int)
            findings = check_report(with_values(report, {a: va + 1, b: vb + 3}), SUM_OPTIONS)
            kinds, solutions = suggested(findings)
            right_pair = frozenset({(a, va), (b, vb)})
            if right_pair in solutions:
                tally.pairs["pair_among_candidates"] += 1
            elif kinds == {"none"}:
                tally.pairs["none"] += 1
            else:
                tally.pairs["other"] += 1
    return tally


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or consistent_reports()
    print("reports:", ", ".join(p.name for p in paths))
    tally = measure(paths)
    for name, counter in (("table 2 single", tally.single), ("table 3 single", tally.table3), ("pairs", tally.pairs)):
        total = sum(counter.values())
        parts = ", ".join(f"{k} {v} ({100 * v / total:.1f}%)" for k, v in sorted(counter.items())) if total else "-"
        print(f"{name}: {total} cases: {parts}")


if __name__ == "__main__":
    main(sys.argv[1:])
