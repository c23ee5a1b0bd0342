"""Unit tests of the spine's pieces: template data, catalogue, values, normalisation, text reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaicheck.catalogue import load_catalogue
from gaicheck.checks.registry import RULES
from gaicheck.extract.labels import LabelSet
from gaicheck.extract.normalize import display_form, match_key
from gaicheck.extract.values import parse_value
from gaicheck.model.document import Paragraph, Table
from gaicheck.readers import read_bytes
from gaicheck.templates import load_template


def test_template_cell_counts_match_the_official_formats() -> None:
    t19, t21 = load_template("2019"), load_template("2021")
    assert {k: len(t.cell_specs()) for k, t in t19.tables.items()} == {"active": 22, "apply": 161, "review": 15}
    assert {k: len(t.cell_specs()) for k, t in t21.tables.items()} == {"active": 10, "apply": 175, "review": 15}
    for t in (t19, t21):
        keys = [f"{tab.key}.{r.key}.{c.key}" for tab in t.tables.values() for r, c in tab.cell_specs()]
        assert len(keys) == len(set(keys))
        assert [s.title for s in t.sections] == [
            "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项",
        ]


def test_identity_terms_resolve_to_template_rows() -> None:
    for version in ("2019", "2021"):
        t = load_template(version)
        for identity in t.identities:
            table = t.tables[identity.table]
            names = {r.key for r in table.rows} if identity.for_each == "column" else {c.key for c in table.columns}
            assert set(t.expand_terms(table, identity.lhs + identity.rhs)) <= names
    assert len(load_template("2019").expand_terms(load_template("2019").tables["apply"], ["@outcome"])) == 19
    assert len(load_template("2021").expand_terms(load_template("2021").tables["apply"], ["@outcome"])) == 21


def test_every_registered_code_is_in_the_catalogue() -> None:
    catalogue = load_catalogue()
    for code in RULES:
        assert code in catalogue, code
    for spec in catalogue.values():
        assert spec.message_zh and spec.message_en and spec.explanation_zh and spec.explanation_en
        assert spec.code[:3] in {"STR", "TPL", "SUM", "VAL", "TXT", "META", "STY", "YOY"} or spec.code[:4] == "META"


@pytest.mark.parametrize(
    "raw,status,value,unit",
    [
        ("0", "ok", 0, None), ("+3", "ok", 3, None), ("-18", "ok", -18, None), ("－18", "ok", -18, None),
        ("37964.59万元", "ok", 37964.59, "万元"), ("1428.9万元", "ok", 1428.9, "万元"), ("251000元", "ok", 251000, "元"),
        ("1,234", "ok", 1234, None), ("", "empty", None, None), ("-", "empty", None, None), ("—", "empty", None, None),
        ("/", "empty", None, None), ("无", "empty", None, None), ("详见附件", "invalid", None, None),
    ],
)
def test_parse_value(raw: str, status: str, value: object, unit: object) -> None:
    parsed = parse_value(raw)
    assert (parsed.status, parsed.value, parsed.unit) == (status, value, unit)


def test_normalisation_folds_width_spaces_and_numbering() -> None:
    assert display_form("1、属于国家秘密") == display_form("1．属于国家秘密") == display_form("1. 属于国家秘密")
    assert match_key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == match_key(
        "(二)部分公开(区分处理的, 只计这一情形, 不计其他情形)"
    )
    rows = LabelSet(load_template("2019").tables["apply"].rows)
    hit = rows.match("2. 其他法律法规禁止公开")
    assert hit is not None and rows.labels[hit.index].key == "denied_prohibited" and not hit.official
    hit = rows.match("（七）总计")
    assert hit is not None and rows.labels[hit.index].key == "total" and hit.official


def test_text_reader_shapes_and_locations() -> None:
    text = "标题\n\n行政复议\t0\t1\n规章 | 0 | 2 |\n| a | b |\n|---|---|\n"
    doc = read_bytes("x.txt", text.encode("utf-8"))
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Paragraph", "Table"]
    table = doc.blocks[2]
    assert isinstance(table, Table)
    assert [[c.text for c in r.cells] for r in table.rows] == [["行政复议", "0", "1"], ["规章", "0", "2", ""], ["a", "b", ""]]
    assert (table.rows[1].cells[2].loc.line, table.rows[1].cells[2].loc.column) == (4, 10)
    assert isinstance(doc.blocks[1], Paragraph) and doc.blocks[1].text == ""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_text_reader_encodings(encoding: str, tmp_path: Path) -> None:
    text = "示例镇2023年度政府信息公开工作年度报告\n一、总体情况\n"
    doc = read_bytes("x.txt", text.encode(encoding))
    first = doc.blocks[0]
    assert isinstance(first, Paragraph) and first.text == "示例镇2023年度政府信息公开工作年度报告"
