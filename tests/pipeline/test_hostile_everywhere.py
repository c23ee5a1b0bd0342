"""Every hostile input through every door — `check`, `parse`, `series` and the Python API — ends in a
one-line reason and the documented exit code (2: a file could not be read), never in a traceback."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gaicheck import api
from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "GAICHECK_MAX_SECONDS": "20"}


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (300 * 1024 * 1024) + b"</w:document>")
    return out.getvalue()


def _hostile(folder: Path) -> list[Path]:
    """One file per kind of trouble; names with control characters too."""
    files = {
        "binary.txt": bytes(range(256)) * 100,
        "empty.txt": b"",
        "bomb.docx": _bomb(),
        "not-a-zip.docx": b"PK\x03\x04" + b"\xff" * 500,
        "damaged.pdf": b"%PDF-1.4\n" + b"\x00garbage" * 100,
        "deep.html": b"<html><body>" + b"<div>" * 100_000 + b"x",
        "xxe.html": b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><html>&x;</html>',
        "bad\nname\x1b[2J.txt": bytes(range(256)) * 10,
        "utf16-garbage.txt": "\ufeff".encode("utf-16") + b"\x00\xd8" * 500,
        "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
    }
    paths = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    (folder / "folder.txt").mkdir()  # a folder with a report's name
    paths.append(folder / "folder.txt")
    paths.append(folder / "missing.pdf")
    return paths


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    out = subprocess.run([sys.executable, "-m", "gaicheck", *args], env={**ENV, **(env or {})},
                         capture_output=True, timeout=600)
    return subprocess.CompletedProcess(out.args, out.returncode, out.stdout.decode(), out.stderr.decode())


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return _hostile(tmp_path_factory.mktemp("hostile"))


def test_check_names_every_hostile_file_on_one_line(hostile: list[Path]) -> None:
    for jobs in ("1", "2"):
        out = _run("check", "--isolated", "-j", jobs, *map(str, hostile), str(EXAMPLES / "2023_example_clean.txt"))
        assert out.returncode == 2
        assert "Traceback" not in out.stdout + out.stderr
        lines = out.stdout.splitlines()
        # one line per hostile file (the folder holds none, the clean report has no finding), the summary
        assert len(lines) == len(hostile) - 1 + 1
        assert all(line.startswith((str(hostile[0].parent), "共检查")) for line in lines)
        assert sum(": 无法检查: " in line for line in lines) == 7  # the others read as no report at all (TPL004)
        assert lines[-1] == "共检查12个文件：错误4个，警告0个，提示0个；7个文件无法读取"


@pytest.mark.parametrize("index", range(12))
def test_parse_gives_one_line_and_exit_2(hostile: list[Path], index: int) -> None:
    out = _run("parse", str(hostile[index]))
    assert "Traceback" not in out.stdout + out.stderr
    if out.returncode == 0:  # a file that reads as an (empty) report is not an error
        assert out.stdout.startswith("{") and out.stderr == ""
    else:
        assert out.returncode == 2 and out.stdout == "" and len(out.stderr.splitlines()) == 1


def test_series_names_the_unreadable_files(hostile: list[Path]) -> None:
    out = _run("series", *map(str, hostile))
    assert out.returncode == 2 and "Traceback" not in out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert sum(": 无法读取: " in line for line in lines) == 7 and len(lines) == 4 + 7 + 1
    assert lines[-1] == "共11个文件，0个机关"


def test_the_api_never_raises_for_check_file(hostile: list[Path]) -> None:
    for path in hostile:
        result = api.check_file(str(path))
        assert result.path == str(path)
        assert result.error is None or "\n" not in result.error
    with pytest.raises(api.ReadError):
        api.check_path(str(hostile[-1]))  # documented: check_path raises ReadError for an unreadable file
