"""OCR without the engine: picture detection, refusals and limits, and what an unreadable cell does
downstream (status, STR012, "cannot be checked" instead of an arithmetic error, the OCR mark)."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from gaicheck.api import check_file
from gaicheck.extract.extractor import extract
from gaicheck.extract.values import UNREADABLE, parse_value
from gaicheck.readers import ReadError, read_bytes
from gaicheck.readers.sniff import sniff_format

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests/data/formats/2023_example_clean.html"


def _picture(fmt: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (255, 255, 255)).save(buf, format=fmt)
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "TIFF", "BMP"])
def test_pictures_are_recognised_by_their_bytes(fmt: str) -> None:
    assert sniff_format("report.txt", _picture(fmt)) == "image"


def test_text_starting_like_a_bitmap_is_text() -> None:
    assert sniff_format("a.txt", "BM公司2023年度报告\n".encode()) == "text"


def test_without_the_extra_a_picture_gets_one_line_saying_how_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("gaicheck.ocr.engine.available", lambda: False)
    path = tmp_path / "table.png"
    path.write_bytes(_picture("PNG"))
    result = check_file(str(path))
    assert result.error == (
        "这是一张图片（PNG），图片中的表格需要OCR识别，需要安装图像识别组件：pip install 'gaicheck[ocr]'"
        " / this is a picture (PNG): reading tables from pictures needs OCR; "
        "OCR needs the ocr extra: pip install 'gaicheck[ocr]'"
    )


def test_ocr_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAICHECK_OCR", "0")
    with pytest.raises(ReadError, match=r"pip install 'gaicheck\[ocr\]'"):
        read_bytes("x.png", _picture("PNG"))


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width×height pixels (a decompression bomb's header) with almost no data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b"")


def test_decompression_bomb_is_refused_before_decoding() -> None:
    with pytest.raises(ReadError) as info:
        read_bytes("bomb.png", _png_header_only(100_000, 100_000))
    assert str(info.value) == (
        "图片像素过多（100000×100000，上限 40000000 像素）/ image too large (100000×100000 pixels, limit 40000000)"
    )


def test_pixel_limit_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAICHECK_MAX_IMAGE_PIXELS", "1000")
    with pytest.raises(ReadError, match=r"40×30 pixels, limit 1000"):
        read_bytes("small.png", _picture("PNG"))


def test_damaged_picture_is_one_line() -> None:
    with pytest.raises(ReadError, match=r"^图片文件损坏，无法读取 / damaged image, cannot be read"):
        read_bytes("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)


def test_unreadable_marker_parses_as_unreadable() -> None:
    assert parse_value(UNREADABLE + "8").status == "unreadable"
    assert parse_value(UNREADABLE).status == "unreadable"


def _with_unreadable(html: str) -> str:
    """The fixture with 表3 行政复议「结果维持」(2) turned into what OCR gives for a doubtful digit."""
    marker = "<tr><td>2</td><td>1</td><td>0</td><td>1</td><td>4</td>"
    assert html.count(marker) == 1
    return html.replace(marker, marker.replace("<td>2</td>", f"<td>{UNREADABLE}2</td>", 1))


def test_an_unreadable_cell_makes_its_identities_uncheckable(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(_with_unreadable(FIXTURE.read_text(encoding="utf-8")), encoding="utf-8")
    report = extract(read_bytes(str(path), path.read_bytes()))
    cell = report.cell("review.reconsideration.upheld")
    assert cell is not None and (cell.status, cell.value, cell.raw) == ("unreadable", None, UNREADABLE + "2")
    result = check_file(str(path))
    found = [(f.code, f.severity, f.message) for f in result.findings]
    assert found == [
        (
            "STR012",
            "warning",
            "表3「行政复议」行「结果维持」列的数字无法从图片中可靠识别（2），相关勾稽关系无法核对",
        ),
        (
            "SUM005",
            "warning",
            "表3「总计=结果维持+结果纠正+其他结果+尚未审结」无法核对（行政复议）：结果维持无法识别",
        ),
    ]


def test_findings_on_pictures_say_so_and_typography_is_not_judged() -> None:
    from gaicheck.checks.ocr_mark import mark_ocr as mark
    from gaicheck.model.finding import Finding
    from gaicheck.model.report import Report

    report = Report(path="scan.pdf", format="pdf", notes=["ocr-page:2"])
    findings = [
        Finding(code="SUM004", name="x", severity="error", message="相差1", page=2),
        Finding(code="SUM004", name="x", severity="error", message="相差2", page=1),
        Finding(code="STY002", name="y", severity="warning", message="括号", page=2),
    ]
    mark(report, findings, "zh")
    assert [(f.code, f.message) for f in findings] == [("SUM004", "相差1（图像识别）"), ("SUM004", "相差2")]
    english = [Finding(code="SUM004", name="x", severity="error", message="off by 1", page=2)]
    mark(report, english, "en")
    assert english[0].message == "off by 1 (OCR)"


def test_importing_gaicheck_does_not_import_the_engine() -> None:
    code = (
        "import sys, gaicheck, gaicheck.cli, gaicheck.api, gaicheck.readers.image, gaicheck.ocr;"
        "print(sorted(m for m in ('cv2', 'numpy', 'rapidocr_onnxruntime', 'onnxruntime') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_each_picture_extends_the_time_limit() -> None:
    """Through the pipeline's one mechanism: the file's TimeLimit grows by ocr_seconds_per_page a picture."""
    import signal

    from gaicheck.limits import Limits, using
    from gaicheck.ocr import extend_time_limit
    from gaicheck.pipeline.guard import TimeLimit

    with using(Limits(max_seconds=10, ocr_seconds_per_page=40)), TimeLimit(10) as limit:
        extend_time_limit()
        remaining = signal.getitimer(signal.ITIMER_REAL)[0]
    assert 49 < remaining <= 50
    assert limit.allowed == 50
    extend_time_limit()  # no time limit running: nothing is started
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_under_a_small_memory_cap_a_picture_is_refused_not_crashed(tmp_path: Path) -> None:
    """The engine's native code crashes the process under a 512 MB address-space cap (below the 700 MB OCR
    needs): the cap is checked before the engine is imported, and the picture gets one line."""
    import os

    path = tmp_path / "table.png"
    path.write_bytes(_picture("PNG"))
    env = {**os.environ, "GAICHECK_MAX_MEMORY_MB": "512"}
    done = subprocess.run(
        [sys.executable, "-m", "gaicheck", "check", str(path), "--isolated"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )
    assert done.returncode == 2
    assert done.stdout.splitlines()[0] == (
        f"{path}: 无法检查: 图像识别需要至少 700 MB 内存，当前上限 512 MB（GAICHECK_MAX_MEMORY_MB） / "
        "OCR needs at least 700 MB of memory, the limit is 512 MB (GAICHECK_MAX_MEMORY_MB)"
    )
