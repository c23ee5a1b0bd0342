"""YOY006/YOY007 compare prose only (issue 13, point 5): a table's header text, row labels and notes, which
text dumps and converters leave as text blocks in sections 二–四, are not prose; prose placed in those
sections (a section 五 whose heading was not found) still is."""

from __future__ import annotations

from gaicheck.api import parse_path
from gaicheck.checks.yoy.prose_text import blocks, is_table_wording
from tests.conftest import EXAMPLES
from tests.rules.common import PROSE

TABLE_SECTIONS = ("active", "apply", "review")


def test_table_headers_of_a_run_on_text_are_not_prose() -> None:
    report = parse_path(str(PROSE / "2023_pingtan_shiyanqu.txt"))
    in_tables = [b.text for b in report.text if b.section in TABLE_SECTIONS]
    assert len(in_tables) == 79 and "信息内容" in in_tables and "结果维持" in in_tables
    assert [b.text for b in blocks(report) if b.section in TABLE_SECTIONS] == []


def test_converter_fragments_of_labels_are_not_prose() -> None:
    for text in ("度办", "果", "自然人总计", "（二）部分公开（区分处理的，只", "之和，等于第三项加第四项之和）"):
        assert is_table_wording(text), text


def test_misplaced_prose_in_a_table_section_stays() -> None:
    report = parse_path(str(EXAMPLES / "2020_binjiangxinqu.txt"))
    kept = [b.text for b in blocks(report) if b.section == "review"]
    assert len(kept) == 6 and kept[0].startswith("1. 政府信息公开质量不高。")
    for text in ("2018年未收到有关政府信息公开申请。", "三是提高依申请公开办理质量。加强政府信息依申请公开办"):
        assert not is_table_wording(text), text
