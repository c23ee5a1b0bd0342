"""Check many files: tasks → `check_task` in `jobs` processes (or this one) → results streamed back **in
input order**, so the output is the same whatever `--jobs` is. Only a bounded window of files is in flight,
so memory does not grow with the number of files; a worker that dies costs only its file.

pipeline.run → **many** → pipeline.single (in each worker) → one `Checked` per file, in order.
"""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

from gaicheck.limits import apply_memory_limit
from gaicheck.model.finding import FileResult
from gaicheck.pipeline.cache import Lookup, ResultCache
from gaicheck.pipeline.errors import one_line
from gaicheck.pipeline.single import Checked, Task, check_task, display_path

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


class Pending(Protocol):
    """A result on its way: a process pool's or a cluster's future."""

    def result(self) -> Checked: ...


class Backend(Protocol):
    """Where the files of a run are checked when not in this process: the local pool or a cluster."""

    window: int  # files in flight at most

    def submit(self, task: Task) -> Pending: ...

    def close(self) -> None: ...


# a process pool pays for itself only on a batch this large per extra process (measured: README "-j")
FILES_PER_EXTRA_JOB = 100


def default_jobs(files: int | None = None) -> int:
    """`-j`'s default: one process for a small batch, one more per FILES_PER_EXTRA_JOB files, at most one
    per core (`files` None: every core)."""
    cores = max(1, os.cpu_count() or 1)
    if files is None:
        return cores
    return max(1, min(cores, files // FILES_PER_EXTRA_JOB))


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
    apply_memory_limit()  # inherited from the parent already where it forks; spawned workers set it here
    tune_collector()  # a worker process lives for one batch


class Done:
    """A result already known (a cache hit, a task checked here): what the window waits on."""

    __slots__ = ("_checked",)

    def __init__(self, checked: Checked) -> None:
        self._checked = checked

    def result(self) -> Checked:
        return self._checked


class LocalPool:
    """`jobs` worker processes, started on the first file that needs checking (a run whose results all
    come from the cache starts none)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.window = 4 * jobs
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, task: Task) -> Pending:
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor  # only for several jobs: keeps start-up fast

            self._pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_start_worker)
        return self._pool.submit(check_task, task)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


def check_many(
    tasks: Iterable[Task],
    jobs: int = 1,
    on_done: Callable[[], None] | None = None,
    cache: ResultCache | None = None,
    backend: Backend | None = None,
) -> Iterator[Checked]:
    """Check the tasks with `jobs` processes (or on `backend`, a cluster), yielding results in input order
    as soon as each is ready (a result waits only for the ones before it). At most `4 × jobs` files are in
    flight. With a `cache`, a file whose result it holds is not checked again, and new results are stored."""
    tick = on_done or (lambda: None)
    items = (cache.lookup(task) if cache is not None else Lookup(task) for task in tasks)
    if backend is None and jobs <= 1:
        for item in items:
            checked = item.hit
            if checked is None:
                checked = check_task(item.task)
                if cache is not None:
                    cache.store(item.key, checked)
            yield checked
            tick()
        return
    runner = backend if backend is not None else LocalPool(jobs)
    try:
        yield from _windowed(items, runner, tick, cache)
    finally:
        runner.close()


def _windowed(items: Iterator[Lookup], runner: Backend, tick: Callable[[], None],
              cache: ResultCache | None) -> Iterator[Checked]:
    pending: deque[tuple[Lookup, Pending]] = deque()

    def submit() -> None:
        item = next(items, None)
        if item is None:
            return
        future: Pending
        if item.hit is not None:
            future = Done(item.hit)
        else:
            try:
                future = runner.submit(item.task)
            except Exception:  # the pool is broken: check the rest here, one by one
                future = Done(check_task(item.task))
        pending.append((item, future))

    for _ in range(runner.window):
        submit()
    while pending:
        item, future = pending.popleft()
        try:
            checked = future.result()
        except Exception as exc:  # a worker died (out of memory, killed): report the file, go on
            message = one_line(f"检查进程失败 / worker failed: {type(exc).__name__}: {exc}")
            checked = Checked(FileResult(path=display_path(item.task.path), error=message))
        else:
            if item.hit is None and cache is not None:
                cache.store(item.key, checked)
        yield checked
        tick()
        submit()


__all__ = [
    "BATCH_GC_THRESHOLD",
    "FILES_PER_EXTRA_JOB",
    "Backend",
    "Done",
    "LocalPool",
    "Pending",
    "check_many",
    "collector_tuned",
    "default_jobs",
    "tune_collector",
]
