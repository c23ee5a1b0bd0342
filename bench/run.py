#!/usr/bin/env python3
"""Benchmark: gaicheck at portal scale. Not a test; run it by hand (see README "## Performance").

Builds a batch of at least 5,000 files in a temporary directory by replicating the reports of
examples/ and tests/data/corpus/ (text and Markdown, HTML, PDF), then measures through the command line:

- files per second per format and for the whole batch, with `--jobs 1` and `--jobs 2`, and files per
  CPU-second (the per-core figure, unaffected by other load on the machine);
- peak resident memory: of the largest gaicheck process (wait4 rusage, which covers the worker
  processes) and of all gaicheck processes together (sampled from /proc every 50 ms, Linux);
- the wall time of `gaicheck --version` and of checking one small text file (median of 7 runs);
- PDF seconds per page (in-process, the corpus PDFs);
- OCR CPU seconds per page and peak memory (with the `ocr` extra): the real 淮安 PDFs of the corpus rendered
  to image-only PDFs at 150 dpi, each checked by `gaicheck check` in its own process, one BLAS thread
  (accuracy and the rendered fixtures: bench/ocr.py).

gaicheck runs as a user's installation does: Python may write its bytecode cache (pip compiles an
installed package's bytecode at install time; PYTHONDONTWRITEBYTECODE, set in some development shells,
is removed for the measured commands), and each command is run once before it is timed.

Prints a table and writes JSON (bench/results.json). `--profile` adds the top cProfile costs of
checking the text reports in-process.

    python bench/run.py                 # full run (several minutes on 2 cores)
    python bench/run.py --files 600     # quick run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "examples", ROOT / "tests" / "data" / "corpus"]
FORMATS = {"text": (".txt", ".md"), "html": (".html", ".htm"), "pdf": (".pdf",)}
PDF_SHARE = 0.006  # PDFs take ~1 s each: 30 of 5,000 files
SKIP = {"sources.md", "readme.md"}

sys.path.insert(0, str(ROOT))
from tests.proctree import TreeSampler  # noqa: E402  (the process-tree memory sampler the server tests use)

TARGETS = {
    "text_html_files_per_second_per_core": 200,
    "version_ms": 150,
    "one_text_file_ms": 300,
    "peak_memory_mb": 200,
    "pdf_seconds_per_page": 0.5,
    "ocr_cpu_seconds_per_page": 2.0,
}
OCR_SOURCES = ("2023_huaian_hongzequ.pdf", "2024_huaian_hongzequ.pdf", "2024_huaian_shi.pdf")


def gaicheck_command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m gaicheck`."""
    script = Path(sys.executable).with_name("gaicheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gaicheck"]


def seeds() -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {fmt: [] for fmt in FORMATS}
    for folder in SOURCES:
        for path in sorted(folder.iterdir()):
            if path.name.lower() in SKIP:
                continue
            for fmt, exts in FORMATS.items():
                if path.suffix.lower() in exts:
                    found[fmt].append(path)
    return found


def build_batch(root: Path, total: int) -> dict[str, int]:
    """Replicate the seeds into root/<format>/NNNNN_<name> until `total` files exist."""
    by_format = seeds()
    pdfs = max(len(by_format["pdf"]), round(total * PDF_SHARE)) if by_format["pdf"] else 0
    rest = total - pdfs
    counts = {"text": rest // 2, "html": rest - rest // 2, "pdf": pdfs}
    for fmt, count in counts.items():
        folder = root / fmt
        folder.mkdir(parents=True)
        sources = by_format[fmt]
        if not sources:
            counts[fmt] = 0
            continue
        for i in range(count):
            src = sources[i % len(sources)]
            dst = folder / f"{i:05d}_{src.name}"
            try:
                os.link(src, dst)  # hard links: the same bytes, no disk cost
            except OSError:
                shutil.copyfile(src, dst)
    return counts


def user_env() -> dict[str, str]:
    """The environment of the measured commands: this one, with the bytecode cache allowed."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(args: list[str]) -> dict[str, float]:
    """Run a command; its wall time, exit code and peak memory (largest process, whole tree)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=user_env())
    with TreeSampler(proc.pid) as sampler:
        _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"{' '.join(args[:4])}…: exit {proc.returncode}\n{err[-2000:]}")
    if proc.stderr:
        proc.stderr.close()
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),  # the process and its workers
        "exit": proc.returncode,
        "peak_rss_process_mb": round(usage.ru_maxrss / 1024, 1),  # Linux: KiB
        "peak_rss_total_mb": round(sampler.peak_kb / 1024, 1),
        "peak_pss_total_mb": round(sampler.peak_pss_kb / 1024, 1),
    }


def repeat_ms(args: list[str], runs: int = 7) -> float:
    """Median wall time of `runs` runs, after one run that is not counted (it may write bytecode)."""
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=user_env())
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=user_env())
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def pdf_seconds_per_page() -> list[dict[str, object]]:
    sys.path.insert(0, str(ROOT))
    import pdfplumber

    from gaicheck.api import check_file

    out: list[dict[str, object]] = []
    for path in seeds()["pdf"]:
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        start = time.perf_counter()
        result = check_file(str(path))
        elapsed = time.perf_counter() - start
        out.append({"file": path.name, "pages": pages, "seconds": round(elapsed, 2),
                    "seconds_per_page": round(elapsed / max(pages, 1), 3), "error": result.error})
    return out


def ocr_seconds_per_page(cmd: list[str]) -> list[dict[str, object]]:
    """CPU seconds per page and peak memory of `gaicheck check` on scanned pages (the corpus's 淮安 PDFs rendered
    to image-only PDFs at 150 dpi); empty without the ocr extra."""
    import importlib.util

    if importlib.util.find_spec("rapidocr_onnxruntime") is None or importlib.util.find_spec("pypdfium2") is None:
        return []
    import pypdfium2

    out: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="gaicheck-ocr-bench-") as tmp:
        for name in OCR_SOURCES:
            source = ROOT / "tests" / "data" / "corpus" / name
            pdf = pypdfium2.PdfDocument(str(source))
            try:
                pictures = [pdf[i].render(scale=150 / 72).to_pil().convert("RGB") for i in range(len(pdf))]
            finally:
                pdf.close()
            scan = Path(tmp) / f"{source.stem}_scan.pdf"
            pictures[0].save(scan, format="PDF", save_all=True, append_images=pictures[1:], resolution=150.0)
            os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one core, as a worker process
            os.environ.setdefault("OMP_NUM_THREADS", "1")
            m = measure([*cmd, "check", "--no-cache", "--format", "json", str(scan)])
            out.append({"file": scan.name, "pages": len(pictures), "cpu_s": m["cpu_s"],
                        "cpu_s_per_page": round(m["cpu_s"] / len(pictures), 2),
                        "peak_rss_mb": m["peak_rss_process_mb"]})
    return out


def profile_text(top: int = 15) -> list[str]:
    import cProfile
    import io
    import pstats

    from gaicheck.api import check_file

    files = [(str(p), p.read_bytes()) for p in seeds()["text"]]
    for name, data in files:
        check_file(name, data=data)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(10):
        for name, data in files:
            check_file(name, data=data)
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(top)
    return [line for line in stream.getvalue().splitlines() if line.strip()]


def cache_runs(root: Path, cache: Path) -> dict[str, dict[str, float]]:
    """The whole batch (cross-year rules included) with an empty result cache, then again with it warm."""
    args = [*gaicheck_command(), "check", "--format", "json", "--cache-dir", str(cache), str(root)]
    env = {k: v for k, v in user_env().items() if k != "GAICHECK_NO_CACHE"}
    out: dict[str, dict[str, float]] = {}
    for label in ("cold", "warm"):
        print(f"… cache {label}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _pid, _status, usage = os.wait4(proc.pid, 0)
        out[label] = {"wall_s": round(time.perf_counter() - start, 3),
                      "cpu_s": round(usage.ru_utime + usage.ru_stime, 3)}
    return out


def jobs_rule(root: Path, sizes: tuple[int, ...] = (20, 100, 200, 400, 1000)) -> list[dict[str, float]]:
    """Wall time of `-j 1` and `-j 2` on the first N text and HTML files: where a second process pays."""
    files = sorted(str(p) for fmt in ("text", "html") for p in (root / fmt).iterdir())
    files = files[::2] + files[1::2]  # text and HTML interleaved
    rows: list[dict[str, float]] = []
    for size in sizes:
        row: dict[str, float] = {"files": size}
        for jobs in (1, 2):
            args = [*gaicheck_command(), "check", "--no-cache", "--format", "json", "-j", str(jobs), *files[:size]]
            start = time.perf_counter()
            subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=user_env())
            row[f"j{jobs}_s"] = round(time.perf_counter() - start, 3)
        rows.append(row)
    return rows


def projection(runs: list[dict[str, object]], reports: int = 200_000,
               workers: tuple[int, ...] = (1, 8, 32, 128)) -> dict[str, dict[str, float]]:
    """Hours for `reports` files on N single-core workers, from the measured CPU seconds per file of the
    `--jobs 1` runs (HTML, PDF): the per-file work spreads evenly, the cross-year rules stay on the client."""
    out: dict[str, dict[str, float]] = {}
    for fmt in ("html", "pdf"):
        run = next((r for r in runs if r["format"] == fmt and r["jobs"] == 1), None)
        if run is None:
            continue
        per_file = float(str(run["cpu_s"])) / max(int(str(run["files"])), 1)
        out[fmt] = {"cpu_s_per_file": round(per_file, 4),
                    **{f"{n}_workers_h": round(reports * per_file / n / 3600, 2) for n in workers}}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=5000, help="batch size (default 5000)")
    parser.add_argument("--jobs", default="1,2", help="--jobs values to measure (default 1,2)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--profile", action="store_true", help="print the top cProfile costs on text files")
    parser.add_argument("--no-cache-runs", action="store_true", help="skip the cold/warm result-cache runs")
    parser.add_argument("--jobs-rule", action="store_true", help="also time -j 1 and -j 2 on 20…1,000 files")
    parser.add_argument("--no-ocr", action="store_true", help="skip the OCR pages (scanned 淮安 PDFs)")
    args = parser.parse_args()
    jobs_values = [int(j) for j in args.jobs.split(",")]
    cmd = gaicheck_command()

    results: dict[str, object] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "command": cmd,
    }
    results["version_ms"] = repeat_ms([*cmd, "--version"])
    results["one_text_file_ms"] = repeat_ms([*cmd, "check", str(ROOT / "examples" / "2023_example_clean.txt")])

    runs: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="gaicheck-bench-") as tmp:
        root = Path(tmp)
        counts = build_batch(root, args.files)
        results["batch"] = counts
        targets = [(fmt, [str(root / fmt)], n) for fmt, n in counts.items() if n]
        targets.append(("all", [str(root)], sum(counts.values())))
        for label, paths, n in targets:
            for jobs in jobs_values:
                print(f"… {label}: {n} files, --jobs {jobs}", file=sys.stderr, flush=True)
                m = measure([*cmd, "check", "--no-cache", "--format", "json", "--jobs", str(jobs), *paths])
                runs.append({"format": label, "files": n, "jobs": jobs, **m,
                             "files_per_s": round(n / m["wall_s"], 1),
                             "files_per_cpu_s": round(n / max(m["cpu_s"], 1e-9), 1)})
        if not args.no_cache_runs:
            results["cache"] = cache_runs(root, Path(tmp) / "cache")
        if args.jobs_rule:
            results["jobs_rule"] = jobs_rule(root)
    results["runs"] = runs
    results["projection_200k"] = projection(runs)
    results["pdf"] = pdf_seconds_per_page()
    results["ocr"] = [] if args.no_ocr else ocr_seconds_per_page(cmd)
    ocr = results["ocr"]

    # per core: files per CPU-second of the --jobs 1 runs (wall time on a shared machine measures the others)
    per_core = [float(str(r["files_per_cpu_s"])) for r in runs if r["format"] in ("text", "html") and r["jobs"] == 1]
    summary = {
        "text_html_files_per_second_per_core": min(per_core) if per_core else None,
        "version_ms": results["version_ms"],
        "one_text_file_ms": results["one_text_file_ms"],
        # all gaicheck processes together, shared pages counted once (PSS); the RSS sum is in the table too
        "peak_memory_mb": max(float(str(r["peak_pss_total_mb"])) for r in runs if r["format"] == "all"),
        "peak_rss_sum_mb": max(float(str(r["peak_rss_total_mb"])) for r in runs if r["format"] == "all"),
        "pdf_seconds_per_page": max((float(str(p["seconds_per_page"])) for p in results["pdf"]), default=None),  # type: ignore[attr-defined]
        "ocr_cpu_seconds_per_page": (
            round(sum(float(str(o["cpu_s"])) for o in ocr) / sum(int(str(o["pages"])) for o in ocr), 2) if ocr else None
        ),
        "ocr_peak_memory_mb": max((float(str(o["peak_rss_mb"])) for o in ocr), default=None),
    }
    results["summary"] = summary
    if args.profile:
        results["profile_text"] = profile_text()

    print(f"gaicheck benchmark — {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"batch: {counts} (total {sum(counts.values())})\n")
    head = ("format", "files", "jobs", "wall s", "files/s", "CPU s", "files/CPU-s", "peak MB 1 proc", "RSS sum",
            "PSS sum")
    print(f"{head[0]:7} {head[1]:>6} {head[2]:>4} {head[3]:>8} {head[4]:>8} {head[5]:>8} {head[6]:>11} "
          f"{head[7]:>14} {head[8]:>8} {head[9]:>8}")
    for r in runs:
        print(f"{r['format']:7} {r['files']:>6} {r['jobs']:>4} {r['wall_s']:>8} {r['files_per_s']:>8} {r['cpu_s']:>8} "
              f"{r['files_per_cpu_s']:>11} {r['peak_rss_process_mb']:>14} {r['peak_rss_total_mb']:>8} "
              f"{r['peak_pss_total_mb']:>8}")
    print()
    for p in results["pdf"]:  # type: ignore[attr-defined]
        print(f"pdf {p['file']}: {p['pages']} pages, {p['seconds']} s, {p['seconds_per_page']} s/page")
    for o in ocr:
        print(f"ocr {o['file']}: {o['pages']} pages, {o['cpu_s']} CPU s, {o['cpu_s_per_page']} CPU s/page, "
              f"peak {o['peak_rss_mb']} MB")
    if "cache" in results:
        cold, warm = results["cache"]["cold"], results["cache"]["warm"]  # type: ignore[index]
        print(f"\nresult cache, {sum(counts.values())} files (cross-year rules included): cold {cold['wall_s']} s "
              f"wall / {cold['cpu_s']} CPU s; warm {warm['wall_s']} s wall / {warm['cpu_s']} CPU s")
    for row in results.get("jobs_rule", []):  # type: ignore[attr-defined]
        print(f"-j rule: {row['files']:>5} files  -j 1 {row['j1_s']:>7} s  -j 2 {row['j2_s']:>7} s")
    for fmt, p in results["projection_200k"].items():  # type: ignore[attr-defined]
        hours = ", ".join(f"{k.split('_')[0]} workers {v} h" for k, v in p.items() if k.endswith("_h"))
        print(f"200,000 {fmt} reports at {p['cpu_s_per_file']} CPU s each: {hours}")
    print()
    lower_is_better = {"version_ms", "one_text_file_ms", "peak_memory_mb", "pdf_seconds_per_page",
                       "ocr_cpu_seconds_per_page"}
    for key, target in TARGETS.items():
        value = summary.get(key)
        ok = isinstance(value, int | float) and (value <= target if key in lower_is_better else value >= target)
        sign = "≤" if key in lower_is_better else "≥"
        print(f"{key:38} {value!s:>8}  target {sign} {target}  {'ok' if ok else 'MISSED'}")
    if args.profile:
        print("\ncProfile, text reports in-process (top by own time):")
        print("\n".join(results["profile_text"]))  # type: ignore[arg-type]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
