"""Template versions are data: the registry reads them from rules/templates/*.toml and from the folders of
$GAICHECK_TEMPLATE_DIRS, orders them by `first_year`, and nothing else in the code names a version. A
fictitious version 2031 (new table 1 column names as signals, one renamed row in table 2, one extra
identity), written to a temporary folder, is detected, extracted and checked with no code change."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from gaicheck.extract.detect import _signal_keys
from gaicheck.templates import TEMPLATE_DIRS_ENV, TemplateError, load_registry, registry, template_dirs
from tests.conftest import EXAMPLES, ROOT

RENAMED = ("（一）予以公开", "（一）予以全部公开")
NEW_COLUMNS = {"issued": "本年印发件数", "repealed": "本年失效件数", "in_force": "年末现行有效件数"}
EXTRA_IDENTITY = {
    "id": "T2-X1",
    "title_zh": "表2「第一项+第二项=各项办理结果之和+第四项」",
    "title_en": 'Table 2 "1 + 2 = sum of outcomes + 4"',
    "rule": "SUM001",
    "table": "apply",
    "for_each": "column",
    "lhs": ["new", "carried_over"],
    "rhs": ["@outcome", "carry_forward"],
}


def _toml_value(value: Any) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)  # strings and numbers: valid TOML


def _toml(data: dict[str, Any]) -> str:
    """The version file: top-level values, then each table's values and arrays of tables."""
    lines = [f"{k} = {_toml_value(v)}" for k, v in data.items() if k not in ("tables", "identities")]
    for key, table in data["tables"].items():
        lines.append(f"\n[tables.{key}]")
        lines += [f"{k} = {_toml_value(v)}" for k, v in table.items() if not isinstance(v, list) or not v
                  or not isinstance(v[0], dict)]
        for k, items in table.items():
            if isinstance(items, list) and items and isinstance(items[0], dict):
                for item in items:
                    lines.append(f"\n[[tables.{key}.{k}]]")
                    lines += [f"{ik} = {_toml_value(iv)}" for ik, iv in item.items()]
    for identity in data["identities"]:
        lines.append("\n[[identities]]")
        lines += [f"{k} = {_toml_value(v)}" for k, v in identity.items()]
    return "\n".join(lines) + "\n"


def _version_2031() -> dict[str, Any]:
    """The 2021 version file with another number, new column names in table 1 (its signals), one row of
    table 2 renamed, and one identity more."""
    with open(ROOT / "rules" / "templates" / "2021.toml", "rb") as fh:
        data = tomllib.load(fh)
    data.update(version="2031", name="政府信息公开工作年度报告格式（示例）", notice="国办公开办函〔2031〕1号",
                first_year=2031, signals=[*NEW_COLUMNS.values(), RENAMED[1]])
    for column in data["tables"]["active"]["blocks"][0]["columns"]:
        column["label"] = NEW_COLUMNS[column["key"]]
    (granted,) = [r for r in data["tables"]["apply"]["rows"] if r["label"] == RENAMED[0]]
    granted["label"] = granted["short"] = RENAMED[1]
    data["identities"] = [EXTRA_IDENTITY]
    return data


def _report_2031(tweak: dict[str, str] | None = None) -> str:
    """The clean 2023 example, rewritten as a 2031 report in the 2031 format."""
    text = (EXAMPLES / "2023_example_clean.txt").read_text(encoding="utf-8")
    text = text.replace("国办公开办函〔2021〕30号", "国办公开办函〔2031〕1号").replace("2024", "2032")
    text = text.replace("2023", "2031").replace(f"| {RENAMED[0]} |", f"| {RENAMED[1]} |")
    text = text.replace("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数", "信息内容 | " + " | ".join(NEW_COLUMNS.values()))
    for old, new in (tweak or {}).items():
        assert old in text
        text = text.replace(old, new)
    return text


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    extra = tmp_path / "templates"
    extra.mkdir()
    (extra / "2031.toml").write_text(_toml(_version_2031()), encoding="utf-8")
    return extra


def _gaicheck(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, TEMPLATE_DIRS_ENV: str(folder), "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "gaicheck", *args], capture_output=True, text=True, env=env, cwd=folder.parent,
        check=False,
    )


def test_registry_of_the_shipped_versions() -> None:
    versions = registry()
    assert versions.versions == ("2019", "2021")
    assert [versions.for_year(y).version for y in (None, 2015, 2019, 2020, 2021, 2030)] == [
        "2019", "2019", "2019", "2019", "2021", "2021",
    ]
    assert versions.in_force(2018) is None and versions.newest().version == "2021"
    assert versions.has("2019", "rollover_counts") and not versions.has("mixed", "rollover_counts")
    assert [versions.follows_template(n) for n in ("2019", "mixed", "legacy", "none")] == [True, True, False, False]


def test_an_extra_folder_adds_a_version(folder: Path) -> None:
    versions = load_registry(template_dirs(str(folder)))
    assert versions.versions == ("2019", "2021", "2031")
    assert versions.for_year(2035).version == "2031" and versions.for_year(2030).version == "2021"
    new = versions.get("2031")
    assert [i.id for i in new.identities] == ["T2-O1", "T2-I1", "T2-I2", "T3-I1", "T2-X1"]  # added to common's
    assert new.tables["apply"].rows[2].label == RENAMED[1]
    # 2021's signals that 2031 also holds (its table 2 rows, its other table 1 columns) are no longer signals
    signals = {v: [s for s, _k in pairs] for v, pairs in _signal_keys(versions).items()}
    assert signals["2021"] == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert signals["2031"] == [*NEW_COLUMNS.values(), RENAMED[1]]


def test_a_report_in_the_extra_version_is_checked(folder: Path) -> None:
    report = folder.parent / "2031_report.txt"
    report.write_text(_report_2031(), encoding="utf-8")
    parsed = _gaicheck(folder, "parse", str(report), "--format", "json")
    assert parsed.returncode == 0, parsed.stderr
    document = json.loads(parsed.stdout)
    assert (document["template"], document["report_year"]) == ("2031", 2031)
    cells = {c["key"]: c for c in document["cells"]}
    assert (cells["apply.granted.total"]["row_label"], cells["apply.granted.total"]["value"]) == (RENAMED[1], 23)
    assert (cells["active.normative.in_force"]["column_label"], cells["active.normative.in_force"]["value"]) == (
        "年末现行有效件数", 25,
    )
    assert all(c["status"] == "ok" for c in document["cells"])
    clean = _gaicheck(folder, "check", str(report), "--isolated")
    assert (clean.returncode, clean.stdout) == (0, "共检查1个文件：错误0个，警告0个，提示0个\n")


def test_the_extra_identity_is_checked(folder: Path) -> None:
    report = folder.parent / "2031_report.txt"
    # one more application carried over: 1 + 2 no longer equals 3 (七) + 4 nor the sum of outcomes + 4
    carried = "二、上年结转政府信息公开申请数量 | {0} | 0 | 0 | 0 | 0 | 0 | {0}"
    report.write_text(_report_2031({carried.format(3): carried.format(4)}), encoding="utf-8")
    checked = _gaicheck(folder, "check", str(report), "--isolated", "--format", "json")
    assert checked.returncode == 1, checked.stderr
    findings = json.loads(checked.stdout)["files"][0]["findings"]
    assert [(f["code"], f["line"], f["cells"][0]) for f in findings] == [
        ("TXT003", 5, "apply.carried_over.total"),
        ("SUM001", 32, "apply.new.natural"),  # T2-X1, the extra identity
        ("SUM001", 32, "apply.new.total"),
        ("SUM001", 53, "apply.new.natural"),  # T2-O1
        ("SUM001", 53, "apply.new.total"),
    ]
    outcomes = (
        "（一）予以全部公开(20)+（二）部分公开(5)+（三）3.危及“三安全一稳定”(1)+（三）4.保护第三方合法权益(2)+"
        "（三）6.属于四类过程性信息(1)+（四）1.本机关不掌握相关政府信息(10)+（四）2.没有现成信息需要另行制作(3)+"
        "（四）3.补正后申请内容仍不明确(1)+（五）1.信访举报投诉类申请(2)+（五）2.重复申请(1)+（六）1.逾期不补正(1)+"
        "（六）3.其他(1)"
    )
    assert findings[1]["message"] == f"表2「自然人」列：第一项(52)+第二项(4)=56，{outcomes}+第四项(7)，其余各项为0=55，相差1"
    assert len(findings[1]["cells"]) == 2 + 21 + 1  # the first and second items, the 21 outcome rows, the fourth


def test_schema_lists_the_extra_version(folder: Path) -> None:
    schema = json.loads(_gaicheck(folder, "schema").stdout)
    template = schema["$defs"]["FileEntry"]["properties"]["template"]
    assert template["anyOf"][0]["enum"] == ["2019", "2021", "2031", "mixed", "legacy", "none"]


def test_a_broken_version_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "2040.toml").write_text('version = "2040"\nfirst_year = "soon"\n', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"2040\.toml: name: Field required"):
        load_registry(template_dirs(str(tmp_path)))
    with pytest.raises(TemplateError, match="does not exist"):
        load_registry(template_dirs(str(tmp_path / "nowhere")))


def test_no_module_names_a_version() -> None:
    """Only the registry knows the versions: no string constant of the code is a version's name."""
    versions = set(registry().versions)
    named: list[str] = []
    for path in sorted((ROOT / "gaicheck").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in versions:
                named.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert named == []
