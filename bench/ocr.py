#!/usr/bin/env python3
"""OCR benchmark and accuracy run (not a test; by hand, see README "## Pictures (OCR)").

Renders every HTML fixture of tests/data/formats with headless Chromium into a clean screenshot, a JPEG
at quality 70 turned 0.5–1° with slight blur (with `+1` changes made before rendering), and an image-only
PDF at 150 dpi, and the same page drawn without table rules (borderless: a clean screenshot, and a turned
and blurred JPEG with `+1` changes), and renders the real corpus PDFs to image-only PDFs at 150 dpi. For each picture it
reports numeric cells read right / unreadable / wrong against the text reader, whether the findings equal
the text's (code, cells, expected, actual), the CPU seconds per page of OCR and the peak memory of the
process. Needs the `ocr` extra and /usr/bin/chromium. Writes bench/ocr_results.json.

    python bench/ocr.py              # everything (several minutes)
    python bench/ocr.py --quick      # one fixture of each kind
    python bench/ocr.py --kinds png-norules,jpeg-norules   # some kinds only
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GAICHECK_MAX_SECONDS", "0")
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):  # one core (the engine itself runs one thread)
    os.environ.setdefault(_name, "1")

from tests.ocr.render import (  # noqa: E402
    borderless,
    bump,
    compare,
    degraded_jpeg,
    image_pdf,
    pdf_pictures,
    png_bytes,
    screenshot,
)

FIXTURES = sorted(p for p in (ROOT / "tests/data/formats").glob("*.html") if "<td" in p.read_text(encoding="utf-8"))
REAL = [
    ROOT / "tests/data/corpus" / n
    for n in ("2023_huaian_hongzequ.pdf", "2024_huaian_hongzequ.pdf", "2024_huaian_shi.pdf")
]


KINDS = ("png", "jpeg", "pdf150", "png-norules", "jpeg-norules", "real-pdf150")


def _pages(path: Path) -> float:
    """A4 pages, as the time limit counts them (gaicheck.ocr.a4_pages): each page or picture's height in A4
    pages, at least 1 (a screenshot of a whole report, 1240 × 2400 pixels, is 1.37 pages)."""
    from gaicheck.ocr import a4_pages

    if path.suffix == ".pdf":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
        try:
            return round(sum(a4_pages(*(round(v) for v in pdf[i].get_size())) for i in range(len(pdf))), 2)
        finally:
            pdf.close()
    from PIL import Image

    with Image.open(path) as im:
        return a4_pages(*im.size)


def _measure(kind: str, text: Path, picture: Path, changes: int = 0) -> dict[str, object]:
    wall = time.perf_counter()
    c = compare(text, picture)
    seconds = c.ocr_cpu_s  # checking the picture only (the text reader's run is not counted)
    pages = _pages(picture)
    row: dict[str, object] = {
        "picture": f"{kind}:{text.name}",
        "numeric": c.numeric,
        "right": c.right,
        "unreadable": c.unreadable,
        "wrong": c.wrong,
        "same_findings": c.ocr_findings == c.text_findings,
        "changes": changes,
        "error_findings": c.ocr_errors,
        "pages": pages,
        "cpu_s_per_page": round(seconds / pages, 2),
        "wall_s": round(time.perf_counter() - wall, 1),
    }
    print(json.dumps(row, ensure_ascii=False), flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated, of: " + ", ".join(KINDS))
    args = parser.parse_args()
    kinds = set(args.kinds.split(","))
    fixtures = FIXTURES[:1] if args.quick else FIXTURES
    real = REAL[:1] if args.quick else REAL
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for i, source in enumerate(fixtures):
            html = source.read_text(encoding="utf-8")
            changed, changes = bump(html, 5, seed=i)
            changed_html = out / f"{source.stem}_changed.html"
            changed_html.write_text(changed, encoding="utf-8")
            angle = 0.5 + 0.5 * (i % 2)
            if "png" in kinds:
                clean = out / f"{source.stem}.png"
                clean.write_bytes(png_bytes(screenshot(html, source)))
                rows.append(_measure("png", source, clean))
            if "jpeg" in kinds:
                photo = out / f"{source.stem}.jpg"
                photo.write_bytes(degraded_jpeg(screenshot(changed, source), angle=angle))
                rows.append(_measure("jpeg", changed_html, photo, len(changes)))
            if "pdf150" in kinds:
                scan = out / f"{source.stem}.pdf"
                scan.write_bytes(image_pdf([screenshot(html, source)], dpi=150))
                rows.append(_measure("pdf150", source, scan))
            if "png-norules" in kinds:
                bare = out / f"{source.stem}_norules.png"
                bare.write_bytes(png_bytes(screenshot(borderless(html), source)))
                rows.append(_measure("png-norules", source, bare))
            if "jpeg-norules" in kinds:
                bare_photo = out / f"{source.stem}_norules.jpg"
                bare_photo.write_bytes(degraded_jpeg(screenshot(borderless(changed), source), angle=angle))
                rows.append(_measure("jpeg-norules", changed_html, bare_photo, len(changes)))
        for source in real if "real-pdf150" in kinds else []:
            scan = out / f"{source.stem}_scan.pdf"
            scan.write_bytes(image_pdf(pdf_pictures(source, dpi=150), dpi=150))
            rows.append(_measure("real-pdf150", source, scan))
    numeric = sum(int(r["numeric"]) for r in rows)  # type: ignore[call-overload]
    right = sum(int(r["right"]) for r in rows)  # type: ignore[call-overload]
    wrong = sum(len(r["wrong"]) for r in rows)  # type: ignore[arg-type]
    pages = sum(float(r["pages"]) for r in rows)  # type: ignore[arg-type]
    cpu = sum(float(r["cpu_s_per_page"]) * float(r["pages"]) for r in rows)  # type: ignore[arg-type]
    summary = {
        "pictures": len(rows),
        "numeric_cells": numeric,
        "read_right": right,
        "accuracy": round(right / numeric, 4) if numeric else None,
        "wrong": wrong,
        "same_findings": sum(1 for r in rows if r["same_findings"]),
        "cpu_s_per_page": round(cpu / pages, 2) if pages else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(summary, ensure_ascii=False))
    if kinds != set(KINDS):
        return  # a partial run does not replace the results of the full one
    (ROOT / "bench/ocr_results.json").write_text(
        json.dumps({"summary": summary, "pictures": rows}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
