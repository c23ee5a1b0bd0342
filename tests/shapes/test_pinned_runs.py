"""Issue 13 point 6: a glued row read only because one split satisfies its own total is not certain when
the column identities through it fail — the changed row is then named, never only its neighbours; the rows
in question are named together by one error (SUM007), none of them said to be wrong on its own.

Generated report (seed 113603486, shape runon-glued) with 6.属于四类过程性信息 / 社会公益组织 changed 3→4:
written `41775 367 0 4 10 0 42155`, glued `417753670410042155`; the one split that satisfies the row's
total (`417 7 53 670 4 1004 2155`) used to be taken as certain, and SUM006 named other rows only.
"""

from __future__ import annotations

from gaicheck.api import Options, check_file_report
from tests.shapes.report import case
from tests.shapes.shapes import BY_NAME

SEED = 113603486
CHANGED = "apply.denied_process.nonprofit"
ROW_CELLS = ["natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"]
# the glued rows tied by table 2's column identities, none of whose readings satisfies every identity
IN_QUESTION = [
    "denied_process",
    "denied_case_file",
    "denied_query",
    "unable_unclear",
    "rejected_petition",
    "rejected_repeat",
    "rejected_confirm",
    "other",
    "total",
]


def test_a_row_pinned_by_its_own_total_is_named_when_the_columns_fail() -> None:
    shape = BY_NAME["runon-glued"]
    spec, _keys = case(shape, SEED)
    rendered = shape.render(spec.changed(CHANGED), SEED)
    assert "6.属于四类过程性信息417753670410042155" in rendered.data.decode()
    result, report = check_file_report(rendered.name, data=rendered.data)
    assert report is not None
    errors = [(f.code, list(f.cells), f.message) for f in result.findings if f.severity == "error"]
    assert errors == [
        (
            "SUM007",
            [f"apply.{row}.{c}" for row in IN_QUESTION for c in ROW_CELLS],
            "表2「6.属于四类过程性信息」、「7.属于行政执法案卷」、「8.属于行政查询事项」、「3.补正后申请内容仍不明确」、"
            "「1.信访举报投诉类申请」、「2.重复申请」、「5.要求行政机关确认或重新出具已获取信息」、「（六）其他处理」、"
            "「（七）总计」9行的数字连在一起（417753670410042155；000150015；160000016；00000582582；00961000961；"
            "011000011；018000018；00000834834；417954149611810142544623），无论怎样拆分都不能使表2勾稽关系"
            "「第一项+第二项=第三项（七）总计+第四项」、表2「第三项（七）总计=各项办理结果之和」成立："
            "表2的数字有误，错误在所列的行或与之相加的行中",
        )
    ]
    cells = {c.key: c for c in report.cells}
    # never a misread: the row's cells are not read (no arithmetic finding from `417 7 53 670 4 1004 2155`)
    assert {cells[f"apply.denied_process.{c}"].status for c in ROW_CELLS} == {"ambiguous"}


def test_the_unchanged_report_reads_the_row() -> None:
    shape = BY_NAME["runon-glued"]
    spec, _keys = case(shape, SEED)
    rendered = shape.render(spec, SEED)
    result, report = check_file_report(rendered.name, data=rendered.data)
    assert report is not None
    assert [f.code for f in result.findings if f.severity == "error"] == []
    cells = {c.key: c for c in report.cells}
    assert [cells[f"apply.denied_process.{c}"].value for c in ROW_CELLS] == [41775, 367, 0, 3, 10, 0, 42155]


def test_the_rows_in_question_are_named_in_english() -> None:
    shape = BY_NAME["runon-glued"]
    spec, _keys = case(shape, SEED)
    rendered = shape.render(spec.changed(CHANGED), SEED)
    result, _report = check_file_report(rendered.name, data=rendered.data, options=Options(lang="en"))
    assert [f.message for f in result.findings if f.code == "SUM007"] == [
        'Table 2, rows "6. Process information (four kinds)", "7. Administrative law-enforcement case files", '
        '"8. Administrative inquiry matters", "3. Request still unclear after correction", "1. Petitions, reports '
        'and complaints", "2. Repeated requests", "5. Requests to confirm or re-issue information already obtained", '
        '"(6) Otherwise handled", "(7) Total": the digits run together (417753670410042155; 000150015; 160000016; '
        "00000582582; 00961000961; 011000011; 018000018; 00000834834; 417954149611810142544623) and no split of "
        'them makes Table 2 identity "I + II = III (7) + IV", Table 2 "(7) total = sum of outcomes" hold: table 2 '
        "is wrong as published, in the rows named or in a row added with them"
    ]
