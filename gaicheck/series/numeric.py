"""Cross-year identities between a report and the previous year's (YOY001–YOY005).

PairContext → **numeric checks** → Findings. An identity is evaluated only when every cell in it,
in both reports, was read as a number (`status == "ok"`); otherwise it is noted for YOY009.
"""

from __future__ import annotations

from gaicheck.model.report import CellValue
from gaicheck.series.pair import PREVIOUS_PREFIX, PairContext, fmt_number
from gaicheck.series.plan import version
from gaicheck.templates import load_template

EPSILON = 1e-9

# 2019 format, 第二十条第（五）（六）（八）项: rows with 上一年项目数量 / 本年增减
ROLLOVER_ROWS_2019: tuple[str, ...] = ("license", "other_service", "penalty", "enforcement", "fees")
# 第二十条第（一）项 rows, both formats
DOCUMENT_ROWS: tuple[str, ...] = ("rules", "normative")


def _diff(a: float, b: float) -> str:
    return fmt_number(abs(a - b))


def carry_over(ctx: PairContext) -> None:
    """YOY001: 二、上年结转[y] = 四、结转下年度继续办理[y−1], in every column of table 2."""
    template = load_template(version(ctx.current))
    check = ("上年结转", "carried over")
    for column in template.tables["apply"].columns:
        cur_key, prev_key = f"apply.carried_over.{column.key}", f"apply.carry_forward.{column.key}"
        cells = ctx.values(check, [cur_key], [prev_key])
        if cells is None:
            continue
        (cur,), (prev,) = cells
        assert cur.value is not None and prev.value is not None
        if abs(cur.value - prev.value) < EPSILON:
            continue
        ctx.out.emit(
            "YOY001",
            {
                **ctx.fields(),
                "column": column.label,
                "actual": fmt_number(cur.value),
                "expected": fmt_number(prev.value),
                "diff": _diff(cur.value, prev.value),
            },
            at=cur,
            cells=[cur_key, PREVIOUS_PREFIX + prev_key],
            expected=prev.value,
            actual=cur.value,
        )


def _stock(
    ctx: PairContext,
    code: str,
    stock: CellValue,
    expected: float,
    terms: dict[str, float | None],
    cells: list[str],
) -> None:
    """Emit `code` when this year's stock cell differs from the stock the flows give (`expected`).
    `terms` are the message's named values (previous stock and the flows)."""
    assert stock.value is not None
    if abs(expected - stock.value) < EPSILON:
        return
    ctx.out.emit(
        code,
        {
            **ctx.fields(),
            "row": stock.row_label,
            **{name: fmt_number(value) for name, value in terms.items() if value is not None},
            "expected": fmt_number(expected),
            "actual": fmt_number(stock.value),
            "diff": _diff(expected, stock.value),
        },
        at=stock,
        cells=cells,
        expected=expected,
        actual=stock.value,
    )


def in_force_2021(ctx: PairContext) -> None:
    """YOY002: 现行有效件数[y] = 现行有效件数[y−1] + 本年制发件数[y] − 本年废止件数[y]."""
    check = ("现行有效件数", "in force")
    for row in DOCUMENT_ROWS:
        keys = [f"active.{row}.in_force", f"active.{row}.issued", f"active.{row}.repealed"]
        prev_key = f"active.{row}.in_force"
        cells = ctx.values(check, keys, [prev_key])
        if cells is None:
            continue
        (in_force, issued, repealed), (prev,) = cells
        assert issued.value is not None and repealed.value is not None and prev.value is not None
        _stock(
            ctx, "YOY002", in_force, prev.value + issued.value - repealed.value,
            {"previous": prev.value, "issued": issued.value, "repealed": repealed.value},
            [*keys, PREVIOUS_PREFIX + prev_key],
        )


def item_counts_2019(ctx: PairContext) -> None:
    """YOY003: 上一年项目数量[y] = 上一年项目数量[y−1] + 本年增/减[y−1] (（五）（六）（八）)."""
    check = ("上一年项目数量", "items last year")
    for row in ROLLOVER_ROWS_2019:
        cur_key = f"active.{row}.prev_count"
        prev_keys = [f"active.{row}.prev_count", f"active.{row}.change"]
        cells = ctx.values(check, [cur_key], prev_keys)
        if cells is None:
            continue
        (cur,), (prev, change) = cells
        assert prev.value is not None and change.value is not None
        _stock(
            ctx, "YOY003", cur, prev.value + change.value,
            {"previous": prev.value, "change": change.value},
            [cur_key, *(PREVIOUS_PREFIX + k for k in prev_keys)],
        )


def published_total_2019(ctx: PairContext) -> None:
    """YOY004: 对外公开总数量[y] = 对外公开总数量[y−1] + 本年新公开数量[y]."""
    check = ("对外公开总数量", "total published")
    for row in DOCUMENT_ROWS:
        keys = [f"active.{row}.total_published", f"active.{row}.new_published"]
        prev_key = f"active.{row}.total_published"
        cells = ctx.values(check, keys, [prev_key])
        if cells is None:
            continue
        (total, new), (prev,) = cells
        assert new.value is not None and prev.value is not None
        _stock(
            ctx, "YOY004", total, prev.value + new.value,
            {"previous": prev.value, "new_published": new.value},
            [*keys, PREVIOUS_PREFIX + prev_key],
        )


def template_regression(ctx: PairContext) -> None:
    """YOY005: last year already used the 2021 format, this year the 2019 one."""
    before, now = version(ctx.previous), version(ctx.current)
    ctx.out.emit("YOY005", {**ctx.fields(), "template": now, "previous_template": before})


def rollover_2019(ctx: PairContext) -> None:
    item_counts_2019(ctx)
    published_total_2019(ctx)
