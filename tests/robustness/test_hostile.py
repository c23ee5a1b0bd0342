"""Hostile inputs: each gets a clear one-line message (or a normal check) within the limits of
gaicheck/limits.py — file size, time per file, PDF pages, zip contents — and never an exception.

The 2,000-page PDF is represented by a 120-page one checked under a 100-page limit (the same code path
refuses it; building and reading 2,000 pages would take minutes), plus the default limit's value.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest

from gaicheck.api import check_file
from gaicheck.limits import ENV, Limits, apply_memory_limit, default_limits, env_limits, using
from tests.conftest import EXAMPLES
from tests.robustness.seeds import CORPUS, check_bounded

CLEAN = EXAMPLES / "2023_example_clean.txt"
ROW = b"<tr><td>\xe4\xb8\x80</td><td>1</td><td>2</td><td>3</td></tr>\n"


def _pdf(path: Path, pages: int, encrypt: str | None = None) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = CLEAN.read_text(encoding="utf-8").splitlines()
    pdf = canvas.Canvas(str(path), encrypt=encrypt)
    for page in range(pages):
        pdf.setFont("STSong-Light", 9)
        for i, line in enumerate(lines[(page * 20) % len(lines) :][:20]):
            pdf.drawString(40, 800 - 14 * i, line[:60])
        pdf.showPage()
    pdf.save()
    return path


def test_defaults_are_the_documented_ones() -> None:
    limits = Limits()
    assert (limits.max_file_mb, limits.max_seconds, limits.max_pdf_pages) == (50, 30, 2000)
    assert (limits.max_zip_mb, limits.max_zip_entries) == (200, 10_000)
    assert limits.max_file_bytes == 50 * 1024 * 1024


def test_limits_from_environment_and_bad_values() -> None:
    env = {"GAICHECK_MAX_FILE_MB": "5", "GAICHECK_MAX_SECONDS": "oops", "GAICHECK_MAX_PDF_PAGES": "-3"}
    limits = Limits.from_env(env)
    assert limits.max_file_mb == 5
    assert limits.max_seconds == 30  # an invalid value keeps the default
    assert limits.max_pdf_pages == 2000
    assert set(ENV.values()) == set(Limits.model_fields)


def test_check_file_makes_its_limits_the_readers_limits() -> None:
    tight = Limits(max_pdf_pages=7)
    assert default_limits() == env_limits()
    with using(tight):
        assert default_limits() is tight
    assert default_limits() == env_limits()


def test_a_50_mb_html_page_is_refused_by_size_at_once(tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    with page.open("wb") as fh:
        fh.write(b"<html><body><table>\n")
        block = ROW * 20_000
        while fh.tell() < 50 * 1024 * 1024 + 1:
            fh.write(block)
        fh.write(b"</table></body></html>\n")
    start = time.monotonic()
    result = check_file(str(page))
    assert time.monotonic() - start < 1
    assert re.fullmatch(r"文件过大（50\.\d MB，上限 50 MB）/ file too large \(50\.\d MB, limit 50 MB\)", result.error or "")
    assert "\n" not in (result.error or "")


def test_the_size_limit_is_configurable() -> None:
    data = CLEAN.read_bytes()
    result = check_file("r.txt", data=data, limits=Limits(max_file_mb=0.001))
    assert result.error == "文件过大（4.7 KB，上限 0.001 MB）/ file too large (4.7 KB, limit 0.001 MB)"
    assert check_file("r.txt", data=data, limits=Limits(max_file_mb=0)).error is None  # 0: no limit


# the alarm may land inside a garbage-collector callback (hypothesis installs one in this test process),
# where Python reports the raise as "ignored"; gaicheck's handler fires again 50 ms later (gaicheck.api)
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_slow_file_stops_at_the_time_limit() -> None:
    page = b"<html><body><table>\n" + ROW * 60_000 + b"</table></body></html>"
    start = time.monotonic()
    result = check_file("slow.html", data=page, limits=Limits(max_seconds=0.3))
    elapsed = time.monotonic() - start
    assert result.error == "检查超时（上限 0.3 秒）/ time limit exceeded (0.3 s)"
    assert elapsed < 5
    # the alarm is gone afterwards: a normal file checks normally
    assert check_file(str(CLEAN)).findings == []


def test_html_nested_100000_levels() -> None:
    for tag in (b"div", b"span", b"table"):
        depth = 100_000
        inner = b"<tr><td>" if tag == b"table" else b""
        page = b"<html><body>" + (b"<" + tag + b">" + inner) * depth + b"x" + b"</" + tag + b">" * depth
        result = check_bounded(f"deep-{tag.decode()}.html", page)
        assert result.error is not None or result.findings  # TPL004 (not a report) or a reason


def test_html_nested_deep_around_a_real_report() -> None:
    report = (CORPUS / "2024_pingtan_shiyanqu.html").read_bytes()
    page = b"<div>" * 5000 + report + b"</div>" * 5000
    result = check_bounded("wrapped.html", page)
    assert result.error is None


def _bomb(entries: int = 1, size: int = 0) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * size + b"</w:document>")
        for i in range(entries):
            archive.writestr(f"word/media/{i}.bin", b"")
    return out.getvalue()


def _declare(data: bytes, name: bytes, size: int) -> bytes:
    """The zip with `name`'s declared uncompressed size set to `size` (local header and directory)."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = out.find(signature)
        while pos != -1:
            name_at = pos + (30 if signature == b"PK\x03\x04" else 46)
            if out[name_at : name_at + len(name)] == name:
                out[pos + offset : pos + offset + 4] = size.to_bytes(4, "little")
            pos = out.find(signature, pos + 4)
    return bytes(out)


def test_docx_zip_bomb_is_refused_before_inflating() -> None:
    data = _bomb(size=21 * 1024 * 1024)  # a real bomb: 21 MB of blanks deflate to ~20 KB
    assert len(data) < 100_000
    start = time.monotonic()
    result = check_bounded("bomb.docx", data, Limits(max_zip_mb=20))
    assert time.monotonic() - start < 2
    assert result.error is not None and "possible zip bomb" in result.error and "limit 20 MB" in result.error
    # the default limit (200 MB), on a member declaring 3 GB
    declared = _declare(_bomb(), b"word/document.xml", 3 * 1024**3)
    result = check_bounded("bomb.docx", declared)
    assert result.error is not None and "limit 200 MB" in result.error, result.error


def test_docx_with_too_many_members() -> None:
    result = check_bounded("many.docx", _bomb(entries=200), Limits(max_zip_entries=100))
    assert result.error is not None and "100" in result.error, result.error


def test_zip_limits_follow_the_limits_passed_to_check_file() -> None:
    data = _bomb(size=2 * 1024 * 1024)
    error = check_bounded("small.docx", data, Limits(max_zip_mb=1)).error
    assert error is not None and "limit 1 MB" in error, error
    error = check_bounded("small.docx", data).error  # under the default 200 MB: read (and not a report)
    assert error is None or "limit" not in error, error


def test_many_page_pdf_beyond_the_page_limit(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "long.pdf", 120)
    start = time.monotonic()
    result = check_bounded(str(pdf), pdf.read_bytes(), Limits(max_pdf_pages=100))
    assert time.monotonic() - start < 3
    assert result.error is not None and "100" in result.error and "120" in result.error, result.error


def test_many_page_pdf_within_the_limits_is_checked(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "pages.pdf", 20)
    start = time.process_time()  # CPU time: a busy CI machine must not make this flaky
    result = check_bounded(str(pdf), pdf.read_bytes())
    assert result.error is None
    assert (time.process_time() - start) / 20 < 0.5  # the per-page target


def test_encrypted_pdf(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "locked.pdf", 2, encrypt="secret")
    result = check_bounded(str(pdf), pdf.read_bytes())
    assert result.error == "PDF 已加密，需要密码才能打开 / encrypted PDF: it needs a password to open"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "gb18030"])
def test_unicode_and_gb_encodings_read_like_utf8(encoding: str) -> None:
    text = CLEAN.read_text(encoding="utf-8")
    result = check_bounded("r.txt", text.encode(encoding))
    assert result.error is None and result.findings == [] and result.template == "2021"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "big5", "shift_jis"])
def test_unexpected_encodings_get_a_clear_answer(encoding: str) -> None:
    """UTF-16 without a BOM, Big5, Shift-JIS: never garbage findings. Either a one-line error or the
    report is not recognised as an annual report (TPL004) — nothing else."""
    text = CLEAN.read_text(encoding="utf-8")
    result = check_bounded("r.txt", text.encode(encoding, errors="replace"))
    if result.error is None:
        assert [f.code for f in result.findings] in (["TPL004"], []), [f.code for f in result.findings]
    else:
        assert "格式" in result.error or "编码" in result.error, result.error


def test_binary_with_a_txt_name() -> None:
    data = bytes(range(256)) * 400
    result = check_bounded("report.txt", data)
    assert result.error == "无法识别的文件格式 / unrecognised file format: report.txt"


def test_missing_file() -> None:
    result = check_file("/nonexistent/dir/report.txt")
    assert result.error is not None and result.error.startswith("无法读取文件 / cannot read file")


def test_memory_cap_in_a_worker_process() -> None:
    """apply_memory_limit caps a (child) process: a hostile allocation ends in MemoryError."""
    import subprocess
    import sys

    code = (
        "from gaicheck.limits import Limits, apply_memory_limit\n"
        "assert apply_memory_limit(Limits(max_memory_mb=400))\n"
        "try:\n    b = bytearray(800 * 1024 * 1024)\nexcept MemoryError:\n    print('capped')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "capped", out.stderr
    assert not apply_memory_limit(Limits(max_memory_mb=0))
