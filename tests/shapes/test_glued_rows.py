"""A label touching its numbers (`规章0 0 0`, `行政许可128`: a PDF table drawn without rules) is a row;
a line of prose that wraps at a number (`…政务新媒体共计95`) is not. Through the public API only."""

from __future__ import annotations

from gaicheck.api import check_file, parse_bytes
from tests.conftest import EXAMPLES

CLEAN = EXAMPLES / "2023_example_clean.txt"


def test_glued_rows_read_and_wrapped_prose_stays_prose() -> None:
    text = CLEAN.read_text(encoding="utf-8")
    for old, new in (
        ("规章 | 0 | 0 | 0", "规章0 0 0"),
        ("行政规范性文件 | 3 | 1 | 25", "行政规范性文件3 1 25"),
        ("行政许可 | 128 | |", "行政许可128"),
        ("行政处罚 | 46 | |", "行政处罚46"),
        (
            "（四）平台建设。持续加强政府网站信息公开专栏建设。",
            "（四）平台建设。全区在运维政务新媒体共计95\n个，持续加强政府网站信息公开专栏建设。",
        ),
    ):
        assert text.count(old) == 1
        text = text.replace(old, new)
    data = text.encode()
    cells = {c.key: (c.status, c.value) for c in parse_bytes("r.txt", data).cells}
    assert [cells[f"active.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [
        ("ok", 3),
        ("ok", 1),
        ("ok", 25),
    ]
    assert [cells[f"active.rules.{k}"] for k in ("issued", "repealed", "in_force")] == [("ok", 0)] * 3
    assert cells["active.license.decisions"] == ("ok", 128)
    assert cells["active.penalty.decisions"] == ("ok", 46)
    assert [(f.code, f.cells) for f in check_file("r.txt", data=data).findings] == []
