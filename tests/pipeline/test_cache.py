"""The result cache (gaicheck/pipeline/cache.py): what invalidates an entry (the file, a setting, the rules
data, the gaicheck version), a damaged entry ignored, a warm run's output byte-identical to a cold one,
concurrent runs, and the size bound."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gaicheck.checks.options import Options
from gaicheck.cli import main
from gaicheck.pipeline import cache as cache_module
from gaicheck.pipeline.cache import NO_CACHE_ENV, ResultCache
from gaicheck.pipeline.many import check_many
from gaicheck.pipeline.single import Task
from tests.conftest import DATA, EXAMPLES, ROOT

SERIES = DATA / "corpus"


@pytest.fixture(autouse=True)
def cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NO_CACHE_ENV, raising=False)


def _files(tmp_path: Path) -> Path:
    """A copy of the example reports (their own files: the tests change them)."""
    folder = tmp_path / "reports"
    shutil.copytree(EXAMPLES, folder)
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in (folder / "v1").glob("*/*") if not p.name.startswith("."))


def _lookup(cache: ResultCache, path: Path, options: Options | None = None) -> bool:
    """Whether the cache holds the result of `path` (as a batch run keeps it)."""
    task = Task(str(path), options or cache.options, [], True, series_only=True)
    return cache.lookup(task).hit is not None


def _fill(cache: ResultCache, paths: list[Path]) -> list[str]:
    tasks = [Task(str(p), cache.options, [], True, series_only=True) for p in paths]
    out = [c.result.path for c in check_many(tasks, 1, cache=cache)]
    cache.finish()
    return out


def test_changed_file_setting_rules_and_version_invalidate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = _files(tmp_path)
    one, other = reports / "2023_example_clean.txt", reports / "2023_example_wrong_totals.txt"
    folder = tmp_path / "cache"
    cache = ResultCache(folder, Options())
    _fill(cache, [one, other])
    assert len(_entries(folder)) == 2 and cache.stats.stored == 2

    again = ResultCache(folder, Options())
    assert _lookup(again, one) and _lookup(again, other)
    assert (again.stats.hits, again.stats.misses) == (2, 0)

    # a changed file (same size: the content hash, not the size, decides)
    text = one.read_bytes()
    one.write_bytes(text.replace(b"2023", b"2024", 1))
    assert len(one.read_bytes()) == len(text)
    assert not _lookup(ResultCache(folder, Options()), one)
    assert _lookup(ResultCache(folder, Options()), other)
    one.write_bytes(text)  # back as it was: the entry is found again
    assert _lookup(ResultCache(folder, Options()), one)

    # a changed setting
    assert not _lookup(ResultCache(folder, Options(ignore=["SUM"])), other)
    assert not _lookup(ResultCache(folder, Options(lang="en")), other)

    # changed rules data: one more template folder in use
    extra = tmp_path / "templates"
    extra.mkdir()
    (extra / "local.toml").write_text("# a local template version\n", encoding="utf-8")
    monkeypatch.setenv("GAICHECK_TEMPLATE_DIRS", str(extra))
    assert not _lookup(ResultCache(folder, Options()), other)
    monkeypatch.delenv("GAICHECK_TEMPLATE_DIRS")
    assert _lookup(ResultCache(folder, Options()), other)

    # a new gaicheck version
    monkeypatch.setattr(cache_module, "__version__", "99.0.0")
    cache_module.code_fingerprint.cache_clear()
    try:
        assert not _lookup(ResultCache(folder, Options()), other)
    finally:
        monkeypatch.undo()
        cache_module.code_fingerprint.cache_clear()
    assert _lookup(ResultCache(folder, Options()), other)


def test_damaged_entry_is_ignored_and_replaced(tmp_path: Path) -> None:
    reports = _files(tmp_path)
    path = reports / "2023_example_wrong_totals.txt"
    folder = tmp_path / "cache"
    cache = ResultCache(folder, Options())
    task = Task(str(path), cache.options)
    (cold,) = list(check_many([task], 1, cache=cache))
    (entry,) = _entries(folder)
    blob = entry.read_bytes()
    for damaged in (blob[: len(blob) // 2], blob[:-1] + bytes([blob[-1] ^ 1]), b"", b"GCC1"):
        entry.write_bytes(damaged)
        again = ResultCache(folder, Options())
        assert again.lookup(task).hit is None
        (warm,) = list(check_many([task], 1, cache=again))
        assert warm.result == cold.result
        assert entry.read_bytes() == blob  # stored again, whole


def _check(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.output


def test_warm_run_output_is_byte_identical(tmp_path: Path) -> None:
    reports = _files(tmp_path)
    series = sorted(str(p) for p in SERIES.glob("*_pingtan_shiyanqu.txt"))
    assert len(series) >= 4
    paths = [str(reports), *series]
    folder = tmp_path / "cache"
    for fmt in ("json", "text", "sarif"):
        plain = _check([*paths, "--format", fmt, "--no-cache"])
        cold = _check([*paths, "--format", fmt, "--cache-dir", str(folder)])
        stored = {p: p.stat().st_mtime_ns for p in _entries(folder)}
        warm = _check([*paths, "--format", fmt, "--cache-dir", str(folder)])
        assert plain == cold == warm
        assert {p: p.stat().st_mtime_ns for p in _entries(folder)} == stored  # read, not written again
    assert "YOY" in warm[1]  # the cross-year rules ran from the cached views
    assert len(_entries(folder)) == len(series) + len([p for p in reports.iterdir() if p.suffix in (".txt", ".md", ".html")])


def test_cache_location_config_key_and_switches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = _files(tmp_path)
    (reports / "gaicheck.toml").write_text('cache-dir = "kept"\n', encoding="utf-8")
    _check([str(reports / "2023_example_clean.txt")])
    assert len(_entries(reports / "kept")) == 1  # relative to the configuration's folder
    assert (reports / "kept" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    (reports / "gaicheck.toml").write_text("cache = false\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _check([str(reports / "2023_example_wrong_totals.txt")])
    assert not (reports / ".gaicheck_cache").exists() and len(_entries(reports / "kept")) == 1
    (reports / "gaicheck.toml").unlink()
    _check([str(reports / "2023_example_wrong_totals.txt"), "--no-cache"])
    assert not (tmp_path / ".gaicheck_cache").exists()
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    _check([str(reports / "2023_example_wrong_totals.txt")])
    assert not (tmp_path / ".gaicheck_cache").exists()
    monkeypatch.delenv(NO_CACHE_ENV)
    _check([str(reports / "2023_example_wrong_totals.txt")])  # no configuration: in the current folder
    assert len(_entries(tmp_path / ".gaicheck_cache")) == 1


def test_size_bound_prunes_oldest(tmp_path: Path) -> None:
    reports = _files(tmp_path)
    paths = sorted(p for p in reports.iterdir() if p.suffix in (".txt", ".md"))
    folder = tmp_path / "cache"
    cache = ResultCache(folder, Options())
    _fill(cache, paths)
    sizes = {p.name: p.stat().st_size for p in _entries(folder)}
    total = sum(sizes.values())
    entries = _entries(folder)
    for age, entry in enumerate(entries):  # oldest first in this order
        os.utime(entry, ns=(1_000_000_000 * (age + 1), 1_000_000_000 * (age + 1)))
    small = ResultCache(folder, Options(lang="en"), max_bytes=total - 1)
    _fill(small, paths[:1])  # stores one more entry, then prunes
    kept = {p.name for p in _entries(folder)}
    assert entries[0].name not in kept
    assert sum(p.stat().st_size for p in _entries(folder)) <= (total - 1) * cache_module.PRUNE_TO


def test_concurrent_runs_do_not_corrupt(tmp_path: Path) -> None:
    reports = _files(tmp_path)
    folder = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(NO_CACHE_ENV, None)
    args = [sys.executable, "-m", "gaicheck", "check", str(reports), "--format", "json", "-j", "1",
            "--cache-dir", str(folder)]
    runs = [subprocess.Popen(args, stdout=subprocess.PIPE, env=env) for _ in range(2)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    plain = subprocess.run([*args, "--no-cache"], stdout=subprocess.PIPE, env=env, check=False).stdout
    warm = subprocess.run(args, stdout=subprocess.PIPE, env=env, check=False).stdout
    assert outputs[0] == outputs[1] == plain == warm
    assert not [p for p in (folder / "v1").glob("*/.tmp-*")]  # no temporary file left behind
    for entry in _entries(folder):
        assert ResultCache(folder, Options())._read(entry.name) is not None
