"""The server's limits against a real `gaicheck serve` (127.0.0.1, started and stopped by its pid): slow
PDFs and a memory-hungry DOCX do not stop a small check; a 45 MB upload stays under 1 GB; slow clients are
closed; a full queue answers 503 with Retry-After; a worker past its time limit is replaced."""

from __future__ import annotations

import io
import select
import socket
import threading
import time
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import httpx

from tests.conftest import DATA
from tests.robustness.test_hostile import _pdf
from tests.server.conftest import EXAMPLES
from tests.server.live import serve

WRONG = EXAMPLES / "2023_example_wrong_totals.txt"
WRONG_CODES = ["SUM001", "SUM001", "SUM003", "SUM003", "SUM004", "VAL002"]


def _codes(response: httpx.Response) -> list[str]:
    return sorted(f["code"] for f in response.json()["files"][0]["findings"] if f["code"].startswith(("SUM", "VAL")))


def _check(url: str, name: str, data: bytes, timeout: float = 60) -> httpx.Response:
    return httpx.post(f"{url}/api/v1/check", params={"filename": name}, content=data, timeout=timeout)


def hungry_docx(megabytes: int) -> bytes:
    """A real DOCX (the clean example) whose body is `megabytes` MB of paragraphs: under 1 MB zipped, inside
    the 200 MB zip limit, gigabytes once parsed."""
    source = DATA / "formats" / "2023_example_clean.docx"
    with zipfile.ZipFile(source) as zf:
        entries = {info.filename: zf.read(info.filename) for info in zf.infolist()}
    document = entries["word/document.xml"]
    body = document.index(b"<w:body>") + len(b"<w:body>")
    para = b"<w:p><w:r><w:t>" + "本机关全年共收到政府信息公开申请".encode() * 4 + b"</w:t></w:r></w:p>"
    chunk = para * 10_000
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in entries.items():
            if name != "word/document.xml":
                zf.writestr(name, data)
                continue
            with zf.open(name, "w", force_zip64=True) as fh:
                fh.write(document[:body])
                for _ in range(megabytes * 1024 * 1024 // len(chunk)):
                    fh.write(chunk)
                fh.write(document[body:])
    return out.getvalue()


def _in_background(results: dict[str, object], url: str, name: str, data: bytes) -> threading.Thread:
    def post() -> None:
        try:
            results[name] = _check(url, name, data, timeout=120)
        except httpx.HTTPError as exc:  # the server is stopped before the slow ones finish
            results[name] = exc

    thread = threading.Thread(target=post, daemon=True)
    thread.start()
    return thread


def test_slow_pdfs_and_a_hungry_docx_leave_a_small_check_answering(tmp_path: Path) -> None:
    pdfs = [_pdf(tmp_path / f"slow{i}.pdf", 400).read_bytes() for i in range(4)]
    docx = hungry_docx(190)
    assert len(docx) < 1024 * 1024
    results: dict[str, object] = {}
    with serve() as server:  # the defaults: 1+1 workers, 1 GB in total, 30 s + 0.2 s a page
        threads = [_in_background(results, server.url, "hungry.docx", docx)]
        time.sleep(0.3)
        threads += [_in_background(results, server.url, f"slow{i}.pdf", pdf) for i, pdf in enumerate(pdfs)]
        time.sleep(1.5)
        start = time.monotonic()
        small = _check(server.url, WRONG.name, WRONG.read_bytes(), timeout=15)
        elapsed = time.monotonic() - start
        threads[0].join(timeout=30)
        peak = server.peak_mb
        pending = sorted(name for name in results if name.endswith(".pdf"))
    for thread in threads:
        thread.join(timeout=30)
    assert small.status_code == 200 and _codes(small) == WRONG_CODES
    assert elapsed < 15, elapsed
    assert pending == [], "the slow PDFs were still being checked"
    hungry = results["hungry.docx"]
    assert isinstance(hungry, httpx.Response) and hungry.status_code == 413
    assert hungry.json() == {
        "status": 413,
        "error": "memory_limit",
        "message": "检查此文件所需内存超出上限（每个检查 720 MB）/ the check needs more memory than the limit (720 MB per check)",
    }
    assert peak < 1536, f"server tree peaked at {peak:.0f} MB"


def test_a_45_mb_text_keeps_the_server_under_1_gb() -> None:
    data = WRONG.read_bytes() * (45 * 1024 * 1024 // len(WRONG.read_bytes()) + 1)
    with serve("--max-upload-mb", "50") as server:
        r = _check(server.url, "big.txt", data, timeout=120)
        after = _check(server.url, WRONG.name, WRONG.read_bytes())
        peak = server.peak_mb
    # over its memory share the worker gives up (413) or, when a native library aborts under the cap, dies and is
    # replaced (503 worker_failed); on a slow machine the time limit may come first (503 timeout): either way a
    # JSON answer, and the server goes on answering under 1 GB
    assert (r.status_code, r.json()["error"]) in {(413, "memory_limit"), (503, "worker_failed"), (503, "timeout")}
    assert after.status_code == 200 and _codes(after) == WRONG_CODES
    assert peak < 1024, f"server tree peaked at {peak:.0f} MB"


def _open(port: int, head: bytes) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(head)
    s.setblocking(False)
    return s


def test_slow_clients_are_closed_and_others_still_answered() -> None:
    with serve("--header-timeout", "2", "--body-timeout", "3") as server:
        port = urlparse(server.url).port
        assert port is not None
        start = time.monotonic()
        heads = [_open(port, b"POST /api/v1/check HTTP/1.1\r\nHost: x\r\nX-Slow: ") for _ in range(300)]
        bodies = [
            _open(port, b"POST /api/v1/check?filename=a.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nab")
            for _ in range(10)
        ]
        closed: dict[socket.socket, float] = {}
        received: dict[socket.socket, bytes] = {s: b"" for s in bodies}
        normal: httpx.Response | None = None
        while len(closed) < len(heads) + len(bodies) and time.monotonic() - start < 15:
            for s in heads + bodies:  # one more byte now and then: each byte used to restart uvicorn's timer
                if s not in closed:
                    try:
                        s.send(b"a")
                    except OSError:
                        closed[s] = time.monotonic() - start
            readable, _, _ = select.select([s for s in heads + bodies if s not in closed], [], [], 0.3)
            for s in readable:
                try:
                    chunk = s.recv(65536)
                except OSError:
                    chunk = b""
                if s in received:
                    received[s] += chunk
                if not chunk:
                    closed[s] = time.monotonic() - start
            if normal is None and time.monotonic() - start > 1:  # in the middle of it all
                normal = _check(server.url, WRONG.name, WRONG.read_bytes(), timeout=15)
        for s in heads + bodies:
            s.close()
    assert normal is not None and normal.status_code == 200 and _codes(normal) == WRONG_CODES
    assert len(closed) == 310
    assert max(closed[s] for s in heads) < 2 + 4, "request heads: 2 s, plus slack for a loaded machine"
    assert min(closed[s] for s in heads) >= 1.9
    assert max(closed[s] for s in bodies) < 3 + 4
    for s in bodies:
        head, _, body = received[s].partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 408 "), head
        assert body.decode() == (
            '{\n  "status": 408,\n  "error": "request_timeout",\n'
            '  "message": "上传超时（须在 3 秒内传完）/ request body not received within 3 s"\n}'
        )


def test_a_full_queue_answers_503_with_retry_after(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "slow.pdf", 400).read_bytes()
    results: dict[str, object] = {}
    args = ("--workers", "1", "--queue-size", "1", "--timeout", "30", "--small-mb", "0.01")
    with serve(*args) as server:
        _in_background(results, server.url, "first.pdf", pdf)  # checked
        time.sleep(1)
        _in_background(results, server.url, "second.pdf", pdf)  # waits
        time.sleep(1)
        third = _check(server.url, "third.pdf", pdf)
        small = _check(server.url, WRONG.name, WRONG.read_bytes())  # the small lane is not full
        waiting = sorted(results)
    assert waiting == []
    assert third.status_code == 503 and third.headers["retry-after"] == "5"
    assert third.json() == {
        "status": 503,
        "error": "busy",
        "message": "服务器繁忙（大文件排队已满，上限 1 个），请 5 秒后再试 / "
        "server busy (the large-file queue is full, limit 1), retry in 5 s",
    }
    assert small.status_code == 200 and _codes(small) == WRONG_CODES


def test_a_worker_past_its_time_limit_is_replaced(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "slow.pdf", 400).read_bytes()
    docx = (DATA / "formats" / "2023_example_wrong_totals.docx").read_bytes()
    args = ("--workers", "1", "--timeout", "2", "--seconds-per-page", "0.001", "--small-mb", "0.01")
    with serve(*args) as server:
        before = server.workers()
        start = time.monotonic()
        r = _check(server.url, "slow.pdf", pdf)
        elapsed = time.monotonic() - start
        deadline = time.monotonic() + 30
        while (len(server.workers()) != 2 or server.workers() == before) and time.monotonic() < deadline:
            time.sleep(0.1)
        after = server.workers()
        again = _check(server.url, "2023_example_wrong_totals.docx", docx)  # large: the replaced worker's
    assert r.status_code == 503 and r.headers["retry-after"] == "1"
    assert r.json() == {
        "status": 503,
        "error": "timeout",
        "message": "检查超时（上限 2.4 秒：2 秒 + 每页 0.001 秒 × 400 页）/ "
        "check timed out (limit 2.4 s: 2 s + 0.001 s × 400 pages)",
    }
    assert 2.4 <= elapsed < 10
    assert len(after) == 2 and len(set(after) & set(before)) == 1, (before, after)
    assert again.status_code == 200 and _codes(again) == WRONG_CODES
