"""Configuration through the CLI: discovery, select/ignore/extend-select, per-file-ignores, severity
overrides, format, exclude, `gaicheck config`, and the errors for unknown keys and codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from gaicheck.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
WRONG = EXAMPLES / "2023_example_wrong_totals.txt"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def codes(out: str) -> list[str]:
    return [f["code"] for file in json.loads(out)["files"] for f in file["findings"]]


def project(tmp_path: Path, config: str, name: str = "gaicheck.toml") -> Path:
    """A folder with a configuration file and the wrong-totals report two levels below it."""
    (tmp_path / name).write_text(config, encoding="utf-8")
    reports = tmp_path / "reports" / "2023"
    reports.mkdir(parents=True)
    shutil.copy(WRONG, reports / "wrong.txt")
    return reports / "wrong.txt"


def test_gaicheck_toml_found_by_walking_up(tmp_path: Path) -> None:
    report = project(tmp_path, 'select = ["SUM", "VAL"]\nignore = ["SUM003"]\nformat = "json"\n')
    code, out, _ = invoke("check", str(report))
    assert code == 1
    assert codes(out) == ["VAL002", "SUM001", "SUM001", "SUM004"]


def test_pyproject_tool_table(tmp_path: Path) -> None:
    report = project(tmp_path, '[project]\nname = "x"\n\n[tool.gaicheck]\nselect = ["SUM004"]\nformat = "json"\n',
                     "pyproject.toml")
    _code, out, _ = invoke("check", str(report))
    assert codes(out) == ["SUM004"]


def test_pyproject_without_table_is_skipped_and_gaicheck_toml_wins(tmp_path: Path) -> None:
    report = project(tmp_path, 'select = ["VAL"]\nformat = "json"\n')
    (report.parent / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    _code, out, _ = invoke("check", str(report))
    assert codes(out) == ["VAL002"]


def test_isolated_and_explicit_config(tmp_path: Path) -> None:
    report = project(tmp_path, 'select = ["VAL"]\nformat = "json"\n')
    _code, out, _ = invoke("check", "--isolated", "--select", "SUM004", "--format", "json", str(report))
    assert codes(out) == ["SUM004"]
    other = tmp_path / "other.toml"
    other.write_text('select = ["SUM004", "VAL"]\nformat = "json"\n', encoding="utf-8")
    _code, out, _ = invoke("check", "--config", str(other), str(report))
    assert codes(out) == ["VAL002", "SUM004"]


def test_cli_select_replaces_and_ignore_adds(tmp_path: Path) -> None:
    report = project(tmp_path, 'select = ["VAL"]\nignore = ["SUM003"]\nformat = "json"\n')
    _code, out, _ = invoke("check", "--select", "SUM", "--ignore", "SUM001", str(report))
    assert codes(out) == ["SUM004"]
    _code, out, _ = invoke("check", "--extend-select", "SUM004", str(report))
    assert codes(out) == ["VAL002", "SUM004"]


def test_per_file_ignores(tmp_path: Path) -> None:
    report = project(tmp_path, 'select = ["SUM", "VAL"]\nformat = "json"\n[per-file-ignores]\n"reports/2023/*.txt" = ["SUM"]\n')
    other = tmp_path / "elsewhere.txt"
    shutil.copy(WRONG, other)
    _code, out, _ = invoke("check", str(report), str(other))
    files = json.loads(out)["files"]
    assert [f["code"] for f in files[0]["findings"]] == ["VAL002"]
    assert [f["code"] for f in files[1]["findings"]] == ["VAL002", "SUM001", "SUM003", "SUM001", "SUM003", "SUM004"]


def test_per_file_ignores_by_file_name(tmp_path: Path) -> None:
    report = project(tmp_path, 'select = ["SUM", "VAL"]\nformat = "json"\n[per-file-ignores]\n"wrong.txt" = ["VAL002"]\n')
    _code, out, _ = invoke("check", str(report))
    assert "VAL002" not in codes(out) and "SUM004" in codes(out)


def test_severity_override_and_fail_on(tmp_path: Path) -> None:
    report = project(tmp_path, 'select = ["SUM004"]\nformat = "json"\n[severity]\nSUM004 = "info"\n')
    code, out, _ = invoke("check", str(report))
    document = json.loads(out)
    assert document["files"][0]["findings"][0]["severity"] == "info"
    assert document["summary"]["infos"] == 1
    assert code == 0  # below the default fail-on (error)
    code, _out, _ = invoke("check", "--fail-on", "info", str(report))
    assert code == 1
    (tmp_path / "gaicheck.toml").write_text('select = ["SUM004"]\nfail-on = "info"\n[severity]\nSUM = "warning"\n')
    code, out, _ = invoke("check", str(report))
    assert code == 1 and " SUM004 " in out


def test_exclude_globs(tmp_path: Path) -> None:
    project(tmp_path, 'exclude = ["reports/2023"]\nformat = "json"\n')
    shutil.copy(EXAMPLES / "2023_example_clean.txt", tmp_path / "reports" / "clean.txt")
    code, out, _ = invoke("check", str(tmp_path))
    assert code == 0
    assert [Path(f["path"]).name for f in json.loads(out)["files"]] == ["clean.txt"]


def test_everything_excluded_is_not_an_error(tmp_path: Path) -> None:
    report = project(tmp_path, 'exclude = ["*.txt"]\n')
    code, out, err = invoke("check", str(report))
    assert code == 0
    assert out == "共检查0个文件：错误0个，警告0个，提示0个\n" and "no files to check" in err


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    report = project(tmp_path, 'selct = ["SUM"]\n')
    code, out, err = invoke("check", str(report))
    assert code == 2 and out == ""
    assert "unknown key 'selct'" in err and "gaicheck.toml" in err


def test_unknown_code_is_an_error(tmp_path: Path) -> None:
    report = project(tmp_path, 'ignore = ["SUM999"]\n')
    code, _out, err = invoke("check", str(report))
    assert code == 2 and "unknown rule code: SUM999" in err
    code, _out, err = invoke("check", "--isolated", "--select", "XYZ", str(report))
    assert code == 2 and "unknown rule code: XYZ" in err
    (tmp_path / "gaicheck.toml").write_text('[severity]\nSUM004 = "fatal"\n')
    code, _out, err = invoke("check", str(report))
    assert code == 2 and "severity.SUM004" in err


def test_config_command_prints_effective_settings(tmp_path: Path) -> None:
    report = project(tmp_path, 'select = ["SUM"]\nlang = "en"\n[per-file-ignores]\n"*.md" = ["STR"]\n')
    code, out, _ = invoke("config", str(report))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"# source: {tmp_path / 'gaicheck.toml'}"
    assert 'select = ["SUM"]' in lines and 'lang = "en"' in lines and 'fail-on = "error"' in lines
    assert 'per-file-ignores = {"*.md" = ["STR"]}' in lines
    code, out, _ = invoke("config", "--isolated")
    assert out.splitlines()[0] == "# no configuration file: defaults" and 'select = ["ALL"]' in out
