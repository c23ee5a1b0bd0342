"""Random consistent reports for the shape tests: template (rules/templates/*.toml) → values → a grid model.

A `Spec` is one report as its author meant it: the template version, year, organ and the value of every
template cell (key `table.row.column`, as `gaicheck parse --format json` names it), with every identity of
the template holding. `grids(spec)` lays its three tables out as the official format prints them (label
columns merged over several rows, header rows, one caption per table-1 block); the renderers in
shapes.py turn that one layout into the shapes publications take. Only the TOML data and the public
cell-key semantics are used, never gaicheck's internal modules.
"""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "rules" / "templates"

NOTICE = {"2019": "国办公开办函〔2019〕60号", "2021": "国办公开办函〔2021〕30号"}
PERSON_COLUMNS = ["natural", "commercial", "research", "nonprofit", "legal", "other_org"]


@cache
def template(version: str) -> dict[str, Any]:
    """The version file merged over common.toml (tables.apply gets the version's rows and groups)."""
    common = tomllib.loads((TEMPLATES / "common.toml").read_text(encoding="utf-8"))
    own = tomllib.loads((TEMPLATES / f"{version}.toml").read_text(encoding="utf-8"))
    merged = dict(common)
    tables = dict(common["tables"])
    tables["active"] = own["tables"]["active"]
    apply = dict(common["tables"]["apply"])
    apply.update(own["tables"]["apply"])
    tables["apply"] = apply
    merged["tables"] = tables
    return merged


@dataclass(frozen=True)
class Value:
    """A cell's value as written by the author (`raw`, e.g. `12.50`, `-3`) and as a number."""

    raw: str
    number: int | float

    @classmethod
    def of(cls, number: int) -> Value:
        return cls(str(number), number)


@dataclass
class Spec:
    version: str  # "2019" | "2021"
    year: int
    organ: str
    values: dict[str, Value]
    headings: dict[str, str] = field(default_factory=dict)  # section key → heading text (numbered)

    def changed(self, key: str, delta: int = 1) -> Spec:
        """The same report with one cell's written value moved by `delta` (its other cells untouched)."""
        old = self.values[key]
        number = old.number + delta
        values = dict(self.values)
        values[key] = Value(str(number) if isinstance(number, int) else _decimal(number, old.raw), number)
        return replace(self, values=values)


def _decimal(number: float, like: str) -> str:
    places = len(like.split(".")[1]) if "." in like else 0
    return f"{number:.{places}f}"


# ---- values -------------------------------------------------------------------------------------
def count(rng: random.Random, zero: float = 0.55) -> int:
    """A count as reports hold them: mostly 0, often small, sometimes large."""
    roll = rng.random()
    if roll < zero:
        return 0
    if roll < zero + (1 - zero) * 0.7:
        return rng.randint(1, 20)
    if roll < zero + (1 - zero) * 0.93:
        return rng.randint(21, 999)
    return rng.randint(1000, 99999)


def money_wan(rng: random.Random) -> Value:
    """A fee in 万元: 0, a whole number, or up to 4 decimals (`0.35`, `12.5`, `18651.06`)."""
    roll = rng.random()
    if roll < 0.3:
        return Value("0", 0)
    places = rng.choice([0, 1, 2, 2, 4])
    whole = rng.choice([0, rng.randint(1, 99), rng.randint(100, 99999)])
    if places == 0:
        return Value(str(max(whole, 1)), max(whole, 1))
    frac = rng.randint(1, 10**places - 1)
    raw = f"{whole}.{frac:0{places}d}"
    return Value(raw, float(raw))


def apply_values(rng: random.Random, version: str) -> dict[str, Value]:
    rows = [r["key"] for r in template(version)["tables"]["apply"]["rows"]]
    outcomes = [r["key"] for r in template(version)["tables"]["apply"]["rows"] if "outcome" in r.get("tags", [])]
    out: dict[str, Value] = {}
    busy = rng.random()  # how many applications this organ gets: many rows of zeros or few
    for col in PERSON_COLUMNS:
        zero = 0.93 if col in ("research", "nonprofit") else (0.4 if busy > 0.5 and col == "natural" else 0.75)
        cells = {row: count(rng, zero) for row in outcomes}
        total = sum(cells.values())
        carry_forward = count(rng, 0.7)
        carried_over = rng.randint(0, total + carry_forward) if rng.random() < 0.4 else 0
        cells.update(total=total, carry_forward=carry_forward, carried_over=carried_over)
        cells["new"] = total + carry_forward - carried_over
        for row, number in cells.items():
            out[f"apply.{row}.{col}"] = Value.of(number)
    for row in rows:
        out[f"apply.{row}.total"] = Value.of(sum(int(out[f"apply.{row}.{c}"].number) for c in PERSON_COLUMNS))
    return out


def review_values(rng: random.Random) -> dict[str, Value]:
    out: dict[str, Value] = {}
    for row in ("reconsideration", "litigation_direct", "litigation_after"):
        parts = {col: count(rng, 0.6) for col in ("upheld", "corrected", "other", "pending")}
        for col, number in parts.items():
            out[f"review.{row}.{col}"] = Value.of(number)
        out[f"review.{row}.total"] = Value.of(sum(parts.values()))
    return out


def active_values(rng: random.Random, version: str) -> dict[str, Value]:
    out: dict[str, Value] = {}
    for block in template(version)["tables"]["active"]["blocks"]:
        for row in block["rows"]:
            prev = 0
            for column in block["columns"]:
                key = f"active.{row['key']}.{column['key']}"
                kind = column["kind"]
                if kind == "money_wan":
                    out[key] = money_wan(rng)
                elif kind == "money":
                    out[key] = money_wan(rng) if rng.random() < 0.6 else Value.of(count(rng, 0.3))
                elif kind == "signed":  # 本年增/减: negative only as far as the previous count allows
                    change = rng.randint(-prev, 20) if rng.random() < 0.6 else 0
                    sign = "+" if change > 0 and rng.random() < 0.3 else ""
                    out[key] = Value(f"{sign}{change}", change)
                elif column["key"] == "prev_count":
                    prev = count(rng, 0.4)
                    out[key] = Value.of(prev)
                elif column["key"] == "total_published":  # VAL006: never below 本年新公开数量
                    published = int(out[f"active.{row['key']}.new_published"].number)
                    out[key] = Value.of(published + count(rng, 0.3))
                else:
                    out[key] = Value.of(count(rng, 0.4))
    return out


HEADING_VARIANTS = {
    "review": [
        "政府信息公开行政复议、行政诉讼情况",
        "政府信息公开行政复议与行政诉讼情况",
        "政府信息公开行政复议和行政诉讼情况",
    ],
    "problems": ["存在的主要问题及改进情况", "存在的主要问题及明年工作计划", "存在的主要问题及改进情况"],
}


def random_spec(rng: random.Random, version: str | None = None) -> Spec:
    version = version or rng.choice(["2019", "2021"])
    year = rng.choice([2019, 2020]) if version == "2019" else rng.randint(2021, 2025)
    organ = rng.choice(["示例县示例镇人民政府", "某市交通运输局", "某区发展和改革委员会", "某县人民政府办公室"])
    values = {**active_values(rng, version), **apply_values(rng, version), **review_values(rng)}
    headings = {}
    for section in template(version)["sections"]:
        title = section["title"]
        if section["key"] in HEADING_VARIANTS and rng.random() < 0.35:
            title = rng.choice(HEADING_VARIANTS[section["key"]])
        headings[section["key"]] = f"{section['number']}、{title}"
    return Spec(version, year, organ, values, headings)


# ---- layout -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GCell:
    """One printed cell: its text, the template cell it holds (values only) and how far it spans."""

    text: str
    key: str | None = None
    rows: int = 1
    cols: int = 1


Grid = list[list[GCell]]  # rows of the cells that start in them (spanned positions are not repeated)


def _active_grid(spec: Spec) -> Grid:
    grid: Grid = []
    width = 4
    for block in template(spec.version)["tables"]["active"]["blocks"]:
        columns = block["columns"]
        n = len(columns)
        spans = [1] * n
        spans[-1] = width - n  # the last column takes the rest of the width
        grid.append([GCell(block["caption"], cols=width)])
        grid.append([GCell("信息内容")] + [GCell(c["label"], cols=s) for c, s in zip(columns, spans, strict=True)])
        for row in block["rows"]:
            line = [GCell(row["label"])]
            for column, span in zip(columns, spans, strict=True):
                key = f"active.{row['key']}.{column['key']}"
                line.append(GCell(spec.values[key].raw, key, cols=span))
            grid.append(line)
    return grid


def _apply_grid(spec: Spec) -> Grid:
    tmpl = template(spec.version)["tables"]["apply"]
    cols = [c["key"] for c in tmpl["columns"]]
    groups = {g["key"]: g for g in tmpl["groups"]}
    rows = tmpl["rows"]
    grid: Grid = [
        [GCell(tmpl["corner"], rows=3, cols=3), GCell("申请人情况", cols=7)],
        [GCell("自然人", rows=2), GCell("法人或其他组织", cols=5), GCell("总计", rows=2)],
        [GCell(c["label"]) for c in tmpl["columns"][1:6]],
    ]
    outcome_rows = [r for r in rows if r.get("group")]
    for i, row in enumerate(rows):
        line: list[GCell] = []
        group = row.get("group")
        if group is None:
            label = [GCell(row["label"], cols=3)]
        else:
            label = []
            if i == rows.index(outcome_rows[0]):
                label.append(GCell(groups["outcomes"]["label"], rows=len(outcome_rows)))
            if group == "outcomes":
                label.append(GCell(row["label"], cols=2))
            else:
                members = [r for r in rows if r.get("group") == group]
                if row is members[0]:
                    label.append(GCell(groups[group]["label"], rows=len(members)))
                label.append(GCell(row["label"]))
        line += label
        line += [GCell(spec.values[f"apply.{row['key']}.{c}"].raw, f"apply.{row['key']}.{c}") for c in cols]
        grid.append(line)
    return grid


def _review_grid(spec: Spec) -> Grid:
    labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    keys = ["upheld", "corrected", "other", "pending", "total"]
    return [
        [GCell("行政复议", cols=5), GCell("行政诉讼", cols=10)],
        [GCell(t, rows=2) for t in labels] + [GCell("未经复议直接起诉", cols=5), GCell("复议后起诉", cols=5)],
        [GCell(t) for t in labels * 2],
        [
            GCell(spec.values[f"review.{row}.{k}"].raw, f"review.{row}.{k}")
            for row in ("reconsideration", "litigation_direct", "litigation_after")
            for k in keys
        ],
    ]


def grids(spec: Spec) -> dict[str, Grid]:
    return {"active": _active_grid(spec), "apply": _apply_grid(spec), "review": _review_grid(spec)}


def width(grid: Grid) -> int:
    return sum(c.cols for c in grid[0])


def dense(grid: Grid) -> list[list[tuple[GCell, bool]]]:
    """The grid with every position filled: (cell, True) where a cell starts, (cell, False) where a
    span covers the position."""
    n = width(grid)
    out: list[list[tuple[GCell, bool] | None]] = [[None] * n for _ in grid]
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while out[r][c] is not None:
                c += 1
            for dr in range(cell.rows):
                for dc in range(cell.cols):
                    out[r + dr][c + dc] = (cell, dr == 0 and dc == 0)
            c += cell.cols
    return [[p if p is not None else (GCell(""), True) for p in row] for row in out]


# ---- prose --------------------------------------------------------------------------------------
def title(spec: Spec) -> str:
    return f"{spec.organ}{spec.year}年度政府信息公开工作年度报告"


def paragraphs(spec: Spec) -> dict[str, list[str]]:
    """The prose of each section (before its table, if any), consistent with the values."""
    v = spec.values
    new = int(v["apply.new.total"].number)
    done = int(v["apply.total.total"].number)
    return {
        "intro": [
            f"本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国"
            f"政府信息公开工作年度报告格式〉的通知》（{NOTICE[spec.version]}）编制。本报告所列数据的统计期限自{spec.year}年1月1日"
            f"起至{spec.year}年12月31日止。"
        ],
        "overview": [
            f"{spec.year}年，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
            f"全年共收到政府信息公开申请{new}件，办结{done}件。",
            "（一）主动公开。通过政府网站和政务新媒体主动公开政府信息，及时发布政策文件和办事指南。",
            "（二）政府信息管理。严格落实公开前保密审查，动态更新政府信息公开指南。",
        ],
        "problems": [
            "政府信息公开工作仍存在一些不足：一是主动公开内容不够丰富；二是政策解读形式较为单一。"
            "下一步将进一步丰富公开内容，创新解读形式，加强工作人员培训。"
        ],
        "other": ["本年度未收取信息处理费。"],
    }


def published(spec: Spec) -> str:
    return f"发布日期：{spec.year + 1}-01-2{spec.year % 7}"


# ---- identities ---------------------------------------------------------------------------------
def _expand(version: str, table: str, terms: list[str]) -> list[str]:
    rows = template(version)["tables"][table].get("rows", [])
    out: list[str] = []
    for term in terms:
        out += [r["key"] for r in rows if term[1:] in r.get("tags", [])] if term.startswith("@") else [term]
    return out


@cache
def identity_instances(version: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(rule code, left cell keys, right cell keys) of every instance of every identity (one per column
    or per row): the left side adds up to the right side."""
    tmpl = template(version)
    out: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    for identity in tmpl["identities"]:
        table = identity["table"]
        lhs, rhs = _expand(version, table, identity["lhs"]), _expand(version, table, identity["rhs"])
        if identity["for_each"] == "column":
            for column in tmpl["tables"][table]["columns"]:
                col = column["key"]
                out.append(
                    (
                        identity["rule"],
                        tuple(f"{table}.{r}.{col}" for r in lhs),
                        tuple(f"{table}.{r}.{col}" for r in rhs),
                    )
                )
        else:
            rows = identity.get("rows") or [r["key"] for r in tmpl["tables"][table]["rows"]]
            for row in rows:
                out.append(
                    (
                        identity["rule"],
                        tuple(f"{table}.{row}.{c}" for c in lhs),
                        tuple(f"{table}.{row}.{c}" for c in rhs),
                    )
                )
    return out
