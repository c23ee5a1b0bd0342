"""No contradictory pair (issue 13, point 5): an unlabelled row placed by position must not take the row of a
label that follows — 科委 2024 got `STR007 … 按位置应为「1.信访举报投诉类申请」` and then `STR008 表2中有模板以外的行
「1.信访举报投诉类申请」`."""

from __future__ import annotations

from gaicheck.api import parse_path
from tests.rules.common import PROSE, run

KEWEI = PROSE / "2024_shanghai_kewei.md"


def test_the_label_keeps_its_row_and_the_unlabelled_row_takes_the_free_one() -> None:
    found = run(KEWEI, ["STR003", "STR007", "STR008"])
    assert [f for f in found if f.code in ("STR003", "STR008")] == []
    (moved,) = [f for f in found if f.line == 143]
    assert (moved.code, moved.message) == ("STR007", "表2有一行数字没有行标题，按位置应为「2.没有现成信息需要另行制作」")
    assert not any("信访" in f.message for f in found)


def test_both_rows_are_read_and_the_outcome_totals_are_unchanged() -> None:
    cells = parse_path(str(KEWEI)).cell_map()
    petition, need_create = cells["apply.rejected_petition.total"], cells["apply.unable_need_create.total"]
    assert (petition.status, petition.value, petition.line) == ("ok", 0, 145)
    assert (need_create.status, need_create.value, need_create.line) == ("ok", 0, 143)
