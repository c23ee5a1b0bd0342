"""The prose as a second witness for a run-on table-1 row (issue 13, point 3b): when exactly one split of the
digits agrees with the figures the prose states, that split is read and STR013 says so; otherwise STR010."""

from __future__ import annotations

from pathlib import Path

from gaicheck.api import parse_path
from tests.rules.common import PROSE, run, variant

PINGTAN_2024 = PROSE / "2024_pingtan_shiyanqu.txt"
ISSUED = "动态更新发布本年度制发行政规范性文件62件"
CELLS = ["active.normative.issued", "active.normative.repealed", "active.normative.in_force"]


def test_one_stated_figure_leaves_several_splits_unread() -> None:
    # 6233440 with 制发62件 only: 62/3/3440, 62/33/440, 62/334/40, 62/3344/0
    found = run(PINGTAN_2024, ["STR010", "STR013"])
    assert [(f.code, f.cells, f.line, f.column) for f in found] == [("STR010", CELLS, 10, 1397)]


def test_two_stated_figures_choose_the_split(tmp_path: Path) -> None:
    path = variant(tmp_path, PINGTAN_2024, (ISSUED, ISSUED + "，现行有效行政规范性文件440件"))
    cells = parse_path(str(path)).cell_map()
    assert [cells[k].value for k in CELLS] == [62, 33, 440]
    found = run(path, ["STR010", "STR013", "TXT003"])
    assert [(f.code, f.severity, f.cells) for f in found] == [("STR013", "info", CELLS)]
    assert found[0].message.endswith("所述拆分为62、33、440")
    en = run(path, ["STR013"], lang="en")
    assert en[0].message == (
        'Table 1, row "Administrative normative documents": the digits run together ("6233440") and allow several '
        'splits; split as the prose states them ("动态更新发布本年度制发行政规范性文件62件", '
        '"现行有效行政规范性文件440件") into 62, 33, 440'
    )


def test_figures_no_split_agrees_with_leave_the_row_unread(tmp_path: Path) -> None:
    path = variant(tmp_path, PINGTAN_2024, (ISSUED, ISSUED + "，现行有效行政规范性文件450件"))
    assert [f.code for f in run(path, ["STR010", "STR013"])] == ["STR010"]
    assert parse_path(str(path)).cell_map()["active.normative.in_force"].status == "ambiguous"


def test_series_keeps_the_page_read_as_published_over_the_prose_split_text() -> None:
    from gaicheck.series.grouping import group_reports, ok_cells

    txt, html = (parse_path(str(PROSE / f"2022_pingtan_shiyanqu.{ext}")) for ext in ("txt", "html"))
    assert (ok_cells(txt), ok_cells(html)) == (197, 200)  # 3 cells of txt split by the prose: not counted
    (series,) = group_reports([txt, html])
    assert [r.path for r in series.reports] == [html.path]
    assert [(dropped.path, kept.path) for dropped, kept in series.duplicates] == [(txt.path, html.path)]
