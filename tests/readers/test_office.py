""".doc/.wps reader: the clear message without LibreOffice, and the conversion path with a stand-in
`soffice` script (the real one is not needed to test how it is called and read back)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import docx
import pytest

from gaicheck.readers import ReadError, office, read_bytes

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 1024


def fake_soffice(tmp_path: Path, body: str) -> Path:
    """An executable `soffice` on a private PATH; `body` is Python run with the command line in argv."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(f"#!{sys.executable}\nimport sys, shutil, pathlib, time\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return bin_dir


def test_without_libreoffice_the_message_says_how_to_convert(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing there
    assert office.find_soffice() is None
    for name in ("report.doc", "report.wps"):
        with pytest.raises(ReadError) as info:
            read_bytes(name, OLE2)
        message = str(info.value)
        assert "另存为 .docx" in message and "save it as .docx with Word or WPS" in message
        assert "install LibreOffice" in message and "\n" not in message
    with pytest.raises(ReadError, match=r"\.wps"):
        read_bytes("report.wps", OLE2)


def test_conversion_with_libreoffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    made = docx.Document()
    made.add_paragraph("某镇2023年政府信息公开工作年度报告")
    table = made.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "规章"
    table.cell(0, 1).text = "3"
    converted = tmp_path / "converted.docx"
    made.save(str(converted))
    log = tmp_path / "argv.txt"
    body = f"""
args = sys.argv[1:]
pathlib.Path({str(log)!r}).write_text("\\n".join(args), encoding="utf-8")
out = pathlib.Path(args[args.index("--outdir") + 1])
source = pathlib.Path(args[-1])
shutil.copy({str(converted)!r}, out / (source.stem + ".docx"))
"""
    monkeypatch.setenv("PATH", str(fake_soffice(tmp_path, body)) + os.pathsep + os.environ.get("PATH", ""))
    doc = read_bytes("/data/年报.doc", OLE2)
    assert doc.path == "/data/年报.doc"
    assert doc.format == "docx"
    assert doc.notes == ["converted-from-doc"]
    assert [p.text for p in doc.paragraphs()] == ["某镇2023年政府信息公开工作年度报告"]
    assert [[c.text for c in row.cells] for row in doc.tables()[0].rows] == [["规章", "3"]]
    argv = log.read_text(encoding="utf-8").split("\n")
    assert argv[argv.index("--convert-to") + 1] == "docx"
    assert "--headless" in argv


def test_conversion_that_produces_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(fake_soffice(tmp_path, "sys.exit(1)")))
    with pytest.raises(ReadError, match="LibreOffice could not convert"):
        read_bytes("report.wps", OLE2)


def test_conversion_timeout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(fake_soffice(tmp_path, "time.sleep(30)")))
    monkeypatch.setattr(office, "TIMEOUT_SECONDS", 1)
    with pytest.raises(ReadError, match="timed out"):
        read_bytes("report.doc", OLE2)
