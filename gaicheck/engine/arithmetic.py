"""Arithmetic rules (SUM): Report → findings for every identity of the template
(rules/templates/common.toml [[identities]]) that fails, or that cannot be checked.

An identity with a blank, missing or ambiguous cell is never evaluated with 0 in its place: it is
reported once (SUM005), naming the columns or rows it could not be checked in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from gaicheck.engine.core import Emitter, rule
from gaicheck.engine.structure import effective_template
from gaicheck.model.report import CellValue, Report
from gaicheck.prose.memo import cell_map, memo
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
    inst: Instance, table: TableSpec, cells: dict[str, CellValue], subtotals: dict[str, CellValue]
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
                terms.insert(at, (group.label, sub.key))
        sides.append(terms)
    return Instance(inst.scope, sides[0], sides[1], inst.col)


def _instances(template: Template, identity: IdentitySpec, subtotals: list[CellValue]) -> list[Instance]:
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
                    col.label,
                    [(rows[r].short or rows[r].label, f"{table.key}.{r}.{col.key}") for r in lhs],
                    [(rows[r].short or rows[r].label, f"{table.key}.{r}.{col.key}") for r in rhs],
                    col.key,
                )
            )
    else:
        groups = {g.key: g for g in table.groups}
        subtotal_rows = [
            RowSpec(key=g, label=groups[g].label, short=groups[g].label)
            for g in sorted({c.row for c in subtotals if c.table == table.key})
        ]
        for row in [rows[k] for k in identity.rows] if identity.rows else [*table.rows, *subtotal_rows]:
            out.append(
                Instance(
                    row.short or row.label,
                    [(cols[c].label, f"{table.key}.{row.key}.{c}") for c in lhs],
                    [(cols[c].label, f"{table.key}.{row.key}.{c}") for c in rhs],
                )
            )
    return out


# _instances depends only on the template, the identity and the table's subtotal rows; templates are
# loaded once per process, so the instances are kept per (template, identity, subtotal rows)
_INSTANCES: dict[tuple[int, int, tuple[str, ...]], tuple[Template, IdentitySpec, list[Instance]]] = {}


def _shared_instances(template: Template, identity: IdentitySpec, subtotals: list[CellValue]) -> list[Instance]:
    """_instances, computed once per template, identity and subtotal rows; do not modify the result."""
    table_key = template.tables[identity.table].key
    key = (id(template), id(identity), tuple(sorted({c.row for c in subtotals if c.table == table_key})))
    hit = _INSTANCES.get(key)
    if hit is not None and hit[0] is template and hit[1] is identity:
        return hit[2]
    instances = _instances(template, identity, subtotals)
    _INSTANCES[key] = (template, identity, instances)
    return instances


_STATUS_VALUE = attrgetter("status", "value")


def _identity_cells(
    report: Report,
) -> tuple[dict[str, CellValue], dict[str, CellValue], frozenset[str], dict[str, int | float]]:
    """(subtotals by key, every cell and subtotal by key, keys of those without a usable value, the
    values of the others by key)."""
    subtotals = {c.key: c for c in report.subtotals}
    cells = {**cell_map(report), **subtotals}
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
        rest = "其余各项为0" if lang == "zh" else "all others 0"
        parts = [f"{n}({_number(v)})" for n, v in nonzero]
        return "+".join(parts) + (("，" if lang == "zh" else ", ") + rest if len(nonzero) < len(shown) else "")
    return "+".join(f"{n}({_number(v)})" for n, v in shown)


def _total(keys: tuple[str, ...], values: dict[str, int | float]) -> int | float:
    """The sum of the cells' values (all usable), added in term order from 0."""
    total: int | float = 0
    for key in keys:
        total += values[key]
    return total


def _scope_list(scopes: list[str], total: int, lang: str, unit: str) -> str:
    if len(scopes) == total:
        if lang == "en":
            return f"in every {unit}"
        return "全部各列" if unit == "column" else "全部各行"
    shown = scopes[:MAX_SCOPES_SHOWN]
    sep = "、" if lang == "zh" else ", "
    text = sep.join(shown)
    if len(scopes) > len(shown):
        text += f"等{len(scopes)}处" if lang == "zh" else f" and {len(scopes) - len(shown)} more"
    return text


_STATUS_ZH = {"empty": "为空", "missing": "缺失", "ambiguous": "无法确定", "invalid": "不是数字"}
_STATUS_EN = {"empty": "blank", "missing": "missing", "ambiguous": "not assignable", "invalid": "not a number"}


def check_identity(report: Report, template: Template, identity: IdentitySpec, out: Emitter) -> None:
    subtotals, cells, unusable, values = memo(report, "identity_cells", lambda: _identity_cells(report))
    lang = out.options.lang
    table = template.tables[identity.table]
    instances = _shared_instances(template, identity, report.subtotals)
    if subtotals:  # (without subtotals _with_subtotals returns every instance as it is)
        instances = [_with_subtotals(i, table, cells, subtotals) for i in instances]
    unverifiable: list[tuple[Instance, list[CellValue]]] = []
    for inst in instances:
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
        out.emit(
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
        )
    if not unverifiable:
        return
    scopes = [inst.scope for inst, _bad in unverifiable]
    reasons: dict[str, str] = {}
    for inst, bad in unverifiable:
        names = {k: n for n, k in inst.lhs + inst.rhs}
        for cell in bad:
            label = names[cell.key]
            status = (_STATUS_EN if lang == "en" else _STATUS_ZH)[cell.status]
            reasons.setdefault(label, status)
    sep = "、" if lang == "zh" else ", "
    reason_items = [f"{name}{status}" if lang == "zh" else f"{name} {status}" for name, status in reasons.items()]
    if len(reason_items) > MAX_SCOPES_SHOWN:
        more = len(reason_items) - MAX_SCOPES_SHOWN
        reason_items = [*reason_items[:MAX_SCOPES_SHOWN], f"等{more}项" if lang == "zh" else f"and {more} more"]
    first_bad = unverifiable[0][1][0]
    out.emit(
        "SUM005",
        {
            "identity": identity.title_en if lang == "en" else identity.title_zh,
            "scope": _scope_list(scopes, len(instances), lang, identity.for_each),
            "reason": sep.join(reason_items),
        },
        at=first_bad,
        # every cell of an unverifiable instance is left unverified, not only the blank/missing ones
        cells=sorted({k for inst, _bad in unverifiable for _n, k in inst.lhs + inst.rhs}),
    )


@rule("SUM001", "SUM002", "SUM003", "SUM004", "SUM005")
def identities(report: Report, out: Emitter) -> None:
    if report.template not in ("2019", "2021", "mixed") or not report.cells:
        return
    template = load_template(effective_template(report))
    for identity in template.identities:
        if not report.tables_found.get(identity.table, False):
            continue  # STR002 already says the table is missing
        check_identity(report, template, identity, out)


@rule("SUM006")
def inconsistent_runs(report: Report, out: Emitter) -> None:
    """A digit run that no split makes satisfy its row's identities (issue 13 point 6): an error naming the
    run and the identities, not only "cannot be checked"."""
    runs = [obs for obs in report.observations if obs.kind == "run_inconsistent"]
    if not runs:
        return
    template = load_template(effective_template(report))
    sep = "、" if out.options.lang == "zh" else ", "
    for obs in runs:
        table = obs.table
        scope = obs.data.get("scope")  # "row": the row's identities; "table": those across its rows
        titles = [
            i.title_en if out.options.lang == "en" else i.title_zh
            for i in template.identities
            if i.table == table and (i.for_each == "row") == (scope == "row")
        ]
        fields: dict[str, object] = {**obs.data, "row": obs.data.get("row_label"), "identity": sep.join(titles)}
        out.emit("SUM006", fields, at=obs, cells=obs.cells)
