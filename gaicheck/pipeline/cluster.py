"""A Dask distributed cluster as the place where a run's files are checked (`gaicheck check --scheduler`):
each file goes to a worker as its bytes (default) or as a path every worker can read (`--cluster-files
shared`); the results come back in input order, and the cross-year rules then run here, grouped by organ,
as in a local run — so the output is the same byte for byte.

pipeline.run → pipeline.many (window) → **cluster** → a Dask worker: pipeline.single.check_task.
Dask is imported only here, and only when a scheduler is named.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import replace
from typing import Any, Literal

from gaicheck import i18n
from gaicheck.limits import default_limits
from gaicheck.pipeline.errors import FileFailure
from gaicheck.pipeline.many import Done, Pending
from gaicheck.pipeline.single import STDIN, Checked, Task, check_task, display_path, failed, read_input

SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
CONNECT_TIMEOUT = "10s"
FileMode = Literal["bytes", "shared"]


class ClusterError(Exception):
    """The cluster cannot be used (Dask missing, scheduler unreachable): one line for the user."""


def scheduler_address(option: str | None) -> str | None:
    """--scheduler, else $DASK_SCHEDULER_ADDRESS, else None (the local process pool)."""
    return option or os.environ.get(SCHEDULER_ENV, "").strip() or None


def check_remote(task: Task, shared_path: str | None) -> Checked:
    """On a worker: check one file, read from `shared_path` when the files are shared, else from the bytes
    the task carries."""
    if shared_path is not None:
        try:
            data = read_input(shared_path, None, default_limits())
        except FileFailure as exc:
            return Checked(failed(display_path(task.path), exc.failure))
        task = replace(task, data=data)
    return check_task(task)


class DaskBackend:
    """`submit` sends one task to the cluster; `close` disconnects (and stops a LocalCluster it started)."""

    def __init__(self, address: str, files: FileMode = "bytes", workers: int = 2, lang: str = "zh") -> None:
        try:
            distributed: Any = importlib.import_module("distributed")
        except ImportError as exc:
            raise ClusterError(i18n.word("archive.dask_missing", lang)) from exc
        self.files = files
        self._cluster: Any = None
        try:
            if address == "local":
                import logging

                self._cluster = distributed.LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                    dashboard_address=None, silence_logs=logging.ERROR,
                )
                self._client: Any = distributed.Client(self._cluster)
            else:
                self._client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
            threads = sum(self._client.nthreads().values())
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            reason = " ".join(str(exc).split()) or type(exc).__name__
            message = i18n.word("archive.scheduler_unreachable", lang, address=address, reason=reason)
            raise ClusterError(message) from exc
        self.window = max(8, 4 * threads)

    def submit(self, task: Task) -> Pending:
        if task.failure is not None:
            return Done(check_task(task))
        if task.url:  # the worker downloads the page
            future: Pending = self._client.submit(check_remote, task, None, pure=False)
            return future
        shared: str | None = None
        if self.files == "shared" and task.path != STDIN:
            shared = os.path.abspath(task.path)  # read there (bytes the cache read for its key stay here)
            task = replace(task, data=None)
        elif task.data is None:
            try:
                task = replace(task, data=read_input(task.path, None, default_limits()))
            except FileFailure as exc:
                return Done(Checked(failed(display_path(task.path), exc.failure)))
        sent: Pending = self._client.submit(check_remote, task, shared, pure=False)
        return sent

    def close(self) -> None:
        client, cluster = getattr(self, "_client", None), self._cluster
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


__all__ = ["SCHEDULER_ENV", "ClusterError", "DaskBackend", "FileMode", "check_remote", "scheduler_address"]
