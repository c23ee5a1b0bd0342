"""The result cache (like ruff's): one file's `Checked` — its findings, and the series view the cross-year
rules need — stored under a key made of the file's content, its path, the gaicheck code, the rules data in
use and the effective settings, so that a re-run over an unchanged archive reads the results instead of
checking the files again. The cross-year rules are never cached: they re-run from the cached views.

pipeline.run → pipeline.many → **cache** (lookup before a file is checked, store after) → pipeline.single.

Safe under concurrent runs: an entry is written to a temporary file and moved into place (os.replace);
never a source of a wrong result: an entry carries a checksum, and one that is truncated, corrupt or
unreadable is ignored (the file is checked again); results that may not recur (a time limit, a worker
that died: any result with an error) are not stored. Bounded: past `max_bytes` the oldest entries go.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import zlib
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from gaicheck import __version__
from gaicheck.checks.options import Options
from gaicheck.limits import Limits, default_limits
from gaicheck.pipeline.errors import too_large
from gaicheck.pipeline.single import Checked, Task

CACHE_DIR_NAME = ".gaicheck_cache"
NO_CACHE_ENV = "GAICHECK_NO_CACHE"  # set (to anything but "" or "0") to switch the cache off
LAYOUT = "v1"  # the folder of this entry format inside the cache folder
MAGIC = b"GCC1"
CHECK = 4  # bytes of the CRC-32 of the payload after the magic (catches a torn or damaged entry)
DEFAULT_MAX_MB = 512
MEMO_NAME = "stat-memo"  # in the entries folder, beside the shards
PRUNE_TO = 0.8  # pruning removes the oldest entries until the cache is this share of its bound


@cache
def code_fingerprint() -> str:
    """The gaicheck version and its modules (name, size, modification time): a development checkout whose
    code changed without a new version number never reads an old result."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def rules_fingerprint() -> str:
    """A hash of the rules data in use: every TOML file of rules/ and of the $GAICHECK_TEMPLATE_DIRS folders."""
    from gaicheck.resources import rules_dir
    from gaicheck.templates import template_dirs

    digest = hashlib.sha256()
    folders = [rules_dir(), *(Path(d) for d in template_dirs()[1:])]
    for folder in folders:
        digest.update(f"[{folder}]\n".encode())
        try:
            files = sorted(folder.rglob("*.toml"))
        except OSError:
            continue
        for path in files:
            try:
                data = path.read_bytes()
            except OSError:
                continue
            digest.update(f"{path.relative_to(folder)}:{len(data)}\n".encode())
            digest.update(data)
    return digest.hexdigest()


def settings_fingerprint(options: Options, limits: Limits) -> str:
    """The effective settings a per-file result depends on: the rule options and the limits."""
    text = repr((options.lang, options.select, options.ignore, sorted(options.severity.items()),
                 options.check_aggregate, limits.model_dump_json()))
    return hashlib.sha256(text.encode()).hexdigest()


def cache_disabled_by_env() -> bool:
    return os.environ.get(NO_CACHE_ENV, "").strip() not in ("", "0")


@dataclass(slots=True)
class CacheStats:
    hits: int = 0
    misses: int = 0
    stored: int = 0


@dataclass(slots=True)
class Lookup:
    """A task made ready for checking: its key (None: not cacheable), the result when the cache had it,
    and the task to check otherwise (carrying the bytes already read for the key)."""

    task: Task
    key: str | None = None
    hit: Checked | None = None


@dataclass
class ResultCache:
    folder: Path
    options: Options
    max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024
    limits: Limits = field(default_factory=default_limits)
    stats: CacheStats = field(default_factory=CacheStats)
    _run_key: str = ""
    _usable: bool = True
    memo: StatMemo = field(init=False)
    _folder: str = field(init=False)

    def __post_init__(self) -> None:
        self.memo = StatMemo(self.entries / MEMO_NAME)
        self._folder = str(self.entries)
        self._run_key = hashlib.sha256(
            "\n".join((LAYOUT, code_fingerprint(), rules_fingerprint(),
                       settings_fingerprint(self.options, self.limits))).encode()
        ).hexdigest()

    @property
    def entries(self) -> Path:
        return self.folder / LAYOUT

    # ---- keys -------------------------------------------------------------------------------------
    def key_for(self, task: Task, content: bytes) -> str:
        """The entry's key: the run's key, the file's path, what the run keeps of it, and `content`, the
        sha256 of its bytes."""
        digest = hashlib.sha256(self._run_key.encode())
        flags = f"{int(task.keep_report)}{int(task.series_only)}"
        digest.update(f"\n{task.path}\n{flags}\n{','.join(task.ignored)}\n".encode())
        digest.update(content)
        return digest.hexdigest()

    def _entry(self, key: str) -> str:
        return os.path.join(self._folder, key[:2], key)  # strings: a Path per entry costs more than the read

    # ---- lookup and store -------------------------------------------------------------------------
    def lookup(self, task: Task) -> Lookup:
        """The cached result of `task`, or the task ready to check (with its bytes when they were read)."""
        if task.failure is not None or task.url or not self._usable:  # a web page may change: never cached
            return Lookup(task)
        ready, content = task, None
        if task.data is not None:
            if too_large(len(task.data), self.limits) is None:
                content = hashlib.sha256(task.data).digest()
        else:
            try:
                stat = os.stat(task.path)
            except OSError:
                return Lookup(task)  # the check names the reason
            if too_large(stat.st_size, self.limits) is not None:
                return Lookup(task)  # refused before reading: not worth a key
            content = self.memo.digest(task.path, stat)
            if content is None:  # a new or changed file: read and hash it (and hand its bytes on)
                try:
                    data = Path(task.path).read_bytes()
                except OSError:
                    return Lookup(task)
                content = hashlib.sha256(data).digest()
                self.memo.remember(task.path, stat, content)
                ready = _with_data(task, data)
        if content is None:
            return Lookup(task)
        key = self.key_for(task, content)
        hit = self._read(key)
        if hit is None:
            self.stats.misses += 1
            return Lookup(ready, key)
        self.stats.hits += 1
        return Lookup(ready, key, hit)

    def _read(self, key: str) -> Checked | None:
        try:
            with open(self._entry(key), "rb") as entry:
                blob = entry.read()
        except OSError:
            return None
        head = len(MAGIC) + CHECK
        if len(blob) < head or not blob.startswith(MAGIC):
            return None
        payload = memoryview(blob)[head:]
        if zlib.crc32(payload).to_bytes(CHECK, "big") != blob[len(MAGIC):head]:
            return None  # truncated or corrupt: check the file again
        try:
            checked = pickle.loads(payload)
        except Exception:
            return None
        return checked if isinstance(checked, Checked) else None

    def store(self, key: str | None, checked: Checked) -> None:
        """Keep `checked` under `key` (atomically); results with an error are not kept."""
        if key is None or not self._usable or checked.result.error is not None:
            return
        payload = pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL)
        blob = MAGIC + zlib.crc32(payload).to_bytes(CHECK, "big") + payload
        target = self._entry(key)
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            _mark(self.folder)
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(blob)
                os.replace(temporary, target)
            except BaseException:
                with suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError:
            self._usable = False  # a read-only or full disk: the run goes on without storing
            return
        self.stats.stored += 1

    def finish(self) -> None:
        """At the end of a run: the memo of content hashes saved, the cache within its size bound."""
        if self._usable:
            self.memo.save()
        self.prune()

    # ---- size bound -------------------------------------------------------------------------------
    def prune(self) -> int:
        """Past the bound, remove the oldest entries (by the time they were written) until the cache is
        at PRUNE_TO of it; returns how many were removed. Only after a run that stored something."""
        if not self.stats.stored:
            return 0
        found: list[tuple[int, int, str]] = []
        total = 0
        try:
            for shard in os.scandir(self.entries):
                if not shard.is_dir():
                    continue
                for entry in os.scandir(shard.path):
                    try:
                        stat = entry.stat()
                    except OSError:
                        continue
                    found.append((stat.st_mtime_ns, stat.st_size, entry.path))
                    total += stat.st_size
        except OSError:
            return 0
        if total <= self.max_bytes:
            return 0
        removed = 0
        for _mtime, size, path in sorted(found):
            if total <= self.max_bytes * PRUNE_TO:
                break
            with suppress(OSError):
                os.unlink(path)
                removed += 1
            total -= size
        return removed


class StatMemo:
    """What a file's content hash was when it had this size, modification and change time and inode (as
    git's index and ruff's cache go by them): an unchanged archive is not read again to know it is
    unchanged. A file whose stat differs in any way is read and hashed. Saved at the end of a run
    (atomically; concurrent runs: the last one's memo is kept, the other's hashes are merely computed
    again); a damaged memo is ignored."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._known: dict[str, tuple[int, int, int, int, bytes]] | None = None
        self._changed = False

    def _load(self) -> dict[str, tuple[int, int, int, int, bytes]]:
        if self._known is None:
            self._known = {}
            try:
                blob = self.path.read_bytes()
                head = len(MAGIC) + CHECK
                payload = memoryview(blob)[head:]
                if blob.startswith(MAGIC) and zlib.crc32(payload).to_bytes(CHECK, "big") == blob[len(MAGIC):head]:
                    known = pickle.loads(payload)
                    if isinstance(known, dict):
                        self._known = known
            except Exception:
                self._known = {}
        return self._known

    @staticmethod
    def _stamp(stat: os.stat_result) -> tuple[int, int, int, int]:
        return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)

    def digest(self, path: str, stat: os.stat_result) -> bytes | None:
        entry = self._load().get(os.path.abspath(path))
        if entry is None or entry[:4] != self._stamp(stat):
            return None
        return entry[4]

    def remember(self, path: str, stat: os.stat_result, digest: bytes) -> None:
        self._load()[os.path.abspath(path)] = (*self._stamp(stat), digest)
        self._changed = True

    def save(self) -> None:
        if not self._changed or self._known is None:
            return
        payload = pickle.dumps(self._known, protocol=pickle.HIGHEST_PROTOCOL)
        with suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(MAGIC + zlib.crc32(payload).to_bytes(CHECK, "big") + payload)
                os.replace(temporary, self.path)
            except OSError:
                with suppress(OSError):
                    os.unlink(temporary)


def _with_data(task: Task, data: bytes) -> Task:
    return Task(task.path, task.options, task.ignored, task.keep_report, data, task.series_only, task.failure,
                task.url)


def _mark(folder: Path) -> None:
    """A .gitignore and a CACHEDIR.TAG in a new cache folder, so that neither git nor backups take it."""
    ignore = folder / ".gitignore"
    if ignore.exists():
        return
    with suppress(OSError):
        (folder / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# created by gaicheck: https://bford.info/cachedir/\n",
            encoding="utf-8")
        ignore.write_text("# created by gaicheck\n*\n", encoding="utf-8")


def cache_folder(configured: str | None, root: str) -> Path:
    """The cache folder: `configured` (relative to the configuration's folder `root`), else
    .gaicheck_cache in `root`."""
    if configured:
        path = Path(configured).expanduser()
        return path if path.is_absolute() else Path(root) / path
    return Path(root) / CACHE_DIR_NAME


__all__ = [
    "CACHE_DIR_NAME",
    "DEFAULT_MAX_MB",
    "NO_CACHE_ENV",
    "CacheStats",
    "Lookup",
    "ResultCache",
    "cache_disabled_by_env",
    "cache_folder",
    "code_fingerprint",
    "rules_fingerprint",
    "settings_fingerprint",
]
