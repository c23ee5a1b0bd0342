"""Whole numbers print as whole numbers (issue 13, point 5): 平潭 2019's TXT004 said `应为 2599.0，实为 2533.0`."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.rules.common import PROSE, run

PINGTAN_2019 = PROSE / "2019_pingtan_shiyanqu.html"


def test_expected_and_actual_are_ints_in_the_finding() -> None:
    (found,) = run(PINGTAN_2019, ["TXT004"])
    assert (found.code, found.expected, found.actual) == ("TXT004", 2599, 2533)
    assert type(found.expected) is int and type(found.actual) is int


def test_full_and_json_outputs_show_whole_numbers() -> None:
    def out(fmt: str) -> str:
        args = [sys.executable, "-m", "gaicheck", "check", str(PINGTAN_2019), "--select", "TXT004", "--format", fmt]
        return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", check=False).stdout

    assert "应为 2599，实为 2533" in out("full")
    (finding,) = json.loads(out("json"))["files"][0]["findings"]
    assert (finding["expected"], finding["actual"]) == (2599, 2533)
    assert '"expected": 2599,' in out("json")


def test_a_whole_table_value_is_an_int() -> None:
    (found,) = run(PROSE / "2023_pingtan_shiyanqu.html", ["TXT003"])
    assert (found.expected, type(found.expected)) == (470, int)  # 470.0 read from the table
