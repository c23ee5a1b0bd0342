"""Running one check for a request: upload bytes → gaicheck.pipeline (parse, rules, error taxonomy), in a
worker thread with a time limit, so a slow or hostile file never blocks the server.

limits → **worker** → view (page) / jsonout (API). A thread cannot be killed: a check past its time
limit gets a 503 answer and keeps its worker until it ends; the pool size bounds how many can.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from gaicheck.checks.options import Options
from gaicheck.model.finding import FileResult, Finding
from gaicheck.model.report import Report
from gaicheck.pipeline.errors import Kind, classify
from gaicheck.pipeline.stages import check_report, parse_bytes
from gaicheck.readers.sniff import sniff_format
from gaicheck.server.config import ServerConfig
from gaicheck.server.errors import RequestError
from gaicheck.server.limits import guard_upload

T = TypeVar("T")

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
    report = read_report(filename, data, config)
    return Checked(report=report, findings=check_report(report, options))


class Worker:
    """A small thread pool; `run` waits for a job at most `timeout` seconds (queueing included)."""

    def __init__(self, config: ServerConfig) -> None:
        self.timeout = config.timeout_seconds
        self._pool = ThreadPoolExecutor(max_workers=config.worker_threads, thread_name_prefix="gaicheck-check")

    async def run(self, func: Callable[[], T]) -> T:
        future = self._pool.submit(func)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except TimeoutError as exc:
            future.cancel()
            raise RequestError(
                503, f"检查超时（上限 {self.timeout:g} 秒），请稍后再试 / check timed out after {self.timeout:g} s"
            ) from exc

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
