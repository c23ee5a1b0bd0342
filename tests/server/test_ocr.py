"""Pictures in the server: memory shares (the processes for any input can run OCR at the defaults; the one for
small inputs hands pictures on), OCR pages in the time limit, and a PNG of a table checked by a real
`gaicheck serve` on 127.0.0.1 (needs the `ocr` extra and Chromium, as tests/ocr)."""

from __future__ import annotations

import importlib.util
import io
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from gaicheck import ocr
from gaicheck.server import worker
from gaicheck.server.config import MIN_WORKER_MB, OCR_WORKER_MB, ServerConfig
from gaicheck.server.pool import Pool, describe, timed_out

ROOT = Path(__file__).resolve().parents[2]
WRONG_HTML = ROOT / "tests/data/formats/2023_example_wrong_totals.html"
WRONG_CODES = ["SUM001", "SUM001", "SUM003", "SUM003", "SUM004", "VAL002"]


def _png(width: int = 60, height: int = 40) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (width, height), 255).save(buf, format="PNG")
    return buf.getvalue()


def test_default_budget_gives_the_processes_for_any_input_the_ocr_share() -> None:
    config = ServerConfig()  # 1 GB, 1 process for any input + 1 for small inputs
    assert (config.worker_memory_mb, config.small_worker_mb) == (OCR_WORKER_MB, 1024 - OCR_WORKER_MB)
    assert config.share_mb(small_only=False) == 720 and config.share_mb(small_only=True) == 304
    assert config.small_worker_mb >= MIN_WORKER_MB


def test_budget_too_small_for_ocr_is_shared_equally_and_says_so() -> None:
    config = ServerConfig(workers=2)  # 3 processes: 2 × 720 leaves less than 160 for the third
    assert (config.worker_memory_mb, config.small_worker_mb) == (341, 341)
    assert "图片不识别（需每个进程 720 MB）" in describe(config)
    assert "pictures not read (OCR needs 720 MB a process)" in describe(config)
    big = ServerConfig(workers=2, memory_mb=2400)  # 800 each: equal shares already hold OCR
    assert (big.worker_memory_mb, big.small_worker_mb) == (800, 800)
    assert "图片不识别" not in describe(big)


def test_default_description_names_both_shares_and_the_ocr_allowance() -> None:
    assert describe(ServerConfig(timeout_seconds=30, seconds_per_page=0.2, ocr_seconds_per_page=10)) == (
        "检查进程 1+1 个，内存共 1024 MB（每个 720 MB，小文件进程 304 MB），时限 30 秒 + 每页 0.2 秒"
        " + 图像识别每页 10 秒 / worker processes 1+1, memory 1024 MB (720 MB each, 304 MB for small files),"
        " time limit 30 s + 0.2 s a page + 10 s an OCR page"
    )


def test_ocr_pages_count_in_the_time_limit_as_on_the_command_line() -> None:
    config = ServerConfig(timeout_seconds=30, seconds_per_page=0.2, ocr_seconds_per_page=10)
    assert config.time_limit_ocr(5, 2.5) == 30 + 0.2 * 5 + 10 * 2.5
    error = timed_out(config, 0, 1.37)
    assert (error.status, error.error) == (503, "timeout")
    assert error.message == (
        "检查超时（上限 43.7 秒：30 秒 + 图像识别每页 10 秒 × 1.37 页）"
        "/ check timed out (limit 43.7 s: 30 s + OCR 10 s × 1.37 pages)"
    )


def test_a4_pages_of_a_picture() -> None:
    assert ocr.a4_pages(1240, 1754) == 1.0  # an A4 page at 150 dpi
    assert ocr.a4_pages(1240, 2400) == 1.37  # a screenshot of a whole report
    assert ocr.a4_pages(1754, 1240) == 1.0  # landscape: one page


def test_pictures_and_legacy_office_files_never_go_to_the_small_lane() -> None:
    pool = Pool(ServerConfig())
    assert not pool.is_small(_png())
    assert not pool.is_small(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))  # a .doc: LibreOffice, 460 MB
    assert pool.is_small(b"2023 report\n")


def test_the_process_for_small_inputs_hands_a_picture_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under a memory share too small for OCR, the small-input process gives the job back (("demote",)),
    the others answer with the one-line reason."""
    monkeypatch.setattr("gaicheck.readers.image.address_space_cap_mb", lambda: 304)
    monkeypatch.setattr(worker, "near_memory_cap", lambda mb: False)  # (this test process may have run OCR)
    sent: list[tuple[Any, ...]] = []
    ocr.raise_when_memory_short(True)
    try:
        worker.answer(worker.Job("check", "t.png", small_lane=True), _png(), ServerConfig(), sent.append)
    finally:
        ocr.raise_when_memory_short(False)
    assert sent == [("demote",)]
    sent.clear()
    worker.answer(worker.Job("check", "t.png"), _png(), ServerConfig(), sent.append)
    ((kind, error, _recycle),) = sent
    assert (kind, error.status) == ("error", 422)
    assert "图像识别需要至少 700 MB 内存，当前上限 304 MB" in error.message


needs_ocr = pytest.mark.skipif(
    sys.version_info >= (3, 13)
    or importlib.util.find_spec("rapidocr_onnxruntime") is None
    or importlib.util.find_spec("playwright") is None
    or shutil.which("chromium") is None,
    reason="needs the ocr extra (Python < 3.13) and Chromium",
)


@needs_ocr
def test_a_png_of_a_table_is_checked_by_a_real_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """At the default memory budget; a base time limit of 1 s that only the OCR pages' allowance
    (GAICHECK_OCR_SECONDS_PER_PAGE, as the command line counts it) lets the picture's check finish in."""
    from tests.ocr.render import png_bytes, screenshot
    from tests.server.live import serve

    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API refuses a thread where an asyncio loop ran
        png = png_bytes(pool.submit(screenshot, WRONG_HTML.read_text(encoding="utf-8"), WRONG_HTML).result())
    monkeypatch.setenv("GAICHECK_OCR_SECONDS_PER_PAGE", "90")
    with serve("--timeout", "1") as server:
        r = httpx.post(f"{server.url}/api/v1/check", params={"filename": "table.png"}, content=png, timeout=300)
        again = httpx.post(f"{server.url}/api/v1/check", params={"filename": "t.txt"}, content=b"\n", timeout=60)
    assert r.status_code == 200, r.text
    (file,) = r.json()["files"]
    assert file["format"] == "image"
    codes = sorted(f["code"] for f in file["findings"] if f["code"].startswith(("SUM", "VAL")))
    assert codes == WRONG_CODES
    assert all(f["message"].endswith("（图像识别）") for f in file["findings"] if f["code"].startswith("SUM"))
    assert again.status_code == 400  # the server goes on answering
