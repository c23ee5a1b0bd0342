"""Through the command line: an unreadable file gives exit code 2 and one line naming it, while the other
files of the batch are still checked; and the output is byte-identical across runs and `--jobs` values."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from gaicheck.cli import main
from tests.conftest import EXAMPLES
from tests.robustness.seeds import CORPUS

WRONG = EXAMPLES / "2023_example_wrong_totals.txt"


def _batch(tmp_path: Path) -> list[str]:
    shutil.copy(WRONG, tmp_path / "a_wrong.txt")
    (tmp_path / "b_binary.txt").write_bytes(bytes(range(256)) * 100)
    (tmp_path / "c_bomb.html").write_bytes(b"<html><body>" + b"<div>" * 100_000 + b"</body></html>")
    shutil.copy(EXAMPLES / "2023_example_clean.txt", tmp_path / "d_clean.txt")
    return [str(tmp_path / "a_wrong.txt"), str(tmp_path / "b_binary.txt"), str(tmp_path / "missing.txt"),
            str(tmp_path / "c_bomb.html"), str(tmp_path / "d_clean.txt")]


def test_unreadable_files_exit_2_and_the_rest_is_checked(tmp_path: Path) -> None:
    paths = _batch(tmp_path)
    result = CliRunner().invoke(main, ["check", *paths])
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    binary = [line for line in lines if "b_binary.txt" in line]
    missing = [line for line in lines if "missing.txt" in line]
    assert binary == [f"{paths[1]}: 无法检查: 无法识别的文件格式 / unrecognised file format: b_binary.txt"]
    assert len(missing) == 1 and "无法读取文件 / cannot read file" in missing[0]
    # the good files were checked: the wrong totals are reported
    assert sum(1 for line in lines if line.startswith(paths[0]) and " SUM00" in line) == 5
    assert lines[-1].endswith("2个文件无法读取")


def test_unreadable_files_in_json(tmp_path: Path) -> None:
    import json

    paths = _batch(tmp_path)
    result = CliRunner().invoke(main, ["check", "--format", "json", *paths])
    assert result.exit_code == 2
    files = {Path(f["path"]).name: f for f in json.loads(result.output)["files"]}
    assert files["b_binary.txt"]["error"] == "无法识别的文件格式 / unrecognised file format: b_binary.txt"
    assert files["missing.txt"]["error"].startswith("无法读取文件")
    assert files["a_wrong.txt"]["error"] is None and len(files["a_wrong.txt"]["findings"]) >= 6
    assert files["d_clean.txt"]["findings"] == []


def test_size_limit_from_the_environment(tmp_path: Path) -> None:
    shutil.copy(WRONG, tmp_path / "r.txt")
    env = {**os.environ, "GAICHECK_MAX_FILE_MB": "0.001"}
    out = subprocess.run(
        [sys.executable, "-m", "gaicheck", "check", str(tmp_path / "r.txt")],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert out.returncode == 2
    assert f"{tmp_path / 'r.txt'}: 无法检查: 文件过大（4.7 KB，上限 0.001 MB）" in out.stdout


def _run(args: list[str]) -> bytes:
    out = subprocess.run([sys.executable, "-m", "gaicheck", "check", *args], capture_output=True, timeout=300)
    assert out.returncode in (1, 2), out.stderr
    return out.stdout


def test_output_is_byte_identical_across_runs_and_jobs() -> None:
    targets = [str(EXAMPLES), str(CORPUS)]
    first = _run(["--format", "json", "--jobs", "1", *targets])
    assert first == _run(["--format", "json", "--jobs", "1", *targets])
    assert first == _run(["--format", "json", "--jobs", "2", *targets])
    assert first.count(b'"path"') >= 25
