"""Cell-key helpers for exact expectations in tests."""

from __future__ import annotations

from gaicheck.api import check_path
from gaicheck.checks.options import Options
from gaicheck.templates import load_template

APPLY_COLS = ["natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"]
REVIEW_ROWS = ["reconsideration", "litigation_direct", "litigation_after"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]


def row(table: str, row_key: str, cols: list[str] | None = None) -> tuple[str, ...]:
    return tuple(f"{table}.{row_key}.{c}" for c in (cols or APPLY_COLS))


def rows(table: str, row_keys: list[str], cols: list[str] | None = None) -> tuple[str, ...]:
    return tuple(sorted(k for r in row_keys for k in row(table, r, cols)))


def outcome_rows(version: str) -> list[str]:
    t = load_template(version).tables["apply"]
    return [r.key for r in t.rows if "outcome" in r.tags]


# the families this tests pin; prose, dates and style rules have their own tests
SPINE = ["STR", "TPL", "SUM", "VAL001", "VAL002", "VAL003"]


def signature(path: str) -> list[tuple[str, int | None, tuple[str, ...], object, object]]:
    return [(f.code, f.line, tuple(f.cells), f.expected, f.actual) for f in check_path(path, Options(select=SPINE))]


def sorted_signature(path: str) -> list[tuple[str, int | None, tuple[str, ...], object, object]]:
    return [(c, line, tuple(sorted(cells)), e, a) for c, line, cells, e, a in signature(path)]
