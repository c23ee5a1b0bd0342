"""Issue 13 point 6 on LONG glued runs (3–5-digit numbers, far more than 64 readings of the digits):
what a run can mean is decided exactly, without enumerating its readings.

One reading satisfies the identities → it is read; several → "cannot check" naming the cells (STR010);
none → SUM006 naming the run and the identities no reading satisfies; the node budget spent → "cannot
check", never a guess. The split search on runs the plain search (tests/spine/test_split_search.py's
reference) settles with no budget — the runs marked LONG are those the search before issue 13's point 6
gave up on (200,000 nodes; their expected readings were found by the plain search with no budget, which
takes seconds to minutes on them) — then through the public API on a real run-on page (平潭 2024:
every table on one line).
"""

from __future__ import annotations

from math import comb

import pytest

from gaicheck.api import parse_bytes
from gaicheck.extract import split
from gaicheck.extract.split import split_candidates
from gaicheck.extract.stream import Token
from gaicheck.model.document import Location
from tests.shapes.test_runs import PAGE, ROW_CELLS, _new_findings
from tests.spine.test_split_search import _reference

ROW = [([0, 1, 2, 3, 4, 5], [6])]  # table 2: 总计 = 自然人 + … + 其他
GROUPS = [([0, 1, 2, 3], [4]), ([5, 6, 7, 8], [9]), ([10, 11, 12, 13], [14])]  # table 3, per group

# a table-2 row: one reading; changed by one; two readings (only the column identities choose)
ROW_ONE = "130556004321901200818284"  # 1305 560 0 4321 90 12008 18284
ROW_NONE = "130556004322901200818284"  # 4321 → 4322
ROW_TWO = "7103983033022767632"  # 71 0 3983 0 3302 276 7632, or 7103 98 303 30 22 76 7632
# LONG: five-digit numbers (36 digits for 7 cells): one reading; one digit changed: none
ROW_ONE_LONG = "827153448198227479939149897979452893"  # 82715 34481 98227 47993 91498 97979 452893
ROW_NONE_LONG = "827154448198227479939149897979452893"
# table 3: one reading; changed by one; three readings
REVIEW_ONE = "120345067819263102033104329011510556"
REVIEW_NONE = "120345067819263102033104329011510557"
REVIEW_THREE = "31986660656110425296421764397382963946071337"
# LONG: 50 digits for 15 cells, one reading; the last digit changed: none; 46 digits, two readings
REVIEW_ONE_LONG = "54895815621636321655108943948769833092316305521642"
REVIEW_NONE_LONG = "54895815621636321655108943948769833092316305521643"
REVIEW_TWO_LONG = "4937231185311130119859349633384875292948217357"


def _split(text: str, kinds: int, constraints: list[tuple[list[int], list[int]]]) -> list[list[str]] | None:
    found = split_candidates(
        [Token(text, Location(line=1, column=1), "value", True, True)], ["count"] * kinds, constraints, 64
    )
    return None if found is None else [[t.text for t in reading] for reading in found]


def _plain(text: str, kinds: int, constraints: list[tuple[list[int], list[int]]]) -> list[list[str]] | None:
    found = _reference(
        [Token(text, Location(line=1, column=1), "value", True, True)], ["count"] * kinds, constraints, 64, 10**9
    )
    return None if found is None else [[t for t, _loc in reading] for reading in found]


@pytest.mark.parametrize(
    ("text", "kinds", "constraints", "expected"),
    [
        (ROW_ONE, 7, ROW, [["1305", "560", "0", "4321", "90", "12008", "18284"]]),
        (ROW_NONE, 7, ROW, []),
        (
            ROW_TWO,
            7,
            ROW,
            [["71", "0", "3983", "0", "3302", "276", "7632"], ["7103", "98", "303", "30", "22", "76", "7632"]],
        ),
        (
            REVIEW_ONE,
            15,
            GROUPS,
            [["1203", "45", "0", "678", "1926", "31", "0", "2", "0", "33", "10432", "9", "0", "115", "10556"]],
        ),
        (REVIEW_NONE, 15, GROUPS, []),
        (
            REVIEW_THREE,
            15,
            GROUPS,
            [
                [
                    "3198",
                    "6",
                    "660",
                    "6561",
                    "10425",
                    "2",
                    "9",
                    "6421",
                    "7",
                    "6439",
                    "7382",
                    "9",
                    "63946",
                    "0",
                    "71337",
                ],
                [
                    "3198",
                    "666",
                    "0",
                    "6561",
                    "10425",
                    "2",
                    "9",
                    "6421",
                    "7",
                    "6439",
                    "7382",
                    "9",
                    "63946",
                    "0",
                    "71337",
                ],
                [
                    "3198",
                    "6660",
                    "6",
                    "561",
                    "10425",
                    "2",
                    "9",
                    "6421",
                    "7",
                    "6439",
                    "7382",
                    "9",
                    "63946",
                    "0",
                    "71337",
                ],
            ],
        ),
    ],
)
def test_long_runs_are_decided_exactly(
    text: str, kinds: int, constraints: list[tuple[list[int], list[int]]], expected: list[list[str]]
) -> None:
    assert comb(len(text) - 1, kinds - 1) > 64 * 100  # readings of the digits alone: far beyond 64
    assert _split(text, kinds, constraints) == expected
    assert _plain(text, kinds, constraints) == expected  # the plain search, with no budget, agrees


@pytest.mark.parametrize(
    ("text", "kinds", "constraints", "expected"),
    [
        (ROW_ONE_LONG, 7, ROW, [["82715", "34481", "98227", "47993", "91498", "97979", "452893"]]),
        (ROW_NONE_LONG, 7, ROW, []),
        (
            REVIEW_ONE_LONG,
            15,
            GROUPS,
            [
                [
                    "54895",
                    "8156",
                    "2",
                    "163",
                    "63216",
                    "5510",
                    "8943",
                    "9487",
                    "6983",
                    "30923",
                    "1630",
                    "5",
                    "5",
                    "2",
                    "1642",
                ]
            ],
        ),
        (REVIEW_NONE_LONG, 15, GROUPS, []),
        (
            REVIEW_TWO_LONG,
            15,
            GROUPS,
            [
                [
                    "4",
                    "9",
                    "3",
                    "7",
                    "23",
                    "1",
                    "1",
                    "853",
                    "11130",
                    "11985",
                    "93496",
                    "33384",
                    "87529",
                    "2948",
                    "217357",
                ],
                [
                    "4",
                    "9",
                    "3",
                    "7",
                    "23",
                    "11853",
                    "1",
                    "1",
                    "130",
                    "11985",
                    "93496",
                    "33384",
                    "87529",
                    "2948",
                    "217357",
                ],
            ],
        ),
    ],
)
def test_runs_the_enumerating_search_gave_up_on_are_decided(
    text: str, kinds: int, constraints: list[tuple[list[int], list[int]]], expected: list[list[str]]
) -> None:
    search = split._Search([text], ["count"] * kinds, constraints, 64)
    assert sorted(search.run()) == [[(0, *span) for span in _spans(reading)] for reading in expected]
    assert search.nodes < split.NODE_BUDGET  # settled inside the budget (≈72,000–105,000 nodes on these)
    assert _split(text, kinds, constraints) == expected


def _spans(reading: list[str]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for part in reading:
        out.append((pos, pos + len(part)))
        pos += len(part)
    return out


def test_a_spent_budget_concludes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(split, "NODE_BUDGET", 50)
    assert _split(REVIEW_NONE, 15, GROUPS) is None  # not [] ("no reading"): the search did not finish
    assert _split("1" * (split.MAX_RUN_CHARS + 1), 7, ROW) is None


def _page(*pairs: tuple[str, str]) -> bytes:
    text = PAGE.read_text(encoding="utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text.encode()


def _table2(granted: str, new_and_total: str, handled: str) -> bytes:
    """Table 2 of the page with rows （一）, 一 and （七） replaced (一 and （七） written alike), the prose's
    `全年办理政府信息公开申请N件` following （七）总计."""
    return _page(
        ("（一）予以公开710000071", "（一）予以公开" + granted),
        ("一、本年新收政府信息公开申请数量21710000218", "一、本年新收政府信息公开申请数量" + new_and_total),
        ("（七）总计21710000218", "（七）总计" + new_and_total),
        ("全年办理政府信息公开申请218件", f"全年办理政府信息公开申请{handled}件"),
    )


def _rows(data: bytes, *rows: str) -> list[list[object]]:
    cells = parse_bytes("p.txt", data).cell_map()
    return [[cells[f"apply.{row}.{c}"].value for c in ROW_CELLS] for row in rows]


def test_table2_long_runs_with_one_reading_are_read() -> None:
    data = _table2(ROW_ONE, "145156104321901200818431", "18431")
    assert _rows(data, "granted", "new", "total") == [
        [1305, 560, 0, 4321, 90, 12008, 18284],
        [1451, 561, 0, 4321, 90, 12008, 18431],
        [1451, 561, 0, 4321, 90, 12008, 18431],
    ]
    assert _new_findings(data) == []


def test_table2_a_row_with_two_readings_is_chosen_by_the_column_identities() -> None:
    data = _table2(ROW_TWO, "21713983033022767779", "7779")
    assert _rows(data, "granted", "total") == [[71, 0, 3983, 0, 3302, 276, 7632], [217, 1, 3983, 0, 3302, 276, 7779]]
    assert _new_findings(data) == []


GRANTED = [f"apply.granted.{c}" for c in ROW_CELLS]


def _errors(data: bytes) -> list[tuple[str, list[str], str]]:
    return [(code, cells, message) for code, severity, cells, message in _new_findings(data) if severity == "error"]


def test_table2_a_long_row_no_reading_fits_is_an_error() -> None:
    data = _table2(ROW_NONE, "145156104321901200818431", "18431")
    assert _errors(data) == [
        (
            "SUM006",
            GRANTED,
            f"表2「（一）予以公开」行的数字连在一起（{ROW_NONE}），无论怎样拆分成7个单元格都不满足"
            "表2各行「总计=自然人+各类法人或其他组织」：该行数字有误",
        )
    ]


def test_table2_rows_no_combination_fits_is_an_error() -> None:
    """（一）'s two readings each satisfy its row, but neither makes the outcomes add up to （七） in the
    科研机构 column (3984): wrong under every reading of the table. The glued rows read only because one
    split satisfies their own total (（二）, 5., 1., （七）) are in question too — （七） may be the wrong
    one — so none is read, and one error (SUM007) names them together: the digits cannot tell which row is
    wrong, so no row is said to be wrong on its own."""
    data = _table2(ROW_TWO, "21713984033022767780", "7780")
    assert _rows(data, "granted", "partial", "total") == [[None] * 7] * 3
    rows = ("granted", "partial", "denied_internal", "unable_no_info", "total")
    assert _errors(data) == [
        (
            "SUM007",
            [f"apply.{row}.{c}" for row in rows for c in ROW_CELLS],
            "表2「（一）予以公开」、「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」、「5.属于三类内部事务信息」、"
            "「1.本机关不掌握相关政府信息」、「（七）总计」5行的数字连在一起"
            f"（{ROW_TWO}；290000029；320000032；750000075；21713984033022767780），"
            "无论怎样拆分都不能使表2勾稽关系「第一项+第二项=第三项（七）总计+第四项」、表2「第三项（七）总计=各项办理结果之和」"
            "成立：表2的数字有误，错误在所列的行或与之相加的行中",
        )
    ]


REVIEW_CELLS = [
    f"review.{row}.{c}"
    for row in ("reconsideration", "litigation_direct", "litigation_after")
    for c in ("upheld", "corrected", "other", "pending", "total")
]
SUM005_REVIEW = (
    "表3「总计=结果维持+结果纠正+其他结果+尚未审结」无法核对（全部各行）："
    "结果维持无法确定、结果纠正无法确定、其他结果无法确定、尚未审结无法确定、总计无法确定"
)


def test_table3_long_run_with_one_reading_is_read() -> None:
    data = _page(("21317000001324019", REVIEW_ONE))
    cells = parse_bytes("p.txt", data).cell_map()
    assert [cells[k].value for k in REVIEW_CELLS] == [1203, 45, 0, 678, 1926, 31, 0, 2, 0, 33, 10432, 9, 0, 115, 10556]
    assert _new_findings(data) == []


def test_table3_long_run_with_three_readings_cannot_be_checked() -> None:
    data = _page(("21317000001324019", REVIEW_THREE))
    found = [(code, severity, sorted(cells), message) for code, severity, cells, message in _new_findings(data)]
    assert found == [
        (
            "STR010",
            "warning",
            sorted(REVIEW_CELLS),
            f"表3「行政复议、行政诉讼」行的数字连在一起（{REVIEW_THREE}），无法可靠拆分成15个单元格；相关勾稽关系无法核对",
        ),
        ("SUM005", "warning", sorted(REVIEW_CELLS), SUM005_REVIEW),
    ]


def test_table3_long_run_no_reading_fits_is_an_error() -> None:
    data = _page(("21317000001324019", REVIEW_NONE))
    found = [(code, severity, sorted(cells), message) for code, severity, cells, message in _new_findings(data)]
    assert found == [
        ("SUM005", "warning", sorted(REVIEW_CELLS), SUM005_REVIEW),
        (
            "SUM006",
            "error",
            sorted(REVIEW_CELLS),
            f"表3「行政复议、行政诉讼」行的数字连在一起（{REVIEW_NONE}），无论怎样拆分成15个单元格都不满足"
            "表3「总计=结果维持+结果纠正+其他结果+尚未审结」：该行数字有误",
        ),
    ]
