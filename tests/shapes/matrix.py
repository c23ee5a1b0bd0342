"""The full shape matrix (benchmark): every table-2/3 cell of each generated report changed in turn, cheaply.

`python tests/shapes/report.py --full` judges 2,000 reports (106 per shape), every table-2/3 cell +1 in
turn: about 360,000 changed reports, each rendered and checked. This module runs that matrix so it can
be afforded on a small machine, without weakening it:

- each report is judged by `harness.judge` with every key, in one long-lived worker process (no process
  start, imports, fonts or templates per report); every changed report is rendered from its changed
  spec (the change is made before rendering) and checked through the public API, as the slow path does;
- PDF: a changed cell changes one page; the pages of a changed PDF whose content is byte-identical to a
  page already read (same content stream, same resources, same page number, in the same report) reuse
  that page's reading (a deep copy of what `gaicheck.readers.pdf._read_page` returned). The reader is
  deterministic, so the Document, findings and Verdicts are those of the slow path: `tests/shapes/
  test_matrix.py` checks that they are identical;
- run-on text: a changed cell changes one row's digit run; the search for a run's splits (the costly
  part of reading glued run-on text) is made once per run text in a report, the other rows' splits
  coming from the clean report's (`runs_split_once`; identical Verdicts, tested too);
- the verdicts are appended to a JSON-lines file as they come (`--out`), one line per report with its
  CPU seconds; a run can be stopped and resumed (reports already in the file are not judged again), and
  several runs (other shapes, more reports) add to one file. `--summary FILE` prints the shape table
  with the CPU time per changed cell and the projected time of the whole matrix.

    python tests/shapes/matrix.py --out bench/shapes_full.jsonl --jobs 2            # all 2,000 reports
    python tests/shapes/matrix.py --out F --shape pdf-ruled --reports 10            # a part of it
    python tests/shapes/matrix.py --summary bench/shapes_full.jsonl                 # the table
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import gzip
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.shapes.harness import Verdict, judge  # noqa: E402
from tests.shapes.report import HEADER, case, row, seed_of  # noqa: E402
from tests.shapes.shapes import BY_NAME, SHAPES  # noqa: E402

FULL_REPORTS = -(-2000 // len(SHAPES))  # per shape: 106, 2,014 in all (as report.py --full)


# ---- PDF pages read once per report ---------------------------------------------------------------
def _plain(obj: Any, depth: int = 0) -> Any:
    """A PDF object as hashable data: references resolved, streams by their decoded bytes' digest."""
    from pdfminer.pdftypes import PDFObjRef, PDFStream

    if depth > 12:
        return "…"
    if isinstance(obj, PDFObjRef):
        obj = obj.resolve()
    if isinstance(obj, PDFStream):
        return ("stream", _plain(obj.attrs, depth + 1), hashlib.sha256(obj.get_data()).hexdigest())
    if isinstance(obj, dict):
        return tuple(sorted((str(k), _plain(v, depth + 1)) for k, v in obj.items()))
    if isinstance(obj, list | tuple):
        return tuple(_plain(v, depth + 1) for v in obj)
    return repr(obj)


def page_key(page: Any, number: int) -> str:
    """What a page's reading depends on: its number, boxes, rotation, resources and content bytes."""
    obj = page.page_obj
    contents = b"".join(s.get_data() for s in obj.contents)
    parts = (number, _plain(obj.mediabox), _plain(obj.cropbox), obj.rotate, _plain(obj.resources))
    return hashlib.sha256(repr(parts).encode() + contents).hexdigest()


@dataclass
class PageCache:
    """The pages read in a block (by page_key): what `_read_page` and `_picture_only` gave for each."""

    pages: dict[str, tuple[Any, bool]] = field(default_factory=dict)
    reads: int = 0  # pages the reader asked for
    hits: int = 0  # of them, pages given from the cache


@contextmanager
def pages_read_once() -> Iterator[PageCache]:
    """Within the block, a PDF page identical to one already read is not read again (see the module doc)."""
    from gaicheck.readers import pdf

    read_page, picture_only = pdf._read_page, pdf._picture_only
    cache = PageCache()
    keys: dict[int, str] = {}

    def cached_read(page: Any, number: int) -> Any:
        key = page_key(page, number)
        keys[id(page)] = key
        cache.reads += 1
        if key in cache.pages:
            cache.hits += 1
        else:
            got = read_page(page, number)
            cache.pages[key] = (copy.deepcopy(got), picture_only(page, got[0]))
        return copy.deepcopy(cache.pages[key][0])

    def cached_picture(page: Any, items: Any) -> bool:
        key = keys.pop(id(page), None)
        return cache.pages[key][1] if key in cache.pages else picture_only(page, items)

    pdf._read_page, pdf._picture_only = cached_read, cached_picture  # type: ignore[assignment]
    try:
        yield cache
    finally:
        pdf._read_page, pdf._picture_only = read_page, picture_only  # type: ignore[assignment]


# ---- digit runs split once per report --------------------------------------------------------------
@dataclass
class SplitCache:
    """The digit-run splits searched in a block: (piece, start, end) of each part of each split, or None."""

    splits: dict[Any, list[list[tuple[int, int, int]]] | None] = field(default_factory=dict)
    calls: int = 0
    hits: int = 0


@contextmanager
def runs_split_once() -> Iterator[SplitCache]:
    """Within the block, the search for the splits of a digit run (`gaicheck.extract.split.
    split_candidates`) is made once for each run text, cell kinds and identities: a changed run-on
    report searches its changed row anew and takes the other rows' splits from the clean report's. The
    search depends on the pieces' text, the kinds, the identities and the limit only (its node budget
    counts nodes, not time); the parts' tokens are made for the run at hand as split_candidates makes
    them (located in the piece they were cut from)."""
    from gaicheck.extract import tables
    from gaicheck.extract.split import tokens_of_parts
    from gaicheck.extract.tokens import Token
    from gaicheck.model.document import Location

    search = tables.split_candidates
    cache = SplitCache()

    def cached(tokens: list[Any], kinds: list[str], constraints: list[Any], limit: int) -> Any:
        key = (
            tuple(t.text for t in tokens),
            tuple(kinds),
            tuple((tuple(lhs), tuple(rhs)) for lhs, rhs in constraints),
            limit,
        )
        cache.calls += 1
        if key in cache.splits:
            cache.hits += 1
        else:  # searched with each piece marked by its index (line) and a column of 1
            marked = [Token(t.text, Location(line=i, column=1), t.kind, t.exact, t.run) for i, t in enumerate(tokens)]
            found = search(marked, kinds, constraints, limit)
            cache.splits[key] = (
                None
                if found is None
                else [
                    [(p.loc.line, p.loc.column - 1, p.loc.column - 1 + len(p.text)) for p in split] for split in found
                ]
            )
        splits = cache.splits[key]
        return None if splits is None else tokens_of_parts(tokens, splits)

    tables.split_candidates = cached  # type: ignore[assignment]
    try:
        yield cache
    finally:
        tables.split_candidates = search  # type: ignore[assignment]


# ---- one report -----------------------------------------------------------------------------------
def judge_all(shape_name: str, index: int, shared: bool = True) -> dict[str, Any]:
    """Report `index` of a shape judged with every table-2/3 cell changed in turn: a JSON-able record
    with the Verdict and the CPU seconds it took. `shared=False`: the slow path (nothing reused)."""
    shape = BY_NAME[shape_name]
    seed = seed_of(shape, index)
    start = time.process_time()
    spec, keys = case(shape, seed)
    if shared:
        with pages_read_once(), runs_split_once():
            verdict = judge(shape, spec, seed, keys)
    else:
        verdict = judge(shape, spec, seed, keys)
    return {
        "shape": shape_name,
        "index": index,
        "seed": seed,
        "keys": len(keys),
        "cpu": round(time.process_time() - start, 3),
        "verdict": dataclasses.asdict(verdict),
    }


def verdict_of(record: dict[str, Any]) -> Verdict:
    return Verdict(**record["verdict"])


# ---- the run --------------------------------------------------------------------------------------
def load(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]


def tasks(shapes: list[str], reports: int, start: int, done: set[tuple[str, int]]) -> list[tuple[str, int]]:
    """Round robin: report `start` of every shape, then the next, … (a stopped run has every shape)."""
    return [(s, i) for i in range(start, reports) for s in shapes if (s, i) not in done]


def _one(task: tuple[str, int]) -> dict[str, Any]:
    return judge_all(*task)


def run(out: Path, shapes: list[str], reports: int, start: int = 0, jobs: int = 1) -> None:
    done = {(r["shape"], r["index"]) for r in load(out)}
    todo = tasks(shapes, reports, start, done)
    print(f"{len(todo)} reports to judge ({len(done)} already in {out})", flush=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a", encoding="utf-8") as sink:
        if jobs > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                records: Iterator[dict[str, Any]] = pool.map(_one, todo)
                _write(records, sink)
        else:
            _write(map(_one, todo), sink)


def _write(records: Iterator[dict[str, Any]], sink: Any) -> None:
    for record in records:
        sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        sink.flush()
        bad = "" if verdict_of(record).clean else "  PROBLEM"
        print(
            f"{record['shape']:<20} #{record['index']:<4} {record['keys']} cells {record['cpu']:.1f} s{bad}", flush=True
        )


# ---- the table ------------------------------------------------------------------------------------
def summary(records: list[dict[str, Any]], show: int = 0) -> str:
    """The shape table of report.py, with CPU seconds per changed cell and per report, and the CPU time
    the whole matrix (106 reports per shape) would take at that rate."""
    lines = [HEADER + f" {'cpu s/cell':>10} {'cpu s/report':>12}"]
    everything: list[Verdict] = []
    cpu_total = projected = 0.0
    cells_total = 0
    for shape in SHAPES:
        mine = [r for r in records if r["shape"] == shape.name]
        if not mine:
            continue
        verdicts = [verdict_of(r) for r in mine]
        everything += verdicts
        cpu = sum(r["cpu"] for r in mine)
        cells = sum(r["keys"] for r in mine)
        cpu_total += cpu
        cells_total += cells
        projected += cpu / len(mine) * FULL_REPORTS
        lines.append(row(shape.name, verdicts) + f" {cpu / cells:>10.3f} {cpu / len(mine):>12.1f}")
        shown = 0
        for r, v in zip(mine, verdicts, strict=True):
            for problem in v.problems():
                if shown < show:
                    lines.append(f"    seed {r['seed']} (#{r['index']}): {problem}")
                    shown += 1
    lines.append(row("all", everything))
    lines.append(
        f"({len(everything)} reports, {cells_total} changed cells in {cpu_total:.0f} s of CPU; "
        f"the shapes here at {FULL_REPORTS} reports each, at these rates: {projected / 3600:.1f} h of CPU)"
    )
    return "\n".join(lines)


def verify(path: Path, shapes: list[str], reports: int) -> int:
    """Judge the first `reports` reports of each shape in the file again by the slow path (nothing
    reused) and compare the Verdicts: the number that differ (0: the shared path is the slow one)."""
    differ = 0
    for record in load(path):
        if record["shape"] not in shapes or record["index"] >= reports:
            continue
        slow = judge_all(record["shape"], record["index"], shared=False)
        same = verdict_of(slow) == verdict_of(record)  # (a record from before a Verdict field: its default)
        differ += not same
        print(
            f"{record['shape']:<20} #{record['index']:<4} {'identical' if same else 'DIFFERENT'} "
            f"(shared {record['cpu']:.1f} s, slow {slow['cpu']:.1f} s of CPU)",
            flush=True,
        )
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, help="JSON-lines file the verdicts are appended to")
    parser.add_argument("--shape", action="append", help="only this shape (repeatable)")
    parser.add_argument("--reports", type=int, default=FULL_REPORTS, help=f"reports per shape (default {FULL_REPORTS})")
    parser.add_argument("--start", type=int, default=0, help="first report index")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--summary", type=Path, help="print the table of a JSON-lines file and stop")
    parser.add_argument("--show", type=int, default=0, help="with --summary: up to N problems per shape")
    parser.add_argument(
        "--verify", type=Path, help="judge the first --reports reports of each shape in FILE again, slowly, and compare"
    )
    args = parser.parse_args(argv)
    if args.verify:
        shapes = [s.name for s in SHAPES if not args.shape or s.name in args.shape]
        return 1 if verify(args.verify, shapes, args.reports) else 0
    if args.summary:
        print(summary(load(args.summary), args.show))
        return 0
    if not args.out:
        parser.error("--out FILE is needed (or --summary FILE)")
    shapes = [s.name for s in SHAPES if not args.shape or s.name in args.shape]
    run(args.out, shapes, args.reports, args.start, args.jobs)
    print(summary([r for r in load(args.out) if r["shape"] in shapes]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
