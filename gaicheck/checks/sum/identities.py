"""SUM001–SUM005: the identities of the template (rules/templates/common.toml [[identities]]), each
naming its rule: SUM001 apply-official-identity (table 2, every column: 一、本年新收 + 二、上年结转 =
（七）总计 + 四、结转下年度继续办理), SUM002 apply-row-total (table 2, every row: 总计 = the six applicant
columns), SUM003 apply-outcome-sum (table 2, every column: （七）总计 = the outcome rows), SUM004
review-group-total (table 3, every group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结), and SUM005
identity-unverifiable.

Report (cells, subtotals) → **identities** → a finding for every instance of an identity that fails
(naming the terms, the expected and the found value). An identity with a blank, missing or ambiguous
cell is never evaluated with 0 in its place: it is reported once (SUM005), naming the columns or rows
it could not be checked in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from gaicheck import i18n
from gaicheck.checks.common.template import is_report
from gaicheck.checks.context import RuleContext
from gaicheck.checks.sum.pinpoint import InstanceList, pinpoint
from gaicheck.model.report import CellValue, Report
from gaicheck.templates import IdentitySpec, RowSpec, TableSpec, Template, load_template

MAX_TERMS_SHOWN = 6
MAX_SCOPES_SHOWN = 8


@dataclass(slots=True)
class Instance:
    scope: str  # the column or row the identity is evaluated in (its label)
    lhs: list[tuple[str, str]]  # (term name, cell key)
    rhs: list[tuple[str, str]]
    col: str | None = None  # for_each=column: the column key
    keys: frozenset[str] = field(init=False)  # every term's cell key
    lhs_keys: tuple[str, ...] = field(init=False)
    rhs_keys: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.keys = frozenset(k for _n, k in self.lhs + self.rhs)
        self.lhs_keys = tuple(k for _n, k in self.lhs)
        self.rhs_keys = tuple(k for _n, k in self.rhs)


def _with_subtotals(
    inst: Instance, table: TableSpec, cells: dict[str, CellValue], subtotals: dict[str, CellValue], lang: str
) -> Instance:
    """Replace a group's items by the group's one-row subtotal when the table gives only that row."""
    if inst.col is None or not subtotals:
        return inst
    sides: list[list[tuple[str, str]]] = []
    for side in (inst.lhs, inst.rhs):
        terms = list(side)
        for group in table.groups:
            sub = subtotals.get(f"{table.key}.{group.key}.{inst.col}")
            members = {f"{table.key}.{r.key}.{inst.col}" for r in table.rows if r.group == group.key}
            present = [k for _n, k in terms if k in members]
            if sub is None or sub.status != "ok" or not present or len(present) != len(members):
                continue
            if all(cells[k].status == "missing" for k in present):
                at = next(i for i, (_n, k) in enumerate(terms) if k in members)
                terms = [t for t in terms if t[1] not in members]
                terms.insert(at, (i18n.group_name(group, lang), sub.key))
        sides.append(terms)
    return Instance(inst.scope, sides[0], sides[1], inst.col)


def _instances(
    template: Template, identity: IdentitySpec, subtotals: list[CellValue], lang: str
) -> list[Instance]:
    table: TableSpec = template.tables[identity.table]
    rows = {r.key: r for r in table.rows}
    cols = {c.key: c for c in table.columns}
    lhs = template.expand_terms(table, identity.lhs)
    rhs = template.expand_terms(table, identity.rhs)
    out: list[Instance] = []
    if identity.for_each == "column":
        for col in table.columns:
            out.append(
                Instance(
                    i18n.column_name(col, lang),
                    [(i18n.row_short(rows[r], lang), f"{table.key}.{r}.{col.key}") for r in lhs],
                    [(i18n.row_short(rows[r], lang), f"{table.key}.{r}.{col.key}") for r in rhs],
                    col.key,
                )
            )
    else:
        groups = {g.key: g for g in table.groups}
        subtotal_rows = [
            RowSpec(key=g, label=groups[g].label, en=groups[g].en, short=groups[g].label, short_en=groups[g].en)
            for g in sorted({c.row for c in subtotals if c.table == table.key})
        ]
        for row in [rows[k] for k in identity.rows] if identity.rows else [*table.rows, *subtotal_rows]:
            out.append(
                Instance(
                    i18n.row_short(row, lang),
                    [(i18n.column_name(cols[c], lang), f"{table.key}.{row.key}.{c}") for c in lhs],
                    [(i18n.column_name(cols[c], lang), f"{table.key}.{row.key}.{c}") for c in rhs],
                )
            )
    return out


# _instances depends only on the template, the identity, the table's subtotal rows and the language;
# templates are loaded once per process, so the instances are kept per (template version, identity, subtotal
# rows, language), with the template and identity they were made from (made again for another object of the
# same names)
_INSTANCES: dict[tuple[str, str, tuple[str, ...], str], tuple[Template, IdentitySpec, list[Instance]]] = {}


def _shared_instances(
    template: Template, identity: IdentitySpec, subtotals: list[CellValue], lang: str
) -> list[Instance]:
    """_instances, computed once per template, identity, subtotal rows and language; do not modify the result."""
    table_key = template.tables[identity.table].key
    key = (template.version, identity.id, tuple(sorted({c.row for c in subtotals if c.table == table_key})), lang)
    hit = _INSTANCES.get(key)
    if hit is not None and hit[0] is template and hit[1] is identity:
        return hit[2]
    instances = _instances(template, identity, subtotals, lang)
    _INSTANCES[key] = (template, identity, instances)
    return instances


_STATUS_VALUE = attrgetter("status", "value")


def _identity_cells(
    ctx: RuleContext,
) -> tuple[dict[str, CellValue], dict[str, CellValue], frozenset[str], dict[str, int | float]]:
    """(subtotals by key, every cell and subtotal by key, keys of those without a usable value, the
    values of the others by key)."""
    subtotals = {c.key: c for c in ctx.report.subtotals}
    cells = {**ctx.cell_map(), **subtotals}
    values: dict[str, int | float] = {
        key: value
        for key, (status, value) in zip(cells, map(_STATUS_VALUE, cells.values()), strict=True)
        if status == "ok" and value is not None
    }
    return subtotals, cells, frozenset(cells.keys() - values.keys()), values


def _number(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _expr(terms: list[tuple[str, str]], cells: dict[str, CellValue], lang: str) -> str:
    shown = [(name, cells[key].value or 0) for name, key in terms]
    if len(shown) > MAX_TERMS_SHOWN:
        nonzero = [(n, v) for n, v in shown if v != 0]
        rest = i18n.word("sum.others_zero", lang)
        parts = [f"{n}({_number(v)})" for n, v in nonzero]
        return "+".join(parts) + (i18n.word("clause.sep", lang) + rest if len(nonzero) < len(shown) else "")
    return "+".join(f"{n}({_number(v)})" for n, v in shown)


def _total(keys: tuple[str, ...], values: dict[str, int | float]) -> int | float:
    """The sum of the cells' values (all usable), added in term order from 0."""
    total: int | float = 0
    for key in keys:
        total += values[key]
    return total


def _scope_list(scopes: list[str], total: int, lang: str, unit: str) -> str:
    if len(scopes) == total:
        return i18n.word(f"sum.every_{unit}", lang)
    shown = scopes[:MAX_SCOPES_SHOWN]
    text = i18n.join(shown, lang)
    if len(scopes) > len(shown):
        text += i18n.word("sum.more_places", lang, all=len(scopes), more=len(scopes) - len(shown))
    return text


def report_instances(ctx: RuleContext, template: Template, identity: IdentitySpec) -> list[Instance]:
    """The instances of an identity in this report, a group's one-row subtotal (STR011) in place of its
    missing items; once per report."""

    def build() -> list[Instance]:
        subtotals, cells, _unusable, _values = ctx.view("identity_cells", lambda: _identity_cells(ctx))
        instances = _shared_instances(template, identity, ctx.report.subtotals, ctx.lang)
        if subtotals:  # (without subtotals _with_subtotals returns every instance as it is)
            table = template.tables[identity.table]
            instances = [_with_subtotals(i, table, cells, subtotals, ctx.lang) for i in instances]
        return instances

    return ctx.view(f"identity_instances:{identity.id}", build)


def _checked_identities(ctx: RuleContext, template: Template) -> list[IdentitySpec]:
    found = ctx.report.tables_found
    return [i for i in template.identities if found.get(i.table, False)]


def _all_instances(ctx: RuleContext, template: Template) -> InstanceList:
    """Every instance of every identity checked (named `identity#index`), for the culprit search."""
    return [
        (f"{identity.id}#{index}", inst.lhs_keys, inst.rhs_keys)
        for identity in _checked_identities(ctx, template)
        for index, inst in enumerate(report_instances(ctx, template, identity))
    ]


def check_identity(ctx: RuleContext, template: Template, identity: IdentitySpec) -> None:
    _subtotals, cells, unusable, values = ctx.view("identity_cells", lambda: _identity_cells(ctx))
    lang = ctx.lang
    instances = report_instances(ctx, template, identity)
    unverifiable: list[tuple[Instance, list[CellValue]]] = []
    for index, inst in enumerate(instances):
        bad: list[CellValue] = []
        if not unusable.isdisjoint(inst.keys):
            terms = inst.lhs + inst.rhs
            bad = [c for c in (cells[k] for _n, k in terms) if c.status != "ok" or c.value is None]
            if identity.for_each == "row" and len(bad) == len(terms) and all(c.status == "missing" for c in bad):
                continue  # the row is absent: STR003/STR011 say so
        if bad:
            unverifiable.append((inst, bad))
            continue
        lhs, rhs = _total(inst.lhs_keys, values), _total(inst.rhs_keys, values)
        if abs(lhs - rhs) < 1e-9:
            continue
        at = cells[inst.rhs[0][1]]
        diff = _number(abs(lhs - rhs))
        found = pinpoint(ctx, template, lambda: _all_instances(ctx, template), cells, values)
        carried = found.get(f"{identity.id}#{index}")
        ctx.emit(
            identity.rule,
            {
                "column": inst.scope,
                "row": inst.scope,
                "lhs_expr": _expr(inst.lhs, cells, lang),
                "rhs_expr": _expr(inst.rhs, cells, lang),
                "lhs": _number(lhs),
                "rhs": _number(rhs),
                "diff": diff,
            },
            at=at,
            cells=[k for _n, k in inst.lhs + inst.rhs],
            expected=lhs,
            actual=rhs,
            classification=carried.classification if carried else None,
            suggestions=carried.suggestions if carried else None,
            advice=carried.advice if carried else None,
        )
    if not unverifiable:
        return
    scopes = [inst.scope for inst, _bad in unverifiable]
    reasons: dict[str, str] = {}
    for inst, bad in unverifiable:
        names = {k: n for n, k in inst.lhs + inst.rhs}
        for cell in bad:
            label = names[cell.key]
            reasons.setdefault(label, i18n.status(cell.status, lang))
    reason_items = [i18n.word("sum.name_status", lang, name=name, status=s) for name, s in reasons.items()]
    if len(reason_items) > MAX_SCOPES_SHOWN:
        more = len(reason_items) - MAX_SCOPES_SHOWN
        reason_items = [*reason_items[:MAX_SCOPES_SHOWN], i18n.word("sum.more_items", lang, n=more)]
    first_bad = unverifiable[0][1][0]
    ctx.emit(
        "SUM005",
        {
            "identity": i18n.pick(lang, identity.title_zh, identity.title_en),
            "scope": _scope_list(scopes, len(instances), lang, identity.for_each),
            "reason": i18n.join(reason_items, lang),
        },
        at=first_bad,
        # every cell of an unverifiable instance is left unverified, not only the blank/missing ones
        cells=sorted({k for inst, _bad in unverifiable for _n, k in inst.lhs + inst.rhs}),
    )


def check(ctx: RuleContext) -> None:
    report = ctx.report
    if not is_report(report) or not report.cells:
        return
    template = load_template(ctx.version)
    for identity in _checked_identities(ctx, template):  # (a missing table: STR002 says so)
        check_identity(ctx, template, identity)


def identity_instances(report: Report) -> InstanceList:
    """Every identity instance the SUM rules evaluate in `report` (name, lhs keys, rhs keys), as the culprit
    search sees them: what the page needs to re-check a tried correction."""
    if not is_report(report) or not report.cells:
        return []
    ctx = RuleContext(report)
    return _all_instances(ctx, load_template(ctx.version))
