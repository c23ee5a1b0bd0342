"""Batch runs: many files → (reader → extractor → rule engine → suppressions) in parallel → results
streamed back **in input order**, so the output is the same whatever `--jobs` is.

CLI → **batch** → one `Checked` per file → reporter. Each worker reads the file's bytes once (for the
suppression comments and the reader), never raises (a file that cannot be checked becomes a
FileResult with `error`), and only a bounded window of files is in flight, so memory does not grow
with the number of files.
"""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gaicheck.api import check_file_report
from gaicheck.engine.core import Options
from gaicheck.limits import apply_memory_limit, default_limits
from gaicheck.model.finding import FileResult, Finding
from gaicheck.model.report import Report
from gaicheck.suppress import apply, suppressed_codes

if TYPE_CHECKING:
    from concurrent.futures import Future


@dataclass(slots=True)
class Task:
    path: str  # "-" for standard input
    options: Options
    ignored: list[str] = field(default_factory=list)  # per-file-ignores for this file
    keep_report: bool = False
    data: bytes | None = None  # standard input, read by the parent process
    series_only: bool = False  # keep only what the cross-year rules need of the report (batch memory)


@dataclass(slots=True)
class Checked:
    result: FileResult
    report: Report | None = None
    ignored: list[str] = field(default_factory=list)  # per-file-ignores + suppression comments
    # series_only tasks: the report's series view, pickled and compressed (a few KB instead of ~100 KB
    # of objects), and its organ key, so that a batch holds thousands of them cheaply
    series_blob: bytes | None = None
    series_key: str | None = None
    series_year: int | None = None
    series_rank: tuple[int, int, int, str] | None = None  # grouping.rank: which duplicate of a year is kept

    def suppress(self, findings: list[Finding]) -> list[Finding]:
        return apply(findings, self.ignored)

    def series_report(self) -> Report | None:
        if self.series_blob is None:
            return self.report
        import pickle
        import zlib

        report: Report = pickle.loads(zlib.decompress(self.series_blob))
        return report


def display_path(path: str) -> str:
    return "<stdin>" if path == "-" else path


def check_task(task: Task) -> Checked:
    """Check one file (with the size and time limits of gaicheck/limits.py); never raises."""
    path = display_path(task.path)
    if task.data is None and _too_big(task.path):  # rejected by size before a byte is read
        return Checked(check_file_report(path, task.options)[0])
    try:
        data = task.data if task.data is not None else Path(task.path).read_bytes()
    except OSError as exc:
        return Checked(FileResult(path=path, error=f"无法读取文件 / cannot read file: {exc.strerror or exc}"))
    ignored = [*task.ignored, *suppressed_codes(data)]
    result, report = check_file_report(path, task.options, data=data)
    result.findings = apply(result.findings, ignored)
    if not task.keep_report or report is None:
        return Checked(result, None, ignored)
    if task.series_only:
        import pickle
        import zlib

        from gaicheck.series.crossfile import series_view
        from gaicheck.series.grouping import rank, series_key

        view = series_view(report)
        blob = zlib.compress(pickle.dumps(view, protocol=pickle.HIGHEST_PROTOCOL), 1)  # level 1: fast, ~1/3 of the size
        return Checked(result, None, ignored, blob, series_key(view), view.report_year, rank(report))
    return Checked(result, report, ignored)


def _too_big(path: str) -> bool:
    limits = default_limits()
    try:
        return bool(limits.max_file_mb) and os.stat(path).st_size > limits.max_file_bytes
    except OSError:
        return False


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


# youngest generation collected after this many new container objects (Python's default: 700)
BATCH_GC_THRESHOLD = (50_000, 50, 100)


def tune_collector() -> None:
    """For a batch process: a file allocates ~10^5 short-lived objects and few reference cycles, and the
    collector's default threshold makes it walk them (and every object of the start-up) again and again —
    about a quarter of the CPU time. Move what exists now (modules, templates, compiled patterns) out of
    its sight and collect the youngest generation less often; cyclic garbage is still collected."""
    gc.freeze()
    gc.set_threshold(*BATCH_GC_THRESHOLD)


@contextmanager
def collector_tuned() -> Iterator[None]:
    """`tune_collector` for the duration of a batch (the CLI's process), then the previous settings."""
    before = gc.get_threshold()
    tune_collector()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def _start_worker() -> None:
    apply_memory_limit()
    tune_collector()  # a worker process lives for one batch


def run(tasks: Iterable[Task], jobs: int = 1, on_done: Callable[[], None] | None = None) -> Iterator[Checked]:
    """Check the tasks with `jobs` processes, yielding results in input order as soon as each is ready
    (a result waits only for the ones before it). At most `4 × jobs` files are in flight."""
    tick = on_done or (lambda: None)
    items = iter(tasks)
    if jobs <= 1:
        for task in items:
            yield check_task(task)
            tick()
        return
    from concurrent.futures import Future, ProcessPoolExecutor  # only for several jobs: keeps start-up fast

    window = 4 * jobs
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker) as pool:
        pending: deque[tuple[Task, Future[Checked]]] = deque()

        def submit() -> None:
            task = next(items, None)
            if task is None:
                return
            try:
                future = pool.submit(check_task, task)
            except Exception:  # the pool is broken: check the rest here, one by one
                future = Future()
                future.set_result(check_task(task))
            pending.append((task, future))

        for _ in range(window):
            submit()
        while pending:
            task, future = pending.popleft()
            try:
                checked = future.result()
            except Exception as exc:  # a worker died (out of memory, killed): report the file, go on
                message = f"检查进程失败 / worker failed: {type(exc).__name__}: {exc}"
                checked = Checked(FileResult(path=display_path(task.path), error=message[:300]))
            yield checked
            tick()
            submit()
