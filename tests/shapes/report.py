"""The shape report: how gaicheck reads each publication shape of generated consistent reports.

    python tests/shapes/report.py            # CI size: the reports the tests run (seeded), a few changes each
    python tests/shapes/report.py --full --jobs 2   # benchmark: 2,000 reports, every table-2/3 cell changed in turn
                                                    # (tests/shapes/matrix.py: the same, resumable, with CPU times)
    python tests/shapes/report.py --shape runon-glued --reports 20 --show 5   # one shape, with its failures
    python tests/shapes/report.py --pinpoint [--full]   # issue 14: the culprit search's rates (pinpoint_rates.py)

Columns: reports; cells read % (read with the written value, or written blank and read blank); unread
named % (of the cells not read, those named by a structural finding; `-` when every cell was read);
misread (cells read with another value: must be 0); false alarms (reports with an error or warning that
is not right on a clean report); +1 found % (changes to a read table-2/3 cell whose identity can be
checked, found by an error naming the cell); unverifiable: changes no identity could check, and how many
of them still gave an error (issue 13 point 6 wants all). The output format is stable (README "Shapes").
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.shapes.generate import Spec, random_spec  # noqa: E402
from tests.shapes.harness import Verdict, judge  # noqa: E402
from tests.shapes.shapes import BY_NAME, SHAPES, Shape  # noqa: E402

# reports per shape in CI (tests/shapes/test_shapes.py uses the same numbers): 200+ in all; fewer of the
# costly shapes (glued run-on text: the digit-run search; PDF: drawing and reading), more of the cheap ones
CI_REPORTS = {"text": 14, "runon": 10, "html": 12, "docx": 8, "xlsx": 8, "pdf": 6}
CI_REPORTS_BY_SHAPE = {"runon-glued": 6}


def ci_reports(shape: Shape) -> int:
    return CI_REPORTS_BY_SHAPE.get(shape.name, CI_REPORTS[shape.family])


CI_CHANGES = 3


def seed_of(shape: Shape, index: int) -> int:
    return sum(map(ord, shape.name)) * 100_003 + index


def case(shape: Shape, seed: int) -> tuple[Spec, list[str]]:
    """The report for a seed, and the table-2/3 cells a CI run changes (a few, chosen by the seed)."""
    rng = random.Random(seed)
    spec = random_spec(rng)
    return spec, [k for k in spec.values if not k.startswith("active.")]


def one(shape_name: str, index: int, changes: int | None) -> Verdict:
    """One report of a shape, judged. `changes`: cells changed (None: every table-2/3 cell in turn)."""
    if changes is None:  # the full matrix, with the renderers' and readers' work shared (matrix.py)
        from tests.shapes.matrix import judge_all, verdict_of

        return verdict_of(judge_all(shape_name, index))
    shape = BY_NAME[shape_name]
    seed = seed_of(shape, index)
    spec, keys = case(shape, seed)
    return judge(shape, spec, seed, random.Random(seed + 1).sample(keys, changes))


def run_shape(shape: Shape, reports: int, changes: int | None, jobs: int = 1) -> tuple[list[Verdict], float]:
    start = time.perf_counter()
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            verdicts = list(pool.map(one, repeat(shape.name), range(reports), repeat(changes)))
    else:
        verdicts = [one(shape.name, index, changes) for index in range(reports)]
    return verdicts, time.perf_counter() - start


def _pct(part: int, whole: int) -> str:
    return "-" if whole == 0 else f"{100 * part / whole:.1f}"


HEADER = f"{'shape':<20} {'reports':>7} {'cells read %':>12} {'unread named %':>14} {'misread':>7} {'false alarms':>12} {'+1 found %':>10} {'unverifiable':>14}"


def row(name: str, verdicts: list[Verdict]) -> str:
    cells = sum(v.cells for v in verdicts)
    read = sum(v.read + v.blank_ok for v in verdicts)
    named = sum(len(v.unread_named) for v in verdicts)
    unread = named + sum(len(v.unread_silent) for v in verdicts)
    misread = sum(len(v.misread) for v in verdicts)
    alarms = sum(bool(v.false_alarms) for v in verdicts)
    changes, found = sum(v.changes for v in verdicts), sum(v.found for v in verdicts)
    unver, unver_found = sum(v.unverifiable for v in verdicts), sum(v.unverifiable_found for v in verdicts)
    errors = sum(v.error is not None for v in verdicts)
    line = (
        f"{name:<20} {len(verdicts):>7} {_pct(read, cells):>12} {_pct(named, unread):>14} {misread:>7} "
        f"{alarms:>12} {_pct(found, changes):>10} {f'{unver_found}/{unver}':>14}"
    )
    return line + (f"  ({errors} unreadable)" if errors else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--full", action="store_true", help="2,000 reports, every table-2/3 cell changed in turn")
    parser.add_argument("--shape", action="append", help="only this shape (repeatable)")
    parser.add_argument("--reports", type=int, help="reports per shape (default: CI size, or 2,000 in all with --full)")
    parser.add_argument("--show", type=int, default=0, help="print up to N problems per shape")
    parser.add_argument("--jobs", type=int, default=1, help="processes (the reports of a shape are shared out)")
    parser.add_argument("--pinpoint", action="store_true", help="the pinpoint rates (tests/shapes/pinpoint_rates.py)")
    args = parser.parse_args(argv)
    shapes = [s for s in SHAPES if not args.shape or s.name in args.shape]
    if args.pinpoint:
        from tests.shapes.pinpoint_rates import print_table

        print_table(shapes, args.reports, args.full, args.show, args.jobs)
        return 0
    print(HEADER)
    everything: list[Verdict] = []
    total_time = 0.0
    for shape in shapes:
        reports = args.reports or (-(-2000 // len(SHAPES)) if args.full else ci_reports(shape))
        verdicts, seconds = run_shape(shape, reports, None if args.full else CI_CHANGES, args.jobs)
        total_time += seconds
        everything += verdicts
        print(row(shape.name, verdicts), flush=True)
        shown = 0
        for v in verdicts:
            for problem in v.problems():
                if shown < args.show:
                    print(f"    {problem}")
                    shown += 1
    print(row("all", everything))
    print(f"({len(everything)} reports in {total_time:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
