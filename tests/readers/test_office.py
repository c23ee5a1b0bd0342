"""Legacy Word/Excel/WPS files read through the real LibreOffice: .doc and .xls made by LibreOffice itself
from the DOCX and XLSX fixtures (tests/data/formats), .wps and .et as renamed copies (WPS writes the same
Word 97 / Excel 97 binary formats). A .doc or .wps gives the findings of its DOCX, a .xls or .et those of
its XLSX; conversions in parallel do not collide; the time limit and the message without LibreOffice hold.

LibreOffice is installed by tests/install_packages.sh (the README's test command and .ci/run)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from gaicheck.api import check_report, parse_path
from gaicheck.model.document import Document
from gaicheck.model.report import Report
from gaicheck.readers import ReadError, office, read_bytes, read_file
from gaicheck.readers.sniff import sniff_format
from tests.conftest import DATA
from tests.readers.test_make_formats import load_make_formats

FORMATS = DATA / "formats"
SEEDS = sorted(p.stem for p in FORMATS.glob("*.docx"))
MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE2 = MAGIC + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 1024
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def legacy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixtures as .doc and .xls, converted once per test session (two LibreOffice runs), and the
    .wps/.et copies of one of them."""
    assert office.find_soffice() is not None, "LibreOffice is not installed: run sh tests/install_packages.sh"
    mf = load_make_formats()
    out = tmp_path_factory.mktemp("legacy")
    mf.with_libreoffice([FORMATS / f"{name}.docx" for name in SEEDS], "doc", out)
    mf.with_libreoffice([FORMATS / f"{name}.xlsx" for name in SEEDS], "xls", out)
    name = "2023_example_wrong_totals"
    shutil.copy(out / f"{name}.doc", out / f"{name}.wps")
    shutil.copy(out / f"{name}.xls", out / f"{name}.et")
    return out


WHAT = ("code", "severity", "message", "cells", "expected", "actual")
WHERE = ("line", "column", "page", "where")


def findings(path: Path | Report, with_location: bool = True) -> list[dict[str, Any]]:
    report = parse_path(str(path)) if isinstance(path, Path) else path
    keys = WHAT + WHERE if with_location else WHAT
    return [{key: getattr(f, key) for key in keys} for f in check_report(report)]


def test_the_files_are_real_word_and_excel_97(legacy: Path) -> None:
    for name in SEEDS:
        doc, xls = (legacy / f"{name}.doc").read_bytes(), (legacy / f"{name}.xls").read_bytes()
        assert doc.startswith(MAGIC) and xls.startswith(MAGIC)
        assert (sniff_format(f"{name}.doc", doc), sniff_format(f"{name}.xls", xls)) == ("doc", "xls")
    wrong = "2023_example_wrong_totals"
    assert sniff_format("x.wps", (legacy / f"{wrong}.wps").read_bytes()) == "wps"
    assert sniff_format("x.et", (legacy / f"{wrong}.et").read_bytes()) == "et"
    assert sniff_format("x.bin", (legacy / f"{wrong}.xls").read_bytes()) == "xls"  # the content decides


@pytest.mark.parametrize("name", SEEDS)
def test_doc_gives_the_findings_of_its_docx(legacy: Path, name: str) -> None:
    report = parse_path(str(legacy / f"{name}.doc"))
    assert (report.format, report.notes) == ("docx", ["converted-from-doc"])
    assert report.path == str(legacy / f"{name}.doc")
    # Word 97 has no two tables side by side without a paragraph between them: LibreOffice joins such
    # tables, so a finding may name another table/row/column of the file; what it says is the same
    assert findings(report, with_location=False) == findings(FORMATS / f"{name}.docx", False)


@pytest.mark.parametrize("name", SEEDS)
def test_xls_gives_the_findings_of_its_xlsx(legacy: Path, name: str) -> None:
    report = parse_path(str(legacy / f"{name}.xls"))
    assert (report.format, report.notes) == ("xlsx", ["converted-from-xls"])
    assert findings(report) == findings(FORMATS / f"{name}.xlsx")


def test_wps_and_et_read_as_word_and_excel(legacy: Path) -> None:
    name = "2023_example_wrong_totals"
    wps, et = parse_path(str(legacy / f"{name}.wps")), parse_path(str(legacy / f"{name}.et"))
    assert (wps.format, wps.notes) == ("docx", ["converted-from-wps"])
    assert (et.format, et.notes) == ("xlsx", ["converted-from-et"])
    assert findings(wps) == findings(FORMATS / f"{name}.docx")
    assert findings(et) == findings(FORMATS / f"{name}.xlsx")
    wrong = [(f["code"], f["expected"], f["actual"]) for f in findings(et)]
    assert ("SUM004", 4, 5) in wrong  # the example's wrong table-4 total


def grids(doc: Document) -> list[list[list[str]]]:
    return [[[c.text for c in r.cells if not c.spanned] for r in t.rows] for t in doc.tables()]


def test_two_conversions_at_once_do_not_collide(legacy: Path) -> None:
    """Two threads convert at the same time (each with its own profile and folder) and each gets its own file."""
    names = ["2020_dakouzhen.xls", "2022_cangtaizhen.xls"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        docs = list(pool.map(lambda n: read_file(str(legacy / n)), names))
    for name, doc in zip(names, docs, strict=True):
        assert grids(doc) == grids(read_file(str(FORMATS / name.replace(".xls", ".xlsx"))))


def test_check_with_two_jobs(legacy: Path) -> None:
    """`gaicheck check -j 2`: two processes, each converting a file, output as with one."""
    files = [str(legacy / "2023_example_wrong_totals.wps"), str(legacy / "2023_example_wrong_totals.et")]

    def run(jobs: str) -> tuple[int, Any]:
        done = subprocess.run(
            [sys.executable, "-m", "gaicheck", "check", *files, "--isolated", "-j", jobs, "--format", "json"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
        return done.returncode, json.loads(done.stdout)

    code, output = run("2")
    assert code == 1  # the example's wrong totals are errors
    by_file = {f["path"]: [(x["code"], x["message"]) for x in f["findings"]] for f in output["files"]}
    assert by_file == {
        path: [(f["code"], f["message"]) for f in findings(FORMATS / f"2023_example_wrong_totals.{ext}")]
        for path, ext in zip(files, ("docx", "xlsx"), strict=True)
    }


def test_without_libreoffice_the_message_says_how_to_convert(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing there
    assert office.find_soffice() is None
    for name, target, app in (("report.doc", "docx", "Word"), ("report.wps", "docx", "Word")):
        with pytest.raises(ReadError) as info:
            read_bytes(name, OLE2)
        assert str(info.value) == (
            f"无法直接读取 .{name[7:]} 文件 / cannot read .{name[7:]} files directly: "
            f"请用 {app} 或 WPS 将文件另存为 .{target} 后再检查 / "
            f"save it as .{target} with {app} or WPS, or install LibreOffice"
        )
    workbook = MAGIC + b"\0" * 504 + "Workbook".encode("utf-16-le") + b"\0" * 1024
    for name in ("report.xls", "report.et"):
        with pytest.raises(ReadError) as info:
            read_bytes(name, workbook)
        ext = name.split(".")[1]
        assert str(info.value) == (
            f"无法直接读取 .{ext} 文件 / cannot read .{ext} files directly: "
            "请用 Excel 或 WPS 将文件另存为 .xlsx 后再检查 / save it as .xlsx with Excel or WPS, or install LibreOffice"
        )


def test_a_file_libreoffice_cannot_convert() -> None:
    with pytest.raises(ReadError) as info:
        read_bytes("report.wps", OLE2)  # an OLE2 header and a stream name, nothing else
    assert str(info.value).startswith("LibreOffice 未能转换此文件 / LibreOffice could not convert this file; ")


def test_time_limit(monkeypatch: pytest.MonkeyPatch, legacy: Path) -> None:
    monkeypatch.setattr(office, "TIMEOUT_SECONDS", 0.05)
    with pytest.raises(ReadError) as info:
        read_file(str(legacy / "2023_example_clean.doc"))
    assert str(info.value).startswith("LibreOffice 转换超时（0.05 秒）/ LibreOffice conversion timed out; ")


def test_the_test_command_installs_libreoffice() -> None:
    """The README's test command and .ci/run are the same line, and its install script installs LibreOffice."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci.startswith("sh tests/install_packages.sh && ") and f"\n{ci}\n" in readme
    script = (ROOT / "tests" / "install_packages.sh").read_text(encoding="utf-8")
    assert "install --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui" in script
