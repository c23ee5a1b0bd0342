"""One check inside a worker process: upload bytes → gaicheck.pipeline (parse, rules, error taxonomy) → the answer
(the JSON document, or the whole page with its downloadable report), and the loop a worker process runs.

pool (parent process) → pipe → **worker** (child process) → pipe → pool. The worker process caps its own
address space (its share of the server's memory budget), so a hostile file ends in MemoryError here and
never grows the server; the pool ends the process when a check passes its time limit.
"""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from typing import Any, Literal

from gaicheck.checks.options import Options
from gaicheck.model.finding import FileResult, Finding
from gaicheck.model.report import Report
from gaicheck.ocr import OcrNeedsMemory, lean_process, listen_to_pages, raise_when_memory_short
from gaicheck.pipeline.errors import Kind, classify
from gaicheck.pipeline.stages import check_report, parse_bytes
from gaicheck.readers.sniff import sniff_format
from gaicheck.server.config import ServerConfig
from gaicheck.server.errors import RequestError
from gaicheck.server.limits import guard_upload

JobKind = Literal["check", "parse", "page"]


@dataclass(frozen=True, slots=True)
class Job:
    """What a worker process is asked to do; the upload's bytes travel separately (one copy, no pickling)."""

    kind: JobKind
    filename: str  # a bare basename (gaicheck.server.limits.safe_filename)
    options: Options | None = None
    pasted: bool = False  # page: the upload is text pasted into the form (shown in it again)
    small_lane: bool = False  # sent to the process reserved for small inputs: give it back if it is not


@dataclass(slots=True)
class Checked:
    report: Report
    findings: list[Finding]

    def file_result(self) -> FileResult:
        r = self.report
        return FileResult(
            path=r.path,
            format=r.format,
            template=r.template,
            report_year=r.report_year,
            organ=r.organ,
            findings=self.findings,
        )


def memory_error(mb: int) -> RequestError:
    return RequestError(
        413,
        f"检查此文件所需内存超出上限（每个检查 {mb} MB）/ "
        f"the check needs more memory than the limit ({mb} MB per check)",
        error="memory_limit",
    )


def read_report(filename: str, data: bytes, config: ServerConfig) -> Report:
    """Limits, format, reader, extractor. `filename` must already be a bare basename."""
    guard_upload(data, config)
    if not data.strip():
        raise RequestError(400, "上传内容为空 / the upload is empty")
    fmt = sniff_format(filename, data)
    if fmt is None:
        raise RequestError(
            415,
            f"不支持的文件类型：{filename}（可上传 Word、PDF、HTML、Excel、文本）/ unsupported file type: {filename}",
        )
    try:
        return parse_bytes(filename, data)
    except OcrNeedsMemory:  # the process for small inputs met a picture: the pool gives it to another
        raise
    except Exception as exc:  # the pipeline's error taxonomy says what it was
        kind = classify(exc).kind
        if kind is Kind.UNREADABLE:
            raise RequestError(422, f"无法读取文件 / cannot read file: {exc}"[:400]) from exc
        if kind is Kind.UNSUPPORTED:
            raise RequestError(415, f"暂不支持{fmt}格式 / the {fmt} format is not supported here") from exc
        if kind in (Kind.UNPARSABLE, Kind.MEMORY):
            raise RequestError(422, f"无法解析文件 / cannot parse file: {type(exc).__name__}: {exc}"[:400]) from exc
        raise


def check_upload(filename: str, data: bytes, options: Options, config: ServerConfig) -> Checked:
    """The one call from the server into the checking code (read, extract, rules)."""
    report = read_report(filename, data, config)
    return Checked(report=report, findings=check_report(report, options))


def pdf_pages(data: bytes) -> int:
    """Pages a PDF declares (its page tree's /Count), read without laying out any page; 0 when unknown.
    Decides the PDF's time limit and lane before the reader starts."""
    if not data.startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        return 0
    try:
        from io import BytesIO

        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfparser import PDFParser
        from pdfminer.pdftypes import resolve1

        document = PDFDocument(PDFParser(BytesIO(data)))
        count = resolve1(resolve1(document.catalog["Pages"])["Count"])
    except Exception:  # a damaged PDF: the reader says why
        return 0
    return count if isinstance(count, int) and count > 0 else 0


def perform(job: Job, data: bytes, config: ServerConfig) -> bytes | str:
    """Run one job to the end: the JSON document (bytes) for the API, the whole page (str) for `/check`,
    so that even a huge report is rendered here and never in the server process."""
    from gaicheck.output import jsonout
    from gaicheck.server import render

    if job.kind == "parse":
        return render.json_bytes(jsonout.parse_document(read_report(job.filename, data, config)))
    options = job.options or Options()
    checked = check_upload(job.filename, data, options, config)
    if job.kind == "check":
        return render.json_bytes(jsonout.check_document([checked.file_result()], options.lang))
    pasted = data.decode("utf-8") if job.pasted else None
    limits = {"max_upload_bytes": config.max_upload_bytes, "max_upload_mb": config.max_upload_mb}
    return render.checked_page(job.filename, checked.report, checked.findings, options.lang, pasted, **limits)


# ---- the worker process -----------------------------------------------------------------------------
# messages to the pool: ("ready",) once, then per job ("pages", n) · ("demote",) · ("ok", payload, recycle) ·
# ("error", RequestError, recycle); `recycle`: this process came near its memory cap, replace it


def peak_address_space_mb() -> float:
    """The most address space this process has held (Linux VmPeak), 0 where unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def near_memory_cap(mb: int) -> bool:
    """Did this process come within 10 % of its memory cap (`mb`)? A native library that cannot allocate
    reports it in its own way (lxml: XMLSyntaxError "unknown error"), not as MemoryError. (After a scanned PDF
    of several pages, OCR's peak is near its share: the process is then replaced, which frees it.)"""
    return peak_address_space_mb() >= 0.9 * mb


def out_of_memory(exc: BaseException) -> bool:
    """Was a failed allocation behind this error (a reader reports it as a damaged or unparsable file)?"""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, MemoryError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def answer(job: Job, data: bytes, config: ServerConfig, send: Any) -> None:
    """Run `job` and send its messages; a failed allocation is 413 naming the memory limit. The pictures OCR
    reads are told to the pool as they come (("ocr", A4 pages)): its time limit grows with them."""
    mb = config.share_mb(job.small_lane)
    pages = pdf_pages(data)
    if pages:
        if job.small_lane and pages > config.small_pages:
            send(("demote",))
            return
        send(("pages", pages))
    listen_to_pages(lambda n: send(("ocr", n)))
    try:
        payload = perform(job, data, config)
    except OcrNeedsMemory as exc:  # the process for small inputs met a picture: another process reads it
        if job.small_lane:
            send(("demote",))
            return
        error = RequestError(413, str(exc), error="memory_limit")
    except RequestError as exc:
        error = memory_error(mb) if out_of_memory(exc) else exc
    except MemoryError:
        error = memory_error(mb)
    except Exception:  # a bug: the details stay in this process
        error = RequestError(500, "服务器内部错误 / internal server error")
    else:
        send(("ok", payload, near_memory_cap(mb)))
        return
    finally:
        listen_to_pages(None)
    if near_memory_cap(mb):
        error = error if error.error == "memory_limit" else memory_error(mb)
        send(("error", error, True))
    else:
        send(("error", error, error.error == "memory_limit"))


def _die_with_parent() -> None:
    """Linux: end this process when the server ends, even when the server is killed."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def warm_up() -> None:
    """Import the readers and load the rules once, so that the first check is not slow."""
    import importlib

    from gaicheck.catalogue import load_catalogue
    from gaicheck.readers import READER_MODULES

    for module in sorted(set(READER_MODULES.values()) - {"office"}):
        try:
            importlib.import_module(f"gaicheck.readers.{module}")
        except ImportError:
            continue
    importlib.import_module("gaicheck.output.jsonout")
    load_catalogue()


def worker_main(conn: Any, config: ServerConfig, small_only: bool = False) -> None:
    """The loop of a worker process: receive a job and the upload, answer, repeat until the pipe closes."""
    from gaicheck.limits import Limits, apply_memory_limit

    if hasattr(os, "setsid"):  # POSIX: its own process group, ended with anything it started (LibreOffice)
        os.setsid()
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the server, which ends its workers
    lean_process()
    apply_memory_limit(Limits(max_memory_mb=config.share_mb(small_only)))
    raise_when_memory_short(small_only)  # a picture met here is handed to a process that can read it
    try:
        warm_up()
        conn.send(("ready",))
    except (MemoryError, OSError):
        return
    while True:
        try:
            job = conn.recv()
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        try:
            answer(job, data, config, conn.send)
        except (BrokenPipeError, EOFError, OSError):
            return
        del data
