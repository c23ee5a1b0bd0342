"""The hot-path model (cells, text blocks, findings) is made of slotted dataclasses that pickle as they are
(the spool and the process pool pickle results), and the extractor writes no object's `__dict__` and keys
no cache by `id()`: its views are kept with the template data they come from."""

from __future__ import annotations

import ast
import pickle
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

from gaicheck.api import parse_path, result_for
from gaicheck.engine.core import Options
from gaicheck.extract.labels import label_set_for
from gaicheck.model import observations
from gaicheck.model.finding import FileResult, Finding
from gaicheck.model.report import CellValue, Position, Report, SectionInfo, TextBlock
from gaicheck.templates import Label, Template, load_template
from tests.conftest import EXAMPLES, ROOT

WRONG = EXAMPLES / "2023_example_wrong_totals.txt"


@pytest.mark.parametrize(
    "cls",
    [
        Position, CellValue, SectionInfo, TextBlock, Report, Finding, FileResult,
        *(c for c in vars(observations).values() if isinstance(c, type) and is_dataclass(c)),
    ],
)
def test_hot_path_classes_are_slotted_dataclasses(cls: type) -> None:
    assert is_dataclass(cls)
    assert "__slots__" in cls.__dict__
    assert not hasattr(cls.__new__(cls), "__dict__")


def test_report_and_result_pickle_to_equal_objects() -> None:
    report = parse_path(str(WRONG))
    result = result_for(report, Options())
    assert len(report.cells) == 200 and len(result.findings) == 7
    again = pickle.loads(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == report
    assert again.cell("apply.new.natural") == CellValue(
        "apply.new.natural", "apply", "new", "natural", "一、本年新收政府信息公开申请数量", "自然人",
        raw="52", value=52, status="ok", line=30, column=20,
    )
    assert pickle.loads(pickle.dumps(result)) == result


def test_cells_are_built_by_position_with_position_fields_by_keyword() -> None:
    cell = CellValue("apply.total.total", "apply", "total", "total", "（七）总计", "总计", page=3, where="表2")
    assert [f.name for f in fields(cell)][:5] == ["line", "column", "page", "where", "key"]
    assert (cell.line, cell.page, cell.where, cell.kind, cell.status, cell.raw) == (None, 3, "表2", "count", "missing", None)


def test_label_sets_are_kept_with_their_template_data() -> None:
    template = load_template("2021")
    table = template.tables["apply"]
    first = label_set_for(table, "test", lambda: [Label(key="a", label="甲")])
    assert label_set_for(table, "test", lambda: [Label(key="b", label="乙")]) is first
    # another copy of the same data has its own views
    other = Template.model_validate(template.model_dump())
    fresh = label_set_for(other.tables["apply"], "test", lambda: [Label(key="b", label="乙")])
    assert [lb.key for lb in fresh.labels] == ["b"]


def _offences(path: Path) -> list[str]:
    out: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "id":
            out.append(f"{path.name}:{node.lineno}: id()")
        if isinstance(node, ast.Attribute) and node.attr in ("__dict__", "__pydantic_fields_set__"):
            out.append(f"{path.name}:{node.lineno}: {node.attr}")
    return out


def test_extractor_and_model_neither_write_dicts_nor_key_by_id() -> None:
    files = sorted((ROOT / "gaicheck" / "extract").glob("*.py")) + sorted((ROOT / "gaicheck" / "model").glob("*.py"))
    offences = [o for f in files for o in _offences(f)]
    # the one `__dict__` left: Location's own slot descriptors, read from its class (document.py)
    assert offences == ["document.py:79: __dict__"]
