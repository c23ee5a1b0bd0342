#!/usr/bin/env python3
"""In-process time per file (read, extract, rules) over the text and HTML reports of examples/ and
tests/data/corpus/: CPU time, best of N rounds (default 7), after one warm-up round. Not a test; run it by
hand from the repository root, e.g. before and after a change to the hot path:

    PYTHONPATH=. python bench/per_file.py 9
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from gaicheck.engine.core import Options, run_rules
from gaicheck.extract.extractor import extract
from gaicheck.readers import read_file

ROOT = Path(__file__).resolve().parent.parent
SKIP = {"sources.md", "readme.md"}
STAGES = ("read", "extract", "rules")


def main(rounds: int) -> None:
    files = sorted(
        p
        for d in (ROOT / "examples", ROOT / "tests" / "data" / "corpus")
        for p in d.iterdir()
        if p.suffix in (".txt", ".md", ".html", ".htm") and p.name.lower() not in SKIP
    )
    for p in files:  # warm-up: imports, template data, compiled patterns
        run_rules(extract(read_file(str(p))), Options())
    best = dict.fromkeys((*STAGES, "total"), float("inf"))
    for _ in range(rounds):
        spent = dict.fromkeys(STAGES, 0.0)
        for p in files:
            t0 = time.process_time()
            document = read_file(str(p))
            t1 = time.process_time()
            report = extract(document)
            t2 = time.process_time()
            run_rules(report, Options())
            t3 = time.process_time()
            spent["read"] += t1 - t0
            spent["extract"] += t2 - t1
            spent["rules"] += t3 - t2
        total = sum(spent.values())
        for stage in STAGES:
            best[stage] = min(best[stage], spent[stage])
        best["total"] = min(best["total"], total)
    shown = ", ".join(f"{k} {1000 * v / len(files):.2f}" for k, v in best.items())
    print(f"{len(files)} files; ms per file (best of {rounds}): {shown}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
