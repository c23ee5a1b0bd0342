"""The worker processes of the server, seen from the server process: two lanes of waiting checks, a
bounded queue per lane, a hard time limit per check and the replacement of a process that passed it.

routes (app) → **pool** → worker processes (gaicheck.server.worker). `workers` processes take any
check, small ones first; one more process takes only small ones, so a small report never waits behind
large ones (pictures and legacy .doc/.xls files are never small: OCR and LibreOffice need the larger
memory share of the processes for any input, config.OCR_WORKER_MB). A check over its time limit (base
+ per PDF page + per page OCR reads, as the command line counts them) ends its process, which is
replaced; a lane whose queue is full answers 503 with Retry-After at once; a check that waited in the
queue as long as its time limit is answered 503 too. Each process caps its own address space at its
share of the memory budget (see worker.worker_main), so the processes together stay within it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import io
import multiprocessing
import os
import signal
import zipfile
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from gaicheck.readers.sniff import OLE2_MAGIC, image_kind
from gaicheck.server.config import OCR_WORKER_MB, ServerConfig
from gaicheck.server.errors import RequestError, busy
from gaicheck.server.worker import Job, worker_main

START_SECONDS = 60.0  # a new worker process must have imported the readers within this (a loaded machine)


def zip_entries(data: bytes) -> int | None:
    """The entry count a zip's end-of-central-directory record declares (None: not found, or ZIP64),
    read without parsing the directory itself."""
    tail = data[-(65535 + 22) :]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    count = int.from_bytes(tail[at + 10 : at + 12], "little")
    return None if count == 0xFFFF else count


def work_size(data: bytes, max_entries: int) -> int | None:
    """How much there is to read: the bytes, or for a DOCX/XLSX (zip) the total uncompressed size; None
    when a zip cannot be sized cheaply here (too many entries, damaged: the worker process says why)."""
    if not data.startswith(b"PK\x03\x04"):
        return len(data)
    entries = zip_entries(data)
    if entries is None or entries > max_entries:  # never parse a huge directory in the server process
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return sum(max(info.file_size, 0) for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError, NotImplementedError):
        return None


@dataclass(eq=False)
class Pending:
    job: Job
    data: bytes
    future: asyncio.Future[Any]
    started: bool = False  # a process has taken it


def timed_out(config: ServerConfig, pages: int, ocr: float = 0.0) -> RequestError:
    limit, base, per_page = config.time_limit_ocr(pages, ocr), config.timeout_seconds, config.seconds_per_page
    zh = f"检查超时（上限 {limit:g} 秒" + (f"：{base:g} 秒 + 每页 {per_page:g} 秒 × {pages} 页" if pages else "")
    en = f"check timed out (limit {limit:g} s" + (f": {base:g} s + {per_page:g} s × {pages} pages" if pages else "")
    if ocr:
        per_ocr = config.ocr_seconds_per_page
        zh += ("" if pages else f"：{base:g} 秒") + f" + 图像识别每页 {per_ocr:g} 秒 × {ocr:g} 页"
        en += ("" if pages else f": {base:g} s") + f" + OCR {per_ocr:g} s × {ocr:g} pages"
    zh, en = zh + "）", en + ")"
    return RequestError(
        503,
        f"{zh}/ {en}",
        error="timeout",
        retry_after=config.retry_after(),
    )


def worker_failed(config: ServerConfig, mb: int) -> RequestError:
    return RequestError(
        503,
        f"检查进程意外终止（内存上限每个检查 {mb} MB）/ "
        f"the check process ended unexpectedly (memory limit {mb} MB each)",
        error="worker_failed",
        retry_after=config.retry_after(),
    )


class Slot:
    """One worker process and the pipe to it; started when first needed, replaced when it fails."""

    def __init__(self, config: ServerConfig, small_only: bool) -> None:
        self.config = config
        self.small_only = small_only
        self.process: multiprocessing.process.BaseProcess | None = None
        self.conn: Any = None
        self.ready = False  # the process said it has imported the readers and loaded the rules
        self._context = multiprocessing.get_context("spawn")  # never fork a server with threads

    @property
    def share_mb(self) -> int:
        return self.config.share_mb(self.small_only)

    def alive(self) -> bool:
        return self.process is not None and self.process.is_alive()

    def start(self) -> None:
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=worker_main, args=(child, self.config, self.small_only), name="gaicheck-check", daemon=True
        )
        process.start()
        child.close()
        self.process, self.conn, self.ready = process, parent, False

    def stop(self) -> None:
        """End the process (and its process group) at once; reap it."""
        process, conn = self.process, self.conn
        self.process, self.conn, self.ready = None, None, False
        if conn is not None:
            conn.close()
        if process is None:
            return
        if process.pid is not None and hasattr(os, "killpg"):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
        process.kill()
        process.join(timeout=5)
        with contextlib.suppress(ValueError):
            process.close()

    async def _message(self, deadline: float) -> tuple[Any, ...] | None:
        """The next message from the process, or None when `deadline` (loop time) passes first."""
        loop = asyncio.get_running_loop()
        conn = self.conn
        if not conn.poll():
            ready: asyncio.Future[None] = loop.create_future()
            fd = conn.fileno()

            def readable() -> None:
                if not ready.done():
                    ready.set_result(None)

            loop.add_reader(fd, readable)
            try:
                await asyncio.wait_for(ready, max(deadline - loop.time(), 0))
            except TimeoutError:
                return None
            finally:
                loop.remove_reader(fd)
        message: tuple[Any, ...] = conn.recv()  # the worker writes a message whole: this does not wait long
        return message

    async def run(self, pending: Pending) -> tuple[Any, ...]:
        """Send a job and wait for its answer within the time limit; ("demote",) gives a job back."""
        if not self.alive():
            self.stop()
            self.start()
        loop = asyncio.get_running_loop()
        if not self.ready:  # a new process: its start-up (imports, rules) is not part of any time limit
            try:
                message = await self._message(loop.time() + START_SECONDS)
            except (EOFError, OSError):
                message = None
            if message != ("ready",):
                self.stop()
                return ("error", worker_failed(self.config, self.share_mb), False)
            self.ready = True
        started = loop.time()
        deadline = started + self.config.time_limit()
        pages, ocr = 0, 0.0
        try:
            self.conn.send(pending.job)
            await asyncio.to_thread(self.conn.send_bytes, pending.data)
            while True:
                message = await self._message(deadline)
                if message is None:
                    self.stop()
                    return ("error", timed_out(self.config, pages, ocr), False)
                if message[0] in ("pages", "ocr"):  # a PDF's pages; a picture read by OCR (A4 pages)
                    if message[0] == "pages":
                        pages = min(int(message[1]), self.config.max_pdf_pages)
                    else:
                        ocr += max(float(message[1]), 0.0)
                    deadline = started + self.config.time_limit_ocr(pages, ocr)
                    continue
                return message
        except (EOFError, OSError):  # the process died: most often a native library out of memory
            self.stop()
            return ("error", worker_failed(self.config, self.share_mb), False)


@dataclass
class Lanes:
    small: deque[Pending] = field(default_factory=deque)
    large: deque[Pending] = field(default_factory=deque)


class Pool:
    """The lanes, the worker processes and one asyncio task per process feeding it."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.lanes = Lanes()
        self.slots = [Slot(config, small_only=False) for _ in range(config.workers)]
        self.slots.append(Slot(config, small_only=True))
        self._wake: asyncio.Condition | None = None
        self._tasks: list[asyncio.Task[None]] = []

    # -- life cycle

    def _ensure_running(self) -> asyncio.Condition:
        if self._wake is None:
            self._wake = asyncio.Condition()
            self._tasks = [asyncio.create_task(self._feed(slot)) for slot in self.slots]
        return self._wake

    async def start(self) -> None:
        """Start the processes now (rather than at the first check)."""
        self._ensure_running()
        for slot in self.slots:
            if not slot.alive():
                slot.start()

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks, self._wake = [], None
        for slot in self.slots:
            slot.stop()
        for lane in (self.lanes.small, self.lanes.large):
            while lane:
                pending = lane.popleft()
                if not pending.future.done():
                    pending.future.set_exception(busy(self.config, "服务器正在停止", "shutting down"))

    # -- scheduling

    def is_small(self, data: bytes) -> bool:
        """Small: few bytes to read, and neither a picture (OCR) nor a legacy Word/Excel file (LibreOffice): both
        need the larger memory share of the processes for any input."""
        if image_kind(data) is not None or data.startswith(OLE2_MAGIC):
            return False
        size = work_size(data, self.config.max_zip_entries)
        return size is not None and size <= self.config.small_bytes

    async def submit(self, job: Job, data: bytes) -> Any:
        """Queue a job in its lane and wait for its answer; RequestError for every failure."""
        wake = self._ensure_running()
        loop = asyncio.get_running_loop()
        small = self.is_small(data)
        lane = self.lanes.small if small else self.lanes.large
        if len(lane) >= self.config.queue_size:
            size, (zh, en) = self.config.queue_size, ("小文件", "small") if small else ("大文件", "large")
            raise busy(self.config, f"{zh}排队已满，上限 {size} 个", f"the {en}-file queue is full, limit {size}")
        pending = Pending(job=job, data=data, future=loop.create_future())
        pending.future.add_done_callback(lambda f: f.cancelled() or f.exception())  # a client that left
        lane.append(pending)
        async with wake:
            wake.notify_all()
        wait = self.config.time_limit()
        while True:  # the process taking it enforces the time limit; here only the wait in a queue is bounded
            try:
                return await asyncio.wait_for(asyncio.shield(pending.future), wait)
            except TimeoutError:
                if not pending.started:  # still waiting for a process (maybe again, handed back): give up
                    for queue in (self.lanes.small, self.lanes.large):
                        with contextlib.suppress(ValueError):
                            queue.remove(pending)
                    raise busy(self.config, f"排队已超过 {wait:g} 秒", f"waited {wait:g} s in the queue") from None

    def _take(self, slot: Slot) -> Pending | None:
        if self.lanes.small:
            return self.lanes.small.popleft()
        if not slot.small_only and self.lanes.large:
            return self.lanes.large.popleft()
        return None

    async def _feed(self, slot: Slot) -> None:
        wake = self._wake
        assert wake is not None
        while True:
            async with wake:
                pending = self._take(slot)
                while pending is None:
                    await wake.wait()
                    pending = self._take(slot)
            pending.started = True
            pending.job = dataclasses.replace(pending.job, small_lane=slot.small_only)
            try:
                message = await slot.run(pending)
            except asyncio.CancelledError:  # the server is stopping
                slot.stop()
                self._settle(pending, ("error", busy(self.config, "服务器正在停止", "shutting down"), False))
                raise
            if message[0] == "demote":  # a small file with many PDF pages: to the front of the large lane
                pending.started = False
                self.lanes.large.appendleft(pending)
                async with wake:
                    wake.notify_all()
                continue
            if message[2]:  # the process came near its memory cap: start afresh
                slot.stop()
            if self.config.prestart and not slot.alive():  # ended (time or memory limit): replace it now
                slot.start()
            self._settle(pending, message)

    @staticmethod
    def _settle(pending: Pending, message: tuple[Any, ...]) -> None:
        if pending.future.done():
            return
        if message[0] == "ok":
            pending.future.set_result(message[1])
        else:
            pending.future.set_exception(message[1])


def describe(config: ServerConfig) -> str:
    """One line for the start-up message: the pool's limits."""
    n, mb, share, small, base, page, ocr = (
        config.workers,
        config.memory_mb,
        config.worker_memory_mb,
        config.small_worker_mb,
        f"{config.timeout_seconds:g}",
        f"{config.seconds_per_page:g}",
        f"{config.ocr_seconds_per_page:g}",
    )
    if share == small:
        zh_mem, en_mem = f"每个 {share} MB", f"{share} MB each"
    else:
        zh_mem, en_mem = f"每个 {share} MB，小文件进程 {small} MB", f"{share} MB each, {small} MB for small files"
    zh_ocr, en_ocr = "", ""
    if share < OCR_WORKER_MB:
        zh_ocr = f"；图片不识别（需每个进程 {OCR_WORKER_MB} MB）"
        en_ocr = f"; pictures not read (OCR needs {OCR_WORKER_MB} MB a process)"
    return (
        f"检查进程 {n}+1 个，内存共 {mb} MB（{zh_mem}），时限 {base} 秒 + 每页 {page} 秒"
        f" + 图像识别每页 {ocr} 秒{zh_ocr} / "
        f"worker processes {n}+1, memory {mb} MB ({en_mem}), time limit {base} s + {page} s a page"
        f" + {ocr} s an OCR page{en_ocr}"
    )
