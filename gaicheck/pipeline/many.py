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
from typing import TYPE_CHECKING

from gaicheck.limits import apply_memory_limit
from gaicheck.model.finding import FileResult
from gaicheck.pipeline.errors import one_line
from gaicheck.pipeline.single import Checked, Task, check_task, display_path

if TYPE_CHECKING:
    from concurrent.futures import Future


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
    apply_memory_limit()  # inherited from the parent already where it forks; spawned workers set it here
    tune_collector()  # a worker process lives for one batch


def check_many(tasks: Iterable[Task], jobs: int = 1, on_done: Callable[[], None] | None = None) -> Iterator[Checked]:
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

        for _ in range(4 * jobs):
            submit()
        while pending:
            task, future = pending.popleft()
            try:
                checked = future.result()
            except Exception as exc:  # a worker died (out of memory, killed): report the file, go on
                message = one_line(f"检查进程失败 / worker failed: {type(exc).__name__}: {exc}")
                checked = Checked(FileResult(path=display_path(task.path), error=message))
            yield checked
            tick()
            submit()


__all__ = ["BATCH_GC_THRESHOLD", "check_many", "collector_tuned", "default_jobs", "tune_collector"]
