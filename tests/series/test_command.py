"""`gaicheck series` (which files were paired) and the cross-year rules through `gaicheck check`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from gaicheck.cli import main
from tests.series.helpers import CORPUS, SERIES


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_series_text_lists_pairs_and_checks() -> None:
    gap, fmt = SERIES / "gap", SERIES / "format2019"
    code, out = _invoke("series", str(gap), str(fmt), "--lang", "en")
    assert code == 0
    assert out.splitlines() == [
        "示例县示例镇人民政府 (key: 示例县示例镇政府): 4 report(s), 2019–2025",
        f"  2019  {fmt / '2019_example_2019_format.txt'}  [2019, 198 cells read]",
        f"  2020  {fmt / '2020_example_2019_format.txt'}  [2019, 198 cells read]",
        f"        ↳ against {fmt / '2019_example_2019_format.txt'} (compared): carry-over (YOY001), "
        "2019 table 1 roll-over (YOY003, YOY004), copied prose (YOY006, YOY007)",
        f"  2023  {gap / '2023_example_clean.txt'}  [2021, 200 cells read]",
        f"        ↳ against {fmt / '2020_example_2019_format.txt'} (years missing in between, figures not compared): "
        "copied prose (YOY006, YOY007)",
        f"  2025  {gap / '2025_example_after_gap.txt'}  [2021, 200 cells read]",
        f"        ↳ against {gap / '2023_example_clean.txt'} (years missing in between, figures not compared): "
        "copied prose (YOY006, YOY007)",
        "4 file(s), 1 organ(s)",
    ]


def test_series_json_shows_duplicates_and_legacy() -> None:
    code, out = _invoke("series", str(CORPUS / "2018_pingtan_shiyanqu_legacy.html"),
                        str(CORPUS / "2019_pingtan_shiyanqu.html"), str(CORPUS / "2019_pingtan_shiyanqu.txt"),
                        "--format", "json")
    assert code == 0
    (series,) = json.loads(out)["series"]
    assert series["years"] == [2018, 2019]
    assert [(r["template"], r["comparable"]) for r in series["reports"]] == [("legacy", False), ("2019", True)]
    assert [(p["kind"], p["checks"]) for p in series["pairs"]] == [("previous_not_comparable", [])]
    (duplicate,) = series["duplicates"]
    assert duplicate["path"].endswith("2019_pingtan_shiyanqu.txt")
    assert duplicate["same_as"].endswith("2019_pingtan_shiyanqu.html")


def test_series_names_unreadable_files_and_exits_2() -> None:
    code, out = _invoke("series", str(SERIES / "consistent"), str(SERIES / "no_such_file.txt"))
    assert code == 2
    assert f"{SERIES / 'no_such_file.txt'}: 无法读取" in out
    assert "共3个文件，1个机关" in out


def test_check_directory_runs_cross_year_rules() -> None:
    code, out = _invoke("check", str(SERIES / "carry_break"), "--select", "YOY", "--format", "json")
    assert code == 1
    files = json.loads(out)["files"]
    later = next(f for f in files if f["path"].endswith("2024_example_carry_break.txt"))
    assert [(f["code"], f["expected"], f["actual"]) for f in later["findings"]] == [("YOY001", 7, 6), ("YOY001", 8, 7)]


def test_check_with_previous_file() -> None:
    folder = SERIES / "stock_break"
    code, out = _invoke("check", str(folder / "2024_example_stock_break.txt"),
                        "--previous", str(folder / "2023_example_clean.txt"), "--select", "YOY")
    assert code == 0  # YOY002 is a warning
    assert f"{folder / '2024_example_stock_break.txt'}:15:19: YOY002 表1「行政规范性文件」" in out
    assert "2023_example_clean.txt:" not in out  # the previous report is read, never reported on
