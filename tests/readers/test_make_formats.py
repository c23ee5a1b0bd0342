"""tests/fixtures/make_formats.py: a seed report converted to HTML, DOCX and PDF and read back by
the readers gives the same table cells (PDF: up to the spaces its reader drops around CJK text)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from gaicheck.readers import read_file

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "2024_xiaodukouzhen.txt"  # seed 004: pipe tables, 2021 template


def load_make_formats() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_formats", ROOT / "tests" / "fixtures" / "make_formats.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_formats", module)
    spec.loader.exec_module(module)
    return module


def trimmed(rows: list[list[str]]) -> list[list[str]]:
    out = []
    for row in rows:
        values = list(row)
        while values and not values[-1]:
            values.pop()
        out.append(values)
    return out


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, dict[str, Path]]:
    mf = load_make_formats()
    out = tmp_path_factory.mktemp("formats")
    paths = mf.convert(SEED, out)
    return mf, {p.suffix[1:]: p for p in paths}


def test_three_files_are_written(converted: tuple[ModuleType, dict[str, Path]]) -> None:
    _mf, paths = converted
    assert sorted(paths) == ["docx", "html", "pdf"]
    assert all(p.stat().st_size > 1000 for p in paths.values())


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_tables_come_back(converted: tuple[ModuleType, dict[str, Path]], fmt: str) -> None:
    mf, paths = converted
    source = mf.load(SEED)
    # a spanned cell comes back as its text repeated in each column it covers
    want = [trimmed([[v for v, span in row for _ in range(span)] for row in mf.grid(table)]) for table in source.tables()]
    assert len(want) == 3 and len(want[1]) == 28  # the seed's tables 2, 3, 4
    doc = read_file(str(paths[fmt]))
    assert doc.format == fmt
    got = [trimmed([[cell.text for cell in row.cells] for row in table.rows]) for table in doc.tables()]
    if fmt == "pdf":

        def squeeze(tables: list[list[list[str]]]) -> list[list[list[str]]]:
            return [[[re.sub(r"\s+", "", v) for v in row] for row in table] for table in tables]

        got, want = squeeze(got), squeeze(want)
    assert got == want
    assert all(table.exact_grid for table in doc.tables())
    assert "四、政府信息公开行政复议、行政诉讼情况" in [p.text for p in doc.paragraphs()]


def test_cli(tmp_path: Path) -> None:
    mf = load_make_formats()
    assert mf.main([str(SEED), "--out", str(tmp_path), "--formats", "html"]) == 0
    assert (tmp_path / "2024_xiaodukouzhen.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
