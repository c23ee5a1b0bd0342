"""Helpers for the prose, meta, style and value-rule tests: run selected rule families on a file, and
write a variant of a real report with some text replaced."""

from __future__ import annotations

from pathlib import Path

from gaicheck.api import check_path
from gaicheck.checks.options import Options
from gaicheck.model.finding import Finding
from tests.conftest import DATA, EXAMPLES

PROSE = DATA / "corpus"  # the real corpus, shared with the corpus tests
CLEAN = EXAMPLES / "2023_example_clean.txt"
SEEDS = [
    EXAMPLES / "2020_binjiangxinqu.txt",
    EXAMPLES / "2020_dakouzhen.txt",
    EXAMPLES / "2022_cangtaizhen.txt",
    EXAMPLES / "2022_shuikouzhen.txt",
    EXAMPLES / "2024_xiaodukouzhen.txt",
]
NEW_FAMILIES = ["TXT", "META", "STY", "VAL004", "VAL005", "VAL006", "VAL007"]


def run(path: Path | str, select: list[str], lang: str = "zh") -> list[Finding]:
    return check_path(str(path), Options(select=select, lang=lang))


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def variant(tmp_path: Path, source: Path, *replacements: tuple[str, str], name: str | None = None) -> Path:
    """A copy of `source` with each (old, new) replaced once; fails when `old` is not in the text."""
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    out = tmp_path / (name or source.name)
    out.write_text(text, encoding="utf-8")
    return out
