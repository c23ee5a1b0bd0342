"""Issue 16, the pipeline's and the command line's part: one memory cap in every path (inherited by
LibreOffice), `parse` within the limits, a time limit that grows with a PDF's pages, unreadable folders,
unreadable configuration and output paths, `./-`, file names that try to forge output, excluded files
named explicitly — each a one-line error with the documented exit code, never a traceback."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import stat
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from gaicheck.cli import main
from gaicheck.limits import Limits
from gaicheck.pipeline.single import check_file
from gaicheck.readers import pdf as pdf_reader
from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
WRONG = EXAMPLES / "2023_example_wrong_totals.txt"
CLEAN = EXAMPLES / "2023_example_clean.txt"
PDF = ROOT / "tests" / "data" / "corpus" / "2023_huaian_hongzequ.pdf"


def gaicheck(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
             stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    out = subprocess.run([sys.executable, "-m", "gaicheck", *args], cwd=cwd, env=environ, input=stdin,
                         capture_output=True, timeout=300)
    return subprocess.CompletedProcess(out.args, out.returncode, out.stdout.decode(), out.stderr.decode())


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


# ---- 2: one memory cap, in every path, inherited by LibreOffice ----------------------------------------

def _fake_soffice(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A `soffice` on PATH that records the address-space limit it was started with (`ulimit -v`, KB)."""
    bin_dir, record = tmp_path / "bin", tmp_path / "limits.txt"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(f"#!/bin/sh\nulimit -v >> {record}\nexit 1\n", encoding="utf-8")
    script.chmod(0o755)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "GAICHECK_MAX_MEMORY_MB": "900"}, record


def test_the_memory_cap_is_the_same_in_every_path_and_reaches_libreoffice(tmp_path: Path) -> None:
    env, record = _fake_soffice(tmp_path)
    for name in ("a.doc", "b.doc"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    a, b = str(tmp_path / "a.doc"), str(tmp_path / "b.doc")
    runs = [("check", "--isolated", a), ("check", "--isolated", "-j", "1", a, b),
            ("check", "--isolated", "-j", "2", a, b), ("parse", a)]
    for args in runs:
        out = gaicheck(*args, env=env)
        assert out.returncode == 2, out.stderr
        assert "LibreOffice" in (out.stdout + out.stderr) and "Traceback" not in out.stderr
    assert record.read_text(encoding="utf-8").split() == [str(900 * 1024)] * 6  # 1 + 2 + 2 + 1 conversions


# ---- 3: parse within the size (and time) limits ---------------------------------------------------------

def test_parse_refuses_a_file_over_the_size_limit() -> None:
    out = gaicheck("parse", str(WRONG), env={"GAICHECK_MAX_FILE_MB": "0.001"})
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == f"{WRONG}: 文件过大（4.7 KB，上限 0.001 MB）/ file too large (4.7 KB, limit 0.001 MB)\n"
    out = gaicheck("parse", "-", env={"GAICHECK_MAX_FILE_MB": "0.001"}, stdin=WRONG.read_bytes())
    assert out.returncode == 2 and "file too large" in out.stderr


def test_parse_stops_at_the_time_limit() -> None:
    rows = b"<tr><td>1</td><td>2</td></tr>\n" * 60_000
    page = b"<html><body><table>\n" + rows + b"</table></body></html>"
    out = gaicheck("parse", "-", env={"GAICHECK_MAX_SECONDS": "0.3"}, stdin=page)
    assert out.returncode == 2
    assert out.stderr == "-: 检查超时（上限 0.3 秒）/ time limit exceeded (0.3 s)\n"


# ---- 4: the time limit grows with the pages ---------------------------------------------------------------

def _slow_pages(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    original = pdf_reader._read_page

    def slow(page: object, number: int) -> object:
        time.sleep(seconds)
        return original(page, number)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_reader, "_read_page", slow)


def test_a_pdf_at_the_page_limit_gets_time_for_every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    import pdfplumber

    with pdfplumber.open(PDF) as pdf:
        pages = len(pdf.pages)
    assert pages >= 3
    _slow_pages(monkeypatch, 0.4)  # reading needs > pages × 0.4 s: far beyond the 0.5 s base limit
    at_limit = Limits(max_seconds=0.5, seconds_per_page=1.5, max_pdf_pages=pages)
    result, report = check_file(str(PDF), limits=at_limit)
    assert result.error is None and report is not None and report.format == "pdf"
    flat = Limits(max_seconds=0.5, seconds_per_page=0, max_pdf_pages=pages)
    assert check_file(str(PDF), limits=flat)[0].error == "检查超时（上限 0.5 秒）/ time limit exceeded (0.5 s)"
    over = Limits(max_seconds=0.5, seconds_per_page=1.5, max_pdf_pages=pages - 1)
    assert check_file(str(PDF), limits=over)[0].error == (
        f"PDF 页数过多（{pages} 页，上限 {pages - 1} 页）/ too many PDF pages ({pages}, limit {pages - 1})")


def test_the_seconds_per_page_come_from_the_environment() -> None:
    assert Limits.from_env({"GAICHECK_SECONDS_PER_PAGE": "0.5"}).seconds_per_page == 0.5
    assert Limits().seconds_per_page * Limits().max_pdf_pages + Limits().max_seconds == 430  # 2,000 pages


# ---- 5: unreadable folders -----------------------------------------------------------------------------

def _lock(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Make `locked` behave as a folder this user may not read (the tests may run as root)."""
    real_scandir, real_stat = os.scandir, pathlib.Path.stat
    where = os.path.realpath(locked)

    def scandir(path: object = ".") -> object:
        if os.path.abspath(os.fsdecode(path)) == where:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fsdecode(path))  # type: ignore[arg-type]
        return real_scandir(path)  # type: ignore[arg-type]

    def stat_(self: pathlib.Path, *, follow_symlinks: bool = True) -> os.stat_result:
        if os.path.dirname(os.path.abspath(str(self))) == where:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, follow_symlinks=follow_symlinks)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(pathlib.Path, "stat", stat_)


def _folder(tmp_path: Path) -> tuple[Path, Path]:
    top = tmp_path / "reports"
    (top / "locked").mkdir(parents=True)
    shutil.copy(CLEAN, top / "a.txt")
    shutil.copy(CLEAN, top / "locked" / "b.txt")
    return top, top / "locked"


def test_an_unreadable_subfolder_is_named_and_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    top, locked = _folder(tmp_path)
    _lock(monkeypatch, locked)
    code, out, _err = invoke("check", "--isolated", "-j", "1", str(top))
    assert code == 2
    assert out.splitlines() == [
        f"{locked}: 无法检查: 无法读取文件夹 / cannot read folder: Permission denied",
        "共检查2个文件：错误0个，警告0个，提示0个；1个文件无法读取",
    ]
    code, out, err = invoke("check", "-j", "1", str(locked))  # named directly: no traceback from find_config
    assert code == 2 and "Traceback" not in out + err
    assert out.splitlines()[0] == f"{locked}: 无法检查: 无法读取文件夹 / cannot read folder: Permission denied"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every folder")
def test_a_really_unreadable_subfolder(tmp_path: Path) -> None:
    top, locked = _folder(tmp_path)
    locked.chmod(0)
    try:
        out = gaicheck("check", "--isolated", str(top))
        assert out.returncode == 2 and "cannot read folder" in out.stdout and "Traceback" not in out.stderr
        out = gaicheck("check", str(locked))
        assert out.returncode == 2 and "Traceback" not in out.stderr
    finally:
        locked.chmod(stat.S_IRWXU)


# ---- 6: configuration and output paths ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["gaicheck.toml", "pyproject.toml"])
def test_a_configuration_that_is_not_utf8_is_one_line_and_exit_2(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes("select = [\"SUM\"]  # 选择\n".encode("gbk"))
    shutil.copy(WRONG, tmp_path / "r.txt")
    out = gaicheck("check", str(tmp_path / "r.txt"))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith(f"gaicheck: 无法读取配置文件 / cannot read configuration {tmp_path / name}: "
                                 "不是 UTF-8 编码 / not UTF-8")
    assert len(out.stderr.splitlines()) == 1


def test_a_broken_pyproject_found_on_the_way_up_is_not_ignored(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.gaicheck\nselect = 1\n", encoding="utf-8")
    shutil.copy(WRONG, tmp_path / "r.txt")
    code, out, err = invoke("check", str(tmp_path / "r.txt"))
    assert code == 2 and out == ""
    assert err.startswith(f"gaicheck: 无法读取配置文件 / cannot read configuration {tmp_path / 'pyproject.toml'}: ")
    assert err.rstrip().endswith("（可用 --isolated 或 --config 跳过 / use --isolated or --config to go around it）")
    assert invoke("check", "--isolated", str(tmp_path / "r.txt"))[0] == 1  # --isolated goes around it


def test_output_into_a_missing_folder_is_refused_before_any_finding(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.json"
    code, out, err = invoke("check", "--isolated", "-o", str(target), str(WRONG))
    assert code == 2 and out == ""
    assert err == (f"gaicheck: 无法写入输出文件 / cannot write output {target}: "
                   f"文件夹不存在 / folder not found: {target.parent}\n")
    code, out, err = invoke("check", "--isolated", "--write-baseline", str(target), str(WRONG))
    assert code == 2 and out == ""
    assert err == (f"gaicheck: 无法写入基线文件 / cannot write baseline {target}: "
                   f"文件夹不存在 / folder not found: {target.parent}\n")
    inside_a_file = tmp_path / "r.txt" / "b.json"
    shutil.copy(WRONG, tmp_path / "r.txt")
    code, out, err = invoke("check", "--isolated", "--write-baseline", str(inside_a_file), str(WRONG))
    assert (code, out) == (2, "") and err.startswith(f"gaicheck: 无法写入基线文件 / cannot write baseline {inside_a_file}")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes everywhere")
def test_output_into_an_unwritable_folder(tmp_path: Path) -> None:
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        for option in ("-o", "--write-baseline"):
            code, out, err = invoke("check", "--isolated", option, str(locked / "x"), str(WRONG))
            assert code == 2 and out == "" and "permission denied" in err
    finally:
        locked.chmod(stat.S_IRWXU)


# ---- 7: only a bare `-` is standard input ----------------------------------------------------------------

def test_dot_slash_dash_is_the_file_named_dash(tmp_path: Path) -> None:
    shutil.copy(WRONG, tmp_path / "-")
    out = gaicheck("check", "--isolated", "--format", "json", "./-", cwd=tmp_path, stdin=CLEAN.read_bytes())
    files = json.loads(out.stdout)["files"]
    assert [f["path"] for f in files] == ["./-"] and out.returncode == 1
    assert len(files[0]["findings"]) == 7  # the wrong totals of the file, not the clean report on stdin
    out = gaicheck("check", "--isolated", "--format", "json", "-", cwd=tmp_path, stdin=CLEAN.read_bytes())
    assert [f["path"] for f in json.loads(out.stdout)["files"]] == ["<stdin>"] and out.returncode == 0


# ---- 8: file names cannot forge output -------------------------------------------------------------------

def test_control_characters_in_names_are_escaped(tmp_path: Path) -> None:
    forged = tmp_path / "a\nb.txt:1:1: SUM001 forged"
    escape = tmp_path / "c\x1b[31md.txt"
    binary = tmp_path / "e\x07\x0b.txt"
    shutil.copy(WRONG, forged)
    shutil.copy(WRONG, escape)
    binary.write_bytes(bytes(range(256)) * 40)
    paths = [str(forged), str(escape), str(binary)]
    code, out, _err = invoke("check", "--isolated", "-j", "1", *paths)
    assert code == 2
    lines = out.splitlines()
    assert len(lines) == 7 + 7 + 1 + 1  # one line per finding, one for the unreadable file, the summary
    assert "\x1b" not in out and "\x07" not in out and "\x0b" not in out
    assert all(line.startswith((str(tmp_path), "共检查")) for line in lines)
    assert lines[0].startswith(f"{tmp_path}/a\\x0ab.txt:1:1: SUM001 forged:")
    assert lines[7].startswith(f"{tmp_path}/c\\x1b[31md.txt:")
    _code, out, _err = invoke("check", "--isolated", "-j", "1", "--format", "github", *paths)
    assert "\x1b" not in out and "\x07" not in out and len(out.splitlines()) == 15
    _code, out, _err = invoke("check", "--isolated", "-j", "1", "--format", "junit", *paths)
    suite = ET.fromstring(out.encode())  # valid XML
    names = [case.get("name") for case in suite.iter("testcase")]
    assert names == [f"{tmp_path}/a\\x0ab.txt:1:1: SUM001 forged", f"{tmp_path}/c\\x1b[31md.txt",
                     f"{tmp_path}/e\\x07\\x0b.txt"]


# ---- 10: excluded files named explicitly ----------------------------------------------------------------

def test_an_excluded_file_named_explicitly_is_said_to_be_excluded(tmp_path: Path) -> None:
    (tmp_path / "gaicheck.toml").write_text('exclude = ["archive/"]\n', encoding="utf-8")
    (tmp_path / "archive").mkdir()
    shutil.copy(WRONG, tmp_path / "archive" / "old.txt")
    named = str(tmp_path / "archive" / "old.txt")
    code, out, err = invoke("check", named)
    assert (code, out) == (0, "共检查0个文件：错误0个，警告0个，提示0个\n")
    assert err.splitlines() == [
        f"gaicheck: {named}: 已按配置排除，未检查 / excluded by the configuration (exclude), not checked",
        "gaicheck: 没有要检查的文件 / no files to check",
    ]


@pytest.mark.parametrize("pattern", ["archive/", "archive"])
def test_a_folder_pattern_with_or_without_slash_excludes_the_same(tmp_path: Path, pattern: str) -> None:
    (tmp_path / "gaicheck.toml").write_text(f'exclude = ["{pattern}"]\n', encoding="utf-8")
    for folder in ("archive", "2023/archive", "2023"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(CLEAN, tmp_path / folder / "r.txt")
    code, out, _err = invoke("check", "--format", "json", "-j", "1", str(tmp_path))
    assert code == 0
    assert [f["path"] for f in json.loads(out)["files"]] == [str(tmp_path / "2023" / "r.txt")]


# ---- 11: the pre-commit snippet works as written ---------------------------------------------------------

def test_the_pre_commit_snippet_names_a_commit_and_shows_warnings() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("## pre-commit", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    rev = next(line.split(":", 1)[1].split("#")[0].strip() for line in snippet.splitlines() if "rev:" in line)
    assert len(rev) == 40 and all(c in "0123456789abcdef" for c in rev)  # the repository has no tags
    assert "verbose: true" in snippet
