"""OCR end to end (needs the `ocr` extra and Chromium, which CI installs): the project's HTML fixtures
rendered to a clean screenshot, a turned and blurred JPEG with `+1` changes, and an image-only PDF; a real
PDF rendered to an image-only PDF. Numbers are read right or reported unreadable, never wrong, and the
findings are those of the text (code, cells, expected, actual). The full set is bench/ocr.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ocr.render import bump, compare, degraded_jpeg, image_pdf, pdf_pictures, png_bytes, screenshot

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests/data/formats"


@pytest.fixture(autouse=True)
def _room(monkeypatch: pytest.MonkeyPatch) -> None:
    # OCR on a loaded 2-core CI machine: the per-file limit must not cut a test short
    monkeypatch.setenv("GAICHECK_MAX_SECONDS", "600")


def _check(text: Path, picture: Path) -> None:
    c = compare(text, picture)
    assert c.wrong == []  # never a wrong number
    assert c.numeric > 150 and c.accuracy >= 0.995, (c.right, c.numeric)
    assert c.ocr_findings == c.text_findings


def test_clean_screenshot(tmp_path: Path) -> None:
    source = FORMATS / "2023_example_clean.html"
    picture = tmp_path / "clean.png"
    picture.write_bytes(png_bytes(screenshot(source.read_text(encoding="utf-8"), source)))
    c = compare(source, picture)
    assert c.wrong == [] and c.right == c.numeric == 200
    assert c.ocr_errors == 0 and c.ocr_findings == c.text_findings == []


def test_turned_blurred_jpeg_with_changes(tmp_path: Path) -> None:
    source = FORMATS / "2020_dakouzhen.html"
    html, changes = bump(source.read_text(encoding="utf-8"), 3, seed=15)
    assert len(changes) == 3
    text = tmp_path / "changed.html"
    text.write_text(html, encoding="utf-8")
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(degraded_jpeg(screenshot(html, source), angle=0.7))
    c = compare(text, picture)
    assert c.wrong == [] and c.accuracy >= 0.995
    assert any(code.startswith("SUM") for code, *_rest in c.text_findings)  # the changes break totals
    assert c.ocr_findings == c.text_findings  # … and OCR finds every one


def test_image_only_pdf(tmp_path: Path) -> None:
    source = FORMATS / "2024_xiaodukouzhen.html"
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_pdf([screenshot(source.read_text(encoding="utf-8"), source)], dpi=150))
    _check(source, scan)


def test_real_pdf_rendered_to_pictures(tmp_path: Path) -> None:
    source = ROOT / "tests/data/corpus/2023_huaian_hongzequ.pdf"
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_pdf(pdf_pictures(source, dpi=150), dpi=150))
    c = compare(source, scan)
    assert c.wrong == []
    assert c.ocr_findings == c.text_findings
    assert [code for code, *_rest in c.ocr_findings] == ["STR011", "SUM004", "SUM004"]
