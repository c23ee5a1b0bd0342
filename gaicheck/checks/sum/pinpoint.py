"""Pinpointing the wrong number: every identity instance of a report (SUM001–SUM004, with STR011's
subtotals as the SUM rules evaluate them) → the culprit search (gaicheck.culprit), once per report → for
each broken instance, its group's classification, suggestions and the sentence that says them.

SUM rules → **pinpoint** (cached on the RuleContext) → `classification`/`suggestions`/`advice` of the
SUM001–SUM004 findings. The words go through gaicheck.i18n.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.culprit import Explanation, Identity, Solution, Verdict, explain
from gaicheck.model.finding import Classification, Suggestion
from gaicheck.model.observations import RunUnsplittable
from gaicheck.model.report import CellValue
from gaicheck.templates import Template, load_template, registry

MAX_SHOWN = 5  # candidates named in the sentence; the JSON lists them all (up to culprit.MAX_SOLUTIONS)
_NOTE = re.compile(r"(?<=.)(（[^（）]*[，,][^（）]*）| \([^()]*,[^()]*\))$")  # a trailing note (a clause with a comma)
SPLIT_RISK = 0.5  # a cell of a row next to a row whose digits ran together: its split may be off


@dataclass(frozen=True, slots=True)
class Pinpointed:
    """What a broken identity instance's finding carries."""

    classification: Classification
    suggestions: list[Suggestion]
    advice: str


def cell_risk(cell: CellValue, risky_rows: frozenset[tuple[str, str]]) -> float:
    """How doubtful a cell's reading is, 0 (sure) to 1: a confidence the reader gave the cell (OCR; any
    `confidence` attribute in [0, 1]) and a row next to an unsplittable digit run (STR010)."""
    confidence = getattr(cell, "confidence", None)
    risk = 1.0 - float(confidence) if isinstance(confidence, int | float) else 0.0
    if (cell.table, cell.row) in risky_rows:
        risk = max(risk, SPLIT_RISK)
    return max(0.0, min(1.0, risk))


def _risky_rows(ctx: RuleContext, template: Template) -> frozenset[tuple[str, str]]:
    rows: set[tuple[str, str]] = set()
    for obs in ctx.observed(RunUnsplittable):
        table = template.tables.get(obs.table)
        if table is None or not obs.row:
            continue
        keys = [r.key for r in table.all_rows()]
        if obs.row in keys:
            at = keys.index(obs.row)
            rows.update((obs.table, k) for k in keys[max(0, at - 1) : at + 2])
    return frozenset(rows)


InstanceList = list[tuple[str, tuple[str, ...], tuple[str, ...]]]  # (name, lhs keys, rhs keys)


def pinpoint(
    ctx: RuleContext,
    template: Template,
    instances: Callable[[], InstanceList],
    cells: dict[str, CellValue],
    values: dict[str, int | float],
) -> dict[str, Pinpointed]:
    """Broken instance name → what its finding carries; computed once per report (cached on the context)."""
    return ctx.view("pinpoint", lambda: _pinpoint(ctx, template, instances(), cells, values))


def _pinpoint(
    ctx: RuleContext,
    template: Template,
    instances: InstanceList,
    cells: dict[str, CellValue],
    values: dict[str, int | float],
) -> dict[str, Pinpointed]:
    identities = [Identity(name, lhs, rhs) for name, lhs, rhs in instances]
    risky = _risky_rows(ctx, template)
    risk = {k: r for k, c in cells.items() if (r := cell_risk(c, risky)) > 0}
    explanations = explain(
        identities,
        values,
        signed=[k for k, c in cells.items() if c.kind == "signed"],
        integral=[k for k, c in cells.items() if c.kind in ("count", "signed") and k in values],
        risk=risk,
        order=list(cells),
    )
    out: dict[str, Pinpointed] = {}
    for explanation in explanations:
        carried = _carried(explanation, cells, ctx)
        for name in explanation.broken:
            out[name] = carried
    return out


def _carried(explanation: Explanation, cells: dict[str, CellValue], ctx: RuleContext) -> Pinpointed:
    kind: Literal["unique", "candidate"] = "unique" if explanation.verdict is Verdict.UNIQUE else "candidate"
    suggestions = [
        Suggestion(
            cell=change.key,
            current=change.current,
            proposed=change.proposed,
            kind=kind,
            hint=change.hints[0].value if change.hints else None,
            solution=index,
        )
        for index, solution in enumerate(explanation.solutions)
        for change in solution.changes
    ]
    return Pinpointed(explanation.verdict.value, suggestions, advice(explanation, cells, ctx))


def cell_title(cell: CellValue, ctx: RuleContext) -> str:
    """`表2「（七）总计」「自然人」`: how the suggestion names a cell."""
    row, column = i18n.cell_names(cell, ctx.version, ctx.lang)
    table = load_template(ctx.version).tables.get(cell.table) if ctx.version in registry().versions else None
    spec = next((r for r in table.all_rows() if r.key == cell.row), None) if table is not None else None
    if spec is not None:  # an item numbered within its group (1.…) by its short name, which carries the
        # group's number; another row by its name without a trailing note (（二）部分公开（区分处理的，…）)
        name = i18n.row_name(spec, ctx.lang)
        row = i18n.row_short(spec, ctx.lang) if name[:1].isdigit() else _NOTE.sub("", name)
    return i18n.word("pin.cell", ctx.lang, n=i18n.table_number(cell.table), row=row, column=column)


def _change_text(solution: Solution, cells: dict[str, CellValue], ctx: RuleContext) -> str:
    lang = ctx.lang
    parts = [
        i18n.word(
            "pin.change", lang, cell=cell_title(cells[c.key], ctx), current=_number(c.current),
            proposed=_number(c.proposed),
        )
        for c in solution.changes
    ]
    return i18n.word("pin.and", lang).join(parts)


def _hint_text(solution: Solution, lang: str) -> str:
    hints = [h for c in solution.changes for h in c.hints]
    if not hints:
        return ""
    return i18n.word("pin.hint", lang, hint=i18n.word(f"pin.hint.{hints[0].value}", lang))


def advice(explanation: Explanation, cells: dict[str, CellValue], ctx: RuleContext) -> str:
    """The suggestion in one sentence (`最可能出错：表2「（七）总计」「自然人」49，改为48后全部勾稽关系成立`)."""
    lang = ctx.lang
    if explanation.verdict is Verdict.NONE:
        return i18n.word("pin.none", lang)
    if explanation.verdict is Verdict.UNIQUE:
        (solution,) = explanation.solutions
        if len(solution.changes) == 1:
            (change,) = solution.changes
            text = i18n.word(
                "pin.unique", lang, cell=cell_title(cells[change.key], ctx), current=_number(change.current),
                proposed=_number(change.proposed),
            )
        else:
            text = i18n.word("pin.unique_pair", lang, changes=_change_text(solution, cells, ctx))
        return text + _hint_text(solution, lang)
    shown = [_change_text(s, cells, ctx) for s in explanation.solutions[:MAX_SHOWN]]
    text = i18n.word("pin.candidates", lang, n=explanation.total, changes=i18n.word("pin.sep", lang).join(shown))
    if explanation.total > len(shown):
        text += i18n.word("pin.more", lang, n=explanation.total - len(shown))
    return text


def _number(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
