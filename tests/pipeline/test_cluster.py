"""A real Dask cluster (gaicheck/pipeline/cluster.py): a scheduler and two workers on 127.0.0.1, started
here as `dask scheduler` / `dask worker` subprocesses and stopped by their pids; `gaicheck check
--scheduler` over the corpus and the examples gives the local run's output byte for byte (files sent as
bytes; read from a shared path with $DASK_SCHEDULER_ADDRESS). Dask is never imported without a scheduler."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA, EXAMPLES, ROOT

pytest.importorskip("distributed")

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "GAICHECK_NO_CACHE": "1"}


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("dask")
    info = folder / "scheduler.json"
    dask = [sys.executable, "-m", "dask"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": ENV, "cwd": folder}
    started: list[subprocess.Popen[bytes]] = []
    try:
        started.append(subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                         "--scheduler-file", str(info)], **quiet))  # type: ignore[call-overload]
        deadline = time.monotonic() + 90
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(info.read_text(encoding="utf-8"))["address"]
        assert address.startswith("tcp://127.0.0.1:")
        for _ in range(2):
            started.append(subprocess.Popen(
                [*dask, "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny", "--no-dashboard"],
                **quiet))  # type: ignore[call-overload]
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=90)
            assert len(client.scheduler_info()["workers"]) == 2
        yield address
    finally:
        for process in reversed(started):  # the workers, then the scheduler
            _stop(process)


def _gaicheck(*args: str, env: dict[str, str] | None = None) -> tuple[int, bytes, bytes]:
    done = subprocess.run([sys.executable, "-m", "gaicheck", "check", *args], capture_output=True,
                          env=env or ENV, cwd=ROOT, timeout=300, check=False)
    return done.returncode, done.stdout, done.stderr


def test_cluster_output_is_the_local_output(scheduler: str) -> None:
    paths = [str(EXAMPLES.relative_to(ROOT)), str((DATA / "corpus").relative_to(ROOT))]
    local = _gaicheck(*paths, "--format", "json", "-j", "1")
    remote = _gaicheck(*paths, "--format", "json", "--scheduler", scheduler)
    assert remote == local
    files = json.loads(remote[1])["files"]
    assert len(files) == 7 + 25 and any(f["code"].startswith("YOY") for r in files for f in r["findings"])
    # a path all workers share, the scheduler named by $DASK_SCHEDULER_ADDRESS
    shared = _gaicheck(paths[0], "--cluster-files", "shared", env={**ENV, "DASK_SCHEDULER_ADDRESS": scheduler})
    assert shared == _gaicheck(paths[0], "-j", "1")


def test_unreachable_scheduler_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from gaicheck.pipeline import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(cluster.ClusterError) as caught:
        cluster.DaskBackend("tcp://127.0.0.1:9")
    line = str(caught.value)
    assert line.startswith("无法连接 Dask 调度器 tcp://127.0.0.1:9：") and "\n" not in line
    with pytest.raises(cluster.ClusterError) as caught:
        cluster.DaskBackend("tcp://127.0.0.1:9", lang="en")
    assert str(caught.value).startswith("cannot reach the Dask scheduler tcp://127.0.0.1:9: ")


def test_no_dask_without_a_scheduler() -> None:
    probe = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from gaicheck.cli import main\n"
        "CliRunner().invoke(main, ['--version'])\n"
        f"CliRunner().invoke(main, ['check', {str(EXAMPLES / '2023_example_clean.txt')!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed') or m == 'urllib.request'))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, env=ENV, check=True)
    assert done.stdout.decode().strip() == "[]"


def test_default_jobs_rule() -> None:
    from gaicheck.pipeline.many import FILES_PER_EXTRA_JOB, default_jobs

    cores = os.cpu_count() or 1
    assert default_jobs(1) == default_jobs(FILES_PER_EXTRA_JOB - 1) == 1
    assert default_jobs(2 * FILES_PER_EXTRA_JOB) == min(cores, 2)
    assert default_jobs(1_000_000) == cores == default_jobs()
    assert Path(ROOT / "README.md").read_text(encoding="utf-8").count(f"{FILES_PER_EXTRA_JOB} files") >= 1
