"""Suppression comments, baselines, exit codes, batch runs (parallel = serial, byte for byte), standard
input, --output, --group-by, and output on consoles that cannot show Chinese."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gaicheck.cli import main
from gaicheck.suppress import suppressed_codes

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CORPUS = ROOT / "tests" / "data" / "corpus"
WRONG = EXAMPLES / "2023_example_wrong_totals.txt"
CLEAN = EXAMPLES / "2023_example_clean.txt"


def invoke(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def codes(out: str) -> list[str]:
    return [f["code"] for file in json.loads(out)["files"] for f in file["findings"]]


# ---- suppression comments --------------------------------------------------------------------------


def test_suppression_comment_in_text_file(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(WRONG.read_text(encoding="utf-8") + "\n# gaicheck: ignore SUM001, VAL\n", encoding="utf-8")
    _code, out, _ = invoke("check", "--isolated", "--select", "SUM,VAL", "--format", "json", str(report))
    assert codes(out) == ["SUM003", "SUM003", "SUM004"]


def test_suppression_comment_in_html_file(tmp_path: Path) -> None:
    source = CORPUS / "2025_synthetic_hangzhou_style_fixture.html"
    _code, before, _ = invoke("check", "--isolated", "--select", "TPL005", "--format", "json", str(source))
    assert "TPL005" in codes(before)
    report = tmp_path / "r.html"
    report.write_bytes(source.read_bytes().replace(b"<body", b"<!-- gaicheck: ignore TPL005 --><body", 1))
    _code, after, _ = invoke("check", "--isolated", "--select", "TPL005", "--format", "json", str(report))
    assert codes(after) == []


def test_suppression_parsing_from_bytes() -> None:
    assert suppressed_codes(b"<p>x</p><!--gaicheck: ignore STR006 SUM005-->\n") == ["STR006", "SUM005"]
    assert suppressed_codes("正文\n  # gaicheck: ignore sum004\n".encode("gb18030")) == ["SUM004"]
    assert suppressed_codes("<!-- gaicheck: ignore STR001 -->".encode("utf-16")) == ["STR001"]
    assert suppressed_codes(b"text # gaicheck: ignore STR001 in the middle of a line") == []
    assert suppressed_codes(b"%PDF-1.7 # gaicheck: ignore STR001") == []


# ---- baseline ----------------------------------------------------------------------------------------


def test_baseline_reports_only_new_findings(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    shutil.copy(WRONG, report)
    baseline = tmp_path / "baseline.json"
    code, _out, _ = invoke("check", "--isolated", "--select", "SUM,VAL", "--write-baseline", str(baseline), str(report))
    assert code == 0
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert sorted(e["code"] for e in entries) == ["SUM001", "SUM001", "SUM003", "SUM003", "SUM004", "VAL002"]
    code, out, _ = invoke("check", "--isolated", "--select", "SUM,VAL", "--baseline", str(baseline), str(report))
    assert code == 0 and out.splitlines() == ["共检查1个文件：错误0个，警告0个，提示0个"]
    # lines move (a line added on top) and a new mistake appears in table 3 (行政诉讼 未经复议 总计)
    text = report.read_text(encoding="utf-8")
    lines = text.splitlines()
    row = lines.index("2 | 1 | 0 | 1 | 5 | 1 | 0 | 0 | 1 | 2 | 1 | 0 | 0 | 0 | 1")
    lines[row] = "2 | 1 | 0 | 1 | 5 | 1 | 0 | 0 | 1 | 3 | 1 | 0 | 0 | 0 | 1"
    report.write_text("\n" + "\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = invoke("check", "--isolated", "--select", "SUM,VAL", "--baseline", str(baseline),
                          "--format", "json", str(report))
    assert code == 1
    new = json.loads(out)["files"][0]["findings"]
    assert [f["code"] for f in new] == ["SUM004"]
    assert new[0]["cells"][-1] == "review.litigation_direct.total"


def test_unreadable_baseline_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("{", encoding="utf-8")
    code, _out, err = invoke("check", "--isolated", "--baseline", str(bad), str(CLEAN))
    assert code == 2 and "cannot read baseline" in err


# ---- exit codes and per-file errors ----------------------------------------------------------------


def test_exit_codes(tmp_path: Path) -> None:
    assert invoke("check", "--isolated", "--select", "SUM", str(CLEAN))[0] == 0
    assert invoke("check", "--isolated", "--select", "SUM", str(WRONG))[0] == 1
    assert invoke("check", "--isolated", "--select", "STR006", str(EXAMPLES / "2022_shuikouzhen.txt"))[0] == 0
    assert invoke("check", "--isolated", "--select", "STR006", "--fail-on", "warning",
                  str(EXAMPLES / "2022_shuikouzhen.txt"))[0] == 1
    assert invoke("check", "--isolated", "--format", "xml", str(CLEAN))[0] == 2
    code, out, _ = invoke("check", "--isolated", "--select", "SUM", str(tmp_path / "missing.txt"), str(WRONG))
    assert code == 2  # the unreadable file is named, the other one still checked
    assert out.splitlines()[0].startswith(f"{tmp_path / 'missing.txt'}: 无法检查: 无法读取文件")
    assert " SUM004 " in out


def test_stdin_and_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    code, out, _ = invoke("check", "--isolated", "--select", "SUM004", "-o", str(target), "-", stdin=WRONG.read_bytes())
    assert code == 1 and out == ""
    assert target.read_text(encoding="utf-8").startswith("<stdin>:59:17: SUM004 ")


def test_group_by_organ() -> None:
    code, out, _ = invoke("check", "--isolated", "--select", "SUM004,STR001", "--group-by", "organ",
                          str(WRONG), str(EXAMPLES / "2020_binjiangxinqu.txt"), str(CLEAN))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "== 示例县错例镇人民政府 =="
    assert lines[1].startswith(f"{WRONG}:59:17: SUM004")
    assert lines[2] == "== 滨江新区办事处 =="
    assert lines[3].startswith(f"{EXAMPLES / '2020_binjiangxinqu.txt'}") and " STR001 " in lines[3]
    assert lines[4] == "== 示例县示例镇人民政府 =="
    assert lines[5] == "共检查3个文件：错误1个，警告1个，提示0个"


# ---- batch: parallel output identical to serial ----------------------------------------------------


def test_jobs_two_is_byte_identical_to_jobs_one_on_examples_and_corpus() -> None:
    paths = [str(EXAMPLES), str(CORPUS)]
    serial = invoke("check", "--isolated", "--format", "json", "--jobs", "1", *paths)
    parallel = invoke("check", "--isolated", "--format", "json", "--jobs", "2", *paths)
    assert serial == parallel  # exit code, output, and nothing on stderr (no progress bar in a pipe)
    files = json.loads(serial[1])["files"]
    assert [Path(f["path"]).name for f in files][:7] == sorted(p.name for p in EXAMPLES.iterdir())
    assert len(files) == 7 + sum(1 for p in CORPUS.iterdir() if p.name != "SOURCES.md")
    assert serial[2] == ""


@pytest.mark.parametrize("fmt", ["text", "full", "sarif", "github", "gitlab", "junit", "html"])
def test_jobs_two_is_byte_identical_to_jobs_one(fmt: str) -> None:
    serial = invoke("check", "--isolated", "--format", fmt, "--jobs", "1", str(EXAMPLES))
    parallel = invoke("check", "--isolated", "--format", fmt, "--jobs", "2", str(EXAMPLES))
    assert serial == parallel
    assert serial[0] == 1 and len(serial[1]) > 1000


# ---- consoles that cannot show Chinese --------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "cp936"])
@pytest.mark.parametrize("fmt", ["text", "full", "json"])
def test_console_encoding_never_crashes(tmp_path: Path, encoding: str, fmt: str) -> None:
    report = tmp_path / "报告😀.txt"  # the emoji is outside GBK too
    shutil.copy(WRONG, report)
    env = {**os.environ, "PYTHONIOENCODING": encoding, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "gaicheck", "check", "--isolated", "--select", "SUM004", "--format", fmt, str(report)],
        capture_output=True, env=env, cwd=tmp_path, timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr
    out = done.stdout.decode(encoding)
    assert "SUM004" in out and "?" in out
    if encoding == "cp936":
        assert "行政复议" in out  # what GBK can show is shown
    else:
        assert "行政复议" not in out and out.isascii()
