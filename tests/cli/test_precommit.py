"""The pre-commit hook, run by the real `pre-commit` tool on a temporary git repository, offline: the
hook of `.pre-commit-hooks.yaml` as a `repo: local` hook (`language: system`, running this Python),
so no environment has to be downloaded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _repo(tmp_path: Path, files: dict[str, Path]) -> Path:
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    assert hook["id"] == "gaicheck" and hook["entry"] == "gaicheck check"
    local = {
        "id": hook["id"],
        "name": hook["name"],
        "entry": f"{sys.executable} -m gaicheck check --isolated --select SUM,VAL",
        "language": "system",
        "files": hook["files"],
    }
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (repo / "notes.py").write_text("print('not a report')\n", encoding="utf-8")
    for name, source in files.items():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    _git(repo, "add", "-A")
    return repo


def _run(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    return subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files", "--color", "never"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=120,
    )


def test_hook_fails_on_wrong_totals(tmp_path: Path) -> None:
    repo = _repo(tmp_path, {"reports/2023.txt": EXAMPLES / "2023_example_wrong_totals.txt",
                            "reports/clean.txt": EXAMPLES / "2023_example_clean.txt"})
    done = _run(repo, tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "gaicheck (政府信息公开工作年度报告检查)" in done.stdout and "Failed" in done.stdout
    assert "reports/2023.txt:59:17: SUM004 " in done.stdout
    assert "notes.py" not in done.stdout
    assert "共检查2个文件：错误6个" in done.stdout


def test_hook_passes_on_clean_report(tmp_path: Path) -> None:
    repo = _repo(tmp_path, {"reports/clean.txt": EXAMPLES / "2023_example_clean.txt"})
    done = _run(repo, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout
