"""HTTP API of `gaicheck serve` through the ASGI test client: every endpoint, every error status."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from gaicheck.api import check_file, parse_path
from gaicheck.catalogue import load_catalogue
from gaicheck.output import jsonout
from gaicheck.readers.errors import ReadError
from gaicheck.server import worker
from gaicheck.server.app import create_app
from gaicheck.server.config import ServerConfig
from gaicheck.server.errors import RequestError
from gaicheck.server.limits import safe_filename
from tests.server.conftest import EXAMPLES, free_port

WRONG = EXAMPLES / "2023_example_wrong_totals.txt"
WRONG_CODES = ["VAL002", "SUM001", "SUM003", "SUM001", "SUM003", "SUM004"]  # its arithmetic and value findings


def _sum_val(findings: list[dict[str, object]]) -> list[object]:
    return [f["code"] for f in findings if str(f["code"]).startswith(("SUM", "VAL"))]


def _expected_check(path: str, name: str) -> dict[str, object]:
    doc = jsonout.check_document([check_file(path)])
    doc["files"][0]["path"] = name  # type: ignore[index]
    return doc


def _client(**config: object) -> TestClient:
    return TestClient(create_app(ServerConfig(**config)), raise_server_exceptions=False)  # type: ignore[arg-type]


# ---- success -----------------------------------------------------------------------------------------


def test_check_multipart_is_the_cli_json(client: TestClient) -> None:
    r = client.post("/api/v1/check", files={"file": ("2023_example_wrong_totals.txt", WRONG.read_bytes())})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body == _expected_check(str(WRONG), "2023_example_wrong_totals.txt")
    f = body["files"][0]
    assert _sum_val(f["findings"]) == WRONG_CODES
    assert (f["template"], f["report_year"], f["organ"]) == ("2021", 2023, "示例县错例镇人民政府")
    sum004 = next(x for x in f["findings"] if x["code"] == "SUM004")
    assert (sum004["line"], sum004["column"], sum004["expected"], sum004["actual"]) == (59, 17, 4, 5)
    assert sum004["message"] == "表3「行政复议」：结果维持(2)+结果纠正(1)+其他结果(0)+尚未审结(1)=4，而总计为5，相差1"
    assert body["summary"]["files"] == 1 and body["summary"]["unreadable"] == 0


def test_check_raw_body_with_filename_and_options(client: TestClient) -> None:
    r = client.post("/api/v1/check?filename=r.txt&lang=en&select=SUM&ignore=SUM003", content=WRONG.read_bytes())
    assert r.status_code == 200
    f = r.json()["files"][0]
    assert f["path"] == "r.txt"
    assert [x["code"] for x in f["findings"]] == ["SUM001", "SUM001", "SUM004"]
    assert f["findings"][2]["message"].startswith("Table 3")


def test_check_pasted_text_field(client: TestClient) -> None:
    r = client.post("/api/v1/check", data={"text": WRONG.read_text(encoding="utf-8"), "select": "SUM,VAL"})
    assert r.status_code == 200
    assert [x["code"] for x in r.json()["files"][0]["findings"]] == WRONG_CODES
    r = client.post("/api/v1/check", files={"text": (None, WRONG.read_text(encoding="utf-8"))})
    assert _sum_val(r.json()["files"][0]["findings"]) == WRONG_CODES


def test_clean_seed_has_no_findings(client: TestClient) -> None:
    data = (EXAMPLES / "2024_xiaodukouzhen.txt").read_bytes()
    r = client.post("/api/v1/check?filename=2024_xiaodukouzhen.txt", content=data)
    assert r.status_code == 200
    assert r.json() == _expected_check(str(EXAMPLES / "2024_xiaodukouzhen.txt"), "2024_xiaodukouzhen.txt")


def test_parse_is_the_cli_json(client: TestClient) -> None:
    r = client.post("/api/v1/parse", files={"file": ("w.txt", WRONG.read_bytes())})
    assert r.status_code == 200
    expected = jsonout.parse_document(parse_path(str(WRONG)))
    expected["path"] = "w.txt"
    assert r.json() == expected
    cells = {c["key"]: c for c in r.json()["cells"]}
    assert cells["review.reconsideration.total"]["raw"] == "5"
    assert cells["active.penalty.decisions"]["value"] == 46.5


def test_rules(client: TestClient) -> None:
    r = client.get("/api/v1/rules")
    assert r.status_code == 200
    rules = r.json()
    assert [x["code"] for x in rules] == list(load_catalogue())
    assert {"code": "SUM004", "severity": "error"}.items() <= next(x for x in rules if x["code"] == "SUM004").items()


def test_healthz_and_openapi(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {"/api/v1/check", "/api/v1/parse", "/api/v1/rules", "/healthz"}
    responses = schema["paths"]["/api/v1/check"]["post"]["responses"]
    assert set(responses) == {"200", "400", "408", "413", "415", "422", "503"}
    assert set(responses["503"]["headers"]) == {"Retry-After"}


def test_path_in_filename_never_used(client: TestClient) -> None:
    r = client.post("/api/v1/check?filename=../../../../etc/passwd", content=WRONG.read_bytes())
    assert r.json()["files"][0]["path"] == "passwd"
    r = client.post("/api/v1/check", files={"file": ("C:\\Users\\x\\..\\r.txt", WRONG.read_bytes())})
    assert r.json()["files"][0]["path"] == "r.txt"
    assert safe_filename("..") == "upload"
    assert safe_filename("a/\x00b\x07.txt") == "b.txt"
    assert safe_filename(None) == "upload"


def test_security_headers_and_cors_off(client: TestClient) -> None:
    r = client.get("/healthz", headers={"Origin": "http://portal.example"})
    assert "access-control-allow-origin" not in r.headers
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_cors_when_configured() -> None:
    with _client(cors_origins=("http://portal.example",)) as c:
        r = c.get("/healthz", headers={"Origin": "http://portal.example"})
        assert r.headers["access-control-allow-origin"] == "http://portal.example"
        r = c.get("/healthz", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in r.headers


# ---- errors ------------------------------------------------------------------------------------------


def _error(r: object, status: int, slug: str) -> str:
    assert r.status_code == status, r.text  # type: ignore[attr-defined]
    body = r.json()  # type: ignore[attr-defined]
    assert body["status"] == status and body["error"] == slug
    message: str = body["message"]
    return message


def test_400_empty_body(client: TestClient) -> None:
    assert "请求体为空" in _error(client.post("/api/v1/check"), 400, "bad_request")
    assert "上传内容为空" in _error(client.post("/api/v1/parse?filename=a.txt", content=b"  \n"), 400, "bad_request")


def test_400_multipart_without_file(client: TestClient) -> None:
    msg = _error(client.post("/api/v1/check", files={"other": (None, "x")}), 400, "bad_request")
    assert "field 'file'" in msg


def test_400_bad_options(client: TestClient) -> None:
    data = WRONG.read_bytes()
    assert "lang" in _error(client.post("/api/v1/check?lang=fr", content=data), 400, "bad_request")
    assert "XYZ9" in _error(client.post("/api/v1/check?select=XYZ9", content=data), 400, "bad_request")


def test_413_declared_and_streamed() -> None:
    with _client(max_upload_bytes=1000) as c:
        big = b"a" * 400_000
        assert "上限" in _error(c.post("/api/v1/check?filename=a.txt", content=big), 413, "too_large")

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
            for _ in range(40):
                yield b"b" * 10_000

        _error(c.post("/api/v1/check?filename=a.txt", content=chunks()), 413, "too_large")
        _error(c.post("/api/v1/check?filename=a.txt", content=b"c" * 1001), 413, "too_large")
        _error(c.post("/api/v1/check", files={"file": ("a.txt", b"d" * 5000)}), 413, "too_large")
        assert c.post("/api/v1/check?filename=a.txt", content=b"e" * 999).status_code == 200


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_413_zip_bomb() -> None:
    with _client(max_unzipped_bytes=1_000_000, max_zip_entries=50) as c:
        bomb = _zip({"word/document.xml": b"<w/>" + b"\0" * 2_000_000})
        assert len(bomb) < 10_000
        assert "解压后过大" in _error(c.post("/api/v1/check?filename=r.docx", content=bomb), 413, "too_large")
        many = _zip({"word/document.xml": b"<w/>", **{f"x/{i}": b"" for i in range(60)}})
        assert "条目过多" in _error(c.post("/api/v1/parse?filename=r.docx", content=many), 413, "too_large")


def test_415_unsupported(client: TestClient) -> None:
    msg = _error(client.post("/api/v1/check?filename=x.bin", content=bytes(range(256)) * 4), 415, "unsupported_type")
    assert "x.bin" in msg
    odt = _zip({"content.xml": b"<office/>", "mimetype": b"application/vnd.oasis.opendocument.text"})
    _error(client.post("/api/v1/parse", files={"file": ("r.odt", odt)}), 415, "unsupported_type")


def test_422_unreadable(client: TestClient) -> None:
    # a real unreadable file: an HTML span bomb refused by the HTML reader's grid guard
    bomb = b"<html><body><table><tr><td rowspan=0 colspan=1000>x</td></tr>" + b"<tr><td>1</td></tr>" * 6000
    msg = _error(
        client.post("/api/v1/check?filename=r.html", content=bomb + b"</table></body></html>"), 422, "unreadable"
    )
    assert "表格过大" in msg


ROOMY = ServerConfig(memory_mb=1_000_000)  # this test process is never near its share of such a budget


def _answers(job: worker.Job, data: bytes, config: ServerConfig = ROOMY) -> list[tuple[object, ...]]:
    sent: list[tuple[object, ...]] = []
    worker.answer(job, data, config, sent.append)
    return sent


def test_worker_answers_reader_failures_and_bugs(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a worker process sends back (run here in-process): a reader's exception is 422 with its
    reason, a bug is 500 without details, a failed allocation is 413 naming the memory limit."""

    def crashing(path: str, data: bytes) -> object:
        raise ValueError("bad table")

    monkeypatch.setattr(worker, "parse_bytes", crashing)
    ((kind, error, recycle),) = _answers(worker.Job("parse", "r.txt"), b"x")
    assert (kind, recycle) == ("error", False)
    assert isinstance(error, RequestError) and error.status == 422
    assert error.message == "无法解析文件 / cannot parse file: ValueError: bad table"

    def starved(path: str, data: bytes) -> object:  # as the DOCX reader reports a failed allocation
        try:
            raise MemoryError
        except MemoryError as exc:
            raise ReadError("DOCX 文件损坏，无法读取 / damaged DOCX, cannot be read (MemoryError)") from exc

    monkeypatch.setattr(worker, "parse_bytes", starved)
    docx = (EXAMPLES.parent / "tests" / "data" / "formats" / "2023_example_wrong_totals.docx").read_bytes()
    ((kind, error, recycle),) = _answers(worker.Job("check", "r.docx"), docx)
    assert isinstance(error, RequestError) and (error.status, error.slug, recycle) == (413, "memory_limit", True)

    def bug(report: object, options: object) -> list[object]:
        raise RuntimeError("secret detail")

    monkeypatch.undo()
    monkeypatch.setattr(worker, "check_report", bug)
    ((kind, error, recycle),) = _answers(worker.Job("check", "w.txt"), WRONG.read_bytes())
    assert isinstance(error, RequestError) and (error.status, error.message) == (
        500,
        "服务器内部错误 / internal server error",
    )

    def hungry(report: object, options: object) -> list[object]:
        raise MemoryError

    monkeypatch.setattr(worker, "check_report", hungry)
    ((kind, error, recycle),) = _answers(worker.Job("page", "w.txt"), WRONG.read_bytes(), ServerConfig(memory_mb=900))
    assert isinstance(error, RequestError) and recycle is True
    assert error.as_json() == {
        "status": 413,
        "error": "memory_limit",
        "message": "检查此文件所需内存超出上限（每个检查 720 MB）/ the check needs more memory than the limit (720 MB per check)",
    }  # 900 MB: 720 for the process for any input (OCR's share), 180 for the one for small inputs


def test_worker_gives_a_many_page_pdf_back_from_the_small_lane(tmp_path: Path) -> None:
    from tests.robustness.test_hostile import _pdf

    data = _pdf(tmp_path / "p.pdf", 4).read_bytes()
    assert worker.pdf_pages(data) == 4
    assert _answers(
        worker.Job("parse", "p.pdf", small_lane=True), data, ServerConfig(small_pages=3, memory_mb=1_000_000)
    ) == [("demote",)]
    sent = _answers(
        worker.Job("parse", "p.pdf", small_lane=True), data, ServerConfig(small_pages=4, memory_mb=1_000_000)
    )
    assert [m[0] for m in sent] == ["pages", "ok"] and sent[0] == ("pages", 4) and sent[1][2] is False


def test_503_time_limit_ends_the_worker_and_the_next_check_works() -> None:
    slow = (
        b"<html><body><table>\n"
        + b"<tr><td>\xe4\xb8\x80</td><td>1</td><td>2</td></tr>\n" * 80_000
        + b"</table></body></html>"
    )
    with _client(timeout_seconds=1.0, small_bytes=1000) as c:
        start = time.monotonic()
        r = c.post("/api/v1/check?filename=slow.html", content=slow)
        msg = _error(r, 503, "timeout")
        assert msg == "检查超时（上限 1 秒）/ check timed out (limit 1 s)"
        assert r.headers["retry-after"] == "1"
        assert time.monotonic() - start < 15
        r = c.post("/api/v1/check?filename=w.txt", content=WRONG.read_bytes())
        assert r.status_code == 200 and _sum_val(r.json()["files"][0]["findings"]) == WRONG_CODES


def test_404_405(client: TestClient) -> None:
    _error(client.get("/api/v1/nothing"), 404, "not_found")
    _error(client.get("/api/v1/check"), 405, "method_not_allowed")


# ---- the command -------------------------------------------------------------------------------------


def test_version_does_not_import_the_server() -> None:
    code = (
        "import sys\nfrom gaicheck.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in ('starlette', 'uvicorn', 'jinja2') if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", "import json\n" + code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_gaicheck_serve_command_serves() -> None:
    import httpx

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gaicheck", "serve", "--port", str(port), "--max-upload-mb", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail("gaicheck serve did not start: " + proc.stderr.read().decode()[-500:])  # type: ignore[union-attr]
                time.sleep(0.1)
        assert r.json()["status"] == "ok"
        big = httpx.post(f"http://127.0.0.1:{port}/api/v1/check?filename=a.txt", content=b"x" * 2_000_000)
        assert big.status_code == 413
        page = httpx.get(f"http://127.0.0.1:{port}/")
        assert "不超过 1 MB" in page.text
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_word_pdf_and_html_uploads_give_the_same_findings(client: TestClient) -> None:
    from tests.conftest import DATA

    codes = {}
    for ext in ("txt", "html", "docx", "pdf"):
        source = (EXAMPLES if ext == "txt" else DATA / "formats") / f"2023_example_wrong_totals.{ext}"
        r = client.post("/api/v1/check", files={"file": (source.name, source.read_bytes())})
        assert r.status_code == 200, (ext, r.text)
        (file,) = r.json()["files"]
        assert file["format"] == ("text" if ext == "txt" else ext)
        codes[ext] = sorted(f["code"] for f in file["findings"] if f["code"].startswith(("SUM", "VAL")))
    assert (
        codes["html"]
        == codes["docx"]
        == codes["pdf"]
        == codes["txt"]
        == [
            "SUM001",
            "SUM001",
            "SUM003",
            "SUM003",
            "SUM004",
            "VAL002",
        ]
    )


def test_a_doc_is_converted_by_libreoffice_within_a_worker_memory_share(client: TestClient, tmp_path: Path) -> None:
    """LibreOffice needs ~460 MB of address space: the default share (1 GB / 2 processes) leaves it room."""
    from gaicheck.readers.office import find_soffice
    from tests.conftest import DATA

    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    source = DATA / "formats" / "2023_example_wrong_totals.docx"
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
        capture_output=True,
        timeout=120,
        check=True,
    )
    doc = (tmp_path / "2023_example_wrong_totals.doc").read_bytes()
    assert ServerConfig().worker_memory_mb == 720  # (the share that lets pictures be read: 1 GB, 1+1 processes)
    r = client.post("/api/v1/check", files={"file": ("2023_example_wrong_totals.doc", doc)})
    assert r.status_code == 200, r.text
    (file,) = r.json()["files"]
    assert file["format"] == "docx"
    assert sorted(_sum_val(file["findings"])) == sorted(WRONG_CODES)


def test_lane_sizes_a_zip_by_its_contents_without_parsing_a_huge_directory() -> None:
    from gaicheck.server.pool import work_size, zip_entries
    from tests.conftest import DATA

    docx = (DATA / "formats" / "2023_example_clean.docx").read_bytes()
    assert (zip_entries(docx), work_size(docx, 10_000)) == (17, 877_063)
    assert work_size(docx, 16) is None  # more entries than allowed: never small, the worker refuses it
    many = _zip({f"x/{i}": b"" for i in range(300)})
    assert (zip_entries(many), work_size(many, 10_000)) == (300, 0)
    assert work_size(b"PK\x03\x04 damaged", 10_000) is None
    assert work_size(WRONG.read_bytes(), 10_000) == len(WRONG.read_bytes())


def test_the_time_limit_grows_with_pages_up_to_the_page_limit() -> None:
    config = ServerConfig(timeout_seconds=30, seconds_per_page=0.2, max_pdf_pages=2000)
    assert config.time_limit() == 30
    assert config.time_limit(100) == 50
    assert config.time_limit(2000) == config.time_limit(10**9) == 430  # a PDF declaring a billion pages
