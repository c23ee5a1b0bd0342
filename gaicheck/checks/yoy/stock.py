"""What YOY001–YOY004 share: the rows compared across years, and the finding for a stock cell that does
not follow from last year's stock and this year's flows.

An identity is evaluated only when every cell in it, in both reports, was read as a number
(`status == "ok"`); otherwise PairContext.values notes it for YOY009.
"""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.model.report import CellValue
from gaicheck.series.pair import PairContext, fmt_number

EPSILON = 1e-9

# 2019 format, 第二十条第（五）（六）（八）项: rows with 上一年项目数量 / 本年增减
ROLLOVER_ROWS_2019: tuple[str, ...] = ("license", "other_service", "penalty", "enforcement", "fees")
# 第二十条第（一）项 rows, both formats
DOCUMENT_ROWS: tuple[str, ...] = ("rules", "normative")


def diff(a: float, b: float) -> str:
    return fmt_number(abs(a - b))


def stock(
    ctx: PairContext,
    code: str,
    cell: CellValue,
    expected: float,
    terms: dict[str, float | None],
    cells: list[str],
) -> None:
    """Emit `code` when this year's stock cell differs from the stock the flows give (`expected`).
    `terms` are the message's named values (previous stock and the flows)."""
    assert cell.value is not None
    if abs(expected - cell.value) < EPSILON:
        return
    ctx.out.emit(
        code,
        {
            **ctx.fields(),
            "row": i18n.cell_names(cell, ctx.current.template, ctx.lang)[0],
            **{name: fmt_number(value) for name, value in terms.items() if value is not None},
            "expected": fmt_number(expected),
            "actual": fmt_number(cell.value),
            "diff": diff(expected, cell.value),
        },
        at=cell,
        cells=cells,
        expected=expected,
        actual=cell.value,
    )
