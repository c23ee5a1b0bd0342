"""`gaicheck check URL` (gaicheck/urls/): a page and the attachments it links checked as one report — the
attachment's tables fill what the page lacks (no STR002), findings name the attachment — and the limits:
size, redirects, timeout, an HTTP error, a refused connection, each one line; `--urls FILE`.

Served by a local HTTP server on 127.0.0.1, started by the test in a thread (never any other address)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from gaicheck.cli import main
from gaicheck.urls import download as download_module
from tests.conftest import DATA

NAME = "示例镇2023年政府信息公开工作年度报告统计表"
PAGE = (DATA / "missing" / "2023_tables_as_attachment.html").read_text(encoding="utf-8")


def _page(extension: str) -> bytes:
    return PAGE.replace(f"{NAME}.xls", f"{NAME}.{extension}").encode("utf-8")


ROUTES: dict[str, bytes] = {
    "/t20240131_86688.htm": _page("docx"),
    f"/attach/0/20240125/{NAME}.docx": (DATA / "formats" / "2023_example_wrong_totals.docx").read_bytes(),
    "/clean.htm": _page("xlsx"),
    f"/attach/0/20240125/{NAME}.xlsx": (DATA / "formats" / "2023_example_clean.xlsx").read_bytes(),
    "/alone.htm": PAGE.encode("utf-8"),  # its .xls link is not served: 404
    "/big.htm": b"<html>" + b" " * 4096 + b"</html>",
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        path = unquote(self.path)
        if path.startswith("/loop"):  # redirects for ever
            self.send_response(302)
            self.send_header("Location", f"/loop{int(path[5:] or 0) + 1}")
            self.end_headers()
            return
        if path == "/slow.htm":
            time.sleep(1.5)
        body = ROUTES.get(path, b"<html>slow</html>" if path == "/slow.htm" else None)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the size limit, the timeout): a broken pipe here is expected


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_page_and_attachment_are_one_report(server: str) -> None:
    url = f"{server}/t20240131_86688.htm"
    code, out, _ = _check(url, "--format", "json")
    assert code == 1

    (result,) = json.loads(out)["files"]
    found = [(f["code"], f["line"], f["page"], f["where"]) for f in result["findings"]]
    docx = f"附件「{NAME}.docx」"
    assert found == [  # in document order: by table, row and cell where there are no lines
        ("VAL002", None, None, f"{docx} 表1 第10行 第2列"),
        ("SUM001", None, None, f"{docx} 表2 第27行 第2列"),
        ("SUM003", None, None, f"{docx} 表2 第27行 第2列"),
        ("SUM001", None, None, f"{docx} 表2 第27行 第8列"),
        ("SUM003", None, None, f"{docx} 表2 第27行 第8列"),
        ("SUM004", None, None, f"{docx} 表3 第4行 第5列"),
        ("TXT003", 16, None, None),  # the page's prose against the attachment's table
    ]
    assert result["path"] == url and result["report_year"] == 2023
    code, out, _ = _check(f"{server}/clean.htm")  # the tables in a workbook: nothing missing, nothing wrong
    assert (code, out) == (0, "共检查1个文件：错误0个，警告0个，提示0个\n")


def test_network_errors_are_one_line(server: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    code, out, err = _check(f"{server}/alone.htm")
    attachment = f"{server}/attach/0/20240125/{NAME}.xls"
    assert code == 2
    assert out.splitlines()[0] == f"{server}/alone.htm: 无法检查: {attachment}：无法下载：服务器返回 HTTP 404"
    code, out, _ = _check(f"{server}/loop", "--lang", "en")
    assert out.splitlines()[0] == f"{server}/loop: cannot check: {server}/loop: cannot download: too many redirects (limit 5)"
    monkeypatch.setattr(download_module, "TIMEOUT_SECONDS", 0.3)
    monkeypatch.setattr(download_module.download, "__defaults__", ("zh", download_module.MAX_BYTES, 0.3))
    code, out, _ = _check(f"{server}/slow.htm")
    assert out.splitlines()[0] == f"{server}/slow.htm: 无法检查: {server}/slow.htm：无法下载：超时（0.3 秒）"
    monkeypatch.setenv("GAICHECK_MAX_FILE_MB", "0.001")
    from gaicheck import limits

    limits.env_limits.cache_clear()
    try:
        code, out, _ = _check(f"{server}/big.htm")
    finally:
        monkeypatch.delenv("GAICHECK_MAX_FILE_MB")
        limits.env_limits.cache_clear()
    assert out.splitlines()[0] == f"{server}/big.htm: 无法检查: {server}/big.htm：无法下载：超过大小上限 1.0 KB"
    # nothing listens on the port of a closed server
    closed = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = closed.server_address[1]
    closed.server_close()
    code, out, _ = _check(f"http://127.0.0.1:{port}/x.htm")
    assert code == 2 and out.splitlines()[0] == f"http://127.0.0.1:{port}/x.htm: 无法检查: http://127.0.0.1:{port}/x.htm：无法下载：Connection refused"


def test_urls_file(server: str, tmp_path: Path) -> None:
    listed = tmp_path / "urls.txt"
    listed.write_text(f"# 年报\n{server}/clean.htm\n\n{server}/t20240131_86688.htm\n", encoding="utf-8")
    code, out, _ = _check("--urls", str(listed), "--select", "SUM004")
    assert code == 1
    assert out.splitlines()[-1] == "共检查2个文件：错误1个，警告0个，提示0个"
    assert out.splitlines()[0].startswith(f"{server}/t20240131_86688.htm: SUM004 ")
    code, _, err = _check("--urls", str(tmp_path / "none.txt"))
    assert code == 2 and err.startswith(f"gaicheck: 无法读取网址列表 {tmp_path / 'none.txt'}：")
