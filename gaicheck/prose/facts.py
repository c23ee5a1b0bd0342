"""Fact tables for the prose rules: the `[data]` table of a rule-catalogue file
(`rules/catalogue/<family>.toml`): deadlines, notice numbers, official names, keywords.

Catalogue data → **facts** → rule modules (engine/prose.py, meta.py, style.py). Facts are data, not code.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from gaicheck.resources import rules_dir


@cache
def facts(family: str) -> dict[str, Any]:
    """The `[data]` table of rules/catalogue/<family>.toml (empty when absent)."""
    path = rules_dir() / "catalogue" / f"{family}.toml"
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError:
        return {}
    table = data.get("data", {})
    return table if isinstance(table, dict) else {}


def strings(family: str, key: str) -> list[str]:
    value = facts(family).get(key, [])
    return [str(v) for v in value] if isinstance(value, list) else []
