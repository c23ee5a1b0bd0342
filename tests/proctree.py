"""A process and its descendants read from /proc (Linux): their pids and their memory, sampled while they
run — shared by the live-server tests (tests/server/live.py) and the benchmarks (bench/run.py, bench/load.py)."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def tree(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    children, out, todo = _children(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _field_kb(path: str, name: str) -> int:
    for line in Path(path).read_text().splitlines():
        if line.startswith(name):
            return int(line.split()[1])
    return 0


def rss_kb(pids: list[int]) -> int:
    """The processes' resident memory summed (a page a forked worker shares with its parent counts twice)."""
    total = 0
    for pid in pids:
        try:
            total += _field_kb(f"/proc/{pid}/status", "VmRSS:")
        except OSError:
            continue
    return total


def rss_mb(pids: list[int]) -> float:
    return rss_kb(pids) / 1024


class TreeSampler:
    """Peak memory of a process and its descendants together, sampled every `interval` seconds: the sum of
    their RSS (`peak_kb`; counts the pages a forked worker still shares with its parent once per process)
    and the sum of their PSS (`peak_pss_kb`: shared pages divided among the processes sharing them, i.e.
    the memory the tree really occupies). Without /proc it samples nothing (peaks stay 0)."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid, self.interval, self.peak_kb, self.peak_pss_kb = pid, interval, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        if Path("/proc").is_dir():
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = pss = 0
            for pid in tree(self.pid):
                try:
                    total += _field_kb(f"/proc/{pid}/status", "VmRSS:")
                    pss += _field_kb(f"/proc/{pid}/smaps_rollup", "Pss:")
                except OSError:
                    continue
            self.peak_kb = max(self.peak_kb, total)
            self.peak_pss_kb = max(self.peak_pss_kb, pss)
            self._stop.wait(self.interval)
