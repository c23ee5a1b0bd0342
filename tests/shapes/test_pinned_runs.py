"""Issue 13 point 6: a glued row read only because one split satisfies its own total is not certain when
the column identities through it fail — the changed row is then named, never only its neighbours.

Generated report (seed 113603486, shape runon-glued) with 6.属于四类过程性信息 / 社会公益组织 changed 3→4:
written `41775 367 0 4 10 0 42155`, glued `417753670410042155`; the one split that satisfies the row's
total (`417 7 53 670 4 1004 2155`) used to be taken as certain, and SUM006 named other rows only.
"""

from __future__ import annotations

from gaicheck.api import check_file_report
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
    errors = [(f.code, list(f.cells)) for f in result.findings if f.severity == "error"]
    assert errors == [("SUM006", [f"apply.{row}.{c}" for c in ROW_CELLS]) for row in IN_QUESTION]
    first = next(f for f in result.findings if f.code == "SUM006")
    assert first.message == (
        "表2「6.属于四类过程性信息」行的数字连在一起（417753670410042155），无论怎样拆分成7个单元格都不满足"
        "表2勾稽关系「第一项+第二项=第三项（七）总计+第四项」、表2「第三项（七）总计=各项办理结果之和」：该行数字有误"
    )
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
