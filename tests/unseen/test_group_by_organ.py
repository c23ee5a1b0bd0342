"""`check --group-by organ` groups as `gaicheck series` does (issue 13, point 5): 洪泽区人民政府 2023 and
淮安市洪泽区人民政府 2024 are one organ."""

from __future__ import annotations

import subprocess
import sys

from gaicheck.model.finding import FileResult
from gaicheck.output.text import organ_groups
from tests.rules.common import PROSE


def _result(path: str, organ: str | None, year: int | None) -> FileResult:
    return FileResult(path=path, organ=organ, report_year=year)


def test_short_name_joins_the_full_name_under_the_latest_wording() -> None:
    results = [
        _result("a.pdf", "洪泽区人民政府", 2023),
        _result("x.txt", None, None),
        _result("b.pdf", "淮安市洪泽区人民政府", 2024),
        _result("c.html", "平潭综合实验区管理委员会", 2022),
        _result("d.html", "平潭综合实验区管委会", 2021),
    ]
    assert [(organ, [r.path for r in files]) for organ, files in organ_groups(results)] == [
        ("淮安市洪泽区人民政府", ["a.pdf", "b.pdf"]),
        ("平潭综合实验区管理委员会", ["c.html", "d.html"]),
        ("", ["x.txt"]),
    ]


def test_hongze_2023_and_2024_share_one_heading() -> None:
    files = [str(PROSE / "2023_huaian_hongzequ.pdf"), str(PROSE / "2024_huaian_hongzequ.pdf")]
    cmd = [sys.executable, "-m", "gaicheck", "check", *files, "--group-by", "organ"]
    out = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=False).stdout
    assert [line for line in out.splitlines() if line.startswith("==")] == ["== 淮安市洪泽区人民政府 =="]
