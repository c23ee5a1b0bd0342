"""Issue 13 point 6 on a real run-on page (平潭 2024, every table on one line): what a digit run can mean.

(a) a run with exactly as many digits as cells has one reading, and the identities speak; (b) a run no
split of which satisfies its row's identity is an error (SUM006) naming the run and the identity, not
only "cannot check"; (c) a table's digits glued to a year that starts the next sentence end where the
year begins. Through the public API only.
"""

from __future__ import annotations

from pathlib import Path

from gaicheck.api import Options, check_file, parse_bytes  # Options: as gaicheck.api takes it

PAGE = Path(__file__).resolve().parents[1] / "data" / "corpus" / "2024_pingtan_shiyanqu.txt"
ROW_CELLS = ["natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"]


def _changed(old: str, new: str) -> bytes:
    text = PAGE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    return text.replace(old, new).encode()


def _new_findings(data: bytes, lang: str = "zh") -> list[tuple[str, str, list[str], str]]:
    base = {
        (f.code, tuple(f.cells), f.message) for f in check_file("p.txt", Options(lang=lang), PAGE.read_bytes()).findings
    }
    after = check_file("p.txt", Options(lang=lang), data=data).findings
    return [
        (f.code, f.severity, list(f.cells), f.message) for f in after if (f.code, tuple(f.cells), f.message) not in base
    ]


def test_one_digit_per_cell_is_read_and_checked() -> None:
    data = _changed("二、上年结转政府信息公开申请数量0000000", "二、上年结转政府信息公开申请数量0000001")
    cells = {c.key: c for c in parse_bytes("p.txt", data).cells}
    assert [cells[f"apply.carried_over.{c}"].value for c in ROW_CELLS] == [0, 0, 0, 0, 0, 0, 1]
    found = _new_findings(data)
    assert [(code, severity) for code, severity, _cells, _msg in found] == [("SUM002", "error"), ("SUM001", "error")]
    assert found[0][2] == [f"apply.carried_over.{c}" for c in ROW_CELLS]
    assert found[1][2] == [
        "apply.new.total",
        "apply.carried_over.total",
        "apply.total.total",
        "apply.carry_forward.total",
    ]


def test_a_run_no_reading_fits_is_an_error() -> None:
    data = _changed("（一）予以公开710000071", "（一）予以公开710000072")
    errors = [f for f in _new_findings(data) if f[1] == "error"]
    assert errors == [
        (
            "SUM006",
            "error",
            [f"apply.granted.{c}" for c in ROW_CELLS],
            "表2「（一）予以公开」行的数字连在一起（710000072），无论怎样拆分成7个单元格都不满足"
            "表2各行「总计=自然人+各类法人或其他组织」：该行数字有误",
        )
    ]
    english = [f[3] for f in _new_findings(data, "en") if f[0] == "SUM006"]
    assert english == [
        'Table 2, row "(1) Disclosed": the digits run together (710000072) and no split into 7 cells satisfies '
        'Table 2 row totals "total = natural persons + organisations": the row is wrong as published'
    ]
    cells = {c.key: c for c in parse_bytes("p.txt", data).cells}
    assert {cells[f"apply.granted.{c}"].status for c in ROW_CELLS} == {"ambiguous"}


def test_digits_end_where_a_year_begins() -> None:
    data = _changed("四、结转下年度继续办理0000000四、", "四、结转下年度继续办理00000002025年，我区将继续办理。四、")
    cells = {c.key: c for c in parse_bytes("p.txt", data).cells}
    assert [cells[f"apply.carry_forward.{c}"].value for c in ROW_CELLS] == [0] * 7
    assert [f for f in _new_findings(data) if f[1] in ("error", "warning")] == []
