"""A real `gaicheck serve` for the limit tests: started as a subprocess on a free 127.0.0.1 port, its
process tree read from /proc (pids, resident memory), stopped by its pid (and any leftover child by its own)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx
import pytest

from tests.proctree import rss_mb, tree
from tests.server.conftest import ROOT, free_port


@dataclass
class Server:
    url: str
    proc: subprocess.Popen[bytes]
    log: IO[bytes]
    peak_mb: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)

    def pids(self) -> list[int]:
        return tree(self.proc.pid)

    def workers(self) -> list[int]:
        """The worker processes (the spawned ones; not the server nor multiprocessing's resource tracker)."""
        out = []
        for pid in self.pids():
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in cmd:
                out.append(pid)
        return sorted(out)

    def sample(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, rss_mb(self.pids()))
            self._stop.wait(0.05)

    def wait_ready(self, processes: int, timeout: float = 60) -> None:
        """Until /healthz answers and every worker process has started (and loaded the readers)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.log.seek(0)
                pytest.fail(f"gaicheck serve ended: {self.log.read().decode(errors='replace')[-800:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200 and len(self.workers()) == processes:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        pytest.fail("gaicheck serve did not start in time")


@contextmanager
def serve(*args: str, processes: int = 2) -> Iterator[Server]:
    """`gaicheck serve --port P *args`, with its tree's peak resident memory sampled every 50 ms."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    log = tempfile.TemporaryFile()  # noqa: SIM115 - the access log: a pipe nobody reads would stall the server
    proc = subprocess.Popen(
        [sys.executable, "-m", "gaicheck", "serve", "--port", str(port), *args],
        stdout=subprocess.DEVNULL,
        stderr=log,
        env=env,
    )
    server = Server(f"http://127.0.0.1:{port}", proc, log)
    sampler = threading.Thread(target=server.sample, daemon=True)
    sampler.start()
    try:
        server.wait_ready(processes)
        yield server
    finally:
        server._stop.set()
        sampler.join()
        pids = server.pids()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        deadline = time.monotonic() + 5
        while [pid for pid in pids[1:] if _ours(pid)] and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [pid for pid in pids[1:] if _ours(pid)]
        for pid in left:  # never expected (the server ends its workers), but never leave them running
            os.kill(pid, signal.SIGKILL)
        log.close()
        assert not left, "worker processes outlived the server"


def _ours(pid: int) -> bool:
    """A live process started by the server (multiprocessing's spawned workers or resource tracker)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, IndexError):
        return False
    return state != "Z" and b"multiprocessing" in cmd
