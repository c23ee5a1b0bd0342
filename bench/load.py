#!/usr/bin/env python3
"""Load test of `gaicheck serve`. Not a test; run it by hand (see README "## Performance", the server part).

Starts `gaicheck serve` on a free 127.0.0.1 port (its defaults unless options are given after `--`), then
sends a bounded number of checks (default 500, 20 at a time) through the HTTP API: the reports of
tests/data/formats/ in their four formats (text, HTML, DOCX, PDF) in a fixed shuffled order. Measures:

- requests per second over the whole run, and latency p50/p99 (all requests, and per format);
- the answers' status codes (all should be 200);
- peak memory of the server's process tree (server, worker processes), sampled from /proc every 50 ms.

Prints a table and writes JSON (bench/load_results.json). Only 127.0.0.1 is ever contacted.

    python bench/load.py                          # 500 requests, 20 concurrent
    python bench/load.py --requests 100           # quick run
    python bench/load.py -- --workers 2 --memory-mb 1536
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from run import ROOT, TreeSampler, gaicheck_command, user_env

FORMATS = {"text": ".txt", "html": ".html", "docx": ".docx", "pdf": ".pdf"}
HOST = "127.0.0.1"


def request_mix(total: int, seed: int = 0) -> list[tuple[str, str, bytes]]:
    """`total` requests (format, file name, bytes): the same 7 reports in 4 formats, in a fixed shuffled order."""
    files: list[tuple[str, str, bytes]] = []
    for kind, ext in FORMATS.items():
        folder = ROOT / ("examples" if kind == "text" else "tests/data/formats")  # the same reports
        files += [(kind, path.name, path.read_bytes()) for path in sorted(folder.glob(f"*{ext}"))]
    order = [files[i % len(files)] for i in range(total)]
    random.Random(seed).shuffle(order)
    return order


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def wait_until_ready(url: str, proc: subprocess.Popen[bytes], sample: bytes) -> None:
    """Until a small check answers 200 (server up, worker processes started)."""
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("gaicheck serve ended before it was ready")
        try:
            r = httpx.post(f"{url}/api/v1/check", params={"filename": "warm.txt"}, content=sample, timeout=30)
            if r.status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit("gaicheck serve was not ready within 120 s")


async def hammer(url: str, mix: list[tuple[str, str, bytes]], concurrency: int) -> list[tuple[str, int, float]]:
    """Send every request, `concurrency` at a time; (format, status, seconds) for each."""
    import httpx

    results: list[tuple[str, int, float]] = []
    queue = list(reversed(mix))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as client:

        async def one_client() -> None:
            while queue:
                kind, name, data = queue.pop()
                start = time.perf_counter()
                try:
                    r = await client.post("/api/v1/check", params={"filename": name}, content=data)
                    status = r.status_code
                except httpx.HTTPError:
                    status = 0
                results.append((kind, status, time.perf_counter() - start))

        await asyncio.gather(*(one_client() for _ in range(concurrency)))
    return results


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def summarize(results: list[tuple[str, int, float]], wall: float) -> dict[str, object]:
    latencies = [t for _, _, t in results]
    per_format = {}
    for kind in FORMATS:
        times = [t for k, _, t in results if k == kind]
        if times:
            per_format[kind] = {
                "requests": len(times),
                "p50_ms": round(percentile(times, 50) * 1000, 1),
                "p99_ms": round(percentile(times, 99) * 1000, 1),
            }
    return {
        "requests": len(results),
        "wall_s": round(wall, 2),
        "requests_per_second": round(len(results) / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1),
        "statuses": dict(sorted(Counter(str(s) for _, s, _ in results).items())),
        "per_format": per_format,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=500, help="checks to send (default 500, at most 5000)")
    parser.add_argument("--concurrency", type=int, default=20, help="checks in flight (default 20, at most 100)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "load_results.json")
    parser.add_argument("serve_args", nargs="*", help="options for `gaicheck serve` (after --)")
    args = parser.parse_args()
    total, concurrency = min(max(args.requests, 1), 5000), min(max(args.concurrency, 1), 100)

    mix = request_mix(total)
    port = free_port()
    url = f"http://{HOST}:{port}"
    env = {**user_env(), "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile() as log:
        command = [*gaicheck_command(), "serve", "--host", HOST, "--port", str(port), *args.serve_args]
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, env=env)
        try:
            with TreeSampler(proc.pid) as sampler:
                wait_until_ready(url, proc, (ROOT / "examples" / "2023_example_clean.txt").read_bytes())
                idle_mb = sampler.peak_kb / 1024
                start = time.perf_counter()
                results = asyncio.run(hammer(url, mix, concurrency))
                wall = time.perf_counter() - start
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    summary = summarize(results, wall)
    summary.update(
        {
            "concurrency": concurrency,
            "serve_args": args.serve_args,
            "peak_rss_tree_mb": round(sampler.peak_kb / 1024, 1),
            "peak_pss_tree_mb": round(sampler.peak_pss_kb / 1024, 1),
            "rss_tree_after_start_mb": round(idle_mb, 1),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load": os.getloadavg()},
        }
    )
    print(f"{total} requests, {concurrency} concurrent, in {summary['wall_s']} s")
    print(f"  {summary['requests_per_second']} requests/s; p50 {summary['p50_ms']} ms, p99 {summary['p99_ms']} ms")
    per_format: dict[str, dict[str, float]] = summary["per_format"]  # type: ignore[assignment]
    for kind, row in per_format.items():
        print(f"  {kind:5} {row['requests']:4} requests  p50 {row['p50_ms']:8.1f} ms  p99 {row['p99_ms']:8.1f} ms")
    print(f"  statuses {summary['statuses']}")
    rss, pss = summary["peak_rss_tree_mb"], summary["peak_pss_tree_mb"]
    print(f"  peak memory of the server's process tree: RSS {rss} MB, PSS {pss} MB")
    args.out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if set(Counter(str(s) for _, s, _ in results)) == {"200"} else 1


if __name__ == "__main__":
    sys.exit(main())
